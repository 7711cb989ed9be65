import { EXTENSION_TAGS } from './preprocess.ts';

/**
 * Substitution, the part of MediaWiki's pre-save transform that replaces `{{subst:Name|…}}` and
 * `{{safesubst:Name|…}}` with the template's text (Parser::preSaveTransform, which runs the
 * preprocessor with substitution on; Parser::braceSubstitution). The rules kept here:
 *
 * - Braces pair as MediaWiki's preprocessor pairs them (Preprocessor_Hash): a run of opening
 *   braces is matched by closing runs, three braces making a parameter `{{{…}}}` when both sides
 *   have three, else two making a template; `[[…]]` is tracked so that a `|` inside a link does
 *   not split a template's arguments; comments, `<nowiki>`, `<pre>` and the other extension tags
 *   are opaque (a `subst:` inside `<ref>` stays, as in MediaWiki, T4700).
 * - Only calls whose name, once expanded, starts with `subst:` or `safesubst:` are replaced;
 *   every other template call stays as written, with the substitutions inside its arguments
 *   done (`{{Dated|date={{subst:CURRENTYEAR}}}}` saves as `{{Dated|date=2026}}`).
 * - A substituted template's text is taken as for inclusion (only its `<onlyinclude>` parts when
 *   it has any; `<noinclude>` parts dropped; `<includeonly>` tags removed), its parameters
 *   replaced by the call's arguments (named ones trimmed, positional ones as written, a missing
 *   one by its default, else left as `{{{name}}}`), and calls inside it that became
 *   `subst:`/`safesubst:` (the `{{{|safesubst:}}}` idiom) substituted in turn, up to 40 levels.
 * - A missing template becomes a link to it, `[[:Template:Name]]`, as MediaWiki saves it.
 * - Variables (`{{subst:CURRENTYEAR}}`, `{{subst:PAGENAME}}` …) come from `variables`; parser
 *   functions (`{{subst:#if:…}}`) are not evaluated and stay as written.
 *
 * Pure: template texts come from `lookup`, which answers undefined for a template not fetched
 * yet; `substitute` then reports it in `missing`, and the caller fetches and runs it again
 * (`substituteAll`).
 */

/** A template's text, or null when the wiki has no such page; `title` is its prefixed title. */
export interface TemplateText {
  title: string;
  text: string | null;
}

export interface SubstitutionContext {
  /** The template named as written after `subst:` ("Foo", "Template:Foo", ":Main page"), or undefined when not fetched. */
  lookup(name: string): TemplateText | undefined;
  /** The value of a variable ("CURRENTYEAR"), or undefined when the name is none. */
  variable(name: string): string | undefined;
}

export interface SubstitutionResult {
  text: string;
  /** Templates `lookup` did not know: fetch them and substitute again. */
  missing: string[];
}

/** MediaWiki's $wgMaxTemplateDepth default. */
const MAX_DEPTH = 40;

type Node = string | Call;

interface Part {
  /** The name of a named argument (before its first top-level `=`), else null. */
  name: Node[] | null;
  value: Node[];
}

interface Call {
  /** 2: a template or variable, 3: a parameter. */
  braces: 2 | 3;
  parts: Part[];
}

/** Substitutes the text once; see `missing` for the templates to fetch before a rerun. */
export function substitute(text: string, ctx: SubstitutionContext): SubstitutionResult {
  if (!/subst:/i.test(text)) return { text, missing: [] };
  const expansion = new Expansion(ctx);
  const out = expansion.nodes(parse(text), null, 0);
  return { text: out, missing: [...expansion.missing] };
}

/**
 * Substitutes, fetching the templates it meets (`fetch` answers each name asked for) until none
 * is missing; at most `rounds` fetches (nested templates need one each).
 */
export async function substituteAll(
  text: string,
  variable: SubstitutionContext['variable'],
  fetch: (names: readonly string[]) => Promise<ReadonlyMap<string, TemplateText>>,
  rounds = MAX_DEPTH,
): Promise<string> {
  const known = new Map<string, TemplateText>();
  const ctx: SubstitutionContext = { lookup: (name) => known.get(name), variable };
  for (let round = 0; ; round++) {
    const result = substitute(text, ctx);
    if (result.missing.length === 0 || round >= rounds) return result.text;
    const fetched = await fetch(result.missing);
    for (const name of result.missing) known.set(name, fetched.get(name) ?? { title: name, text: null });
  }
}

