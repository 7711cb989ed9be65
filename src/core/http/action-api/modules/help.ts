import { warning } from '../../../../errors.ts';
import { escapeHtml } from '../../../domain/html.ts';
import { resolveModulePaths, type ModuleDoc } from '../module-docs.ts';
import type { ApiModule, ModuleRegistry, ParamSpec } from '../module.ts';
import { defaultMaxValues, highMaxValues } from '../parameters.ts';

/**
 * action=help (ApiHelp): an HTML page generated from the module declarations. Without `wrap` the
 * page is the response itself (text/html, whatever `format` says, as MediaWiki's raw help printer
 * does); with `wrap` it is `{help: {mime: 'text/html', help: html}}` in the requested format.
 */
export function createHelpModule(registry: ModuleRegistry): ApiModule {
  return {
    name: 'help',
    description: 'Display help for the specified modules.',
    params: {
      modules: {
        type: 'string',
        multi: true,
        default: 'main',
        description:
          'Modules to display help for (values of the action and format parameters, or main). Submodules as query+revisions.',
      },
      submodules: { type: 'boolean', description: 'Include help for submodules of the named module.' },
      recursivesubmodules: { type: 'boolean', description: 'Include help for submodules recursively.' },
      wrap: { type: 'boolean', description: 'Wrap the output in a standard API response structure.' },
      toc: { type: 'boolean', description: 'Include a table of contents in the HTML output.' },
    },
    async execute(ctx, params) {
      const docs: ModuleDoc[] = [];
      const seen = new Set<string>();
      const add = (path: string, depth: number, recursive: boolean) => {
        for (const doc of resolveModulePaths(registry, path)) {
          if (seen.has(doc.path)) continue;
          seen.add(doc.path);
          docs.push(doc);
          if (depth > 0 || recursive) {
            for (const paths of Object.values(doc.submodules))
              for (const p of paths) add(p, depth - 1, recursive);
          }
        }
      };
      for (const path of (params.modules as string[] | undefined) ?? ['main']) {
        if (resolveModulePaths(registry, path).length === 0) {
          ctx.warn('help', warning('badmodule', path));
          continue;
        }
        add(path, params.submodules ? 1 : 0, params.recursivesubmodules === true);
      }
      const title =
        docs.length === 1 && docs[0] ? `MediaWiki API help: ${docs[0].path}` : 'MediaWiki API help';
      const html = renderPage(title, docs, params.toc === true, ctx.actor.rights.has('apihighlimits'));
      if (params.wrap) return { body: { mime: 'text/html', help: html } };
      return { raw: { contentType: 'text/html; charset=utf-8', body: html } };
    },
  };
}

function renderPage(title: string, docs: ModuleDoc[], toc: boolean, highLimits: boolean): string {
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
  ];
  if (toc && docs.length > 1) {
    parts.push('<ul class="toc">');
    for (const d of docs) parts.push(`<li><a href="#${anchor(d.path)}">${escapeHtml(d.path)}</a></li>`);
    parts.push('</ul>');
  }
  for (const d of docs) parts.push(renderModule(d, highLimits));
  parts.push('</body></html>');
  return parts.join('\n') + '\n';
}

function renderModule(d: ModuleDoc, highLimits: boolean): string {
  const heading = d.group === 'main' ? 'Main module' : `${d.path} (${d.group})`;
  const out = [
    `<section id="${anchor(d.path)}">`,
    `<h2>${escapeHtml(heading)}</h2>`,
    `<p>${escapeHtml(d.description)}</p>`,
  ];
  const flags: string[] = [];
  if (d.internal) flags.push('This module is internal or unstable.');
  if (d.group !== 'main' && d.group !== 'format') flags.push('This module requires read rights.');
  if (d.isWrite) flags.push('This module requires write rights.');
  if (d.mustBePosted) flags.push('This module only accepts POST requests.');
  if (d.generator) flags.push('This module can be used as a generator.');
  if (d.tokenType) flags.push(`This module needs a "${d.tokenType}" token.`);
  if (flags.length > 0)
    out.push(`<ul class="flags">${flags.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`);
  const params = Object.entries(d.params);
  if (params.length > 0) {
    out.push('<h3>Parameters</h3>', '<dl>');
    for (const [name, spec] of params) {
      out.push(`<dt>${escapeHtml(d.prefix + name)}</dt>`);
      out.push(`<dd>${escapeHtml(spec.description)}</dd>`);
      for (const line of paramInfoLines(spec, d.submodules[name], highLimits))
        out.push(`<dd class="info">${escapeHtml(line)}</dd>`);
    }
    out.push('</dl>');
  }
  if (d.dynamicParameters) out.push(`<p>${escapeHtml(d.dynamicParameters)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

function paramInfoLines(spec: ParamSpec, submodules: string[] | undefined, highLimits: boolean): string[] {
  const lines: string[] = [];
  if (spec.deprecated) lines.push('Deprecated.');
  if (spec.required) lines.push('This parameter is required.');
  if (submodules)
    lines.push(`One of the following values: ${submodules.map((s) => s.replace(/^query\+/, '')).join(', ')}`);
  else if (spec.type === 'enum') lines.push(`One of the following values: ${(spec.values ?? []).join(', ')}`);
  else if (spec.type === 'limit') {
    lines.push(
      `Type: integer or max. The value must be between ${spec.min ?? 1} and ${spec.max ?? '∞'} (${spec.highMax ?? spec.max ?? '∞'} for bots).`,
    );
  } else if (spec.type === 'integer') {
    const range =
      spec.min !== undefined && spec.max !== undefined
        ? ` The value must be between ${spec.min} and ${spec.max}.`
        : '';
    lines.push(`Type: integer.${range}`);
  } else if (spec.type === 'boolean') lines.push('Type: boolean (presence means true).');
  else if (spec.type === 'timestamp')
    lines.push('Type: timestamp (ISO 8601, 14-digit MediaWiki form, Unix seconds or now).');
  else if (spec.type !== 'string' && spec.type !== 'text') lines.push(`Type: ${spec.type}.`);
  if (spec.multi) {
    const max = spec.maxValues ?? (highLimits ? highMaxValues : defaultMaxValues);
    lines.push(`Separate values with | or alternative. Maximum number of values is ${max}.`);
  }
  if (spec.default !== undefined && spec.default !== '') lines.push(`Default: ${String(spec.default)}`);
  return lines;
}

function anchor(path: string): string {
  return path.replace(/[^A-Za-z0-9_-]/g, '_');
}
