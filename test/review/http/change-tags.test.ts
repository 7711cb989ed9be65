import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTagsAccompanyingChange,
  DEFAULT_USER_CHANGE_TAGS,
} from '../../../src/core/domain/change-tags.ts';
import { isWikiqueueError } from '../../../src/errors.ts';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, postAction, type ReviewTestApp, type ReviewUser } from '../../factories/review.ts';

function refusal(tags: string[], rights: string[], addable: readonly string[]): string | null {
  try {
    checkTagsAccompanyingChange(tags, new Set(rights), addable);
    return null;
  } catch (e) {
    if (isWikiqueueError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
}

describe('checkTagsAccompanyingChange (ChangeTags::canAddTagsAccompanyingChange)', () => {
  it('accepts no tags from anyone, even without applychangetags', () => {
    expect(refusal([], [], DEFAULT_USER_CHANGE_TAGS)).toBeNull();
  });

  it('refuses any tag to a user without applychangetags', () => {
    expect(refusal(['pagetriage'], ['edit'], DEFAULT_USER_CHANGE_TAGS)).toMatch(/^tags-apply-no-permission/);
  });

  it('refuses, naming it, the first tag users may not add', () => {
    expect(refusal(['pagetriage', 'mw-reverted', 'x'], ['applychangetags'], DEFAULT_USER_CHANGE_TAGS)).toBe(
      'badtags: The tag "mw-reverted" is not allowed to be manually applied.',
    );
  });

  it('accepts tags users may add', () => {
    expect(refusal(['pagetriage'], ['applychangetags'], DEFAULT_USER_CHANGE_TAGS)).toBeNull();
  });
});

/** The wiki's edits and pagetriageaction give the same answer for the same tags. */
describe("a wiki's own user-addable tags (settings.changeTags)", () => {
  let t: ReviewTestApp;
  let sysop: ReviewUser;
  beforeAll(async () => {
    t = await buildReviewApp();
    sysop = await t.user('Admin', ['sysop']);
    const info = t.services.wikis.get(TEST_WIKI).info;
    await t.services.wikis.upsert(
      { ...info, settings: { ...info.settings, changeTags: ['local tag'] } },
      t.now(),
    );
  });
  afterAll(async () => t?.close());

  const edit = async (tags: string) =>
    (await postAction(sysop.api, 'edit', { title: `Tagged ${tags}`, text: 'x', tags })).json;
  const review = async (tags: string) => {
    const id = await t.edit(sysop, `Reviewed ${tags}`, 'x');
    return (await postAction(sysop.api, 'pagetriageaction', { pageid: String(id), reviewed: '1', tags }))
      .json;
  };

  it('lets both an edit and a review carry a tag the wiki lists', async () => {
    expect((await edit('local tag')).error).toBeUndefined();
    expect((await review('local tag')).error).toBeUndefined();
  });

  it('refuses both a default tag the wiki does not list', async () => {
    expect((await edit('newcomer task')).error).toMatchObject({ code: 'badtags' });
    expect((await review('newcomer task')).error).toMatchObject({ code: 'badtags' });
  });
});
