import { describe, expect, it } from 'vitest';
import {
  alreadyNominated,
  dayLogTitle,
  discussionTitle,
  offeredDeletionTags,
  placeDeletionTags,
  redirectDiscussionEntry,
  placeMaintenanceTags,
  templateEnd,
  type ChosenTag,
  type DeletionTag,
  type MaintenanceTag,
} from '../../../ui/src/article/tag-wikitext.ts';

/** The curation toolbar's tag placement (review-queue-reference.md §8.3, §8.4), against hand-written wikitext. */
const wrappers = { multipleIssues: 'Multiple issues', redirectShell: 'Redirect category shell' };
const tag = (t: string, extra: Partial<MaintenanceTag> = {}): MaintenanceTag => ({
  tag: t,
  label: t,
  desc: '',
  category: 'cleanup',
  position: 'top',
  multiple: true,
  params: [],
  ...extra,
});
const pick = (t: MaintenanceTag, values: Record<string, string> = {}): ChosenTag => ({ tag: t, values });
const orphan = tag('Orphan');
const advert = tag('Advert');
const unreferenced = tag('Unreferenced', {
  params: [{ name: 'date', input: 'automated', value: 'December 2026' }],
});
const coi = tag('COI', { params: [{ name: 'reason', input: 'optional', value: '' }] });
const stub = tag('Stub', { position: 'stub', multiple: false });
const uncategorized = tag('Uncategorized', { position: 'bottom', multiple: false });
const catTag = tag('Improve categories', { position: 'categories', multiple: false });
const rMove = tag('R from move', { position: 'redirectTag', multiple: false });
const rCaps = tag('R from other capitalisation', { position: 'redirectTag', multiple: false });

describe('placeMaintenanceTags', () => {
  it('puts one tag at the top, its parameters as |name=value', () => {
    expect(placeMaintenanceTags('Text.', [pick(unreferenced)], wrappers)).toBe(
      '{{Unreferenced|date=December 2026}}\nText.',
    );
    expect(placeMaintenanceTags('Text.', [pick(coi, { reason: ' paid ' })], wrappers)).toBe(
      '{{COI|reason=paid}}\nText.',
    );
    expect(placeMaintenanceTags('Text.', [pick(coi)], wrappers)).toBe('{{COI}}\nText.');
  });

  it('wraps two or more in a new Multiple issues, dropping leading whitespace', () => {
    expect(placeMaintenanceTags('\n\n Text.', [pick(orphan), pick(advert)], wrappers)).toBe(
      '{{Multiple issues|\n{{Orphan}}\n{{Advert}}\n}}\nText.',
    );
  });

  it('adds to an existing Multiple issues wrapper before its closing braces', () => {
    const text = '{{multiple issues|\n{{Notability|date=May 2020}}\n}}\nText {{cite|x}}.';
    expect(placeMaintenanceTags(text, [pick(orphan)], wrappers)).toBe(
      '{{multiple issues|\n{{Notability|date=May 2020}}\n{{Orphan}}\n}}\nText {{cite|x}}.',
    );
  });

  it('ends the page with bottom and stub tags after a blank line, categories tags ahead of them', () => {
    expect(
      placeMaintenanceTags(
        'Text.\n[[Category:X]]',
        [pick(stub), pick(catTag), pick(uncategorized)],
        wrappers,
      ),
    ).toBe('Text.\n[[Category:X]]\n{{Improve categories}}\n\n{{Uncategorized}}\n\n{{Stub}}');
  });

  it('keeps non-multiple top tags out of the wrapper', () => {
    const banner = tag('Current', { multiple: false });
    expect(
      placeMaintenanceTags('Text.', [pick(orphan), pick(banner), pick(advert), pick(stub)], wrappers),
    ).toBe('{{Multiple issues|\n{{Orphan}}\n{{Advert}}\n}}\n{{Current}}\nText.\n\n{{Stub}}');
  });

  it('puts redirect tags into a new or an existing redirect category shell', () => {
    expect(placeMaintenanceTags('#REDIRECT [[Target]]', [pick(rMove), pick(rCaps)], wrappers)).toBe(
      '#REDIRECT [[Target]]\n\n{{Redirect category shell|\n{{R from move}}\n{{R from other capitalisation}}\n}}',
    );
    expect(
      placeMaintenanceTags(
        '#REDIRECT [[T]]\n{{Redirect category shell|{{R from move}}}}',
        [pick(rCaps)],
        wrappers,
      ),
    ).toBe('#REDIRECT [[T]]\n{{Redirect category shell|{{R from move}}\n{{R from other capitalisation}}\n}}');
  });

  it('finds the end of nested calls', () => {
    expect(templateEnd('a{{x|{{y}}|z}}b', 1)).toBe(14);
    expect(templateEnd('{{x|{{y}}', 0)).toBe(-1);
  });
});

const deletionTag = (t: string, extra: Partial<DeletionTag>): DeletionTag => ({
  tag: t,
  label: t,
  kind: 'speedy',
  reviewed: 0,
  discussionPage: '',
  discussion: 'page',
  articleonly: false,
  redirectonly: false,
  contentParam: '',
  ...extra,
});
const speedy = (t: string, label: string, extra: Partial<DeletionTag> = {}) =>
  deletionTag(t, { label, ...extra });
