import { TOPIC_GROUPS, topicGroupOf, type TopicGroup } from './topics.ts';

/** How a page's topics from the category mapping compare with its imported predictions. */
export interface PageTopicPair {
  /** Topics the imported predictions give the page (weight ≥ the threshold). */
  imported: readonly string[];
  /** Topics its categories give it. */
  categories: readonly string[];
}

export interface GroupAgreement {
  group: TopicGroup | 'all';
  /** (page, topic) pairs of the group both sources give. */
  agreed: number;
  /** Pairs the categories give (precision's denominator). */
  fromCategories: number;
  /** Pairs the predictions give (recall's denominator). */
  imported: number;
  /** agreed / fromCategories; null when the categories give none. */
  precision: number | null;
  /** agreed / imported; null when the predictions give none. */
  recall: number | null;
}

/**
 * Precision and recall of the category mapping against the imported predictions, per topic group
 * and over all topics, counting (page, topic) pairs; the predictions are the reference.
 */
export function topicAgreement(pages: readonly PageTopicPair[]): GroupAgreement[] {
  const count = new Map<TopicGroup | 'all', { agreed: number; fromCategories: number; imported: number }>();
  for (const g of [...TOPIC_GROUPS, 'all' as const])
    count.set(g, { agreed: 0, fromCategories: 0, imported: 0 });
  const add = (topic: string, field: 'agreed' | 'fromCategories' | 'imported') => {
    const group = topicGroupOf(topic);
    if (group === undefined) return;
    for (const g of [group, 'all' as const]) {
      const c = count.get(g);
      if (c) c[field]++;
    }
  };
  for (const page of pages) {
    const imported = new Set(page.imported);
    const categories = new Set(page.categories);
    for (const t of imported) add(t, 'imported');
    for (const t of categories) {
      add(t, 'fromCategories');
      if (imported.has(t)) add(t, 'agreed');
    }
  }
  return [...count].map(([group, c]) => ({
    group,
    ...c,
    precision: c.fromCategories === 0 ? null : c.agreed / c.fromCategories,
    recall: c.imported === 0 ? null : c.agreed / c.imported,
  }));
}
