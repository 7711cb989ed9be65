import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderTopicPredictions } from '../../src/demo/demo-topic-predictions.ts';
import { generateFamily } from '../../src/demo/generate-family.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { formatAgreement } from '../../src/tasks/tasks-command.ts';
import type { AgreementReport } from '../../src/tasks/tasks-service.ts';
import { buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * The category mapping's agreement with articletopic predictions on the demo: predictions made
 * from the demo's plan (renderTopicPredictions) are imported on each content wiki and the language
 * defaults of tasks.topicCategories are compared with them (README "Topics" quotes the figures).
 */
vi.setConfig({ testTimeout: 600_000 });

const SEED = 1;
const PAGES = 200;

let t: TestApp;
let dir: string;
const reports = new Map<string, AgreementReport>();
beforeAll(async () => {
  t = await buildTestApp({ wikis: [] });
  dir = mkdtempSync(join(tmpdir(), 'wq-demo-topics-'));
  await loadDemo(t.services, { seed: SEED, pagesPerWiki: PAGES, password: 'test-demo-password-42' });
  const family = generateFamily({ seed: SEED, pagesPerWiki: PAGES, now: t.now() });
  for (const wiki of ['enwiki', 'dewiki', 'cswiki']) {
    const file = join(dir, `${wiki}.jsonl`);
    writeFileSync(file, renderTopicPredictions(family, wiki));
    const s = await t.services.tasks.importTopics(wiki, file);
    expect(s.bad).toBe(0);
    expect(s.unknownLabels.size).toBe(0);
    reports.set(wiki, await t.services.tasks.topicAgreement(wiki));
  }
}, 600_000);
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('demo topic agreement', () => {
  it('compares most imported articles, and the mapping is precise where the categories say the topic', () => {
    for (const [wiki, r] of reports) {
      process.stdout.write(formatAgreement(wiki, r));
      expect(r.importedPages).toBeGreaterThan(100);
      // Articles without categories (6 % of the plan) are the only ones not compared.
      expect(r.comparedPages / r.importedPages).toBeGreaterThan(0.85);
      const by = Object.fromEntries(r.groups.map((g) => [g.group, g]));
      // Every place and person category of the demo names one of its European regions.
      expect(by.geography?.precision).toBeGreaterThan(0.7);
      expect(by['science-technology-and-math']?.recall).toBeGreaterThan(0.5);
    }
  });
});
