import { describe, expect, it } from 'vitest';
import { defaultNamespaces, NamespaceTable } from '../../src/core/domain/namespaces.ts';
import {
  formattedProjects,
  imageFileProblem,
  recommendationDataFromRows,
  validateRecommendationData,
  type GatewayRow,
  type ImageRecommendationData,
} from '../../src/tasks/domain/image-recommendation.ts';
import { reasonOf, shownLanguages, wikipediaLanguage } from '../../src/tasks/domain/image-reason.ts';

/**
 * The pure parts of image recommendations (suggested-edits-reference.md §4.1, §4.2, §4.4, §4.6),
 * against the reference's acceptance scenarios (§8: ProductionImageRecommendationApiHandlerTest,
 * ImageRecommendationDataValidatorTest, ImageRecommendationDataTest and the reason cases of
 * ImageRecommendationMetadataProviderTest).
 */
const OLD = '0190a8b0-0000-7000-8000-000000000001';
const NEW = '0190a8b1-0000-7000-8000-000000000001';
/** A v1 dataset of 2022 (older than both v7 ones above, though it sorts after them as text). */
const V1 = '644c90bc-ba40-11ec-ba4c-f0d4e2e69820';

const row = (over: Partial<GatewayRow> = {}): GatewayRow => ({
  id: NEW,
  image: 'Foo.jpg',
  confidence: 0.5,
  found_on: null,
  kind: [],
  section_heading: null,
  section_index: null,
  ...over,
});

describe('the production adapter (rows → ImageRecommendationData)', () => {
  it('gives nothing for no rows', () => {
    expect(recommendationDataFromRows([], 'image-recommendation')).toEqual([]);
  });

  it('maps kinds to sources and joins found_on; [] and null are ""', () => {
    const data = recommendationDataFromRows(
      [
        row({ image: 'A.jpg', kind: ['istype-lead-image'], found_on: ['enwiki', 'dewiki'], confidence: 0.9 }),
        row({ image: 'B.jpg', kind: ['istype-wikidata-image'], found_on: [], confidence: 0.8 }),
        row({ image: 'C.jpg', kind: ['istype-commons-category'], found_on: null, confidence: 0.7 }),
      ],
      'image-recommendation',
    );
    expect(data).toEqual([
      {
        filename: 'A.jpg',
        source: 'wikipedia',
        projects: 'enwiki,dewiki',
        datasetId: NEW,
        sectionNumber: null,
        sectionTitle: null,
      },
      {
        filename: 'B.jpg',
        source: 'wikidata',
        projects: '',
        datasetId: NEW,
        sectionNumber: null,
        sectionTitle: null,
      },
      {
        filename: 'C.jpg',
        source: 'commons',
        projects: '',
        datasetId: NEW,
        sectionNumber: null,
        sectionTitle: null,
      },
    ]);
  });

  it('orders by confidence, descending', () => {
    const data = recommendationDataFromRows(
      [row({ image: 'Low.jpg', confidence: 0.1 }), row({ image: 'High.jpg', confidence: 0.9 })],
      'image-recommendation',
    );
    expect(data.map((d) => d.filename)).toEqual(['High.jpg', 'Low.jpg']);
  });

  it('keeps the newest dataset only, by the time in the UUID, not its text', () => {
    const data = recommendationDataFromRows(
      [
        row({ id: V1, image: 'Oldest.jpg', confidence: 1 }),
        row({ id: OLD, image: 'Old.jpg', confidence: 0.99 }),
        row({ id: NEW, image: 'New.jpg', confidence: 0.1 }),
      ],
      'image-recommendation',
    );
    expect(data.map((d) => [d.filename, d.datasetId])).toEqual([['New.jpg', NEW]]);
  });

  it('takes wikidata for no kinds and for unknown kinds only; the first known kind of several', () => {
    const sources = recommendationDataFromRows(
      [
        row({ image: 'None.jpg', kind: [], confidence: 0.9 }),
        row({ image: null, kind: [], confidence: 0.8 }),
        row({ image: 'Unknown.jpg', kind: ['istype-unknown'], confidence: 0.7 }),
        row({ image: 'Mixed.jpg', kind: ['istype-unknown', 'istype-commons-category'], confidence: 0.6 }),
        row({
          image: 'Several.jpg',
          kind: ['istype-commons-category', 'istype-lead-image'],
          confidence: 0.5,
        }),
        row({ image: 'Depicts.jpg', kind: ['istype-depicts'], confidence: 0.4 }),
      ],
      'image-recommendation',
    ).map((d) => [d.filename, d.source]);
    expect(sources).toEqual([
      ['None.jpg', 'wikidata'],
      [null, 'wikidata'],
      ['Unknown.jpg', 'wikidata'],
      ['Mixed.jpg', 'commons'],
      ['Several.jpg', 'commons'],
      ['Depicts.jpg', 'unknown'],
    ]);
  });

  it('splits top-level and section rows by the task type', () => {
    const rows = [
      row({ image: 'Top.jpg', kind: ['istype-lead-image'], confidence: 0.9 }),
      row({
        image: 'Section.jpg',
        kind: ['istype-section-topics-p18'],
        section_heading: 'Foo',
        section_index: 2,
        confidence: 0.8,
      }),
      row({
        image: 'Both.jpg',
        kind: ['istype-section-topics', 'istype-section-alignment'],
        section_heading: 'Bar',
        section_index: 3,
        confidence: 0.7,
      }),
      row({ image: 'Plain.jpg', kind: [], section_heading: 'Baz', section_index: 4, confidence: 0.6 }),
    ];
    expect(recommendationDataFromRows(rows, 'image-recommendation').map((d) => d.filename)).toEqual([
      'Top.jpg',
    ]);
    expect(
      recommendationDataFromRows(rows, 'section-image-recommendation').map((d) => [
        d.filename,
        d.source,
        d.sectionNumber,
        d.sectionTitle,
      ]),
    ).toEqual([
      ['Section.jpg', 'wikidata-section-topics', 2, 'Foo'],
      ['Both.jpg', 'wikidata-section-intersection', 3, 'Bar'],
      ['Plain.jpg', 'wikidata-section-topics', 4, 'Baz'],
    ]);
  });
});

