import { warning } from '../../../../errors.ts';
import { escapeHtml } from '../../../domain/html.ts';
import { resolveModulePaths, type ModuleDoc } from '../module-docs.ts';
import type { ApiModule, ApiRequestContext, ModuleRegistry, ParamSpec } from '../module.ts';
import { defaultMaxValues, highMaxValues } from '../parameters.ts';
import { serverOf } from '../query/site-paths.ts';

/**
 * action=paraminfo (ApiParamInfo): the machine-readable description of modules, as clients like
 * mwn read it (e.g. `parameters[].tokentype` of the `token` parameter). `modules` takes module
 * paths (`edit`, `query+revisions`, `query+*`, `main`, `json`); the older `querymodules`,
 * `mainmodule` and `formatmodules` answer under their own keys, as MediaWiki does.
 */
export function createParaminfoModule(registry: ModuleRegistry): ApiModule {
  return {
    name: 'paraminfo',
    description: 'Obtain information about API modules.',
    params: {
      modules: {
        type: 'string',
        multi: true,
        description:
          'List of module names (values of the action and format parameters, or main); submodules as query+revisions.',
      },
      helpformat: {
        type: 'enum',
        values: ['html', 'wikitext', 'raw', 'none'],
        default: 'none',
        description: 'Format of help strings.',
      },
      querymodules: {
        type: 'string',
        multi: true,
        deprecated: true,
        description: 'List of query module names (prop, list or meta).',
      },
      mainmodule: {
        type: 'boolean',
        deprecated: true,
        description: 'Get information about the main (top-level) module as well.',
      },
      pagesetmodule: {
        type: 'boolean',
        deprecated: true,
        description: 'Get information about the pageset module as well.',
      },
      formatmodules: {
        type: 'string',
        multi: true,
        deprecated: true,
        description: 'List of format module names (value of format parameter).',
      },
    },
    async execute(ctx, params) {
      const helpFormat = params.helpformat as HelpFormat;
      const describe = (paths: string[]) => {
        const out: Record<string, unknown>[] = [];
        for (const path of paths) {
          const docs = resolveModulePaths(registry, path);
          if (docs.length === 0) ctx.warn('paraminfo', warning('badmodule', path));
          for (const doc of docs) out.push(describeModule(ctx, doc, helpFormat));
        }
        return out;
      };
      const body: Record<string, unknown> = { helpformat: helpFormat };
      const modules = (params.modules as string[] | undefined) ?? [];
      if (modules.length > 0) body.modules = describe(modules);
      const queryModules = (params.querymodules as string[] | undefined) ?? [];
      if (queryModules.length > 0) body.querymodules = describe(queryModules.map((m) => `query+${m}`));
      if (params.mainmodule) body.mainmodule = describe(['main'])[0];
      if (params.pagesetmodule) body.pagesetmodule = pagesetDoc(ctx, helpFormat);
      const formats = (params.formatmodules as string[] | undefined) ?? [];
      if (formats.length > 0) body.formatmodules = describe(formats);
      return { body };
    },
  };
}

type HelpFormat = 'html' | 'wikitext' | 'raw' | 'none';

function helpText(text: string, format: HelpFormat): unknown {
  if (format === 'html') return `<p>${escapeHtml(text)}</p>`;
  if (format === 'raw') return [{ key: 'wikiqueue-help', params: [text] }];
  return text;
}