// ——— Parsing ———

interface Open {
  char: '{' | '[';
  count: number;
  parts: Part[];
  /** Where the parent's nodes continue once this closes or is given up. */
  parent: Node[];
}

/** Opaque to substitution: extension tags, and `<includeonly>` (ignored outside a transclusion). */
const OPAQUE_TAGS = new Set([...EXTENSION_TAGS, 'includeonly']);

/** The text as a tree of literal text and brace calls (Preprocessor_Hash's pairing rules). */
function parse(text: string): Node[] {
  const root: Node[] = [];
  const stack: Open[] = [];
  let nodes = root;
  let literal = '';
  const flush = () => {
    if (literal !== '') {
      nodes.push(literal);
      literal = '';
    }
  };
  const part = (open: Open) => open.parts[open.parts.length - 1] as Part;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '<') {
      const end = opaqueEnd(text, i);
      if (end > i) {
        literal += text.slice(i, end);
        i = end;
        continue;
      }
      literal += c;
      i++;
    } else if (c === '{' || c === '[') {
      let n = 1;
      while (text[i + n] === c) n++;
      if (n < 2) {
        literal += c;
        i++;
        continue;
      }
      flush();
      const parts: Part[] = [{ name: null, value: [] }];
      stack.push({ char: c, count: n, parts, parent: nodes });
      nodes = parts[0]!.value;
      i += n;
    } else if (c === '}' || c === ']') {
      const top = stack[stack.length - 1];
      const want = c === '}' ? '{' : '[';
      let n = 1;
      while (text[i + n] === c) n++;
      if (!top || top.char !== want || n < 2) {
        literal += text.slice(i, i + n);
        i += n;
        continue;
      }
      flush();
      const matched = c === ']' ? 2 : Math.min(top.count, n) >= 3 ? 3 : 2;
      stack.pop();
      const node: Node[] = c === ']' ? linkText(top.parts) : [{ braces: matched as 2 | 3, parts: top.parts }];
      const left = top.count - matched;
      nodes = top.parent;
      if (left >= 2) {
        // The remaining opening braces stay open, with this call as their first content.
        const parts: Part[] = [{ name: null, value: [...node] }];
        stack.push({ char: top.char, count: left, parts, parent: nodes });
        nodes = parts[0]!.value;
      } else {
        if (left === 1) nodes.push(top.char);
        nodes.push(...node);
      }
      i += matched;
    } else if (c === '|' && stack.length > 0) {
      flush();
      const top = stack[stack.length - 1] as Open;
      const next: Part = { name: null, value: [] };
      top.parts.push(next);
      nodes = next.value;
      i++;
    } else if (c === '=' && stack.length > 0) {
      const top = stack[stack.length - 1] as Open;
      const current = part(top);
      if (top.char === '{' && top.parts.length > 1 && current.name === null && nodes === current.value) {
        flush();
        current.name = current.value;
        current.value = [];
        nodes = current.value;
      } else {
        literal += c;
      }
      i++;
    } else {
      literal += c;
      i++;
    }
  }
  flush();
  // Unclosed openings are text, their parts joined back.
  while (stack.length > 0) {
    const top = stack.pop() as Open;
    top.parent.push(top.char.repeat(top.count), ...joinParts(top.parts));
  }
  return root;
}

/** Where the comment or opaque element starting at `at` ends (after it), or `at` when none starts there. */
function opaqueEnd(text: string, at: number): number {
  if (text.startsWith('<!--', at)) {
    const close = text.indexOf('-->', at + 4);
    return close === -1 ? text.length : close + 3;
  }
  const m = /^<([A-Za-z][\w-]*)(?=[\s/>])[^>]*>/.exec(text.slice(at, at + 300));
  if (!m) return at;
  const name = (m[1] as string).toLowerCase();
  if (!OPAQUE_TAGS.has(name)) return at;
  if (m[0].endsWith('/>')) return at + m[0].length;
  const close = new RegExp(`</${name}\\s*>`, 'i').exec(text.slice(at + m[0].length));
  return close ? at + m[0].length + close.index + close[0].length : text.length;
}

function linkText(parts: Part[]): Node[] {
  return ['[[', ...joinParts(parts), ']]'];
}

