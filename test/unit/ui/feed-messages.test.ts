import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(process.cwd(), 'ui', 'i18n', 'feed');
const read = (lang: string) =>
  JSON.parse(readFileSync(join(DIR, `${lang}.json`), 'utf8')) as Record<string, unknown>;
const keys = (lang: string) =>
  Object.keys(read(lang))
    .filter((k) => k !== '@metadata')
    .sort();

/** The number of forms of each {{PLURAL:…}} in a message. */
function pluralForms(text: string): number[] {
  return [...text.matchAll(/\{\{PLURAL:\$\d+\|([^}]*)\}\}/g)].map((m) => m[1]!.split('|').length);
}

describe("the New Pages Feed's messages", () => {
  it('are documented in qqq.json and translated into German, Czech and Arabic, key for key', () => {
    const english = keys('en');
    for (const lang of ['qqq', 'de', 'cs', 'ar']) expect(keys(lang), lang).toEqual(english);
  });

  it('give Arabic plurals their six forms and Czech plurals their three', () => {
    for (const [lang, forms] of [
      ['ar', 6],
      ['cs', 3],
    ] as const) {
      for (const [key, text] of Object.entries(read(lang))) {
        if (typeof text !== 'string') continue;
        for (const n of pluralForms(text)) expect(n, `${lang} ${key}`).toBe(forms);
      }
    }
  });

  it('name every message the feed asks for', () => {
    const english = new Set(keys('en'));
    const sources = ['FeedView.vue', 'FeedRow.vue', 'FeedFilterPanel.vue'].map((f) =>
      readFileSync(join(process.cwd(), 'ui', 'src', 'feed', f), 'utf8'),
    );
    const literal = sources.flatMap((s) =>
      [...s.matchAll(/'(wikiqueue-feed-[a-z0-9_-]+)'/g)].map((m) => m[1]!),
    );
    expect(literal.filter((k) => !english.has(k))).toEqual([]);
  });
});
