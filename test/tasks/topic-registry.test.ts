import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topicAgreement } from '../../src/tasks/domain/topic-agreement.ts';
import { compileTopicCategories, topicCategoriesFor } from '../../src/tasks/domain/topic-categories.ts';
import { parsePredictionLine } from '../../src/tasks/domain/topic-prediction-parser.ts';
import {
  ARTICLETOPIC_LABELS,
  namedTopicGroups,
  oresTopicId,
  sortTopics,
  TOPIC_GROUPS,
  TOPIC_IDS,
  TOPICS,
  topicMessageKey,
  topicOfLabel,
} from '../../src/tasks/domain/topics.ts';

/** The ids of suggested-edits-reference.md §2.4, typed out from the reference by group. */
const REFERENCE: Record<string, string[]> = {
  geography: ['africa', 'asia', 'central-america', 'europe', 'north-america', 'oceania', 'south-america'],
  culture: [
    'architecture',
    'art',
    'comics-and-anime',
    'entertainment',
    'fashion',
    'literature',
    'music',
    'performing-arts',
    'sports',
    'tv-and-film',
    'video-games',
  ],
  'history-and-society': [
    'biography',
    'business-and-economics',
    'education',
    'food-and-drink',
    'history',
    'military-and-warfare',
    'philosophy-and-religion',
    'politics-and-government',
    'society',
    'transportation',
    'women',
  ],
  'science-technology-and-math': [
    'biology',
    'chemistry',
    'computers-and-internet',
    'earth-and-environment',
    'engineering',
    'general-science',
    'mathematics',
    'medicine-and-health',
    'physics',
    'technology',
  ],
};

describe('topic registry', () => {
  it('has the 39 ids of §2.4 in its 4 groups, in group order', () => {
    expect(TOPIC_IDS).toHaveLength(39);
    expect(new Set(TOPIC_IDS).size).toBe(39);
    expect(TOPIC_GROUPS).toEqual([
      'culture',
      'history-and-society',
      'science-technology-and-math',
      'geography',
    ]);
    for (const group of TOPIC_GROUPS)
      expect(TOPICS.filter((t) => t.group === group).map((t) => t.id)).toEqual(REFERENCE[group]);
    expect(sortTopics(['europe', 'art', 'biology', 'history'])).toEqual([
      'art',
      'history',
      'biology',
      'europe',
    ]);
  });

  it('names the groups and topics for a client, each group ordered by name in the reader language', () => {
    const czech = JSON.parse(readFileSync(join(import.meta.dirname, '../../i18n/cs.json'), 'utf8')) as Record<
      string,
      string
    >;
    const groups = namedTopicGroups((key) => czech[key], 'cs');
    expect(groups.map((g) => [g.id, g.label])).toEqual([
      ['culture', 'Kultura'],
      ['history-and-society', 'Historie a společnost'],
      ['science-technology-and-math', 'Věda, technika a matematika'],
      ['geography', 'Geografie'],
    ]);
    for (const g of groups) expect(g.topics.map((t) => t.id).sort()).toEqual([...REFERENCE[g.id]!].sort());
    // Czech order: "Ch" comes after "H" ("Chemie" after "Fyzika"… and after every H-word).
    const science = groups[2]!.topics.map((t) => t.label);
    expect(science.indexOf('Chemie')).toBeGreaterThan(science.indexOf('Fyzika'));
    expect(groups[3]!.topics.map((t) => t.label)).toEqual([
      'Afrika',
      'Asie',
      'Evropa',
      'Jižní Amerika',
      'Oceánie',
      'Severní Amerika',
      'Střední Amerika',
    ]);
    // A name the wiki lacks is the id.
    expect(namedTopicGroups(() => undefined, 'en')[0]!.topics[0]).toEqual({
      id: 'architecture',
      label: 'architecture',
    });
  });

  it('maps every label of the model to a topic, except linguistics, media and libraries', () => {
    expect(ARTICLETOPIC_LABELS).toHaveLength(64);
    expect(oresTopicId('Geography.Regions.Europe.Northern_Europe')).toBe('northern-europe');
    expect(oresTopicId('STEM.Medicine_&_Health')).toBe('medicine-and-health');
    expect(oresTopicId('Culture.Visual_arts.Visual_arts*')).toBe('visual-arts');
    const unmapped = ARTICLETOPIC_LABELS.filter((l) => topicOfLabel(l) === null);
    expect(unmapped).toEqual(['Culture.Linguistics', 'Culture.Media.Media*', 'STEM.Libraries_&_Information']);
    // Every topic takes at least one label, and every label of a topic is the model's.
    const taken = new Set(ARTICLETOPIC_LABELS.map(topicOfLabel));
    for (const id of TOPIC_IDS) expect(taken.has(id), id).toBe(true);
    const oresIds = new Set(ARTICLETOPIC_LABELS.map(oresTopicId));
    for (const t of TOPICS) for (const o of t.oresTopics) expect(oresIds.has(o), o).toBe(true);
    expect(topicOfLabel('Geography.Regions.Asia.North_Asia')).toBe('europe');
    expect(topicOfLabel('STEM.Space')).toBe('physics');
    expect(topicOfLabel('STEM.STEM*')).toBe('general-science');
    expect(topicOfLabel('Culture.Media.Radio')).toBe('entertainment');
    expect(topicOfLabel('films')).toBe('tv-and-film');
    expect(topicOfLabel('tv-and-film')).toBe('tv-and-film');
    expect(topicOfLabel('Culture.Cooking')).toBeUndefined();
    expect(topicOfLabel('cooking')).toBeUndefined();
  });

  it('has a name for every topic and group in English, German, Czech and Arabic', () => {
    for (const lang of ['en', 'de', 'cs', 'ar']) {
      const messages = JSON.parse(
        readFileSync(join(import.meta.dirname, `../../i18n/${lang}.json`), 'utf8'),
      ) as Record<string, string>;
      for (const id of TOPIC_IDS) expect(messages[topicMessageKey(id)], `${lang} ${id}`).toBeTruthy();
      for (const g of TOPIC_GROUPS)
        expect(messages[`wikiqueue-topic-group-${g}`], `${lang} ${g}`).toBeTruthy();
    }
  });
});

