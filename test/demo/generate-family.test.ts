import { describe, expect, it } from 'vitest';
import { AFC_CATEGORIES, DELETION_MARKUP } from '../../src/demo/article-text.ts';
import type { DemoFamily } from '../../src/demo/demo-family.ts';
import { readFileDescription } from '../../src/wikitext/file-description.ts';
import { generateFamily } from '../../src/demo/generate-family.ts';
import { NS_DRAFT } from '../../src/demo/demo-wikis.ts';
import { experienceLevel } from '../../src/core/domain/rights.ts';
import {
  categoriesIn,
  finalPages,
  langlinksIn,
  leadImageOf,
  pageKey,
  type FinalPage,
} from './family-state.ts';

const NOW = 1_720_000_000;
const family = generateFamily({ seed: 7, pagesPerWiki: 60, now: NOW });
const pages = finalPages(family);
const CONTENT_WIKIS = ['enwiki', 'dewiki', 'cswiki', 'arwiki'] as const;
const LANG_OF: Record<string, string> = { enwiki: 'en', dewiki: 'de', cswiki: 'cs', arwiki: 'ar' };

function pagesOf(wiki: string): FinalPage[] {
  return [...pages.values()].filter((p) => p.wiki === wiki);
}

/** Articles: main-namespace pages (no namespace prefix the wiki knows) that are not redirects. */
function articlesOf(wiki: string): FinalPage[] {
  const info = family.wikis.find((w) => w.id === wiki);
  const prefixes = (info?.namespaces ?? []).filter((n) => n.id !== 0).flatMap((n) => [n.name, n.canonical]);
  return pagesOf(wiki).filter((p) => !p.isRedirect && !prefixes.some((x) => p.title.startsWith(`${x}:`)));
}

