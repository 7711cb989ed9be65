import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidTime } from '../../src/suggestions/domain/image-suggestion.ts';
import {
  openSuggestionsStore,
  type SuggestionsStore,
} from '../../src/suggestions/store/suggestions-store.ts';
import { DATASETS, suggestionRow } from '../factories/suggestions.ts';
import { openTestStore, type OpenedTestStore } from '../factories/test-store.ts';

/**
 * The suggestion store's repository on the test backend (vitest runs this file on SQLite and,
 * with TEST_POSTGRES_URL, on PostgreSQL).
 */
let opened: OpenedTestStore;
let store: SuggestionsStore;
beforeEach(async () => {
  opened = await openTestStore({ migrate: true });
  store = openSuggestionsStore(opened.store);
});
afterEach(() => opened.close());

describe('dataset ids', () => {
  it('reads the time of a v1 id (seed 001) and of a v7 id', () => {
    expect(uuidTime(DATASETS.april2022)).toBe(Date.UTC(2022, 3, 12, 9, 10, 26, 505));
    expect(uuidTime(DATASETS.jan2023)).toBe(Date.UTC(2023, 0, 1));
    expect(uuidTime(DATASETS.june2024)).toBe(Date.UTC(2024, 5, 1));
  });

  it('refuses a random (v4) id', () => {
    expect(uuidTime('6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f')).toBeUndefined();
  });
});

describe('suggestions', () => {
  it('reads back every field as stored, sets as arrays and nulls as null', async () => {
    const row = suggestionRow({
      found_on: ['cswiki', 'dewiki'],
      kind: ['istype-lead-image', 'istype-section-alignment'],
      section_heading: 'Early life',
      section_index: 2,
      page_qid: 'Q42',
      confidence: 0.75,
    });
    expect(await store.suggestions.insertMissing([row])).toBe(1);
    expect(await store.suggestions.listNewest('enwiki', 1)).toEqual([row]);
  });

  it('writes a batch of thousands of rows in one call, text that looks like a number or JSON staying text', async () => {
    const tricky = ['1990', '0.5', '"quoted" \\ back', '[1,2]', 'null', 'Жизнь 🌋 ', "O'Brien"];
    const rows = Array.from({ length: 6000 }, (_, i) =>
      suggestionRow({
        page_id: 1 + (i % 3000),
        image: `${tricky[i % tricky.length]}_${i}.jpg`,
        section_heading: i % 2 === 0 ? tricky[i % tricky.length]! : null,
        section_index: i % 2 === 0 ? i : null,
        page_qid: i % 5 === 0 ? null : `Q${i}`,
        confidence: i % 4 === 0 ? 1 : (i % 100) / 100,
      }),
    );
    expect(await store.suggestions.insertMissing(rows)).toBe(6000);
    const byImage = (a: { image: string }, b: { image: string }) => a.image.localeCompare(b.image);
    for (let page = 1; page <= 7; page++) {
      const stored = (await store.suggestions.listNewest('enwiki', page)).sort(byImage);
      expect(stored).toEqual(rows.filter((r) => r.page_id === page).sort(byImage));
    }
  });

  it('serves only the newest dataset by its time, not by the text of its id', async () => {
    await store.suggestions.insertMissing([
      suggestionRow({ id: DATASETS.april2022, image: 'Old.jpg' }),
      suggestionRow({ id: DATASETS.jan2023, image: 'New.jpg' }),
    ]);
    const rows = await store.suggestions.listNewest('enwiki', 1);
    expect(rows.map((r) => r.image)).toEqual(['New.jpg']);
    expect(await store.suggestions.newestDataset('enwiki', 1)).toEqual({
      id: DATASETS.jan2023,
      time: Date.UTC(2023, 0, 1),
    });
  });

  it('orders the rows by confidence, highest first', async () => {
    await store.suggestions.insertMissing([
      suggestionRow({ image: 'B.jpg', confidence: 0.2 }),
      suggestionRow({ image: 'A.jpg', confidence: 0.9 }),
      suggestionRow({ image: 'C.jpg', confidence: 0.5 }),
    ]);
    const rows = await store.suggestions.listNewest('enwiki', 1);
    expect(rows.map((r) => [r.image, r.confidence])).toEqual([
      ['A.jpg', 0.9],
      ['C.jpg', 0.5],
      ['B.jpg', 0.2],
    ]);
  });

  it('keeps pages and wikis apart', async () => {
    await store.suggestions.insertMissing([
      suggestionRow({ page_id: 1, image: 'One.jpg' }),
      suggestionRow({ page_id: 2, image: 'Two.jpg' }),
      suggestionRow({ wiki: 'dewiki', page_id: 1, image: 'Drei.jpg' }),
    ]);
    expect((await store.suggestions.listNewest('enwiki', 1)).map((r) => r.image)).toEqual(['One.jpg']);
    expect((await store.suggestions.listNewest('dewiki', 1)).map((r) => r.image)).toEqual(['Drei.jpg']);
    expect(await store.suggestions.listNewest('enwiki', 3)).toEqual([]);
  });

  it('adds nothing for a row already stored, and says how many were new', async () => {
    expect(await store.suggestions.insertMissing([suggestionRow({ image: 'A.jpg' })])).toBe(1);
    expect(
      await store.suggestions.insertMissing([
        suggestionRow({ image: 'A.jpg', confidence: 0.99 }),
        suggestionRow({ image: 'B.jpg' }),
      ]),
    ).toBe(1);
    const rows = await store.suggestions.listNewest('enwiki', 1);
    expect(rows.map((r) => [r.image, r.confidence])).toEqual([
      ['A.jpg', 0.5],
      ['B.jpg', 0.5],
    ]);
  });

  it('housekeeping deletes superseded datasets and leaves the newest', async () => {
    await store.suggestions.insertMissing([
      suggestionRow({ id: DATASETS.april2022, image: 'Old.jpg' }),
      suggestionRow({ id: DATASETS.jan2023, image: 'Mid.jpg' }),
      suggestionRow({ id: DATASETS.june2024, image: 'New.jpg' }),
      suggestionRow({ page_id: 2, id: DATASETS.april2022, image: 'Only.jpg' }),
    ]);
    expect(await store.suggestions.deleteSupersededDatasets(undefined, 100)).toEqual({
      deleted: 2,
      next: undefined,
    });
    expect((await store.suggestions.deleteSupersededDatasets(undefined, 100)).deleted).toBe(0);
    expect((await store.suggestions.listNewest('enwiki', 1)).map((r) => r.image)).toEqual(['New.jpg']);
    expect((await store.suggestions.listNewest('enwiki', 2)).map((r) => r.image)).toEqual(['Only.jpg']);
  });

  it('housekeeping walks the pages in (wiki, page) order, a batch at a time', async () => {
    for (const [wiki, page] of [
      ['dewiki', 9],
      ['enwiki', 1],
      ['enwiki', 2],
    ] as const)
      await store.suggestions.insertMissing([
        suggestionRow({ wiki, page_id: page, id: DATASETS.april2022, image: 'Old.jpg' }),
        suggestionRow({ wiki, page_id: page, id: DATASETS.june2024, image: 'New.jpg' }),
      ]);
    const first = await store.suggestions.deleteSupersededDatasets(undefined, 2);
    expect(first).toEqual({ deleted: 2, next: { wiki: 'enwiki', pageId: 1 } });
    const second = await store.suggestions.deleteSupersededDatasets(first.next, 2);
    expect(second).toEqual({ deleted: 1, next: undefined });
  });

  it('a replacement rolled back leaves the old dataset', async () => {
    await store.suggestions.insertMissing([suggestionRow({ image: 'Old.jpg' })]);
    await expect(
      store.transaction(async (tx) => {
        await tx.suggestions.deletePage('enwiki', 1);
        await tx.suggestions.insertMissing([suggestionRow({ id: DATASETS.june2024, image: 'New.jpg' })]);
        throw new Error('generator failed');
      }),
    ).rejects.toThrow('generator failed');
    expect((await store.suggestions.listNewest('enwiki', 1)).map((r) => r.image)).toEqual(['Old.jpg']);
  });
});

