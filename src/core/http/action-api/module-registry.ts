import type { ApiModule, QueryModule } from './module.ts';
import { blockModule } from './modules/block.ts';
import { clientloginModule } from './modules/clientlogin.ts';
import { createaccountModule } from './modules/createaccount.ts';
import { deleteModule } from './modules/delete.ts';
import { editModule } from './modules/edit.ts';
import { createHelpModule } from './modules/help.ts';
import { loginModule } from './modules/login.ts';
import { logoutModule } from './modules/logout.ts';
import { moveModule } from './modules/move.ts';
import { optionsModule } from './modules/options.ts';
import { createParaminfoModule } from './modules/paraminfo.ts';
import { patrolModule } from './modules/patrol.ts';
import { pagetriageactionModule } from '../../../review/api/pagetriage-action.ts';
import { pagetriagelistModule } from '../../../review/api/pagetriage-list.ts';
import { pagetriagestatsModule } from '../../../review/api/pagetriage-stats.ts';
import { pagetriagetagcopyvioModule } from '../../../review/api/pagetriage-tagcopyvio.ts';
import { pagetriagetaggingModule } from '../../../review/api/pagetriage-tagging.ts';
import { protectModule } from './modules/protect.ts';
import { createQueryModule } from './modules/query.ts';
import { unblockModule } from './modules/unblock.ts';
import { undeleteModule } from './modules/undelete.ts';
import { userrightsModule } from './modules/userrights.ts';
import { queryModules } from './query/index.ts';

/** Every module api.php knows: the action modules by name and the query submodules. */
export interface ModuleRegistry {
  readonly actions: ReadonlyMap<string, ApiModule>;
  readonly query: readonly QueryModule[];
}

/**
 * Builds the module registry. help, paraminfo and query are built around the registry itself
 * (they describe or run other modules); `extraQueryModules` lets a caller add submodules.
 */
export function createModuleRegistry(extraQueryModules: readonly QueryModule[] = []): ModuleRegistry {
  const actions = new Map<string, ApiModule>();
  const registry: ModuleRegistry = { actions, query: [...queryModules, ...extraQueryModules] };
  const modules: ApiModule[] = [
    createQueryModule(registry.query),
    loginModule,
    clientloginModule,
    logoutModule,
    createaccountModule,
    editModule,
    moveModule,
    deleteModule,
    undeleteModule,
    protectModule,
    blockModule,
    unblockModule,
    userrightsModule,
    patrolModule,
    pagetriagelistModule,
    pagetriagestatsModule,
    pagetriageactionModule,
    pagetriagetaggingModule,
    pagetriagetagcopyvioModule,
    optionsModule,
    createHelpModule(registry),
    createParaminfoModule(registry),
  ];
  for (const m of [...modules].sort((a, b) => a.name.localeCompare(b.name))) actions.set(m.name, m);
  return registry;
}
