import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNamespaces, NamespaceTable } from '../../src/core/domain/namespaces.ts';
import { tryParseTitle } from '../../src/core/domain/titles.ts';
import { DEFAULT_AUTOCONFIRM } from '../../src/core/domain/rights.ts';
import type { WikiInfo } from '../../src/core/domain/wiki.ts';
import { DEFAULT_USER_CHANGE_TAGS } from '../../src/core/domain/change-tags.ts';
import { coreSettingsOf } from '../../src/core/domain/wiki-settings.ts';
import { isWikiqueueError, type WikiqueueError } from '../../src/errors.ts';
import { defaultReviewPreset } from '../../src/review/domain/preset.ts';
import { presetChoiceOf, ReviewPresets, reviewSettings } from '../../src/review/review-presets.ts';
import { buildTestApp, type TestApp } from '../factories/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const wiki = (id: string, settings: Record<string, unknown>): WikiInfo => ({
  id,
  lang: 'en',
  sitename: `Wiki ${id}`,
  baseUrl: '',
  namespaces: defaultNamespaces(),
  isMediaRepo: false,
  source: 'local',
  settings,
});

async function refusal(info: WikiInfo): Promise<WikiqueueError> {
  const error = await t.services.wikis.upsert(info, t.now()).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isWikiqueueError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('writing a wiki with bad settings', () => {
  it('is refused with invalid-wiki-settings naming the key and the problem, and nothing is written', async () => {
    await t.services.wikis.upsert(wiki('settingswiki', { review: { ages: { maxAge: 7 } } }), t.now());
    const error = await refusal(wiki('settingswiki', { review: { ages: { maxAge: 'soon' } } }));
    expect(error.code).toBe('invalid-wiki-settings');
    expect(error.message).toBe(
      'Wiki "settingswiki" was not saved: setting "review.ages.maxAge" must be a number ≥ 0.',
    );
    expect(error.data.problems).toEqual([{ key: 'review.ages.maxAge', problem: 'must be a number ≥ 0' }]);
    expect((await t.services.store.wikis.get('settingswiki'))?.settings).toEqual({
      review: { ages: { maxAge: 7 } },
    });
    expect(t.services.wikis.get('settingswiki').info.settings).toEqual({ review: { ages: { maxAge: 7 } } });
  });

  it('refuses a wiki that does not exist yet without creating it', async () => {
    await refusal(wiki('neverwiki', { autoconfirm: { minEdits: -1 } }));
    expect(await t.services.store.wikis.get('neverwiki')).toBeUndefined();
    expect(t.services.wikis.find('neverwiki')).toBeUndefined();
  });

  it.each([
    [{ mainpage: 'Home' }, 'mainpage', 'is not a known setting'],
    [{ mainPage: 'A|B' }, 'mainPage', 'must be the title of a page'],
    [{ mainPage: 'Special:Random' }, 'mainPage', 'must be the title of a page'],
    [{ autoconfirm: { minEdits: 2.5 } }, 'autoconfirm.minEdits', 'must be an integer ≥ 0'],
    [{ autoconfirm: { minDays: 4 } }, 'autoconfirm.minDays', 'is not a known setting'],
    [{ changeTags: 'pagetriage' }, 'changeTags', 'must be a list'],
    [{ changeTags: ['ok', 3] }, 'changeTags.1', 'must be a string'],
    [{ review: { namespaces: [0, 'Draft'] } }, 'review.namespaces.1', 'must be an integer'],
    [
      { review: { preset: 'nowiki' } },
      'review.preset',
      'must name a preset (enwiki, arwiki, cswiki, dewiki)',
    ],
    [{ review: { enableOres: 'yes' } }, 'review.enableOres', 'must be true or false'],
    [
      { review: { oresArticleQualityBounds: [0.2, 0.4] } },
      'review.oresArticleQualityBounds',
      'must be a list of 5',
    ],
    [
      { review: { deletionTags: [{ tag: 'Db-a1', kind: 'speedy-ish' }] } },
      'review.deletionTags.0.kind',
      'must be one of "speedy", "prod", "xfd"',
    ],
    [{ review: [] }, 'review', 'must be an object'],
  ])('refuses %j: %s %s', async (settings, key, problem) => {
    const error = await refusal(wiki('settingswiki', settings));
    expect(error.data.problems).toEqual([{ key, problem }]);
  });

  it('lists every problem of one write', async () => {
    const error = await refusal(
      wiki('settingswiki', { mainpage: 'Home', review: { enableOres: 1, ages: { maxAge: -1 } } }),
    );
    expect((error.data.problems as { key: string }[]).map((p) => p.key).sort()).toEqual([
      'mainpage',
      'review.ages.maxAge',
      'review.enableOres',
    ]);
  });
});

describe('defaults', () => {
  it('give a wiki without settings the core defaults', async () => {
    const { info } = await t.services.wikis.upsert(wiki('plainwiki', {}), t.now());
    expect(coreSettingsOf(info)).toEqual({
      mainPage: 'Main Page',
      autoconfirm: DEFAULT_AUTOCONFIRM,
      changeTags: DEFAULT_USER_CHANGE_TAGS,
      rightsinfo: {
        url: 'https://creativecommons.org/licenses/by-sa/4.0/',
        text: 'Creative Commons Attribution-Share Alike 4.0',
      },
      maxArticleSize: 2048,
      mediawiki: { apiUrl: '', botUser: '', botPassword: '', backfillDays: 30 },
    });
  });

  it('fill the fields a document leaves out, one by one', async () => {
    const { info } = await t.services.wikis.upsert(
      wiki('partwiki', { autoconfirm: { minEdits: 50 } }),
      t.now(),
    );
    expect(coreSettingsOf(info).autoconfirm).toEqual({ minEdits: 50, minAgeSeconds: 4 * 86400 });
  });

  it("give a wiki without a preset of its own the preset of its language (a German wiki gets dewiki's)", async () => {
    const { info } = await t.services.wikis.upsert({ ...wiki('dewikibooks', {}), lang: 'de' }, t.now());
    expect(presetChoiceOf(info)).toEqual({ name: 'dewiki', reason: 'language' });
    expect(new ReviewPresets().for(info).deletionCategories).toEqual(
      reviewSettings.parse({ preset: 'dewiki' }, info).value.deletionCategories,
    );
  });

  it("give an Arabic wiki Arabic Wikipedia's preset (its speedy-deletion category, the Draft namespace)", async () => {
    const { info } = await t.services.wikis.upsert({ ...wiki('arwikinews', {}), lang: 'ar' }, t.now());
    expect(presetChoiceOf(info)).toEqual({ name: 'arwiki', reason: 'language' });
    const preset = new ReviewPresets().for(info);
    expect(preset.deletionCategories.csd).toEqual(['صفحات مرشحة للحذف السريع']);
    expect(preset.draftNamespace).toBe(118);
  });

  it("give a wiki whose language has no preset PageTriage's English defaults (enwiki's categories)", async () => {
    const { info } = await t.services.wikis.upsert({ ...wiki('frwiki', {}), lang: 'fr' }, t.now());
    expect(presetChoiceOf(info)).toEqual({ name: 'enwiki', reason: 'default' });
    expect(new ReviewPresets().for(info).deletionCategories.csd).toEqual(['Candidates for speedy deletion']);
  });

  it('give a named preset precedence over the wiki id and the language', async () => {
    const { info } = await t.services.wikis.upsert(
      { ...wiki('dewiki', { review: { preset: 'cswiki' } }), lang: 'de' },
      t.now(),
    );
    expect(presetChoiceOf(info)).toEqual({ name: 'cswiki', reason: 'named' });
  });

  it("give review the preset file named after the wiki (dewiki's categories)", async () => {
    const { info } = await t.services.wikis.upsert(wiki('dewiki', {}), t.now());
    const preset = new ReviewPresets().for(info);
    expect(presetChoiceOf(info)).toEqual({ name: 'dewiki', reason: 'wiki' });
    expect(preset.deletionCategories.csd.length).toBeGreaterThan(0);
    expect(preset.ages).toEqual(defaultReviewPreset.ages);
  });

  it('let a stored document written before a rule existed be read, its bad fields defaulted', async () => {
    await t.services.store.wikis.upsert(
      wiki('oldwiki', { review: { enableOres: 'yes', ages: { maxAge: 3 } } }),
      t.now(),
    );
    await t.services.wikis.reload();
    const preset = new ReviewPresets().for(t.services.wikis.get('oldwiki').info);
    expect(preset.enableOres).toBe(false);
    expect(preset.ages.maxAge).toBe(3);
  });
});

describe("review's typed settings", () => {
  it("are the wiki's own fields over the named preset over the defaults", async () => {
    const { info } = await t.services.wikis.upsert(
      wiki('reviewwiki', { review: { preset: 'enwiki', ages: { maxAge: 5 }, citationTemplates: ['harv'] } }),
      t.now(),
    );
    const preset = t.services.review.presets.for(info);
    expect(preset.ages).toEqual({ ...defaultReviewPreset.ages, maxAge: 5 });
    expect(preset.citationTemplates).toEqual(['harv']);
    expect(preset.draftNamespace).toBe(118);
  });

  it("merge with the preset object by object: setting one deletion category list keeps the preset's others", async () => {
    const { info } = await t.services.wikis.upsert(
      wiki('mergewiki', { review: { preset: 'enwiki', deletionCategories: { csd: ['Schnelllöschen'] } } }),
      t.now(),
    );
    const preset = t.services.review.presets.for(info);
    expect(preset.deletionCategories.csd).toEqual(['Schnelllöschen']);
    expect(preset.deletionCategories.prod).toEqual(['All articles proposed for deletion']);
  });

  it('of every shipped preset file have no problems', () => {
    for (const name of ReviewPresets.available()) {
      expect(reviewSettings.parse({ preset: name }, wiki(name, {})).problems, name).toEqual([]);
    }
  });

  it('of every shipped preset name categories and templates that are titles in their namespace', () => {
    for (const name of ReviewPresets.available()) {
      const preset = reviewSettings.parse({ preset: name }, wiki(name, {})).value;
      const namespaces = new NamespaceTable(defaultNamespaces());
      const categories = [
        ...Object.values(preset.deletionCategories).flat(),
        ...Object.values(preset.afcCategories).flat(),
      ];
      const templates = [
        ...preset.citationTemplates,
        ...preset.maintenanceTags.map((t) => t.tag),
        ...preset.deletionTags.map((t) => t.tag),
        ...Object.values(preset.talkPageNotes),
      ];
      for (const c of categories)
        expect(tryParseTitle(`Category:${c}`, namespaces)?.text, `${name} ${c}`).toBe(c.replace(/_/g, ' '));
      for (const t of templates) expect(tryParseTitle(t, namespaces, 10)?.namespace, `${name} ${t}`).toBe(10);
      for (const tag of [...preset.maintenanceTags, ...preset.deletionTags])
        expect(tag.label, `${name} ${tag.tag}`).not.toBe('');
    }
  });
});
