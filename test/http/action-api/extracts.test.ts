import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, buildTestApp, type TestApp } from '../../factories/app.ts';

/** prop=extracts (TextExtracts' API) over the wiki's latest texts. */
let t: TestApp;
let api: ApiClient;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RIVER = `{{Infobox river|name=Belke River|length=565 km}}
'''Belke River''' is a [[river]] in [[Avaria|the north]].<ref>Atlas, p. 3.</ref> It is 565&nbsp;km long.
It flows past [[Rosford]].

== History ==
The river was first mapped in 1374. Mills followed.

== References ==
{{reflist}}`;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('Extractor', 'extractor password', ['sysop']);
  api = new ApiClient(t);
  await api.login('Extractor', 'extractor password');
  const token = await api.token();
  const edit = async (title: string, text: string) => {
    const res = (await api.post({ action: 'edit', title, text, token, formatversion: '2' })).json as Json;
    expect(res.edit?.result, title).toBe('Success');
  };
  await edit('Belke River', RIVER);
  await edit('Rosford', "'''Rosford''' is a town. It has a mill.\n== Economy ==\nFarming.");
  await edit('File:Belke.jpg', 'A photograph of the river.');
  await edit('User:Extractor/common.css', 'body { color: black; }');
  await edit('Old name', '#REDIRECT [[Belke River]]');
});
afterAll(async () => {
  await t.close();
});

async function query(params: Record<string, string>): Promise<Json> {
  return (await api.get({ action: 'query', prop: 'extracts', formatversion: '2', ...params })).json as Json;
}

const extractOf = async (title: string, params: Record<string, string>): Promise<string> =>
  (await query({ titles: title, ...params })).query.pages[0].extract;

describe('prop=extracts', () => {
  it('gives the lead as plain text without the infobox, references or markup', async () => {
    expect(await extractOf('Belke River', { exintro: '1', explaintext: '1' })).toBe(
      'Belke River is a river in the north. It is 565 km long.\nIt flows past Rosford.',
    );
  });

  it('gives the whole page with its headings in the section format asked for', async () => {
    expect(await extractOf('Rosford', { explaintext: '1' })).toBe(
      'Rosford is a town. It has a mill.\n\n\n== Economy ==\nFarming.',
    );
    expect(await extractOf('Rosford', { explaintext: '1', exsectionformat: 'plain' })).toBe(
      'Rosford is a town. It has a mill.\n\n\nEconomy\nFarming.',
    );
    expect(await extractOf('Rosford', { explaintext: '1', exsectionformat: 'raw' })).toBe(
      'Rosford is a town. It has a mill.\n\n\u0001\u00022\u0002\u0001Economy\nFarming.',
    );
  });

  it('gives limited HTML without explaintext, the text escaped', async () => {
    expect(await extractOf('Rosford', {})).toBe(
      '<p>Rosford is a town. It has a mill.</p>\n<h2>Economy</h2>\n<p>Farming.</p>',
    );
  });

  it('shortens to whole sentences, or to characters with the last word completed and an ellipsis', async () => {
    expect(await extractOf('Belke River', { exintro: '1', explaintext: '1', exsentences: '1' })).toBe(
      'Belke River is a river in the north.',
    );
    expect(await extractOf('Belke River', { exintro: '1', explaintext: '1', exchars: '14' })).toBe(
      'Belke River is…',
    );
    expect(await extractOf('Belke River', { exintro: '1', explaintext: '1', exchars: '1200' })).toBe(
      'Belke River is a river in the north. It is 565 km long.\nIt flows past Rosford.',
    );
  });

  it('refuses exchars with exsentences, and keeps them in their ranges', async () => {
    const both = await query({ titles: 'Rosford', exchars: '10', exsentences: '1' });
    expect(both.error?.code).toBe('invalidparammix');
    const tooMany = await query({ titles: 'Rosford', explaintext: '1', exsentences: '11' });
    expect(tooMany.warnings?.main?.warnings ?? JSON.stringify(tooMany.warnings)).toMatch(
      /no greater than 10/,
    );
  });

  it('answers one whole page a request, several intros, with excontinue for the rest', async () => {
    const whole = await query({ titles: 'Belke River|Rosford', explaintext: '1' });
    const answered = (whole.query.pages as Json[]).filter((p) => p.extract !== undefined);
    expect(answered).toHaveLength(1);
    expect(JSON.stringify(whole.warnings.extracts)).toContain('lowered to 1');
    expect(whole.continue.excontinue).toBe(1);
    const next = await query({ titles: 'Belke River|Rosford', explaintext: '1', excontinue: '1' });
    const rest = (next.query.pages as Json[]).filter((p) => p.extract !== undefined);
    expect(rest.map((p) => p.title)).not.toContain(answered[0]!.title);
    expect(rest).toHaveLength(1);

    const intros = await query({ titles: 'Belke River|Rosford', exintro: '1', explaintext: '1' });
    expect((intros.query.pages as Json[]).map((p) => p.extract).sort()).toEqual([
      'Belke River is a river in the north. It is 565 km long.\nIt flows past Rosford.',
      'Rosford is a town. It has a mill.',
    ]);
    expect(intros.warnings).toBeUndefined();
  });

  it('serves the pages of a generator, as a client of the task feed asks', async () => {
    const res = await query({
      generator: 'allpages',
      gapnamespace: '0',
      gapfilterredir: 'nonredirects',
      exintro: '1',
      explaintext: '1',
      exsentences: '1',
    });
    const byTitle = Object.fromEntries((res.query.pages as Json[]).map((p) => [p.title, p.extract]));
    expect(byTitle).toEqual({
      'Belke River': 'Belke River is a river in the north.',
      Rosford: 'Rosford is a town.',
    });
  });

  it('gives File pages, redirects and pages of other content models an empty extract', async () => {
    const file = await query({ titles: 'File:Belke.jpg', explaintext: '1' });
    expect(file.query.pages[0].extract).toBe('');
    expect(JSON.stringify(file.warnings.extracts)).toContain('File namespace');
    const css = await query({ titles: 'User:Extractor/common.css', explaintext: '1' });
    expect(css.query.pages[0].extract).toBe('');
    expect(JSON.stringify(css.warnings.extracts)).toContain('content model css');
    expect(await extractOf('Old name', { explaintext: '1' })).toBe('');
    const followed = await query({ titles: 'Old name', redirects: '1', exintro: '1', explaintext: '1' });
    expect(followed.query.pages[0].extract).toMatch(/^Belke River is a river/);
  });
});
