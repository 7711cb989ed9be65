import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_TAG_NAMES } from '../../../src/review/domain/reference-tags.ts';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

/** review-queue-reference.md §10 "Compile and metadata": what the compile job stores and the list serves. */
let t: ReviewTestApp;
let creator: ReviewUser;
let sysop: ReviewUser;
beforeAll(async () => {
  t = await buildReviewApp();
  creator = await t.user('Writer');
  sysop = await t.user('Admin', ['sysop']);
});
afterAll(async () => t.close());

async function tagsOf(pageId: number): Promise<Record<string, unknown>> {
  const { pages } = await t.list({ page_id: String(pageId) });
  return pages[0]!;
}

describe('snippet (§1.6)', () => {
  const cases: [string, string][] = [
    [
      '{{Infobox person|name=X}}Alice is a <b>painter</b>.<ref>Some cite</ref>',
      'Alice is a painter.Some cite',
    ],
    ['A {{outer|{{inner}}}} B', 'A B'],
    ['Text with {braces} and [edit] marker', 'Text with braces and  marker'],
    ['== Head ==\nBody [[Link|shown]] text', 'Head Body shown text'],
  ];
  for (const [i, [text, snippet]] of cases.entries()) {
    it(`renders ${JSON.stringify(text)} as ${JSON.stringify(snippet)}`, async () => {
      const id = await t.edit(creator, `Snippet case ${i}`, text);
      expect((await tagsOf(id)).snippet).toBe(snippet);
    });
  }

  it('truncates to 255 bytes, multibyte-safe, with the ellipsis counted', async () => {
    const id = await t.edit(creator, 'Snippet long', 'é'.repeat(200));
    const snippet = (await tagsOf(id)).snippet as string;
    expect(Buffer.byteLength(snippet)).toBeLessThanOrEqual(255);
    expect(snippet.endsWith('...')).toBe(true);
    expect(snippet.replace(/\.\.\.$/, '')).toMatch(/^é+$/);
  });
});

describe('article metadata', () => {
  it('serves exactly the 21 reference tags as strings', async () => {
    const id = await t.edit(creator, 'Tag set', 'Text with a source.<ref>Book</ref>\n[[Category:Things]]');
    const page = await tagsOf(id);
    for (const name of REFERENCE_TAG_NAMES) expect(typeof page[name], name).toBe('string');
    expect(page).toMatchObject({
      reference: '1',
      category_count: '1',
      rev_count: '1',
      afc_state: '1',
      user_name: 'Writer',
    });
  });

  it('counts a reference only for a closed <ref> or a citation template, not a lone <ref/>', async () => {
    const lone = await t.edit(creator, 'Ref lone', 'Text.<ref name="a"/>');
    const sfn = await t.edit(creator, 'Ref sfn', 'Text.{{sfn|Smith|2001}}');
    expect((await tagsOf(lone)).reference).toBe('0');
    expect((await tagsOf(sfn)).reference).toBe('1');
  });

  it('keeps only queued ids when asked about many pages (validatePageIds)', async () => {
    const id = await t.edit(creator, 'Valid id', 'x');
    const statuses = await t.services.review.queue.statuses(TEST_WIKI, [id, 424242, -1, 0]);
    expect([...statuses.keys()]).toEqual([id]);
  });

  it('deleting the page leaves no queue row (deleteMetadata)', async () => {
    const id = await t.edit(creator, 'Deleted metadata', 'x');
    expect(await t.queued(id)).toBeDefined();
    await t.services.wikiSources
      .for(TEST_WIKI)
      .delete(await sysop.actor(), { title: 'Deleted metadata', reason: 'test' });
    await t.drain();
    expect(await t.queued(id)).toBeUndefined();
    expect(await t.services.review.store.reviewQueue.getMany(TEST_WIKI, [id])).toEqual([]);
  });
});