function joinParts(parts: Part[]): Node[] {
  const out: Node[] = [];
  parts.forEach((p, k) => {
    if (k > 0) out.push('|');
    if (p.name) out.push(...p.name, '=');
    out.push(...p.value);
  });
  return out;
}

// ——— Expansion ———

/** Arguments of the template being substituted (expanded), or null outside one. */
type Frame = ReadonlyMap<string, string> | null;

const SUBST = /^\s*(safe)?subst:/i;

/** One substitution pass: the context, and the templates it found missing. */
class Expansion {
  readonly #ctx: SubstitutionContext;
  readonly missing = new Set<string>();

  constructor(ctx: SubstitutionContext) {
    this.#ctx = ctx;
  }

  nodes(nodes: readonly Node[], frame: Frame, depth: number): string {
    let out = '';
    for (const node of nodes) {
      if (typeof node === 'string') out += node;
      else if (node.braces === 3) out += this.#parameter(node, frame, depth);
      else out += this.#call(node, frame, depth);
    }
    return out;
  }

  #part(p: Part, frame: Frame, depth: number): string {
    const value = this.nodes(p.value, frame, depth);
    return p.name ? `${this.nodes(p.name, frame, depth)}=${value}` : value;
  }

  /** The call as written, with what is inside it expanded. */
  #literal(call: Call, frame: Frame, depth: number): string {
    const [open, close] = call.braces === 3 ? ['{{{', '}}}'] : ['{{', '}}'];
    return open + call.parts.map((p) => this.#part(p, frame, depth)).join('|') + close;
  }

  #parameter(call: Call, frame: Frame, depth: number): string {
    if (!frame) return this.#literal(call, frame, depth);
    const [first, fallback] = call.parts;
    const given = frame.get(this.#part(first as Part, frame, depth).trim());
    if (given !== undefined) return given;
    if (fallback) return this.#part(fallback, frame, depth);
    return this.#literal(call, frame, depth);
  }

  #call(call: Call, frame: Frame, depth: number): string {
    const title = this.#part(call.parts[0] as Part, frame, depth);
    const prefix = SUBST.exec(title);
    if (!prefix || depth >= MAX_DEPTH) return this.#literal(call, frame, depth);
    const name = title.slice(prefix[0].length).trim();
    const variable = this.#ctx.variable(name);
    if (variable !== undefined && call.parts.length === 1) return variable;
    if (name.startsWith('#') || name === '' || (name.includes(':') && isFunctionLike(name)))
      return this.#literal(call, frame, depth);
    const template = this.#ctx.lookup(name);
    if (!template) {
      this.missing.add(name);
      return this.#literal(call, frame, depth);
    }
    if (template.text === null) return `[[:${template.title}]]`;
    const args = new Map<string, string>();
    let position = 0;
    for (const p of call.parts.slice(1)) {
      if (p.name) {
        args.set(this.nodes(p.name, frame, depth).trim(), this.nodes(p.value, frame, depth).trim());
      } else {
        position++;
        args.set(String(position), this.nodes(p.value, frame, depth));
      }
    }
    return this.nodes(parse(forInclusion(template.text)), args, depth + 1);
  }
}

/** `msgnw:`, `int:`, `#language:`-like prefixes: magic words with a colon, not evaluated here. */
function isFunctionLike(name: string): boolean {
  const head = name.slice(0, name.indexOf(':')).trim().toLowerCase();
  return [
    'msgnw',
    'msg',
    'raw',
    'int',
    'lc',
    'uc',
    'lcfirst',
    'ucfirst',
    'urlencode',
    'fullurl',
    'localurl',
    'ns',
    'formatnum',
    'padleft',
    'padright',
    'plural',
    'grammar',
    'gender',
  ].includes(head);
}

/** A template's text as a transclusion sees it (Preprocessor's inclusion mode). */
export function forInclusion(text: string): string {
  if (/<onlyinclude>/i.test(text)) {
    let out = '';
    const re = /<onlyinclude>([\s\S]*?)(?:<\/onlyinclude>|$)/gi;
    for (const m of text.matchAll(re)) out += m[1];
    return forInclusion(out.replace(/<onlyinclude>/gi, ''));
  }
  return text.replace(/<noinclude>[\s\S]*?(?:<\/noinclude>|$)/gi, '').replace(/<\/?includeonly\s*>/gi, '');
}
