import type { DemoFamily } from './demo-family.ts';
import { Random } from './random.ts';
import type { Occupation, Topic } from './topics.ts';

/**
 * An `articletopic` prediction file for a demo wiki, made from the family's plan as the
 * production model would score its articles: what an article is about (a settlement, river,
 * mountain, person or species of a region) gives the model's labels their probabilities, with
 * deterministic noise so that some cross the 0.5 line either way, as a real model's do. The demo's
 * regions are European: each has one of the model's European regions. One JSON line per article
 * (`page_title` and ORES's `probability` object), deleted articles left out.
 */
export function renderTopicPredictions(family: DemoFamily, wiki: string): string {
  const rng = new Random(family.seed).fork(`topic-predictions:${wiki}`);
  const lines: string[] = [];
  for (const article of family.articles) {
    if (article.wiki !== wiki || article.deleted) continue;
    const probability: Record<string, number> = {};
    for (const [label, p] of modelScores(article.topic)) {
      const noisy = Math.min(0.99, Math.max(0.01, p + (rng.next() - 0.5) * 0.5));
      probability[label] = Math.round(noisy * 1000) / 1000;
    }
    lines.push(`${JSON.stringify({ wiki, page_title: article.title, probability })}\n`);
  }
  return lines.join('');
}

const EUROPE = [
  'Geography.Regions.Europe.Western_Europe',
  'Geography.Regions.Europe.Eastern_Europe',
  'Geography.Regions.Europe.Northern_Europe',
  'Geography.Regions.Europe.Southern_Europe',
  'Geography.Regions.Europe.Europe*',
];

const OCCUPATION_LABEL: Record<Occupation, string> = {
  painter: 'Culture.Visual_arts.Visual_arts*',
  composer: 'Culture.Media.Music',
  footballer: 'Culture.Sports',
  politician: 'History_and_Society.Politics_and_government',
  botanist: 'STEM.Biology',
  architect: 'Culture.Visual_arts.Architecture',
};

/** The model's labels for a topic of the demo's world and their probabilities before noise. */
function modelScores(topic: Topic): [string, number][] {
  const region = EUROPE[[...topic.region.en].reduce((h, c) => h + c.charCodeAt(0), 0) % EUROPE.length] ?? '';
  switch (topic.kind) {
    case 'settlement':
      return [
        [region, 0.85],
        ['Geography.Geographical', 0.35],
        ['History_and_Society.History', 0.3],
      ];
    case 'river':
    case 'mountain':
      return [
        [region, 0.75],
        ['Geography.Geographical', 0.85],
        ['STEM.Earth_and_environment', 0.4],
      ];
    case 'person':
      return [
        ['Culture.Biography.Biography*', 0.92],
        [OCCUPATION_LABEL[topic.occupation], 0.78],
        [region, 0.62],
        ['Culture.Biography.Women', 0.1],
      ];
    case 'species':
      return [
        ['STEM.Biology', 0.92],
        [region, 0.4],
        ['Geography.Geographical', 0.15],
      ];
  }
}
