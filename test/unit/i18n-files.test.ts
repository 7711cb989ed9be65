import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageCatalog } from '../../src/core/messages/message-catalog.ts';

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
