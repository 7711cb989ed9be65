import { moduleParams } from './api-main.ts';
import { formatNames, jsonFormatParams, mainParams } from './main-params.ts';
import type { ModuleRegistry, ParamSpecs } from './module.ts';

/**
 * What action=help and action=paraminfo say about one module, resolved from a MediaWiki module
 * path: `main`, an action (`edit`), a query submodule (`query+revisions`, `query+*` for all of
 * them) or a format (`json`). Everything is derived from the modules' own declarations.
 */
export interface ModuleDoc {
  name: string;
  path: string;
  group: 'action' | 'prop' | 'list' | 'meta' | 'format' | 'main';
  prefix: string;
  description: string;
  mustBePosted: boolean;
  isWrite: boolean;
  internal: boolean;
  generator: boolean;
  tokenType: string | undefined;
  params: ParamSpecs;
  /** Submodule parameters (`action`, `prop`, `list`, `meta`, `format`) and the module paths they lead to. */
  submodules: Record<string, string[]>;
  /** Request fields that are not declared parameters (AuthManager fields of clientlogin/createaccount). */
  dynamicParameters: string | undefined;
}

const dynamicFields: Record<string, string> = {
  clientlogin: 'AuthManager fields: username, password, rememberMe.',
  createaccount: 'AuthManager fields: username, password, retype, email, realname.',
};

/** The module docs for `path` (several for `query+*`), or an empty list for an unknown path. */
export function resolveModulePaths(registry: ModuleRegistry, path: string): ModuleDoc[] {
  const actions = [...registry.actions.keys()];
  if (path === 'main') {
    return [
      {
        name: 'main',
        path: 'main',
        group: 'main',
        prefix: '',
        description: 'The MediaWiki-compatible Action API of wikiqueue.',
        mustBePosted: false,
        isWrite: false,
        internal: false,
        generator: false,
        tokenType: undefined,
        params: mainParams(actions),
        submodules: { action: actions, format: [...formatNames] },
        dynamicParameters: undefined,
      },
    ];
  }
  if ((formatNames as readonly string[]).includes(path)) {
    return [
      {
        ...blank(path, path, 'format'),
        description:
          path === 'none'
            ? 'Output nothing.'
            : `Output data in JSON format${path === 'jsonfm' ? ' (pretty-print in HTML)' : ''}.`,
        params: path === 'none' ? {} : jsonFormatParams,
      },
    ];
  }
  const [head, sub] = path.split('+', 2);
  if (head === 'query' && sub !== undefined) {
    const subs = sub === '*' ? registry.query : registry.query.filter((q) => q.name === sub);
    return subs.map((q) => ({
      ...blank(q.name, `query+${q.name}`, q.kind),
      prefix: q.prefix,
      description: q.description,
      internal: q.internal ?? false,
      generator: q.generator ?? false,
      params: q.params,
    }));
  }
  const module = registry.actions.get(path);
  if (!module) return [];
  const submodules: Record<string, string[]> = {};
  if (module.name === 'query') {
    for (const kind of ['prop', 'list', 'meta'] as const) {
      submodules[kind] = registry.query.filter((q) => q.kind === kind).map((q) => `query+${q.name}`);
    }
  }
  return [
    {
      name: module.name,
      path: module.name,
      group: 'action',
      prefix: module.prefix ?? '',
      description: module.description,
      mustBePosted: module.mustBePosted ?? false,
      isWrite: module.isWrite ?? false,
      internal: module.internal ?? false,
      generator: false,
      tokenType: module.needsToken,
      params: moduleParams(module),
      submodules,
      dynamicParameters: dynamicFields[module.name],
    },
  ];
}

function blank(name: string, path: string, group: ModuleDoc['group']): ModuleDoc {
  return {
    name,
    path,
    group,
    prefix: '',
    description: '',
    mustBePosted: false,
    isWrite: false,
    internal: false,
    generator: false,
    tokenType: undefined,
    params: {},
    submodules: {},
    dynamicParameters: undefined,
  };
}