describe('ImageRecommendationData', () => {
  it('formats projects: split on commas, characters outside [a-zA-Z0-9_-] dropped; null and "" are none', () => {
    expect(formattedProjects('enwiki, dewiki')).toEqual(['enwiki', 'dewiki']);
    expect(formattedProjects('zh_yuewiki,<b>cswiki</b>')).toEqual(['zh_yuewiki', 'bcswikib']);
    expect(formattedProjects(null)).toEqual([]);
    expect(formattedProjects('')).toEqual([]);
  });
});

describe('the validator (first failure wins)', () => {
  const ns = new NamespaceTable(defaultNamespaces());
  const valid: ImageRecommendationData = {
    filename: 'Foo bar.jpg',
    source: 'wikidata',
    projects: 'enwiki,dewiki',
    datasetId: NEW,
    sectionNumber: null,
    sectionTitle: null,
  };
  const check = (over: Partial<ImageRecommendationData>) =>
    validateRecommendationData({ ...valid, ...over }, 'Some page', ns);
  const message = (over: Partial<ImageRecommendationData>) => {
    const r = check(over);
    return r.ok ? 'ok' : r.message;
  };

  it('passes a valid row, the file name as a DB key and projects as a list', () => {
    expect(check({})).toEqual({
      ok: true,
      data: {
        filename: 'Foo_bar.jpg',
        source: 'wikidata',
        projects: ['enwiki', 'dewiki'],
        datasetId: NEW,
        sectionNumber: null,
        sectionTitle: null,
      },
    });
    expect(check({ source: 'wikidata-section', sectionNumber: 2, sectionTitle: 'History' })).toMatchObject({
      ok: true,
      data: { source: 'wikidata-section-topics', sectionNumber: 2, sectionTitle: 'History' },
    });
  });

  it('names each bad field', () => {
    expect(message({ filename: true })).toBe('Invalid filename format for Some page: [type] boolean');
    expect(message({ filename: [] })).toBe('Invalid filename format for Some page: [type] array');
    expect(message({ filename: 'Bad[name].jpg' })).toBe(
      'Invalid filename format for Some page: Bad[name].jpg',
    );
    expect(message({ filename: 'Talk:Foo.jpg' })).toBe('Invalid filename format for Some page: Talk:Foo.jpg');
    expect(message({ source: 'wiki' })).toBe('Invalid source type for Some page: wiki');
    expect(message({ source: 'unknown' })).toBe('Invalid source type for Some page: unknown');
    expect(message({ projects: null })).toBe('Invalid projects format for Some page');
    expect(message({ datasetId: 1 })).toBe('Invalid datasetId format for Some page');
    expect(message({ sectionNumber: '2' })).toBe('Invalid section number for Some page');
    expect(message({ sectionNumber: 1.5 })).toBe('Invalid section number for Some page');
    expect(message({ sectionTitle: 1 })).toBe('Invalid section title for Some page');
  });

  it('reports only the first of several bad fields, HTML stripped', () => {
    expect(message({ filename: 1, source: 'wiki', projects: null, datasetId: 1 })).toBe(
      'Invalid filename format for Some page: [type] int',
    );
    expect(message({ source: '<b>wiki</b>' })).toBe('Invalid source type for Some page: wiki');
  });
});