describe('prediction lines', () => {
  const ok = (line: string) => {
    const r = parsePredictionLine(line);
    if (r.ok !== true) throw new Error(JSON.stringify(r));
    return { ...r.prediction, topics: Object.fromEntries(r.prediction.topics) };
  };

  it('reads the ORES, Lift Wing and weighted-tag shapes and TSV, keeping the greatest score per topic', () => {
    expect(
      ok(
        '{"page_id": 7, "probability": {"Culture.Media.Films": 0.4, "Culture.Media.Television": 0.7, "Culture.Linguistics": 0.9}}',
      ),
    ).toEqual({ pageId: 7, topics: { 'tv-and-film': 0.7 }, unknownLabels: [] });
    expect(
      ok(
        '{"page_title": "Velora", "wiki_db": "enwiki", "prediction": {"results": [{"topic": "STEM.Biology", "score": 0.81}]}}',
      ),
    ).toEqual({ title: 'Velora', wiki: 'enwiki', topics: { biology: 0.81 }, unknownLabels: [] });
    expect(ok('{"page_id": 3, "articletopic": ["STEM.Space|640", "Bogus.Label|999"]}')).toEqual({
      pageId: 3,
      topics: { physics: 0.64 },
      unknownLabels: ['Bogus.Label'],
    });
    expect(ok('12\t\tGeography.Regions.Europe.Europe*|0.9,music|0.2')).toEqual({
      pageId: 12,
      topics: { europe: 0.9, music: 0.2 },
      unknownLabels: [],
    });
    expect(parsePredictionLine('page_id\tpage_title\ttopics')).toEqual({ ok: 'header' });
  });

  it('refuses a line with a bad page, score or shape, naming the field', () => {
    const field = (line: string) => {
      const r = parsePredictionLine(line);
      return r.ok === false ? r.field : r.ok;
    };
    expect(field('{"page_id": 1, ')).toBe('(line)');
    expect(field('{"probability": {"STEM.Biology": 0.5}}')).toBe('page_id');
    expect(field('{"page_id": -4, "probability": {}}')).toBe('page_id');
    expect(field('{"page_id": 4, "probability": {"STEM.Biology": 1.5}}')).toBe('probability');
    expect(field('{"page_id": 4}')).toBe('probability');
    expect(field('{"page_id": 4, "results": [{"score": 0.2}]}')).toBe('results');
    expect(field('4\tX\tSTEM.Biology')).toBe('topics');
    expect(field('4\tSTEM.Biology|0.3')).toBe('(line)');
  });
});

describe('category mapping', () => {
  it('matches names and * patterns, underscores as spaces, in topic order', () => {
    const m = compileTopicCategories({ europe: ['* in Avaria'], biography: ['* births'], art: ['Painters'] });
    expect(m.topicsOf(['Populated_places_in_Avaria', '1850 births', 'Painters'])).toEqual([
      'art',
      'biography',
      'europe',
    ]);
    expect(m.topicsOf(['Painters of Avaria', 'In Avaria'])).toEqual([]);
  });

  it("takes the language's mapping when the wiki names none, and only its own when it names any", () => {
    const none = Object.fromEntries(TOPIC_IDS.map((id) => [id, [] as string[]]));
    const de = compileTopicCategories(topicCategoriesFor(none, 'de'));
    expect(de.topicsOf(['Fluss in Avarien'])).toEqual(['earth-and-environment', 'europe']);
    expect(de.topicsOf(['Maler (Korvanien)', 'Geboren 1850'])).toEqual(['art', 'biography', 'europe']);
    const cs = compileTopicCategories(topicCategoriesFor(none, 'cs'));
    expect(cs.topicsOf(['Hory a kopce v Estmarku', 'Brouci'])).toEqual([
      'biology',
      'earth-and-environment',
      'europe',
    ]);
    const own = compileTopicCategories(topicCategoriesFor({ ...none, music: ['Songs'] }, 'en'));
    expect(own.topicsOf(['Songs', 'Rivers of Avaria'])).toEqual(['music']);
  });
});

describe('agreement', () => {
  it('counts (page, topic) pairs per group against the imported topics', () => {
    const groups = topicAgreement([
      { imported: ['europe', 'biography', 'art'], categories: ['europe', 'biography'] },
      {
        imported: ['europe', 'earth-and-environment'],
        categories: ['europe', 'earth-and-environment', 'history'],
      },
      { imported: ['biology'], categories: ['biology', 'asia'] },
    ]);
    const by = Object.fromEntries(groups.map((g) => [g.group, g]));
    expect(by.geography).toMatchObject({
      agreed: 2,
      fromCategories: 3,
      imported: 2,
      precision: 2 / 3,
      recall: 1,
    });
    expect(by.culture).toMatchObject({
      agreed: 0,
      fromCategories: 0,
      imported: 1,
      precision: null,
      recall: 0,
    });
    expect(by['history-and-society']).toMatchObject({
      agreed: 1,
      fromCategories: 2,
      imported: 1,
      precision: 0.5,
      recall: 1,
    });
    expect(by['science-technology-and-math']).toMatchObject({ precision: 1, recall: 1 });
    expect(by.all).toMatchObject({
      agreed: 5,
      fromCategories: 7,
      imported: 6,
      precision: 5 / 7,
      recall: 5 / 6,
    });
  });
});