function describeModule(
  ctx: ApiRequestContext,
  doc: ModuleDoc,
  helpFormat: HelpFormat,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: doc.name,
    classname: `Wikiqueue\\Api\\${doc.path}`,
    path: doc.path,
    group: doc.group,
    prefix: doc.prefix,
    source: 'wikiqueue',
    sourcename: 'wikiqueue',
    licensetag: 'GPL-3.0-or-later',
    licenselink: 'https://www.gnu.org/licenses/gpl-3.0.html',
    description: helpText(doc.description, helpFormat),
    helpurls: [`${serverOf(ctx)}${apiPath(ctx)}?action=help&modules=${encodeURIComponent(doc.path)}`],
    examples: [],
  };
  if (doc.internal) out.internal = true;
  if (doc.group !== 'main' && doc.group !== 'format') out.readrights = true;
  if (doc.isWrite) out.writerights = true;
  if (doc.mustBePosted) out.mustbeposted = true;
  if (doc.generator) out.generator = true;
  out.parameters = Object.entries(doc.params).map(([name, spec], i) =>
    describeParam(ctx, doc, name, spec, i + 1, helpFormat),
  );
  out.templatedparameters = [];
  if (doc.dynamicParameters) out.dynamicparameters = helpText(doc.dynamicParameters, helpFormat);
  return out;
}

function describeParam(
  ctx: ApiRequestContext,
  doc: ModuleDoc,
  name: string,
  spec: ParamSpec,
  index: number,
  helpFormat: HelpFormat,
): Record<string, unknown> {
  const submodules = doc.submodules[name];
  const type: unknown = submodules
    ? submodules.map((p) => p.replace(/^query\+/, ''))
    : spec.type === 'enum'
      ? [...(spec.values ?? [])]
      : spec.type;
  const out: Record<string, unknown> = {
    index,
    name,
    type,
    description: helpText(spec.description, helpFormat),
  };
  if (spec.default !== undefined && spec.type !== 'boolean') out.default = spec.default;
  if (spec.type === 'boolean') out.default = false;
  out.required = spec.required ?? false;
  out.multi = spec.multi ?? false;
  if (spec.multi) {
    out.lowlimit = spec.maxValues ?? defaultMaxValues;
    out.highlimit = spec.maxValues ?? highMaxValues;
    out.limit = ctx.actor.rights.has('apihighlimits') ? out.highlimit : out.lowlimit;
  }
  if (submodules) {
    out.submodules = Object.fromEntries(submodules.map((p) => [p.replace(/^query\+/, ''), p]));
  }
  if (spec.type === 'limit') {
    out.max = spec.max;
    out.highmax = spec.highMax ?? spec.max;
    out.min = spec.min ?? 1;
  } else if (spec.type === 'integer') {
    if (spec.min !== undefined) out.min = spec.min;
    if (spec.max !== undefined) out.max = spec.max;
  }
  if (spec.type === 'namespace') out.type = 'namespace';
  if (spec.deprecated) out.deprecated = true;
  if (spec.sensitive) out.sensitive = true;
  if (name === 'token' && doc.tokenType) out.tokentype = doc.tokenType;
  return out;
}

/** The page set parameters every query (and generator) takes (ApiPageSet). */
function pagesetDoc(ctx: ApiRequestContext, helpFormat: HelpFormat): Record<string, unknown> {
  return {
    name: 'pageset',
    path: 'pageset',
    group: 'pageset',
    prefix: '',
    source: 'wikiqueue',
    description: helpText('The set of pages a query works on.', helpFormat),
    helpurls: [],
    parameters: ['titles', 'pageids', 'revids', 'generator', 'redirects', 'converttitles'].map((name, i) => ({
      index: i + 1,
      name,
      type:
        name === 'pageids' || name === 'revids'
          ? 'integer'
          : name === 'redirects' || name === 'converttitles'
            ? 'boolean'
            : 'string',
      multi: ['titles', 'pageids', 'revids'].includes(name),
      required: false,
      description: helpText(`See action=help&modules=query (${name}).`, helpFormat),
      ...(ctx.actor.rights.has('apihighlimits') ? { limit: highMaxValues } : { limit: defaultMaxValues }),
    })),
  };
}

function apiPath(ctx: ApiRequestContext): string {
  return ctx.wiki.id === ctx.services.config.defaultWiki ? '/w/api.php' : `/${ctx.wiki.id}/w/api.php`;
}