describe('feedback, title cache and instance-of cache', () => {
  it('stores feedback by (page, filename, id), a second write of the same key replacing the first', async () => {
    const base = {
      wiki: 'enwiki',
      page_id: 1,
      origin_wiki: 'commonswiki',
      user_id: 7,
      is_accepted: false,
      is_rejected: true,
      rejection_reasons: ['offensive', 'notrelevant'],
    };
    await store.suggestions.putFeedback({ ...base, filename: 'B.jpg', id: DATASETS.april2022 });
    await store.suggestions.putFeedback({ ...base, filename: 'A.jpg', id: DATASETS.april2022 });
    await store.suggestions.putFeedback({
      ...base,
      filename: 'A.jpg',
      id: DATASETS.april2022,
      is_accepted: true,
      is_rejected: false,
      rejection_reasons: [],
    });
    expect(await store.suggestions.listFeedback('enwiki', 1)).toEqual([
      {
        ...base,
        filename: 'A.jpg',
        id: DATASETS.april2022,
        is_accepted: true,
        is_rejected: false,
        rejection_reasons: [],
      },
      { ...base, filename: 'B.jpg', id: DATASETS.april2022, rejection_reasons: ['notrelevant', 'offensive'] },
    ]);
    expect(await store.suggestions.listFeedback('enwiki', 2)).toEqual([]);
  });

  it('maps a title to its page and revision, the latest write winning', async () => {
    await store.suggestions.putTitle({ wiki: 'enwiki', title: 'Foo_bar', page_id: 5, page_rev: 50 });
    await store.suggestions.putTitle({ wiki: 'enwiki', title: 'Foo_bar', page_id: 5, page_rev: 51 });
    expect(await store.suggestions.getTitle('enwiki', 'Foo_bar')).toEqual({
      wiki: 'enwiki',
      title: 'Foo_bar',
      page_id: 5,
      page_rev: 51,
    });
    expect(await store.suggestions.getTitle('dewiki', 'Foo_bar')).toBeUndefined();
  });

  it('keeps the instance-of classes of a page', async () => {
    await store.suggestions.putInstanceOf({
      wiki: 'enwiki',
      page_id: 5,
      page_rev: 50,
      instance_of: ['Q5', 'Q215627'],
    });
    expect(await store.suggestions.getInstanceOf('enwiki', 5)).toEqual({
      wiki: 'enwiki',
      page_id: 5,
      page_rev: 50,
      instance_of: ['Q215627', 'Q5'],
    });
    expect(await store.suggestions.getInstanceOf('enwiki', 6)).toBeUndefined();
  });
});
