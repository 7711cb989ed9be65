import type { ApiModule, ModuleRegistry, QueryModule } from './module.ts';
import { blockModule } from './modules/block.ts';
import { clientloginModule } from './modules/clientlogin.ts';
import { createaccountModule } from './modules/createaccount.ts';
import { deleteModule } from './modules/delete.ts';
import { echomarkreadModule } from './modules/echomarkread.ts';
import { createEditModule } from './modules/edit.ts';
import type { EditPlugin } from './edit-plugins.ts';
import { createHelpModule } from './modules/help.ts';
import { loginModule } from './modules/login.ts';
import { logoutModule } from './modules/logout.ts';
import { moveModule } from './modules/move.ts';
import { optionsModule } from './modules/options.ts';
import { createParaminfoModule } from './modules/paraminfo.ts';
import { parseModule } from './modules/parse.ts';
import { patrolModule } from './modules/patrol.ts';
import { protectModule } from './modules/protect.ts';
import { rollbackModule } from './modules/rollback.ts';
import { createWatchModule } from './modules/watch.ts';
import { createPurgeModule } from './modules/purge.ts';
import { createQueryModule } from './modules/query.ts';
import { unblockModule } from './modules/unblock.ts';
import { undeleteModule } from './modules/undelete.ts';
import { userrightsModule } from './modules/userrights.ts';
import { queryModules } from './query/index.ts';

/**
 * Builds the module registry. help, paraminfo and query are built around the registry itself
 * (they describe or run other modules). The subsystems add theirs: `extra.actions` beside the core's
 * action modules, `extra.query` beside its query submodules, `extra.editPlugins` to action=edit; a
 * name may be taken once.
 */
export function createModuleRegistry(
  extra: {
    actions?: readonly ApiModule[];
    query?: readonly QueryModule[];
    editPlugins?: readonly EditPlugin[];
  } = {},
): ModuleRegistry {
  const actions = new Map<string, ApiModule>();
  const registry: ModuleRegistry = { actions, query: [...queryModules, ...(extra.query ?? [])] };
  const modules: ApiModule[] = [
    createQueryModule(registry.query),
    loginModule,
    clientloginModule,
    logoutModule,
    createaccountModule,
    createEditModule(extra.editPlugins ?? []),
    moveModule,
    deleteModule,
    undeleteModule,
    protectModule,
    blockModule,
    unblockModule,
    userrightsModule,
    patrolModule,
    parseModule,
    rollbackModule,
    createWatchModule(registry.query),
    createPurgeModule(registry.query),
    optionsModule,
    echomarkreadModule,
    createHelpModule(registry),
    createParaminfoModule(registry),
    ...(extra.actions ?? []),
  ];
  const taken = new Set<string>();
  for (const m of [...modules, ...registry.query])
    if (taken.has(`${'kind' in m ? m.kind : 'action'}:${m.name}`))
      throw new Error(`API module "${m.name}" is declared twice`);
    else taken.add(`${'kind' in m ? m.kind : 'action'}:${m.name}`);
  for (const m of [...modules].sort((a, b) => a.name.localeCompare(b.name))) actions.set(m.name, m);
  return registry;
}