describe('the file checks', () => {
  it('refuses files narrower than 100 pixels and media other than bitmaps and drawings', () => {
    expect(imageFileProblem({ width: 99, mediaType: 'BITMAP' })).toEqual({
      problem: 'too-narrow',
      width: 99,
    });
    expect(imageFileProblem({ width: 100, mediaType: 'BITMAP' })).toBeUndefined();
    expect(imageFileProblem({ width: 400, mediaType: 'DRAWING' })).toBeUndefined();
    expect(imageFileProblem({ width: 400, mediaType: 'AUDIO' })).toEqual({
      problem: 'media-type',
      mediaType: 'AUDIO',
    });
  });
});

describe('the reason', () => {
  it('names the language of a Wikipedia by its wiki id', () => {
    expect(wikipediaLanguage('cswiki')).toBe('cs');
    expect(wikipediaLanguage('zh_yuewiki')).toBe('yue');
    expect(wikipediaLanguage('commonswiki')).toBeUndefined();
    expect(wikipediaLanguage('enwiktionary')).toBeUndefined();
  });

  it('is a fixed text for wikidata, commons and section topics', () => {
    expect(reasonOf('wikidata', ['enwiki'], 'en', 'en').key).toBe(
      'growthexperiments-addimage-reason-wikidata',
    );
    expect(reasonOf('commons', [], 'en', 'en').key).toBe('growthexperiments-addimage-reason-commons');
    expect(reasonOf('wikidata-section-topics', [], 'en', 'en').key).toBe(
      'growthexperiments-addimage-reason-section-topics',
    );
  });

  it('names one project, counts two or more with up to two names, counts alone when none resolves', () => {
    expect(reasonOf('wikipedia', ['cswiki'], 'en', 'en')).toEqual({
      key: 'growthexperiments-addimage-reason-wikipedia-project',
      params: ['Czech'],
    });
    expect(reasonOf('wikipedia', ['cswiki', 'dewiki'], 'en', 'en')).toEqual({
      key: 'growthexperiments-addimage-reason-wikipedia-languages',
      params: ['2'],
      languages: { names: ['Czech', 'German'], others: 0 },
    });
    expect(
      reasonOf('wikidata-section-alignment', ['frwiki', 'skwiki', 'cswiki', 'plwiki'], 'cs', 'de'),
    ).toEqual({
      key: 'growthexperiments-addimage-reason-section-alignment-languages',
      params: ['4'],
      languages: { names: ['Tschechisch', 'Französisch'], others: 2 },
    });
    expect(reasonOf('wikipedia', ['xxxwiki', 'commonswiki'], 'en', 'en')).toEqual({
      key: 'growthexperiments-addimage-reason-wikipedia-count',
      params: ['2'],
    });
  });

  it('gives the intersection one name, one name and the number of the rest, or the count', () => {
    expect(reasonOf('wikidata-section-intersection', ['dewiki'], 'en', 'en').params).toEqual(['German']);
    expect(reasonOf('wikidata-section-intersection', ['frwiki', 'dewiki', 'plwiki'], 'de', 'en')).toEqual({
      key: 'growthexperiments-addimage-reason-intersection-more',
      params: ['German', '2'],
    });
    expect(reasonOf('wikidata-section-intersection', ['xxxwiki'], 'en', 'en').key).toBe(
      'growthexperiments-addimage-reason-intersection-count',
    );
  });

  it('shows the content language and its fallbacks first', () => {
    // Slovak falls back to Czech, then English.
    expect(shownLanguages(['fr', 'cs', 'en'], 'sk', 2)).toEqual(['cs', 'en']);
    expect(shownLanguages(['fr', 'cs', 'sk'], 'sk', 2)).toEqual(['sk', 'cs']);
    expect(shownLanguages(['fr', 'pl', 'cs', 'sk'], 'sk', 3)).toEqual(['sk', 'cs', 'fr']);
    expect(shownLanguages(['fr', 'pl'], 'de', 2)).toEqual(['fr', 'pl']);
  });
});
