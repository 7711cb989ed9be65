import { escapeHtml } from '../core/domain/html.ts';
import { escapeId, fragmentHref } from './html-sanitizer.ts';

/**
 * Footnotes as the Cite extension numbers and lists them: each `<ref>` is a superscript `[n]`
 * (`[group n]` in a named group) linking to its note; a named ref used again (`<ref name="a"/>`)
 * keeps its number and gets another backlink (↑ a b c…); a name's text may come at any use. A
 * `<references/>` (or a reference-list template) lists the group's refs used so far and starts the
 * group afresh; refs no list placed are listed at the end of the page. Ids follow Cite's:
 * `cite_note-1`, `cite_ref-1`; named `cite_note-a-1`, `cite_ref-a_1-0`, `cite_ref-a_1-1`…
 */

interface Note {
  name: string | undefined;
  group: string;
  /** Number within its group's current list. */
  number: number;
  /** Page-wide key, part of the ids. */
  key: number;
  /** The note's HTML (escaped, or tokens the renderer resolves), once some use gives it text. */
  html: string | undefined;
  uses: number;
}

export class ReferenceNotes {
  /** Per group: the notes used since the group's last list, in first-use order. */
  readonly #open = new Map<string, Note[]>();
  readonly #named = new Map<string, Note>();
  #keys = 0;

  /** A use of a ref (`<ref>` with or without text); returns the superscript's HTML. */
  use(name: string | undefined, group: string, html: string | undefined): string {
    const named = name !== undefined && name !== '' ? `${group}\n${name}` : undefined;
    let note = named === undefined ? undefined : this.#named.get(named);
    if (!note) {
      const list = this.#open.get(group) ?? [];
      this.#open.set(group, list);
      note = {
        name: named === undefined ? undefined : name,
        group,
        number: list.length + 1,
        key: ++this.#keys,
        html: undefined,
        uses: 0,
      };
      list.push(note);
      if (named !== undefined) this.#named.set(named, note);
    }
    if (note.html === undefined && html !== undefined && html !== '') note.html = html;
    const use = note.uses++;
    const label = `[${group === '' ? '' : `${escapeHtml(group)} `}${note.number}]`;
    return (
      `<sup id="${escapeHtml(refId(note, use))}" class="reference">` +
      `<a href="${escapeHtml(fragmentHref(noteId(note)))}">${label}</a></sup>`
    );
  }

  /** Gives a named ref its text without a use (a ref defined inside `<references>`). */
  define(name: string, group: string, html: string): void {
    const note = this.#named.get(`${group}\n${name}`);
    if (note && note.html === undefined && html !== '') note.html = html;
  }

  /**
   * Closes `group`'s current list: the returned function renders it (call it once the whole page
   * has been read, so texts given later are in).
   */
  takeList(group: string): () => string {
    const notes = this.#open.get(group) ?? [];
    this.#open.delete(group);
    for (const note of notes) if (note.name !== undefined) this.#named.delete(`${group}\n${note.name}`);
    return () => listHtml(notes);
  }

  /** Groups that still have notes no list has placed, the default group first. */
  openGroups(): string[] {
    return [...this.#open.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1));
  }
}

function noteId(note: Note): string {
  return note.name === undefined ? `cite_note-${note.key}` : `cite_note-${escapeId(note.name)}-${note.key}`;
}

function refId(note: Note, use: number): string {
  return note.name === undefined
    ? `cite_ref-${note.key}`
    : `cite_ref-${escapeId(note.name)}_${note.key}-${use}`;
}

/** Cite's backlink letters: a…z, then aa, ab… */
function backlinkLabel(n: number): string {
  let label = '';
  let k = n;
  do {
    label = String.fromCharCode(97 + (k % 26)) + label;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return label;
}

function listHtml(notes: readonly Note[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((note) => {
    let backlinks: string;
    if (note.name === undefined || note.uses <= 1) {
      backlinks = `<a href="${escapeHtml(fragmentHref(refId(note, 0)))}">↑</a>`;
    } else {
      backlinks = '↑';
      for (let use = 0; use < note.uses; use++)
        backlinks += ` <sup><a href="${escapeHtml(fragmentHref(refId(note, use)))}">${backlinkLabel(use)}</a></sup>`;
    }
    return (
      `<li id="${escapeHtml(noteId(note))}"><span class="mw-cite-backlink">${backlinks}</span> ` +
      `<span class="reference-text">${note.html ?? ''}</span></li>`
    );
  });
  return `<div class="mw-references-wrap"><ol class="references">\n${items.join('\n')}\n</ol></div>`;
}
