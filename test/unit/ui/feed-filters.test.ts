import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiParams,
  canSave,
  defaultFilters,
  endOfLocalDay,
  mayList,
  fromStored,
  namespaceChoices,
  normalized,
  panelDismissal,
  predictionChoices,
  startOfLocalDay,
  storedForm,
} from '../../../ui/src/feed/feed-filters.ts';

describe('New Pages Feed filters (review-queue-reference.md §8.1)', () => {
  let tz: string | undefined;
  beforeEach(() => {
    tz = process.env.TZ;
    // A zone east of UTC, so that a local day starts on the UTC day before.
    process.env.TZ = 'Asia/Tokyo';
  });
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('stores the defaults as PageTriage does: namespace 0, unreviewed and others, mode and version', () => {
    expect(storedForm(defaultFilters())).toEqual({
      mode: 'npp',
      namespace: 0,
      showunreviewed: 1,
      showothers: 1,
      format: 'json',
      formatversion: 2,
      version: 2,
    });
  });

  it('converts the local days of the date range to UTC, "to" meaning the end of that day', () => {
    expect(startOfLocalDay('2024-03-10')).toBe('2024-03-09T15:00:00Z');
    expect(endOfLocalDay('2024-03-10')).toBe('2024-03-10T14:59:59Z');
    const f = { ...defaultFilters(), dateFrom: '2024-03-10', dateTo: '2024-03-10' };
    expect(apiParams(f)).toMatchObject({
      date_range_from: '2024-03-09T15:00:00Z',
      date_range_to: '2024-03-10T14:59:59Z',
    });
  });

  it('restores every choice from the stored form', () => {
    const f = {
      ...defaultFilters(),
      showReviewed: true,
      showRedirects: true,
      dateFrom: '2024-01-02',
      dateTo: '2024-01-05',
      that: 'no_inbound_links' as const,
      by: 'username' as const,
      username: 'Example',
      classes: ['stub' as const, 'b' as const],
      issues: ['spam' as const],
      sort: 'oldestfirst' as const,
    };
    const restored = fromStored(JSON.parse(JSON.stringify(storedForm(f))));
    expect(restored).toEqual(f);
  });

  it('treats an empty keyword or username as "all"', () => {
    const f = normalized({
      ...defaultFilters(),
      that: 'keyword',
      keyword: '  ',
      by: 'username',
      username: '',
    });
    expect(f.that).toBe('all');
    expect(f.by).toBe('all');
    expect(apiParams(f)).not.toHaveProperty('keyword');
    expect(apiParams(f)).not.toHaveProperty('username');
  });

  it('needs at least one state and one type to save', () => {
    expect(canSave({ ...defaultFilters(), showUnreviewed: false })).toBe(false);
    expect(canSave({ ...defaultFilters(), showOthers: false })).toBe(false);
    expect(canSave({ ...defaultFilters(), showOthers: false, showNominated: true })).toBe(true);
  });

  it('asks for drafts of every review state in the AfC mode, narrowed by the AfC state', () => {
    const f = defaultFilters('afc', 118);
    expect(apiParams(f)).toEqual({ namespace: 118, showreviewed: 1, showunreviewed: 1, afc_state: 2 });
    expect(apiParams({ ...f, afcState: 0 })).not.toHaveProperty('afc_state');
  });

  it('turns a review-date sort back into the creation sort where it does not apply (unsubmitted, all, NPP)', () => {
    expect(normalized({ ...defaultFilters('afc'), afcState: 1, sort: 'newestreview' }).sort).toBe(
      'newestfirst',
    );
    expect(normalized({ ...defaultFilters('afc'), afcState: 4, sort: 'oldestreview' }).sort).toBe(
      'oldestreview',
    );
    expect(normalized({ ...defaultFilters('npp'), sort: 'oldestreview' }).sort).toBe('oldestfirst');
  });

  it('falls back to the defaults for a stored form it cannot use', () => {
    expect(fromStored('nonsense')).toEqual(defaultFilters());
    expect(fromStored({ mode: 'npp', showreviewed: 0 })).toMatchObject({
      showUnreviewed: true,
      showOthers: true,
    });
  });

  it('applies the choices of a panel closed by a click outside or Escape only when they changed and can be saved', () => {
    const applied = defaultFilters();
    expect(panelDismissal({ ...applied, showRedirects: true }, applied)).toBe('apply');
    expect(panelDismissal({ ...applied, sort: 'oldestfirst' }, applied)).toBe('apply');
    // The same filters, written otherwise: an empty keyword is "all", as applied.
    expect(panelDismissal({ ...applied, that: 'keyword', keyword: ' ' }, applied)).toBe('unchanged');
    expect(panelDismissal({ ...applied, classes: [] }, applied)).toBe('unchanged');
    // No state left: nothing the feed could ask for.
    expect(panelDismissal({ ...applied, showUnreviewed: false }, applied)).toBe('invalid');
    expect(panelDismissal(defaultFilters('afc'), applied)).toBe('apply');
  });

  it('offers the prediction filters the queue serves: all with predictions, copyvio and none with copyvio flags alone', () => {
    const facts = { namespaces: [0], draftnamespace: 118, enableores: false, enablecopyvio: false };
    expect(predictionChoices(facts)).toEqual({ classes: [], issues: [] });
    expect(predictionChoices({ ...facts, enablecopyvio: true })).toEqual({
      classes: [],
      issues: ['copyvio', 'none'],
    });
    expect(predictionChoices({ ...facts, enableores: true })).toEqual({
      classes: ['stub', 'start', 'c', 'b', 'good', 'featured'],
      issues: ['vandalism', 'spam', 'attack', 'copyvio', 'none'],
    });
  });

  it('offers the tracked namespaces but Draft, named as the wiki names them', () => {
    const names = new Map([
      [0, ''],
      [2, 'Benutzer'],
      [118, 'Entwurf'],
    ]);
    const facts = { namespaces: [0, 2, 118], draftnamespace: 118, enableores: false, enablecopyvio: false };
    expect(namespaceChoices(facts, names, '(Artikel)')).toEqual([
      { value: 0, label: '(Artikel)' },
      { value: 2, label: 'Benutzer' },
    ]);
    expect(namespaceChoices({ ...facts, namespaces: [0, 4] }, names, 'Main')).toEqual([
      { value: 0, label: 'Main' },
      { value: 4, label: '4' },
    ]);
  });

  it('asks again for a page entering the queue only when its namespace, status and type can match', () => {
    const f = defaultFilters();
    const article = { namespace: 0, reviewStatus: 'unreviewed', isRedirect: false };
    expect(mayList(f, article)).toBe(true);
    expect(mayList(f, { ...article, namespace: 2 })).toBe(false);
    expect(mayList(f, { ...article, reviewStatus: 'autopatrolled' })).toBe(false);
    expect(mayList({ ...f, showReviewed: true }, { ...article, reviewStatus: 'autopatrolled' })).toBe(true);
    expect(mayList(f, { ...article, isRedirect: true })).toBe(false);
    expect(mayList({ ...f, showRedirects: true, showOthers: false }, { ...article, isRedirect: true })).toBe(
      true,
    );
    // A new page may be nominated already: "nominated" alone admits it.
    expect(mayList({ ...f, showOthers: false, showNominated: true }, article)).toBe(true);
    // The drafts queue: any draft of its namespace, whatever its status.
    const afc = defaultFilters('afc', 118);
    expect(mayList(afc, { ...article, namespace: 118, reviewStatus: 'patrolled' })).toBe(true);
    expect(mayList(afc, article)).toBe(false);
  });
});
