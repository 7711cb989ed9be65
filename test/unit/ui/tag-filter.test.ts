import { describe, expect, it } from 'vitest';
import { hasQuickFilter, matchesTagFilter } from '../../../ui/src/article/tag-filter.ts';

/** The tags tool's quick filter (review-queue-reference.md §8.3). */
const orphan = { tag: 'Orphan', label: 'Orphan', desc: 'No other article links to this one.' };
const advert = { tag: 'Advert', label: 'Advertisement', desc: 'The article reads like an advertisement.' };
const coi = { tag: 'COI', label: 'Conflict of interest', desc: '' };
const relevanz = { tag: 'Relevanz', label: 'Relevanz unklar', desc: 'Es ist unklar, ob …' };
const arabic = { tag: 'يتيمة', label: 'يتيمة', desc: '' };

describe('hasQuickFilter', () => {
  it('appears for more than five tags only', () => {
    expect(hasQuickFilter(5)).toBe(false);
    expect(hasQuickFilter(6)).toBe(true);
    expect(hasQuickFilter(0)).toBe(false);
  });
});

describe('matchesTagFilter', () => {
  it('matches the label, the template name or the description, whatever the case', () => {
    expect(matchesTagFilter(advert, 'ADVERTISE')).toBe(true);
    expect(matchesTagFilter(coi, 'coi')).toBe(true);
    expect(matchesTagFilter(orphan, 'links to')).toBe(true);
    expect(matchesTagFilter(orphan, 'advert')).toBe(false);
    expect(matchesTagFilter(relevanz, 'UNKLAR')).toBe(true);
    expect(matchesTagFilter(arabic, 'يتيم')).toBe(true);
  });

  it('ignores the spaces around the text, and matches everything when it is empty', () => {
    expect(matchesTagFilter(orphan, '  orph ')).toBe(true);
    expect(matchesTagFilter(coi, '   ')).toBe(true);
    expect(matchesTagFilter(coi, '')).toBe(true);
  });
});
