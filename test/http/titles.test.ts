import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNamespaces, NamespaceTable } from '../../src/core/domain/namespaces.ts';
import { formatTitle, toDbKey } from '../../src/core/domain/titles.ts';
import { wikitextContextOf } from '../../src/core/wikis/wikitext-context.ts';
import { analyzeWikitext } from '../../src/wikitext/analyze.ts';
import { ApiClient, buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';

/**
 * One title parser: a title typed into the Action API (`titles=`) and the same text as a wikilink
 * target in wikitext get one answer. Expected answers are MediaWiki's (MediaWikiTitleCodec::
 * splitTitleString, TitleTest::testSecureAndSplit and Sanitizer::decodeCharReferences).
 */
type Answer = { title: string } | { invalid: true } | { interwiki: string; title: string };

const CASES: [string, string, Answer][] = [
  ['decodes HTML entities', 'Caf&eacute;', { title: 'Café' }],
  ['refuses a namespace prefix after Talk:', 'Talk:Help:X', { invalid: true }],
  ['refuses an interwiki prefix after Talk:', 'Talk:de:X', { invalid: true }],
  ['keeps a non-prefix colon after Talk:', 'Talk:Foo:Bar', { title: 'Talk:Foo:Bar' }],
  ['folds underscores and spaces', '  foo__bar _ baz ', { title: 'Foo bar baz' }],
  [
    'reads localized, canonical and alias namespace names in any case',
    'image_talk:x',
    { title: 'File talk:X' },
  ],
  ['upper-cases the first letter of the text after the namespace', 'user:example', { title: 'User:Example' }],
  ['leaves ß alone (its upper case is two letters)', 'ßtraße', { title: 'ßtraße' }],
  [
    'takes a leading colon as the main namespace or an explicit prefix',
    ':Category:Foo',
    { title: 'Category:Foo' },
  ],
  ['keeps an unknown prefix as text', 'Star Wars: Episode IV', { title: 'Star Wars: Episode IV' }],
  ['drops the fragment from the page title', 'Foo_bar#Some_section', { title: 'Foo bar' }],
  ['decodes numeric references', '&#x61;bc &amp; d', { title: 'Abc & d' }],
  ['normalizes to Unicode NFC', 'Cafe\u0301 au lait', { title: 'Café au lait' }],
  ['drops bidi marks', 'Kyiv\u200E', { title: 'Kyiv' }],
  ['upper-cases IPv6 addresses in User:', 'User:fe80::1', { title: 'User:FE80::1' }],
  ['reads a language prefix as an interlanguage title', 'de:Berlin', { interwiki: 'de', title: 'Berlin' }],
  ['reads an interwiki prefix', 'wikt:cat', { interwiki: 'wikt', title: 'cat' }],
  ['prefers a namespace name over an interwiki prefix', 'Project:Sandbox', { title: 'Project:Sandbox' }],
  ['refuses an undecodable entity', 'A&bogus;b', { invalid: true }],
  ['refuses brackets and braces', 'A{b}', { invalid: true }],
  ['refuses relative paths', 'Foo/../Bar', { invalid: true }],
  ['refuses three tildes', 'A~~~b', { invalid: true }],
  ['refuses a namespace alone', 'Talk:', { invalid: true }],
  ['refuses a leading colon after the namespace', 'Help::X', { invalid: true }],
  ['accepts 255 bytes', `${'é'.repeat(127)}x`, { title: `${'É'}${'é'.repeat(126)}x` }],
  ['refuses 256 bytes', 'é'.repeat(128), { invalid: true }],
];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ wikis: [TEST_WIKI, 'casewiki'] });
  const info = t.services.wikis.get('casewiki').info;
  const namespaces = info.namespaces.map((n) => (n.id === 0 ? { ...n, case: 'case-sensitive' as const } : n));
  await t.services.wikis.upsert({ ...info, namespaces }, t.now());
});
afterAll(async () => t?.close());

async function viaApi(wiki: string, input: string): Promise<Answer> {
  const path = wiki === TEST_WIKI ? '/w/api.php' : `/${wiki}/w/api.php`;
  const res = await new ApiClient(t, path).get({ action: 'query', titles: input, formatversion: '2' });
  const query = res.json.query as {
    pages?: { title: string; invalid?: boolean }[];
    interwiki?: { title: string; iw: string }[];
  };
  const iw = query.interwiki?.[0];
  if (iw) return { interwiki: iw.iw, title: iw.title.slice(iw.iw.length + 1) };
  const page = query.pages?.[0];
  if (!page) throw new Error(`no answer for ${input}: ${res.body}`);
  return page.invalid ? { invalid: true } : { title: page.title };
}

function viaWikitext(wiki: string, input: string): Answer {
  const namespaces = t.services.wikis.get(wiki).namespaces;
  const analysis = analyzeWikitext(`[[${input}]]`, wikitextContextOf(namespaces));
  const link = analysis.links[0];
  if (link) return { title: formatTitle(link.namespace, toDbKey(link.title), namespaces) };
  const langlink = analysis.langlinks[0];
  if (langlink) return { interwiki: langlink.lang, title: langlink.title };
  return { invalid: true };
}

describe('a title typed into the API and written as a wikilink', () => {
  it.each(CASES)('%s: %j', async (_rule, input, answer) => {
    expect(await viaApi(TEST_WIKI, input)).toEqual(answer);
    // A link to another wiki is not a link of this one; only interlanguage links are listed.
    const wikitextAnswer = 'interwiki' in answer && answer.interwiki === 'wikt' ? { invalid: true } : answer;
    expect(viaWikitext(TEST_WIKI, input)).toEqual(wikitextAnswer);
  });

  it('keeps the first letter where the namespace is case-sensitive, on both', async () => {
    for (const [input, title] of [
      ['word', 'word'],
      ['talk:word', 'Talk:Word'],
    ] as const) {
      expect(await viaApi('casewiki', input)).toEqual({ title });
      expect(viaWikitext('casewiki', input)).toEqual({ title });
    }
  });

  it('uses the wiki’s localized namespace names on both', () => {
    const de = new NamespaceTable(
      defaultNamespaces().map((n) => (n.id === 1 ? { ...n, name: 'Diskussion' } : n)),
    );
    const link = analyzeWikitext('[[diskussion:Foo]]', wikitextContextOf(de)).links[0];
    expect(link).toEqual({ namespace: 1, title: 'Foo' });
  });
});
