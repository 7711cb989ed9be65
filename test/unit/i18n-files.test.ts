import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageCatalog } from '../../src/core/messages/message-catalog.ts';
import { translateApiMessage } from '../../src/core/messages/api-message-translations.ts';
import { errorCatalog, warningCatalog } from '../../src/errors.ts';

/** The catalog files as translatewiki reads them: `i18n/<lang>.json`, `@metadata` aside. */
const dir = new URL('../../i18n/', import.meta.url);
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const { '@metadata': _, ...messages } = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<
        string,
        string
      >;
      return [f.slice(0, -'.json'.length), messages];
    }),
) as Record<string, Record<string, string>>;
const en = files.en!;
const parameters = (text: string) => [...new Set(text.match(/\$\d+/g) ?? [])].sort();

describe('the i18n files', () => {
  it('document every English message in qqq.json, and nothing else', () => {
    expect(Object.keys(files.qqq!).sort()).toEqual(Object.keys(en).sort());
    for (const [key, doc] of Object.entries(files.qqq!)) expect(doc.trim(), key).not.toBe('');
  });

  it('translate every English message into Arabic, and nothing else', () => {
    expect(Object.keys(files.ar!).sort()).toEqual(Object.keys(en).sort());
  });

  it("give a translation the English message's parameters", () => {
    for (const [lang, messages] of Object.entries(files)) {
      if (lang === 'en' || lang === 'qqq') continue;
      for (const [key, text] of Object.entries(messages)) {
        expect(Object.keys(en), `${lang} ${key}`).toContain(key);
        expect(parameters(text), `${lang} ${key}`).toEqual(parameters(en[key]!));
      }
    }
  });

  it("write every Arabic PLURAL with Arabic's six forms (zero, one, two, few, many, other)", () => {
    const plurals = Object.values(files.ar!).flatMap((t) => t.match(/\{\{PLURAL:[^}]*\}\}/g) ?? []);
    expect(plurals.length).toBeGreaterThan(0);
    for (const p of plurals) expect(p.split('|'), p).toHaveLength(7);
  });

  it('offer qqq, the documentation, as no language', () => {
    expect(messageCatalog().languages).toContain('ar');
    expect(messageCatalog().languages).not.toContain('qqq');
    expect(messageCatalog().text('mainpage', 'qqq')).toBe(en.mainpage);
  });
});

describe('the translations of the error catalog (i18n/api/)', () => {
  const apiDir = new URL('../../i18n/api/', import.meta.url);
  const apiFiles = readdirSync(apiDir).filter((f) => f.endsWith('.json'));
  const english = (key: string): string | undefined => {
    const error = /^apierror-(.+)$/.exec(key)?.[1];
    const warn = /^apiwarn-(.+)$/.exec(key)?.[1];
    if (error !== undefined) return (errorCatalog as Record<string, { message: string }>)[error]?.message;
    if (warn !== undefined) return (warningCatalog as Record<string, { message: string }>)[warn]?.message;
    return undefined;
  };

  it('exist for Arabic', () => {
    expect(apiFiles).toContain('ar.json');
  });

  it("translate only catalogued errors and warnings, each with the English message's parameters", () => {
    for (const file of apiFiles) {
      const { '@metadata': _, ...messages } = JSON.parse(
        readFileSync(new URL(file, apiDir), 'utf8'),
      ) as Record<string, string>;
      for (const [key, text] of Object.entries(messages)) {
        const source = english(key);
        expect(source, `${file} ${key}`).toBeDefined();
        expect(parameters(text), `${file} ${key}`).toEqual(parameters(source!));
        if (file === 'ar.json')
          for (const p of text.match(/\{\{PLURAL:[^}]*\}\}/g) ?? []) expect(p.split('|'), p).toHaveLength(7);
      }
    }
  });

  it("fill a translation's parameters and pick its PLURAL form by the language's rules", () => {
    expect(translateApiMessage('error', 'passwordtooshort', [2], 'ar')).toBe(
      'يجب ألا تقل كلمة المرور عن حرفين.',
    );
    expect(translateApiMessage('error', 'passwordtooshort', [8], 'ar')).toBe(
      'يجب ألا تقل كلمة المرور عن 8 حروف.',
    );
    expect(translateApiMessage('error', 'passwordtooshort', [12], 'ar')).toBe(
      'يجب ألا تقل كلمة المرور عن 12 حرفًا.',
    );
    expect(translateApiMessage('error', 'passwordtooshort', [8], 'de')).toBeUndefined();
  });
});
