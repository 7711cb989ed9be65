import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIKI } from '../../factories/app.ts';
import { buildReviewApp, type ReviewTestApp } from '../../factories/review.ts';

/**
 * One autoconfirm rule: the wiki's `settings.autoconfirm` decides both the `autoconfirmed` group
 * of an account's rights and the creator's `autoconfirmed` flag in review metadata.
 */
let t: ReviewTestApp;
beforeAll(async () => {
  t = await buildReviewApp();
  const info = t.services.wikis.get(TEST_WIKI).info;
  await t.services.wikis.upsert(
    { ...info, settings: { ...info.settings, autoconfirm: { minEdits: 1, minAgeSeconds: 3600 } } },
    t.now(),
  );
});
afterAll(async () => t.close());

describe('a creator against the wiki autoconfirm setting (1 edit, 1 hour)', () => {
  it('is not autoconfirmed for either before the hour has passed', async () => {
    const creator = await t.user('Early creator');
    await t.edit(creator, 'Warm-up edit', 'x');
    const id = await t.edit(creator, 'Early page', 'x');
    expect((await creator.actor()).rights.has('autoconfirmed')).toBe(false);
    expect((await t.queued(id))?.metadata?.creatorAutoconfirmed).toBe(false);
  });

  it('is autoconfirmed for both after one edit and an hour, far below the 10 edits and 4 days of the defaults', async () => {
    const creator = await t.user('Later creator');
    await t.edit(creator, 'First edit', 'x');
    t.advance(3601);
    const id = await t.edit(creator, 'Later page', 'x');
    expect((await creator.actor()).rights.has('autoconfirmed')).toBe(true);
    expect((await t.queued(id))?.metadata?.creatorAutoconfirmed).toBe(true);
  });
});
