import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReviewApp, type ReviewTestApp } from '../../factories/review.ts';

/** meta=pagetriageconfig: the toolbar's settings, read from the wiki's review preset. */
let t: ReviewTestApp;
beforeAll(async () => {
  t = await buildReviewApp();
});
afterAll(async () => t.close());

async function config(): Promise<Record<string, unknown>> {
  const res = await t.anonymousApi().get({ action: 'query', meta: 'pagetriageconfig', formatversion: '2' });
  return (res.json.query as { pagetriageconfig: Record<string, unknown> }).pagetriageconfig;
}

describe('meta=pagetriageconfig', () => {
  it("gives the preset's tags with their placement and parameters", async () => {
    const c = await config();
    expect(c).toMatchObject({
      namespaces: [0],
      draftnamespace: 118,
      enableores: false,
      enablecopyvio: false,
      enableextendedfeatures: true,
      multipleissuestemplate: 'Multiple issues',
      redirectcategoryshell: 'Redirect category shell',
      talkpagenotes: { tags: 'Taggednote-NPF' },
    });
    const tags = c.maintenancetags as { tag: string; position: string; multiple: boolean }[];
    expect(tags.find((x) => x.tag === 'Stub')).toMatchObject({ position: 'stub', multiple: false });
    expect(tags.find((x) => x.tag === 'Orphan')).toMatchObject({
      desc: 'No other article links to this one.',
      position: 'top',
      multiple: true,
      params: [],
    });
    expect(tags.find((x) => x.tag === 'Unreferenced')).toMatchObject({
      params: [{ name: 'date', input: 'automated' }],
    });
    expect(c.deletiontags).toContainEqual(
      expect.objectContaining({ tag: 'Db-a7', kind: 'speedy', reviewed: 0 }),
    );
  });

  it('says which deletion tags are for articles or redirects only, and how RfD is placed', async () => {
    const tags = (await config()).deletiontags as Record<string, unknown>[];
    expect(tags.find((x) => x.tag === 'Db-a7')).toMatchObject({ articleonly: true, redirectonly: false });
    expect(tags.find((x) => x.tag === 'Db-g11')).toMatchObject({ articleonly: false, redirectonly: false });
    expect(tags.find((x) => x.tag === 'Db-r3')).toMatchObject({ articleonly: false, redirectonly: true });
    expect(tags.find((x) => x.tag === 'Article for deletion')).toMatchObject({
      discussion: 'page',
      contentParam: '',
      articleonly: true,
    });
    expect(tags.find((x) => x.tag === 'Rfd')).toMatchObject({
      kind: 'xfd',
      reviewed: 1,
      discussionPage: 'Wikipedia:Redirects for discussion',
      discussion: 'log',
      contentParam: 'content',
      redirectonly: true,
    });
  });

  it('fills the placement fields a wiki leaves out of its deletion tags', async () => {
    await t.setReview({ deletionTags: [{ tag: 'SLA', label: 'Schnelllöschung' }] });
    expect((await config()).deletiontags).toEqual([
      {
        tag: 'SLA',
        label: 'Schnelllöschung',
        kind: 'speedy',
        reviewed: 0,
        discussionPage: '',
        discussion: 'page',
        articleonly: false,
        redirectonly: false,
        contentParam: '',
      },
    ]);
  });

  it("follows the wiki's own settings", async () => {
    await t.setReview({ maintenanceTags: [{ tag: 'Belege fehlen', label: 'Belege', category: 'sources' }] });
    const c = await config();
    expect(c.maintenancetags).toEqual([
      {
        tag: 'Belege fehlen',
        label: 'Belege',
        desc: '',
        category: 'sources',
        position: 'top',
        multiple: true,
        params: [],
      },
    ]);
  });

  it("tells the feed the wiki's tracked namespaces and whether quality predictions are served", async () => {
    await t.setReview({ namespaces: [0, 2], enableOres: true });
    const c = await config();
    expect(c).toMatchObject({
      namespaces: [0, 2],
      draftnamespace: 118,
      enableores: true,
      enablecopyvio: false,
    });
    // The same settings decide what pagetriagelist serves: User pages are listed, with predictions.
    const creator = await t.user('Config creator');
    const id = await t.edit(creator, 'User:Config creator/Sandbox', 'Some text.');
    const listed = await t.list({ namespace: '2', showunreviewed: '1', showothers: '1' });
    expect(listed.ids).toContain(id);
    expect(listed.pages.find((p) => Number(p.pageid) === id)).toHaveProperty('ores_articlequality');
  });
});
