import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatorSettingsSchema } from '../../../src/suggestions/domain/generator-settings.ts';
import { datasetIdAt, uuidTime } from '../../../src/suggestions/domain/image-suggestion.ts';
import {
  confidenceOf,
  fileKey,
  filterRules,
  overuseThreshold,
  rejectFile,
  suggestImages,
  type ArticleFacts,
  type FileFacts,
} from '../../../src/suggestions/domain/page-suggestions.ts';
import { SectionAlignment } from '../../../src/suggestions/domain/section-headings.ts';

const defaults = generatorSettingsSchema.defaultValue;
const photo = (name: string, over: Partial<FileFacts> = {}): FileFacts => ({
  name,
  width: 800,
  mediaType: 'BITMAP',
  overused: false,
  ...over,
});

describe('the exclusion filter', () => {
  const rules = filterRules({ ...defaults, excludedFiles: ['File:Banned photo.jpg'] }, 1000);

  it('keeps a photograph of the repository', () => {
    expect(rejectFile('Town_hall.jpg', photo('Town_hall.jpg'), rules)).toBeUndefined();
  });

  it.each([
    ['Missing.jpg', undefined, 'not-in-repository'],
    ['Banned_photo.jpg', photo('Banned_photo.jpg'), 'listed'],
    ['Chart.svg', photo('Chart.svg', { mediaType: 'DRAWING' }), 'media-type'],
    ['Song.ogg', photo('Song.ogg', { mediaType: 'AUDIO' }), 'media-type'],
    ['Small.png', photo('Small.png', { width: 99 }), 'too-narrow'],
    ['Banner.png', photo('Banner.png', { overused: true }), 'overused'],
    ['Flag_of_Estmark.png', photo('Flag_of_Estmark.png'), 'name'],
    ['Wikiqueue_logo.png', photo('Wikiqueue_logo.png'), 'name'],
    ['No_image_available.png', photo('No_image_available.png'), 'name'],
    ['Portrait_placeholder.png', photo('Portrait_placeholder.png'), 'name'],
  ] as const)('drops %s (%s)', (name, file, reason) => {
    expect(rejectFile(name, file, rules)).toBe(reason);
  });

  it('does not mistake a word containing "icon" or "logo" for one', () => {
    expect(rejectFile('Iconic_bridge.jpg', photo('Iconic_bridge.jpg'), rules)).toBeUndefined();
    expect(rejectFile('Biology_lab.jpg', photo('Biology_lab.jpg'), rules)).toBeUndefined();
  });

  it('measures "very many pages" against the family: 5 % of its content pages, between 10 and 100', () => {
    expect(overuseThreshold(defaults, 20)).toBe(10);
    expect(overuseThreshold(defaults, 630)).toBe(32);
    expect(overuseThreshold(defaults, 6_800_000)).toBe(100);
  });

  it('reads excluded files in any form as DB keys', () => {
    expect(fileKey('file:banned photo.jpg')).toBe('Banned_photo.jpg');
    expect(fileKey('Image:X y.png')).toBe('X_y.png');
  });
});

describe('confidence', () => {
  it('rises with each wiki using the image and each agreeing kind, never reaching 1', () => {
    expect(confidenceOf([0.5])).toBe(0.5);
    expect(confidenceOf([0.5, 0.5])).toBe(0.75);
    expect(confidenceOf([0.5, 0.5, 0.5])).toBe(0.875);
    expect(confidenceOf([0.5, 0.3])).toBe(0.65);
    expect(confidenceOf(Array.from({ length: 40 }, () => 0.5))).toBeLessThanOrEqual(1);
  });
});

describe('one article', () => {
  const rules = filterRules(defaults, 1000);
  const files = new Map(['A.jpg', 'B.jpg', 'C.jpg', 'S.jpg'].map((n) => [n, photo(n)]));
  const article = (over: Partial<ArticleFacts>): ArticleFacts => ({
    pageId: 1,
    revId: 10,
    qid: null,
    hasLeadImage: false,
    excluded: false,
    sections: [],
    counterparts: [],
    categoryFiles: [],
    judgedFiles: new Set(),
    ...over,
  });

  it('never suggests a file a newcomer already accepted or rejected for the article', () => {
    const counterparts = [
      { wiki: 'dewiki', leadImage: 'A.jpg', sections: [] },
      { wiki: 'cswiki', leadImage: 'B.jpg', sections: [] },
    ];
    const all = suggestImages(article({ counterparts }), files, rules, undefined, 'commonswiki');
    expect(all.map((r) => r.image).sort()).toEqual(['A.jpg', 'B.jpg']);
    const rows = suggestImages(
      article({ counterparts, judgedFiles: new Set(['A.jpg']) }),
      files,
      rules,
      undefined,
      'commonswiki',
    );
    expect(rows.map((r) => r.image)).toEqual(['B.jpg']);
  });

  it('suggests each file once, article level first, and never one the article already uses', () => {
    const rows = suggestImages(
      article({
        sections: [
          { heading: 'History', number: 1, files: [] },
          { heading: 'Economy', number: 2, files: ['C.jpg'] },
        ],
        counterparts: [
          {
            wiki: 'dewiki',
            leadImage: 'A.jpg',
            sections: [{ heading: 'Geschichte', number: 1, files: ['A.jpg', 'S.jpg'] }],
          },
          {
            wiki: 'cswiki',
            leadImage: 'C.jpg',
            sections: [{ heading: 'Historie', number: 1, files: ['S.jpg'] }],
          },
        ],
      }),
      files,
      rules,
      new SectionAlignment(),
      'commonswiki',
    );
    expect(rows.map((r) => [r.image, r.section_heading, r.found_on, r.confidence])).toEqual([
      ['A.jpg', null, ['dewiki'], 0.5],
      ['S.jpg', 'History', ['cswiki', 'dewiki'], 0.75],
    ]);
  });

  it('gives an article with a lead image only section-level suggestions, and an excluded one none', () => {
    const facts = article({
      hasLeadImage: true,
      sections: [{ heading: 'Life', number: 1, files: [] }],
      counterparts: [
        { wiki: 'dewiki', leadImage: 'A.jpg', sections: [{ heading: 'Leben', number: 1, files: ['B.jpg'] }] },
      ],
    });
    expect(
      suggestImages(facts, files, rules, new SectionAlignment(), 'commonswiki').map((r) => r.image),
    ).toEqual(['B.jpg']);
    expect(
      suggestImages({ ...facts, excluded: true }, files, rules, new SectionAlignment(), 'commonswiki'),
    ).toEqual([]);
  });

  it('aligns headings by the shipped groups, by a wiki’s own groups, and identical headings always', () => {
    const a = new SectionAlignment([['Ortsbild', 'Townscape']]);
    expect(a.aligned('History', 'Geschichte')).toBe(true);
    expect(a.aligned('history', 'Dějiny')).toBe(true);
    expect(a.aligned('Townscape', 'ortsbild')).toBe(true);
    expect(a.aligned('Sport', 'Sport')).toBe(true);
    expect(a.aligned('History', 'Geography')).toBe(false);
  });
});

describe('dataset ids', () => {
  it('makes version 7 ids whose time is the run’s and whose text sorts by time', () => {
    const ms = Date.UTC(2026, 11, 7, 3, 0, 0, 123);
    const id = datasetIdAt(ms, randomBytes(10));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidTime(id)).toBe(ms);
    expect(datasetIdAt(ms + 1, new Uint8Array(10)) > datasetIdAt(ms, new Uint8Array(10).fill(255))).toBe(
      true,
    );
  });
});
