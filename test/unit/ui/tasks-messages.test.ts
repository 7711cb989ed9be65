import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The plural forms each language's PLURAL takes (CLDR): Arabic six, Czech three, the others two. */
const PLURAL_FORMS: Record<string, number> = { en: 2, de: 2, cs: 3, ar: 6 };

const read = (part: string, lang: string) =>
  JSON.parse(readFileSync(join('ui/i18n', part, `${lang}.json`), 'utf8')) as Record<string, unknown>;

describe.each(['tasks', 'pagequeue', 'article', 'lookups'])('the message files of ui/i18n/%s', (part) => {
  const keys = (lang: string) => Object.keys(read(part, lang)).filter((k) => k !== '@metadata');

  it('translate every English key into German, Czech and Arabic and document it in qqq', () => {
    const english = keys('en').sort();
    for (const lang of ['de', 'cs', 'ar', 'qqq']) expect(keys(lang).sort(), lang).toEqual(english);
  });

  it('give PLURAL the number of forms of each language', () => {
    for (const lang of Object.keys(PLURAL_FORMS)) {
      for (const [key, text] of Object.entries(read(part, lang))) {
        if (typeof text !== 'string') continue;
        for (const [, forms] of text.matchAll(/\{\{PLURAL:\$\d+\|([^}]*)\}\}/g))
          expect(forms!.split('|').length, `${lang} ${key}`).toBe(PLURAL_FORMS[lang]);
      }
    }
  });

  it('use the parameters of English in every translation', () => {
    const english = read(part, 'en');
    for (const lang of ['de', 'cs', 'ar']) {
      const other = read(part, lang);
      for (const [key, text] of Object.entries(english)) {
        if (typeof text !== 'string') continue;
        const params = (s: string) => [...new Set(s.match(/\$\d+/g) ?? [])].sort();
        expect(params(other[key] as string), `${lang} ${key}`).toEqual(params(text));
      }
    }
  });
});
