import type { NewSuggestion, SuggestionRow } from '../../src/suggestions/suggestions-service.ts';

/** Dataset ids of three generator runs, oldest first: v1 ids whose text does not sort by time, and a v7. */
export const DATASETS = {
  /** 2022-04-12T09:10:26.505Z (seed 001's dataset). */
  april2022: '644c90bc-ba40-11ec-ba4c-f0d4e2e69820',
  /** 2023-01-01T00:00:00Z as v1: its text sorts before april2022's. */
  jan2023: '3c05c000-8967-11ed-8000-000000000000',
  /** 2024-06-01T00:00:00Z as v7. */
  june2024: '018fd118-9400-7000-8000-000000000000',
} as const;

/** A suggestions row with the given fields over plain defaults. */
export function suggestionRow(overrides: Partial<SuggestionRow> = {}): SuggestionRow {
  return {
    wiki: 'enwiki',
    page_id: 1,
    id: DATASETS.april2022,
    image: 'Example.jpg',
    origin_wiki: 'commonswiki',
    confidence: 0.5,
    found_on: null,
    kind: ['istype-commons-category'],
    page_rev: 10,
    section_heading: null,
    section_index: null,
    page_qid: null,
    ...overrides,
  };
}

/** A new lead-image suggestion of `image` from the media repository, found on dewiki, over `overrides`. */
export function newSuggestion(image: string, overrides: Partial<NewSuggestion> = {}): NewSuggestion {
  return {
    image,
    origin_wiki: 'commonswiki',
    confidence: 0.9,
    found_on: ['dewiki'],
    kind: ['istype-lead-image'],
    page_rev: null,
    section_heading: null,
    section_index: null,
    page_qid: null,
    ...overrides,
  };
}
