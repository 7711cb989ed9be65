import { describe, expect, it } from 'vitest';
import {
  keyedList,
  literalBoolean,
  serializeJson,
  toFormatVersion,
  withContent,
} from '../../../src/core/http/action-api/result-format.ts';

describe('formatversion transform', () => {
  it('turns true into "" and drops false in formatversion 1, keeps them in formatversion 2', () => {
    const result = { missing: true, redirect: false, nested: [{ new: true }] };
    expect(toFormatVersion(result, 1)).toEqual({ missing: '', nested: [{ new: '' }] });
    expect(toFormatVersion(result, 2)).toEqual(result);
  });

  it('keeps literal booleans as JSON booleans in both versions', () => {
    expect(toFormatVersion({ readonly: literalBoolean(false) }, 1)).toEqual({ readonly: false });
    expect(toFormatVersion({ readonly: literalBoolean(true) }, 2)).toEqual({ readonly: true });
  });

  it('moves the content value to "*" in formatversion 1 only', () => {
    const slot = withContent({ contentmodel: 'wikitext', content: 'Hello' }, 'content');
    expect(toFormatVersion(slot, 1)).toEqual({ contentmodel: 'wikitext', '*': 'Hello' });
    expect(toFormatVersion(slot, 2)).toEqual({ contentmodel: 'wikitext', content: 'Hello' });
  });

  it('keys a list by a field (or a function) in formatversion 1 and keeps the array in formatversion 2', () => {
    const pages = keyedList(
      [
        { pageid: 5, title: 'A' },
        { title: 'B', missing: true },
      ],
      (p) => p.pageid ?? -1,
    );
    expect(toFormatVersion(pages, 1)).toEqual({
      '5': { pageid: 5, title: 'A' },
      '-1': { title: 'B', missing: '' },
    });
    expect(toFormatVersion(pages, 2)).toEqual([
      { pageid: 5, title: 'A' },
      { title: 'B', missing: true },
    ]);
  });

  it('does not modify its input', () => {
    const input = { flag: true };
    toFormatVersion(input, 1);
    expect(input).toEqual({ flag: true });
  });

  it('escapes non-ASCII characters as \\u sequences for formatversion 1 or ascii', () => {
    expect(serializeJson({ t: 'Ünïcode ✓' }, { version: 1, utf8: false, ascii: false, pretty: false })).toBe(
      '{"t":"\\u00dcn\\u00efcode \\u2713"}',
    );
    expect(serializeJson({ t: 'Ü' }, { version: 2, utf8: false, ascii: false, pretty: false })).toBe(
      '{"t":"Ü"}',
    );
    expect(serializeJson({ t: 'Ü' }, { version: 2, utf8: false, ascii: true, pretty: false })).toBe(
      '{"t":"\\u00dc"}',
    );
  });
});