describe('generateFamily', () => {
  it('is deterministic: the same options give the same family', () => {
    const again = generateFamily({ seed: 7, pagesPerWiki: 60, now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(family));
  });

  it('gives a different family for a different seed', () => {
    const other = generateFamily({ seed: 8, pagesPerWiki: 60, now: NOW });
    const titles = (f: DemoFamily) => f.operations.filter((o) => o.kind === 'edit').map((o) => o.title);
    expect(titles(other)).not.toEqual(titles(family));
  });

  it('orders operations chronologically, before now, each by an account created earlier or an IP', () => {
    const created = new Map<string, number>();
    let last = -Infinity;
    for (const op of family.operations) {
      expect(op.at).toBeGreaterThanOrEqual(last);
      expect(op.at).toBeLessThan(NOW);
      last = op.at;
      const k = `${op.wiki}|${op.actor}`;
      if (op.kind === 'create-account') created.set(k, op.at);
      else if (!/^[\d.]+$|:/.test(op.actor)) expect(created.has(k), `${op.actor} on ${op.wiki}`).toBe(true);
    }
  });

  it('scales the article count with pagesPerWiki', () => {
    const bigger = finalPages(generateFamily({ seed: 7, pagesPerWiki: 120, now: NOW }));
    const count = (m: Map<string, FinalPage>) => [...m.values()].filter((p) => p.wiki === 'dewiki').length;
    expect(count(bigger)).toBeGreaterThan(count(pages) * 1.5);
  });

  it('describes five wikis: four localized content wikis and a media repository', () => {
    expect(family.wikis.map((w) => w.id)).toEqual(['enwiki', 'dewiki', 'cswiki', 'arwiki', 'commonswiki']);
    const de = family.wikis.find((w) => w.id === 'dewiki');
    expect(de?.namespaces.find((n) => n.id === 14)).toMatchObject({
      name: 'Kategorie',
      canonical: 'Category',
    });
    expect(de?.namespaces.find((n) => n.id === 3)).toMatchObject({
      name: 'Benutzer Diskussion',
      canonical: 'User talk',
    });
    const cs = family.wikis.find((w) => w.id === 'cswiki');
    expect(cs?.namespaces.find((n) => n.id === 10)).toMatchObject({ name: 'Šablona', canonical: 'Template' });
    const en = family.wikis.find((w) => w.id === 'enwiki');
    expect(en?.namespaces.find((n) => n.id === NS_DRAFT)).toMatchObject({ name: 'Draft' });
    expect(family.wikis.filter((w) => w.isMediaRepo).map((w) => w.id)).toEqual(['commonswiki']);
  });

  it("describes an Arabic wiki with Arabic Wikipedia's namespace names, its Draft namespace included", () => {
    const ar = family.wikis.find((w) => w.id === 'arwiki');
    expect(ar?.lang).toBe('ar');
    const named = (id: number) => ar?.namespaces.find((n) => n.id === id);
    expect(named(6)).toMatchObject({ name: 'ملف', canonical: 'File', aliases: ['صورة'] });
    expect(named(10)).toMatchObject({ name: 'قالب', canonical: 'Template' });
    expect(named(14)).toMatchObject({ name: 'تصنيف', canonical: 'Category' });
    expect(named(2)).toMatchObject({ name: 'مستخدم', canonical: 'User' });
    expect(named(4)).toMatchObject({ name: 'ويكيبيديا', canonical: 'Project' });
    expect(named(NS_DRAFT)).toMatchObject({ name: 'مسودة', canonical: 'Draft' });
    expect(ar?.settings).toEqual({ mainPage: 'الصفحة الرئيسية' });
  });

  it('writes the Arabic articles in Arabic script, each linked to its counterparts on the other wikis', () => {
    const articles = articlesOf('arwiki');
    expect(articles.length).toBeGreaterThan(50);
    const arabicLetters = /[\u0621-\u064a]/;
    const titled = articles.filter((a) => arabicLetters.test(a.title));
    // Species keep their Latin names; every other article is titled in Arabic script.
    expect(titled.length).toBeGreaterThan(articles.length / 2);
    for (const a of titled) expect(a.text, a.title).toMatch(/^[^a-z]*'''[^']*[\u0621-\u064a]/m);
    const linkedFromElsewhere = CONTENT_WIKIS.filter((w) => w !== 'arwiki').flatMap((w) =>
      articlesOf(w).filter((p) => langlinksIn(p.text).has('ar')),
    );
    expect(linkedFromElsewhere.length).toBeGreaterThan(0);
    for (const p of linkedFromElsewhere) {
      const title = langlinksIn(p.text).get('ar')!;
      expect(pages.get(pageKey('arwiki', title)), title).toBeDefined();
    }
  });

  it('plans media files drawn by code, each with a description page naming its licence, author and categories', () => {
    expect(family.media.length).toBeGreaterThan(10);
    for (const f of family.media) {
      expect(f.repo).toBe('commonswiki');
      expect(f.name).not.toContain(' ');
      expect(f.picture.svg).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/,
      );
      expect(f.picture.format).toBe(
        f.name.endsWith('.svg') ? 'svg' : f.name.endsWith('.png') ? 'png' : 'jpeg',
      );
      const page = readFileDescription(f.descriptionPage);
      expect(page.licenseShortName).not.toBe('');
      expect(page.author).not.toBe('');
      expect(page.categories.length).toBeGreaterThan(0);
      expect(pages.get(pageKey('commonswiki', `File:${f.name.replace(/_/g, ' ')}`))?.text).toBe(
        f.descriptionPage,
      );
    }
  });

  it('has flags, icons, a logo, placeholders and images narrower than 100 px besides the photographs', () => {
    const roles = new Set(family.media.map((f) => f.role));
    expect([...roles].sort()).toEqual(
      ['drawing', 'flag', 'icon', 'logo', 'photo', 'placeholder', 'tiny'].sort(),
    );
    for (const f of family.media.filter((m) => m.role === 'tiny'))
      expect(Number(/width="(\d+)"/.exec(f.picture.svg)?.[1])).toBeLessThan(100);
    for (const f of family.media.filter((m) => ['flag', 'icon', 'logo'].includes(m.role)))
      expect(f.name).toMatch(/\.svg$/);
  });

  it('has drafts in every AfC state on the English wiki', () => {
    const drafts = pagesOf('enwiki').filter((p) => p.title.startsWith('Draft:') && !p.isRedirect);
    const inState = (category: string) =>
      drafts.filter((d) => categoriesIn(d.text).includes(category)).length;
    expect(inState(AFC_CATEGORIES.pending)).toBeGreaterThan(0);
    expect(inState(AFC_CATEGORIES.reviewing)).toBeGreaterThan(0);
    expect(inState(AFC_CATEGORIES.declined)).toBeGreaterThan(0);
    expect(drafts.filter((d) => categoriesIn(d.text).length === 0).length).toBeGreaterThan(0);
    // An accepted draft was moved to the main namespace, leaving a redirect behind.
    expect(
      family.operations.some((o) => o.kind === 'move' && o.from.startsWith('Draft:') && !o.to.includes(':')),
    ).toBe(true);
  });

  it.each(CONTENT_WIKIS)('has pages nominated for each kind of deletion on %s', (wiki) => {
    const lang = LANG_OF[wiki] as 'en' | 'de' | 'cs' | 'ar';
    for (const { category } of Object.values(DELETION_MARKUP[lang])) {
      const nominated = pagesOf(wiki).filter((p) => categoriesIn(p.text).includes(category));
      expect(nominated.length, category).toBeGreaterThan(0);
    }
    expect(family.operations.some((o) => o.kind === 'delete' && o.wiki === wiki)).toBe(true);
  });

  it.each(CONTENT_WIKIS)('has a blocked user whose pages are still there on %s', (wiki) => {
    const blocks = family.operations.filter((o) => o.kind === 'block' && o.wiki === wiki);
    expect(blocks).toHaveLength(1);
    const target = blocks[0]?.kind === 'block' ? blocks[0].target : '';
    expect(pagesOf(wiki).filter((p) => p.creator === target).length).toBeGreaterThan(0);
  });

  it.each(CONTENT_WIKIS)('has pages created by bots, admins, newcomers and learners on %s', (wiki) => {
    const roleOf = new Map(family.users.filter((u) => u.wiki === wiki).map((u) => [u.name, u.role]));
    const creators = new Set(articlesOf(wiki).map((p) => roleOf.get(p.creator)));
    for (const role of ['admin', 'newcomer', 'learner', 'experienced', 'autopatrolled'] as const) {
      expect(creators.has(role), role).toBe(true);
    }
    const botPages = pagesOf(wiki).filter((p) => roleOf.get(p.creator) === 'bot');
    expect(botPages.length).toBeGreaterThan(0);
  });

  it.each(CONTENT_WIKIS)(
    'has orphans, uncategorized and unreferenced articles and redirects on %s',
    (wiki) => {
      const all = pagesOf(wiki);
      const articles = articlesOf(wiki);
      const linked = new Set(
        all.flatMap((p) => [...p.text.matchAll(/\[\[([^\]|#:]+)[\]|]/g)].map((m) => m[1])),
      );
      expect(articles.filter((a) => !linked.has(a.title)).length).toBeGreaterThan(0);
      expect(articles.filter((a) => categoriesIn(a.text).length === 0).length).toBeGreaterThan(0);
      expect(articles.filter((a) => !a.text.includes('<ref')).length).toBeGreaterThan(0);
      expect(all.filter((p) => p.isRedirect).length).toBeGreaterThan(0);
    },
  );

  it('has image-less articles whose sitelinked counterparts have lead images on the repository', () => {
    const onRepo = new Set(family.media.map((f) => f.name.replace(/_/g, ' ')));
    let found = 0;
    for (const wiki of CONTENT_WIKIS) {
      for (const a of articlesOf(wiki)) {
        if (leadImageOf(a.text) !== null || a.text.includes('{{Infobox')) continue;
        for (const [lang, title] of langlinksIn(a.text)) {
          const other = pages.get(pageKey(`${lang}wiki`, title));
          if (!other) continue;
          const image = leadImageOf(other.text);
          const linksBack = langlinksIn(other.text).get(LANG_OF[wiki] as string) === a.title;
          if (image && onRepo.has(image) && linksBack) found++;
        }
      }
    }
    expect(found).toBeGreaterThanOrEqual(3);
  });

  it('gives accounts roles whose experience levels come out as newcomer, learner and experienced', () => {
    const edits = new Map<string, number>();
    for (const op of family.operations) {
      if (op.kind === 'edit' || op.kind === 'move')
        edits.set(`${op.wiki}|${op.actor}`, (edits.get(`${op.wiki}|${op.actor}`) ?? 0) + 1);
    }
    for (const u of family.users.filter((x) => ['newcomer', 'learner', 'experienced'].includes(x.role))) {
      const editCount = u.priorEdits + (edits.get(`${u.wiki}|${u.name}`) ?? 0);
      expect(
        experienceLevel({ editCount, registration: u.registration }, NOW),
        `${u.name} on ${u.wiki}`,
      ).toBe(u.role);
    }
    const groupsOf = (name: string, wiki: string) =>
      family.users.find((u) => u.name === name && u.wiki === wiki)?.groups;
    expect(groupsOf('DemoAdmin', 'enwiki')).toEqual(['sysop', 'bureaucrat']);
    expect(groupsOf('DemoPatroller', 'dewiki')).toEqual(['patroller']);
    expect(groupsOf('CopyPatrolBot', 'enwiki')).toContain('copyviobot');
  });
});