const a1 = speedy('Db-a1', 'A1: No context', { articleonly: true });
const a7 = speedy('Db-a7', 'A7: No indication of importance', { articleonly: true });
const g11 = speedy('Db-g11', 'G11: Unambiguous advertising');
const r3 = speedy('Db-r3', 'R3: Implausible typo', { redirectonly: true });
const prod = deletionTag('Proposed deletion/dated', { label: 'PROD', kind: 'prod' });
const afd = deletionTag('Article for deletion', {
  label: 'AfD',
  kind: 'xfd',
  reviewed: 1,
  discussionPage: 'Wikipedia:Articles for deletion',
  articleonly: true,
});
const rfd = deletionTag('Rfd', {
  label: 'RfD',
  kind: 'xfd',
  reviewed: 1,
  discussionPage: 'Wikipedia:Redirects for discussion',
  discussion: 'log',
  redirectonly: true,
  contentParam: 'content',
});

describe('offeredDeletionTags', () => {
  const all = [a1, a7, g11, r3, prod, afd, rfd];
  const tags = (isRedirect: boolean) => offeredDeletionTags(all, isRedirect).map((t) => t.tag);

  it('offers an article the criteria for articles and for all pages, AfD, and no redirect criteria', () => {
    expect(tags(false)).toEqual([
      'Db-a1',
      'Db-a7',
      'Db-g11',
      'Proposed deletion/dated',
      'Article for deletion',
    ]);
  });

  it('offers a redirect the redirect criteria, the general ones and RfD, never PROD', () => {
    expect(tags(true)).toEqual(['Db-g11', 'Db-r3', 'Rfd']);
    // PROD is not for redirects even when the wiki does not mark it article-only (§8.4).
    expect(offeredDeletionTags([prod], true)).toEqual([]);
  });
});

describe('placeDeletionTags', () => {
  const base = { reason: '', timestamp: '20261207120000' };
  it('puts one speedy tag, or Db-multiple with the codes of several, at the top', () => {
    expect(placeDeletionTags('Text.', { ...base, tags: [a7] })).toBe('{{Db-a7}}\nText.');
    expect(placeDeletionTags('Text.', { ...base, tags: [a1, a7, a1] })).toBe('{{Db-multiple|A1|A7}}\nText.');
  });

  it('dates a PROD with its concern, and names the discussion of an XfD', () => {
    expect(placeDeletionTags('Text.', { ...base, reason: 'Not notable', tags: [prod] })).toBe(
      '{{Proposed deletion/dated|concern=Not notable|timestamp=20261207120000}}\nText.',
    );
    expect(
      placeDeletionTags('Text.', { ...base, tags: [afd], discussion: 'Wikipedia:Articles for deletion/Foo' }),
    ).toBe('{{Article for deletion|page=Wikipedia:Articles for deletion/Foo}}\nText.');
  });

  it('wraps a redirect in the RfD tag as its content parameter, so that it keeps working', () => {
    expect(placeDeletionTags('#REDIRECT [[Target]]\n', { ...base, reason: 'Typo', tags: [rfd] })).toBe(
      '{{Rfd|content=\n#REDIRECT [[Target]]\n}}',
    );
    const shelled = '#REDIRECT [[T]]\n\n{{Redirect category shell|\n{{R from move}}\n}}';
    expect(placeDeletionTags(shelled, { ...base, tags: [rfd] })).toBe(`{{Rfd|content=\n${shelled}\n}}`);
    expect(alreadyNominated(placeDeletionTags(shelled, { ...base, tags: [rfd] }), [rfd])).toBe(true);
  });

  it('names the day log in UTC with the English month, and writes the RfD entry with its reason kept whole', () => {
    // 23:30 on 31 December in UTC−2 is already 1 January in UTC.
    expect(dayLogTitle('Wikipedia:Redirects for discussion', new Date('2026-12-31T23:30:00-02:00'))).toBe(
      'Wikipedia:Redirects for discussion/Log/2027 January 1',
    );
    expect(redirectDiscussionEntry(' Implausible | typo ', 'Tag mee', 'Tag me')).toBe(
      '{{subst:rfd2|text=Implausible {{!}} typo|redirect=Tag mee|target=Tag me}} ~~~~',
    );
  });

  it('numbers repeated nominations and sees an existing one', () => {
    const prefix = 'Wikipedia:Articles for deletion';
    expect(discussionTitle(prefix, 'Foo', new Set())).toBe(`${prefix}/Foo`);
    expect(discussionTitle(prefix, 'Foo', new Set([`${prefix}/Foo`, `${prefix}/Foo (2nd nomination)`]))).toBe(
      `${prefix}/Foo (3rd nomination)`,
    );
    expect(alreadyNominated('{{db-a7}}\nText', [a7])).toBe(true);
    expect(alreadyNominated('{{Db-multiple|A1|A7}}\nText', [a7])).toBe(true);
    expect(alreadyNominated('Text {{Orphan}}', [a7, prod])).toBe(false);
  });
});
