import { describe, expect, it } from 'vitest';
import {
  fillMessageArgs,
  messagePageKey,
  normalizeMessageKey,
  pluralCategory,
  transformMessage,
} from '../../src/core/domain/message-text.ts';

const ctx = {
  sitename: 'Testwiki',
  pagename: 'Some page',
  lookup: (k: string) => (k === 'tagline' ? 'T' : undefined),
};

describe('interface message text', () => {
  it('normalizes keys as MessageCache does: spaces to underscores, first letter lower-cased', () => {
    expect(normalizeMessageKey('Main Page description')).toBe('main_Page_description');
    expect(normalizeMessageKey('Revertpage')).toBe('revertpage');
  });

  it('names the override page MediaWiki:Name for the content language and Name/lang for others', () => {
    expect(messagePageKey('revertpage', 'en', 'en')).toBe('Revertpage');
    expect(messagePageKey('revertpage', 'de', 'en')).toBe('Revertpage/de');
  });

  it('fills $n and leaves a parameter without an argument as written', () => {
    expect(fillMessageArgs('$1 and $2, $3', ['a', 'b'])).toBe('a and b, $3');
  });

  it('expands SITENAME, PAGENAME, PLURAL (explicit forms first), GENDER and int:', () => {
    expect(transformMessage('{{SITENAME}}: {{PAGENAME}}', ctx)).toBe('Testwiki: Some page');
    expect(
      transformMessage('{{PLURAL:1|one|many}} {{PLURAL:3|one|many}} {{PLURAL:0|0=none|one|many}}', ctx),
    ).toBe('one many none');
    expect(transformMessage('{{GENDER:Bob|he|she|they}} {{int:tagline}} {{int:nope}}', ctx)).toBe(
      'they T ⧼nope⧽',
    );
    expect(transformMessage('{{Unknown template}}', ctx)).toBe('{{Unknown template}}');
  });
});

describe('PLURAL by the language of the message', () => {
  const six = '{{PLURAL:$1|zero|one|two|few|many|other}}';
  const arabic = (n: number) => transformMessage(fillMessageArgs(six, [String(n)]), { ...ctx, lang: 'ar' });

  // CLDR plurals.xml, Arabic: zero n=0; one n=1; two n=2; few n%100=3..10; many n%100=11..99.
  it.each([
    [0, 'zero'],
    [1, 'one'],
    [2, 'two'],
    [3, 'few'],
    [10, 'few'],
    [103, 'few'],
    [11, 'many'],
    [99, 'many'],
    [111, 'many'],
    [100, 'other'],
    [102, 'other'],
    [1000, 'other'],
  ])('gives Arabic %i the %s form', (n, form) => {
    expect(arabic(n)).toBe(form);
    expect(pluralCategory(n, 'ar')).toBe(form);
  });

  it('uses the last form for the categories an Arabic message leaves out, as MediaWiki pads the forms', () => {
    const two = (n: number) =>
      transformMessage(fillMessageArgs('{{PLURAL:$1|zero|one}}', [String(n)]), { ...ctx, lang: 'ar' });
    expect([0, 1, 2, 5, 50].map(two)).toEqual(['zero', 'one', 'one', 'one', 'one']);
  });

  it('gives Czech 2 to 4 the few form and 5 on the other', () => {
    const czech = (n: number) =>
      transformMessage(fillMessageArgs('{{PLURAL:$1|jeden|dva|pět}}', [String(n)]), { ...ctx, lang: 'cs' });
    expect([1, 2, 4, 5, 22].map(czech)).toEqual(['jeden', 'dva', 'dva', 'pět', 'pět']);
  });

  it('follows English rules for a language without its own (0 is plural)', () => {
    const french = (n: number) =>
      transformMessage(fillMessageArgs('{{PLURAL:$1|one|other}}', [String(n)]), { ...ctx, lang: 'xx' });
    expect([0, 1, 2].map(french)).toEqual(['other', 'one', 'other']);
  });

  it('still lets an explicit number form win over the rules', () => {
    expect(transformMessage('{{PLURAL:2|2=exactly two|zero|one|two}}', { ...ctx, lang: 'ar' })).toBe(
      'exactly two',
    );
  });
});
