import { toIsoTimestamp, toMwTimestamp } from '../core/domain/clock.ts';
import {
  categoryLinks,
  DELETION_MARKUP,
  MAINTENANCE_TEMPLATES,
  nominationText,
  renderArticle,
  renderDraft,
  renderFilePage,
  renderPromotion,
  renderRedirect,
  type AfcState,
  type ArticlePlan,
  type ArticleState,
  type LeadImageStyle,
  type MaintenanceTask,
  type Nomination,
  WORDS,
} from './article-text.ts';
import {
  type DemoFamily,
  type DemoMediaFile,
  type DemoOperation,
  type DemoRole,
  type DemoUser,
} from './demo-family.ts';
import {
  drawingPicture,
  flagPicture,
  iconPicture,
  logoPicture,
  placeholderPicture,
  scenePicture,
  type Picture,
} from './pictures.ts';
import { castSize, makeUser, UserNamer } from './demo-users.ts';
import { DEMO_LANGS, DEMO_MAIN_PAGES, demoWikis, MEDIA_REPO, wikiIdOf, type DemoLang } from './demo-wikis.ts';
import { Random } from './random.ts';
import { TALK_NOTE_TEMPLATES } from './talk-notes.ts';
import {
  alternativeTitle,
  occupationWord,
  qualifiedTitle,
  REGIONS,
  regionName,
  taxonWord,
  TopicSource,
  topicTitle,
  type Region,
  type Topic,
} from './topics.ts';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
/** How far back the replayed history reaches. */
export const DEMO_WINDOW_DAYS = 60;

export interface GenerateFamilyOptions {
  seed: number;
  /** Articles per content wiki (hub and infrastructure pages come on top). */
  pagesPerWiki: number;
  /** Unix seconds; all history happens before it. */
  now: number;
}

/**
 * Generates the demo wiki family as plain data: wikis, media files, accounts and a chronological
 * list of operations. Deterministic: the same options give the same family. The family contains
 * what the work queues need to show something interesting: unreviewed new pages by newcomers,
 * learners, bots, admins and a blocked user; drafts in every AfC state; pages nominated for speedy
 * deletion, deletion discussion and proposed deletion; orphans, uncategorized and unreferenced
 * articles; redirects and moves; deleted and recreated pages; and articles without images whose
 * interlanguage counterparts have lead images on the media repository.
 */
export function generateFamily(opts: GenerateFamilyOptions): DemoFamily {
  return new FamilyGenerator(opts).run();
}

type Actor = DemoUser | string;

/** Names of the repository's infrastructure files (#infrastructureMedia), as pages link them. */
const LOGO = 'Wikiqueue demo logo.svg';
const NO_IMAGE = 'No image available.png';
const PORTRAIT_PLACEHOLDER = 'Portrait placeholder.png';
const AMBOX_ICONS = [
  ['important', '#d33'],
  ['notice', '#36c'],
  ['question', '#fc3'],
] as const;
type AmboxIcon = (typeof AMBOX_ICONS)[number][0];

function flagName(region: Region): string {
  return `Flag of ${region.en}.svg`;
}

function amboxName(icon: AmboxIcon): string {
  return `Ambox ${icon}.svg`;
}

/** The icon a maintenance template shows in its message box. */
const MAINTENANCE_ICONS: Record<MaintenanceTask, AmboxIcon> = {
  copyedit: 'notice',
  references: 'question',
  expand: 'notice',
  update: 'important',
  links: 'notice',
};

/**
 * Articles whose lead image is an infrastructure file (#useExcludedLeads), each in a topic whose
 * other articles have no image at all.
 */
interface ExcludedLeads {
  flags: Article[];
  tiny: Article[];
  logo: Article[];
}

function actorName(a: Actor): string {
  return typeof a === 'string' ? a : a.name;
}

interface Article {
  lang: DemoLang;
  wiki: string;
  topic: Topic;
  plan: ArticlePlan;
  shared: boolean;
  creator: Actor;
  createdAt: number;
  orphan: boolean;
  nomination: Nomination | null;
  events: ArticleEvent[];
}

type ArticleEvent =
  | { at: number; kind: 'create'; by: Actor }
  | { at: number; kind: 'content'; stage: number; by: Actor }
  | { at: number; kind: 'maintenance'; by: Actor }
  | { at: number; kind: 'nominate'; by: Actor }
  | { at: number; kind: 'langlink'; lang: DemoLang; title: string; by: Actor }
  | { at: number; kind: 'patrol'; by: Actor }
  | { at: number; kind: 'move'; to: string; by: Actor }
  | { at: number; kind: 'delete'; by: Actor }
  | { at: number; kind: 'recreate'; by: Actor };

const SUMMARIES: Record<DemoLang, readonly string[]> = {
  en: ['copyedit', 'added references', 'expanded', '+cat', 'fixed typo', 'added image', 'tweak', ''],
  de: ['Form', 'Belege ergänzt', 'erweitert', '+Kat', 'Tippfehler', 'Bild', 'kl. Korrektur', ''],
  cs: ['úpravy', 'doplněny reference', 'rozšíření', '+kat', 'překlep', 'obrázek', 'drobnosti', ''],
  ar: ['تدقيق', 'إضافة مراجع', 'توسيع', '+تصنيف', 'تصحيح خطأ إملائي', 'إضافة صورة', 'تعديل طفيف', ''],
};
const CREATE_SUMMARIES: Record<DemoLang, readonly string[]> = {
  en: ['new article', 'Created page', ''],
  de: ['neuer Artikel', 'angelegt', ''],
  cs: ['nový článek', 'založení', ''],
  ar: ['مقالة جديدة', 'أنشأ الصفحة', ''],
};
const TALK: Record<DemoLang, string> = { en: 'Talk', de: 'Diskussion', cs: 'Diskuse', ar: 'نقاش' };
const USER: Record<DemoLang, string> = { en: 'User', de: 'Benutzer', cs: 'Uživatel', ar: 'مستخدم' };
const USER_TALK: Record<DemoLang, string> = {
  en: 'User talk',
  de: 'Benutzer Diskussion',
  cs: 'Diskuse s uživatelem',
  ar: 'نقاش المستخدم',
};
const TEMPLATE: Record<DemoLang, string> = { en: 'Template', de: 'Vorlage', cs: 'Šablona', ar: 'قالب' };
/** The second bot of each wiki, which creates species stubs. */
const STUB_BOT: Record<DemoLang, string> = {
  en: 'TaxonStubBot',
  de: 'ArtikelBot',
  cs: 'PahýlBot',
  ar: 'بوت البذور',
};
const LICENSES: readonly { name: string; template: string }[] = [
  { name: 'CC BY-SA 4.0', template: '{{self|cc-by-sa-4.0}}' },
  { name: 'CC BY-SA 4.0', template: '{{self|cc-by-sa-4.0}}' },
  { name: 'CC BY 4.0', template: '{{self|cc-by-4.0}}' },
  { name: 'CC BY-SA 3.0', template: '{{self|cc-by-sa-3.0}}' },
  { name: 'CC0', template: '{{self|cc-zero}}' },
  { name: 'Public domain', template: '{{PD-old-100}}' },
];

class FamilyGenerator {
  readonly #opts: GenerateFamilyOptions;
  readonly #rng: Random;
  readonly #start: number;
  readonly #now: number;
  readonly #n: number;
  readonly #users: DemoUser[] = [];
  readonly #cast = new Map<string, Map<DemoRole, DemoUser[]>>();
  readonly #edits = new Map<DemoUser, number>();
  readonly #ops: { op: DemoOperation; seq: number }[] = [];
  readonly #media: DemoMediaFile[] = [];
  #tinyTopics: Topic[] = [];
  /** The two files narrower than 100 px: 60 px, then 90 px wide. */
  #tinyNames: string[] = [];
  #excludedLeads: ExcludedLeads = { flags: [], tiny: [], logo: [] };
  readonly #mediaNames = new Set<string>();
  readonly #taken = new Map<string, Set<string>>();
  readonly #ips = new Map<DemoLang, string[]>();
  readonly #topics: TopicSource;
  #counterparts = new Map<string, Article[]>();

  constructor(opts: GenerateFamilyOptions) {
    this.#opts = opts;
    this.#rng = new Random(opts.seed);
    this.#now = opts.now;
    this.#start = opts.now - DEMO_WINDOW_DAYS * DAY;
    this.#n = Math.max(1, Math.floor(opts.pagesPerWiki));
    this.#topics = new TopicSource(this.#rng.fork('topics'));
  }

  run(): DemoFamily {
    for (const lang of DEMO_LANGS) this.#makeCast(lang);
    this.#makeCommonsCast();
    for (const lang of DEMO_LANGS) this.#infrastructure(lang);
    const articles = this.#planArticles();
    this.#assignImages(articles);
    this.#tinyTopics = articles.map((a) => a.topic);
    this.#infrastructureMedia();
    this.#useExcludedLeads(articles);
    for (const a of articles) this.#scheduleArticle(a);
    this.#linkCounterparts(articles);
    for (const a of articles) this.#emitArticle(a);
    for (const lang of DEMO_LANGS) {
      const mine = articles.filter((a) => a.lang === lang);
      this.#redirects(lang, mine);
      this.#talkPages(lang, mine);
      this.#vandal(lang);
      this.#community(lang);
    }
    this.#drafts();
    this.#commonsPages();
    const operations = this.#ops.sort((a, b) => a.op.at - b.op.at || a.seq - b.seq).map((o) => o.op);
    return {
      seed: this.#opts.seed,
      now: this.#now,
      start: this.#start,
      wikis: demoWikis(),
      media: this.#media.sort((a, b) => a.timestamp - b.timestamp || a.name.localeCompare(b.name)),
      users: this.#users,
      operations,
      articles: articles.map((a) => {
        const last = a.events
          .filter((e) => e.kind === 'delete' || e.kind === 'recreate')
          .sort((x, y) => x.at - y.at)
          .at(-1);
        return { wiki: a.wiki, title: a.plan.title, topic: a.topic, deleted: last?.kind === 'delete' };
      }),
    };
  }

  // ---- accounts -------------------------------------------------------------------------------

  #addUser(user: DemoUser): DemoUser {
    this.#users.push(user);
    let byRole = this.#cast.get(user.wiki);
    if (!byRole) this.#cast.set(user.wiki, (byRole = new Map()));
    byRole.set(user.role, [...(byRole.get(user.role) ?? []), user]);
    this.#edits.set(user, 0);
    this.#push({ kind: 'create-account', wiki: user.wiki, at: user.registration, actor: user.name });
    return user;
  }

  #makeCast(lang: DemoLang): void {
    const wiki = wikiIdOf(lang);
    const rng = this.#rng.fork(`cast-${lang}`);
    const namer = new UserNamer(rng, lang);
    const window = { start: this.#start, now: this.#now };
    const fixed: Partial<Record<DemoRole, string[]>> = {
      admin: ['DemoAdmin'],
      patroller: ['DemoPatroller'],
      bot: ['InterwikiBot', STUB_BOT[lang]],
      newcomer: ['DemoNewcomer'],
    };
    for (const [role, count] of Object.entries(castSize(this.#n)) as [DemoRole, number][]) {
      for (let i = 0; i < count; i++) {
        const name = namer.take(
          fixed[role]?.[i] ?? (role === 'vandal' ? `${namer.next()}Deals` : namer.next()),
        );
        const user = makeUser(rng, wiki, name, role, window);
        if (name === 'DemoAdmin') user.groups = ['sysop', 'bureaucrat'];
        if (name === 'DemoNewcomer') user.registration = this.#now - 2 * DAY;
        this.#addUser(user);
      }
    }
    if (lang === 'en') this.#addUser(makeUser(rng, wiki, namer.take('CopyPatrolBot'), 'copyviobot', window));
    this.#ips.set(
      lang,
      Array.from({ length: 12 }, (_, i) =>
        i % 4 === 3
          ? `2001:db8:${DEMO_LANGS.indexOf(lang) + 1}::${i + 1}`
          : `${['203.0.113', '198.51.100', '192.0.2'][i % 3]}.${rng.int(2, 254)}`,
      ),
    );
  }

  #makeCommonsCast(): void {
    const rng = this.#rng.fork('cast-commons');
    const namer = new UserNamer(rng, 'en');
    const window = { start: this.#start, now: this.#now };
    const admin = makeUser(rng, MEDIA_REPO, namer.take('DemoAdmin'), 'admin', window);
    admin.groups = ['sysop', 'bureaucrat'];
    this.#addUser(admin);
    for (let i = 0; i < 4 + Math.floor(this.#n / 100); i++) {
      this.#addUser(makeUser(rng, MEDIA_REPO, namer.next(), 'uploader', window));
    }
  }

  #role(wiki: string, role: DemoRole): DemoUser[] {
    return this.#cast.get(wiki)?.get(role) ?? [];
  }

  #any(wiki: string, rng: Random, ...roles: DemoRole[]): DemoUser {
    const pool = roles.flatMap((r) => this.#role(wiki, r));
    return rng.pick(pool);
  }

  /** A newcomer who can still make `edits` edits and stay below 10 (a newcomer by experience level). */
  #newcomerWithBudget(wiki: string, rng: Random, edits: number, before: number): DemoUser | undefined {
    const pool = this.#role(wiki, 'newcomer').filter(
      (u) => (this.#edits.get(u) ?? 0) + edits <= 8 && u.registration + 10 * MINUTE < before,
    );
    return pool.length > 0 ? rng.pick(pool) : undefined;
  }

  #countEdit(actor: Actor): void {
    if (typeof actor !== 'string') this.#edits.set(actor, (this.#edits.get(actor) ?? 0) + 1);
  }

  #ip(lang: DemoLang, rng: Random): string {
    return rng.pick(this.#ips.get(lang) ?? ['192.0.2.1']);
  }

  // ---- operations ------------------------------------------------------------------------------

  #push(op: DemoOperation): void {
    this.#ops.push({ op, seq: this.#ops.length });
  }

  #edit(
    wiki: string,
    at: number,
    by: Actor,
    title: string,
    text: string,
    summary: string,
    extra: { create?: boolean; bot?: boolean; minor?: boolean } = {},
  ): void {
    this.#countEdit(by);
    this.#pushEdit(wiki, at, by, title, text, summary, extra);
  }

  #take(wiki: string, title: string): boolean {
    let set = this.#taken.get(wiki);
    if (!set) this.#taken.set(wiki, (set = new Set()));
    if (set.has(title)) return false;
    set.add(title);
    return true;
  }

  /** A time in [from, to], or undefined when the range is empty. */
  #between(rng: Random, from: number, to: number): number | undefined {
    return to < from ? undefined : rng.int(Math.floor(from), Math.floor(to));
  }

  // ---- infrastructure --------------------------------------------------------------------------

  /** Main page, templates and category pages, and one hub article per region, made by admins on day one. */
  #infrastructure(lang: DemoLang): void {
    const wiki = wikiIdOf(lang);
    const rng = this.#rng.fork(`infra-${lang}`);
    const admin = this.#role(wiki, 'admin')[0] as DemoUser;
    let at = this.#start + HOUR;
    const tick = () => (at += rng.int(1, 5) * MINUTE);
    this.#take(wiki, DEMO_MAIN_PAGES[lang]);
    const welcome = {
      en: "'''Welcome to Wikipedia''', the free encyclopedia that anyone can edit.",
      de: "'''Willkommen bei Wikipedia''', der freien Enzyklopädie.",
      cs: "'''Vítejte na Wikipedii''', svobodné encyklopedii.",
      ar: "'''مرحبًا بكم في ويكيبيديا'''، الموسوعة الحرة التي يستطيع الجميع تحريرها.",
    }[lang];
    this.#edit(
      wiki,
      tick(),
      admin,
      DEMO_MAIN_PAGES[lang],
      `[[${WORDS[lang].file}:${LOGO}|100px|right]]\n${welcome}\n\n${REGIONS.map((r) => `* [[${WORDS[lang].file}:${flagName(r)}|20px]] [[${regionName(r, lang)}]]`).join('\n')}\n`,
      '',
      {
        create: true,
      },
    );
    this.#push({
      kind: 'protect',
      wiki,
      at: tick(),
      actor: admin.name,
      title: DEMO_MAIN_PAGES[lang],
      edit: 'sysop',
      move: 'sysop',
      expiry: null,
      reason: {
        en: 'Highly visible page',
        de: 'Hauptseite',
        cs: 'Hlavní strana',
        ar: 'صفحة كثيرة الزيارة',
      }[lang],
    });
    const documentation = { en: 'Documentation', de: 'Dokumentation', cs: 'Dokumentace', ar: 'توثيق' }[lang];
    const notes = TALK_NOTE_TEMPLATES[lang];
    for (const template of templatesOf(lang)) {
      const body = Object.hasOwn(notes, template) ? notes[template] : '{{{1|}}}';
      this.#edit(
        wiki,
        tick(),
        admin,
        `${TEMPLATE[lang]}:${template}`,
        `<includeonly>${body}</includeonly><noinclude>${documentation}.</noinclude>\n`,
        '',
        { create: true },
      );
    }
    const categories = [
      ...Object.values(DELETION_MARKUP[lang]).map((d) => d.category),
      ...(lang === 'en'
        ? [
            'Pending AfC submissions',
            'Pending AfC submissions being reviewed now',
            'Declined AfC submissions',
          ]
        : []),
    ];
    for (const c of categories) {
      this.#edit(wiki, tick(), admin, `${categoryPrefix(lang)}:${c}`, '__HIDDENCAT__\n', '', {
        create: true,
      });
    }
    for (const region of REGIONS) {
      const title = regionName(region, lang);
      this.#take(wiki, title);
      this.#topics.reserve(title);
      const text = {
        en: `'''${title}''' is a historical region. Its capital is ${title} City.\n\n[[Category:Regions]]\n`,
        de: `'''${title}''' ist eine historische Region.\n\n[[Kategorie:Region]]\n`,
        cs: `'''${title}''' je historický region.\n\n[[Kategorie:Regiony]]\n`,
        ar: `'''${title}''' منطقة تاريخية.\n\n[[تصنيف:مناطق]]\n`,
      }[lang];
      this.#edit(wiki, tick(), admin, title, text, '', { create: true });
    }
    for (const page of projectPages(lang)) {
      this.#take(wiki, page.title);
      this.#edit(wiki, tick(), admin, page.title, page.text, '', { create: true });
    }
  }

  // ---- articles --------------------------------------------------------------------------------

  /** Topics and their articles: some in one wiki, some shared by two or three (sitelinked). */
  #planArticles(): Article[] {
    const rng = this.#rng.fork('articles');
    const quota = new Map<DemoLang, number>(DEMO_LANGS.map((l) => [l, this.#n]));
    const articles: Article[] = [];
    while ([...quota.values()].some((q) => q > 0)) {
      const topic = this.#topics.next();
      const r = rng.next();
      let langs: DemoLang[] =
        r < 0.2 ? [...DEMO_LANGS] : r < 0.5 ? rng.sample(DEMO_LANGS, 2) : [rng.pick(DEMO_LANGS)];
      langs = langs.filter((l) => (quota.get(l) ?? 0) > 0);
      if (langs.length === 0) continue;
      for (const lang of langs) {
        quota.set(lang, (quota.get(lang) ?? 0) - 1);
        const title = topicTitle(topic, lang);
        this.#take(wikiIdOf(lang), title);
        articles.push(this.#planArticle(rng, lang, topic, title, langs.length > 1));
      }
    }
    // Link targets: every article that is not meant to be an orphan or to be deleted.
    for (const lang of DEMO_LANGS) {
      const mine = articles.filter((a) => a.lang === lang);
      const linkable = mine.filter((a) => !a.orphan && a.nomination === null);
      const towns = linkable.filter((a) => a.topic.kind === 'settlement').map((a) => a.plan.title);
      const others = linkable.filter((a) => a.topic.kind !== 'settlement').map((a) => a.plan.title);
      for (const a of mine) {
        const town = towns.length > 0 && rng.chance(0.7) ? rng.pick(towns) : null;
        a.plan.nearby = town === a.plan.title ? null : town;
        const count = a.plan.maintenance === 'links' ? 0 : rng.int(0, 3);
        a.plan.links = rng.sample(others, count).filter((t) => t !== a.plan.title);
      }
    }
    this.#forceFeatures(rng, articles);
    return articles;
  }

  #planArticle(rng: Random, lang: DemoLang, topic: Topic, title: string, shared: boolean): Article {
    const wiki = wikiIdOf(lang);
    const unreferenced = rng.chance(0.15);
    const roll = rng.next();
    const nomination: Nomination | null =
      shared || roll > 0.08 ? null : roll < 0.04 ? 'speedy' : roll < 0.06 ? 'afd' : 'prod';
    const maintenance: MaintenanceTask | null = unreferenced
      ? rng.chance(0.6)
        ? 'references'
        : null
      : rng.chance(0.12)
        ? rng.pick(['copyedit', 'expand', 'update', 'links'] as const)
        : null;
    const plan: ArticlePlan = {
      lang,
      topic,
      title,
      infobox: rng.chance(0.55),
      leadImage: 'none',
      image: null,
      bodyImage: null,
      flag: topic.kind === 'settlement' ? flagName(topic.region) : null,
      refs: unreferenced ? 0 : rng.int(1, 3),
      categories: rng.chance(0.06) ? [] : categoriesOf(topic, lang),
      nearby: null,
      links: [],
      maintenance,
      stub: rng.chance(0.2),
      edits: rng.pick([0, 1, 1, 2, 2, 3]),
      wording: rng.int(1, 2 ** 30),
    };
    return {
      lang,
      wiki,
      topic,
      plan,
      shared,
      creator: '',
      createdAt: 0,
      orphan: rng.chance(0.08),
      nomination,
      events: [],
    };
  }

  /** Makes sure even a tiny family has at least one of each deletion nomination per wiki. */
  #forceFeatures(rng: Random, articles: Article[]): void {
    for (const lang of DEMO_LANGS) {
      const loners = articles.filter((a) => a.lang === lang && !a.shared);
      const need: Nomination[] = ['speedy', 'speedy', 'afd', 'prod'];
      for (const kind of need) {
        const have = loners.filter((a) => a.nomination === kind).length;
        const want = need.filter((k) => k === kind).length;
        if (have >= want) continue;
        const free = loners.filter((a) => a.nomination === null);
        for (const a of rng.sample(free, want - have)) a.nomination = kind;
      }
    }
  }

  /** Lead images: for shared topics, some wikis have one and others none (image suggestion material). */
  #assignImages(articles: Article[]): void {
    const rng = this.#rng.fork('images');
    const byTopic = new Map<string, Article[]>();
    for (const a of articles) byTopic.set(a.topic.key, [...(byTopic.get(a.topic.key) ?? []), a]);
    let gaps = 0;
    const bareGroups: Article[][] = [];
    const illustratedGroups: Article[][] = [];
    for (const group of byTopic.values()) {
      const topic = (group[0] as Article).topic;
      const shared = group.length > 1;
      const mode = shared
        ? rng.chance(0.4) || gaps < 3
          ? 'gap'
          : rng.chance(0.5)
            ? 'all'
            : 'none'
        : 'single';
      if (mode === 'none') bareGroups.push(group);
      if (mode === 'all') illustratedGroups.push(group);
      if (mode === 'none') continue;
      if (mode === 'single') {
        if (!rng.chance(0.5)) continue;
        const a = group[0] as Article;
        this.#giveImage(rng, a, this.#mediaFor(rng, topic));
        continue;
      }
      const primary = this.#mediaFor(rng, topic);
      const secondary = rng.chance(0.3) ? this.#mediaFor(rng, topic) : primary;
      const order = rng.shuffle(group);
      const bare =
        mode === 'gap' ? order.slice(0, Math.max(1, group.length - (rng.chance(0.5) ? 1 : 2))) : [];
      if (mode === 'gap') gaps++;
      for (const a of group) {
        if (bare.includes(a)) {
          a.plan.infobox = false;
          a.plan.leadImage = 'none';
          a.plan.bodyImage = null;
        } else {
          this.#giveImage(rng, a, a === order[order.length - 1] ? secondary : primary);
        }
      }
    }
    this.#chooseExcludedLeads(rng.fork('excluded-leads'), bareGroups, illustratedGroups);
  }

  /**
   * Picks the topics where one article will show an infrastructure file as its lead image and the
   * others none (#useExcludedLeads): topics whose articles all lack an image, else (in a family too
   * small to have enough of them) topics whose articles all have one, which lose their images.
   * The gap topics, the image suggestions' genuine material, are left alone.
   */
  #chooseExcludedLeads(rng: Random, bare: Article[][], illustrated: Article[][]): void {
    const pool = [...rng.shuffle(bare), ...rng.shuffle(illustrated)];
    const take = (fits: (group: Article[]) => boolean): Article[] | undefined => {
      const i = pool.findIndex(fits);
      if (i === -1) return undefined;
      const [group] = pool.splice(i, 1) as [Article[]];
      for (const a of group) {
        a.plan.leadImage = 'none';
        a.plan.image = null;
        a.plan.bodyImage = null;
      }
      return group;
    };
    const leads = this.#excludedLeads;
    const person = take((g) => g[0]?.topic.kind === 'person' && g.some((a) => a.lang === 'de'));
    const dewiki = person?.find((a) => a.lang === 'de');
    if (dewiki) dewiki.plan.infobox = true;
    for (let i = 0; i < 2; i++) {
      const group = take(
        (g) =>
          g[0]?.topic.kind === 'settlement' &&
          !leads.flags.some((a) => a.topic.region === g[0]?.topic.region),
      );
      if (group) leads.flags.push(rng.pick(group));
    }
    for (let i = 0; i < 2; i++) {
      const group = take(() => true);
      if (group) leads.tiny.push(rng.pick(group));
    }
    const logo = take(() => true);
    if (logo) leads.logo.push(rng.pick(logo));
  }

  #giveImage(rng: Random, a: Article, file: string): void {
    const style: LeadImageStyle = a.plan.infobox ? 'infobox' : 'thumb';
    a.plan.leadImage = style;
    a.plan.image = file;
    if (rng.chance(0.15) && !a.plan.stub) a.plan.bodyImage = this.#mediaFor(rng, a.topic);
  }

  /** Adds a media file about `topic` to the repository and returns its display name. */
  #mediaFor(rng: Random, topic: Topic): string {
    const drawing = topic.kind === 'species' && rng.chance(0.25);
    const subject: Record<Topic['kind'], readonly string[]> = {
      settlement: ['town hall', 'market square', 'panorama', 'church', 'main street', 'aerial view'],
      river: ['near the source', 'in spring', 'valley', 'weir'],
      mountain: ['from the south', 'summit', 'north face', 'in winter'],
      person: ['portrait', 'at work', 'photograph'],
      species: ['specimen', 'habitus', 'in habitat', 'close-up'],
    };
    const ext = drawing ? 'svg' : rng.chance(0.8) ? 'jpg' : 'png';
    const what = rng.pick(subject[topic.kind]);
    const name = this.#mediaName(`${topic.name} ${what}${drawing ? ' illustration' : ''}.${ext}`);
    const ratio =
      topic.kind === 'person' ? rng.pick([1.25, 1.333, 1.5]) : rng.pick([0.5625, 0.667, 0.75, 1.333]);
    const width = drawing ? rng.int(400, 1200) : rng.pick([640, 800, 1024, 1280, 1600, 2048]);
    const height = drawing ? rng.int(400, 1200) : Math.round(width * ratio);
    const picture = drawing
      ? drawingPicture(rng, width, height)
      : scenePicture(rng, topic, width, height, ext === 'png' ? 'png' : 'jpeg');
    this.#addMedia(rng, name, picture, drawing ? 'drawing' : 'photo', {
      description: `${topic.name}, ${topic.region.en}: ${what}`,
      categories: [topic.name, topic.region.en],
    });
    return name;
  }

  #mediaName(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.#mediaNames.has(name); i++) name = name.replace(/( \d+)?(\.\w+)$/, ` ${i}$2`);
    this.#mediaNames.add(name);
    return name;
  }

  /** Records a file with its description page (by a random uploader, with a random licence). */
  #addMedia(
    rng: Random,
    name: string,
    picture: Picture,
    role: DemoMediaFile['role'],
    page: { description: string; categories: readonly string[] },
  ): void {
    const licence = rng.pick(LICENSES);
    const uploader = this.#any(MEDIA_REPO, rng, 'uploader');
    const timestamp = Math.max(
      rng.int(this.#start - 400 * DAY, this.#start - DAY),
      uploader.registration + MINUTE,
    );
    this.#media.push({
      repo: MEDIA_REPO,
      name: name.replace(/ /g, '_'),
      picture,
      uploader: uploader.name,
      timestamp,
      role,
      descriptionPage: renderFilePage({
        description: page.description,
        date: toIsoTimestamp(timestamp).slice(0, 10),
        author:
          licence.name === 'Public domain' ? 'Unknown author' : `[[User:${uploader.name}|${uploader.name}]]`,
        licenseTemplate: licence.template,
        categories: page.categories,
      }),
    });
  }

  /**
   * Files no article should get as a suggestion: a flag of every region, maintenance icons, logos,
   * placeholders and images narrower than 100 px. They are used as on real wikis:
   *
   * - every settlement shows its region's flag at 20 px in its Geography section (a body section,
   *   never the lead), and the main pages list the regions with their flags: each flag is on many
   *   pages without being anyone's lead image;
   * - the main pages and an "About" project page show the logo; a project page listing the
   *   maintenance templates shows the message-box icons (no article shows them: templates are
   *   not expanded for the link tables);
   * - as lead image (#useExcludedLeads), in a topic whose other articles have no image: the flag
   *   of two settlements (different regions), each tiny image, the logo; and on dewiki the portrait
   *   placeholder in the infobox of every person without a portrait (one of them chosen in a
   *   topic whose counterparts are bare). "No image available.png" is on the repository only.
   *
   * In the default demo (seed 1, 200 articles per wiki) these lead images are: "Flag of
   * Corvania.svg" on enwiki "Wesfield" (de bare) and "Flag of Galvonia.svg" on dewiki
   * "Stoneminster" (ar bare); the 60 px "Agrotis rufipes thumbnail.png" on dewiki "Agrotis
   * rufipes" (en, cs, ar bare) and the 90 px "Ulnilo thumbnail.png" on dewiki "Ulnilo (Fluss)"
   * (ar "نهر أولنيلو" bare); the logo on enwiki "Epipactis silvaticus" (ar bare); "Portrait
   * placeholder.png" on 15 dewiki persons, 9 of them with bare counterparts.
   */
  #infrastructureMedia(): void {
    const rng = this.#rng.fork('infrastructure-media');
    const palette = ['#c8102e', '#ffffff', '#003da5', '#009a44', '#ffcd00', '#000000', '#ff8200'];
    for (const region of REGIONS) {
      const colours = rng.sample(palette, 3) as [string, string, string];
      this.#addMedia(rng, this.#mediaName(flagName(region)), flagPicture(colours, rng.chance(0.5)), 'flag', {
        description: `Flag of ${region.en}`,
        categories: ['Flags', region.en],
      });
    }
    for (const [word, fill] of AMBOX_ICONS)
      this.#addMedia(rng, this.#mediaName(amboxName(word)), iconPicture(fill), 'icon', {
        description: `Message box icon: ${word}`,
        categories: ['Icons'],
      });
    this.#addMedia(rng, this.#mediaName(LOGO), logoPicture('#36c', '#fc3'), 'logo', {
      description: 'Logo of the demo wiki family',
      categories: ['Logos'],
    });
    this.#addMedia(rng, this.#mediaName(NO_IMAGE), placeholderPicture(300, 300), 'placeholder', {
      description: 'Placeholder for articles without an image',
      categories: ['Placeholders'],
    });
    this.#addMedia(rng, this.#mediaName(PORTRAIT_PLACEHOLDER), placeholderPicture(240, 320), 'placeholder', {
      description: 'Placeholder for biographies without a portrait',
      categories: ['Placeholders'],
    });
    const tiny = this.#excludedLeads.tiny.map((a) => a.topic);
    const tinyTopics = [...tiny, ...rng.sample(this.#tinyTopics, 2 - tiny.length)];
    this.#tinyNames = [];
    for (const [i, topic] of tinyTopics.entries()) {
      const width = i === 0 ? 60 : 90;
      const name = this.#mediaName(`${topic.name} thumbnail.png`);
      this.#tinyNames.push(name);
      this.#addMedia(rng, name, scenePicture(rng, topic, width, Math.round(width * 0.75), 'png'), 'tiny', {
        description: `${topic.name}: small thumbnail`,
        categories: [topic.name],
      });
    }
  }

  /**
   * Infrastructure files as lead images, the misuses real wikis have: a settlement's flag in its
   * lead, an image narrower than 100 px, the logo, and on dewiki the portrait placeholder as the
   * infobox image of every person who has no portrait. Each of the chosen articles' counterparts
   * has no image, so an image suggestion generator would offer them the file unless it excludes it.
   */
  #useExcludedLeads(articles: Article[]): void {
    const lead = (a: Article, file: string) => {
      a.plan.leadImage = a.plan.infobox ? 'infobox' : 'thumb';
      a.plan.image = file;
    };
    const { flags, tiny, logo } = this.#excludedLeads;
    for (const a of flags) lead(a, flagName(a.topic.region));
    for (const [i, a] of tiny.entries()) lead(a, this.#tinyNames[i] as string);
    for (const a of logo) lead(a, LOGO);
    const keepBare = new Set([...flags, ...tiny, ...logo].map((a) => a.topic.key));
    for (const a of articles) {
      if (a.lang !== 'de' || a.topic.kind !== 'person' || keepBare.has(a.topic.key)) continue;
      if (a.plan.infobox && a.plan.image === null) lead(a, PORTRAIT_PLACEHOLDER);
    }
  }

  /** Creator, creation time and the events that follow (edits, tags, nominations, patrol, moves, deletions). */
  #scheduleArticle(a: Article): void {
    const rng = this.#rng.fork(`sched-${a.wiki}-${a.plan.title}`);
    const latest = a.shared ? this.#now - 4 * HOUR : this.#now - 30 * MINUTE;
    let creator: Actor;
    const r = rng.next();
    if (a.topic.kind === 'species' && r < 0.25) creator = this.#role(a.wiki, 'bot')[1] as DemoUser;
    else if (r < 0.33)
      creator = this.#newcomerWithBudget(a.wiki, rng, 1, latest) ?? this.#any(a.wiki, rng, 'learner');
    else if (r < 0.53) creator = this.#any(a.wiki, rng, 'learner');
    else if (r < 0.68) creator = this.#any(a.wiki, rng, 'experienced');
    else if (r < 0.78) creator = this.#any(a.wiki, rng, 'autopatrolled');
    else if (r < 0.86) creator = this.#any(a.wiki, rng, 'admin');
    else if (r < 0.9) creator = this.#any(a.wiki, rng, 'patroller');
    else if (r < 0.95 && a.lang !== 'en') creator = this.#ip(a.lang, rng);
    else creator = this.#any(a.wiki, rng, 'learner');
    const earliest = Math.max(
      this.#start + DAY,
      typeof creator === 'string' ? 0 : creator.registration + 10 * MINUTE,
    );
    // The first nominated-and-deleted page is recreated later, so it must be old enough.
    const createdAt = this.#between(rng, earliest, latest) ?? latest;
    a.creator = creator;
    a.createdAt = createdAt;
    this.#countEdit(creator);
    a.events.push({ at: createdAt, kind: 'create', by: creator });

    let t = createdAt;
    const horizon = this.#now - 5 * MINUTE;
    for (let stage = 1; stage <= a.plan.edits; stage++) {
      const at = this.#between(rng, t + 5 * MINUTE, Math.min(horizon, t + 5 * DAY));
      if (at === undefined) {
        a.plan.edits = stage - 1;
        break;
      }
      const sameAuthor = typeof creator !== 'string' && creator.role !== 'newcomer' && rng.chance(0.5);
      const by: Actor = sameAuthor
        ? creator
        : rng.chance(0.15)
          ? this.#ip(a.lang, rng)
          : this.#any(a.wiki, rng, 'experienced', 'learner', 'autopatrolled');
      this.#countEdit(by);
      a.events.push({ at, kind: 'content', stage, by });
      t = at;
    }
    if (a.plan.maintenance) {
      const at = this.#between(rng, createdAt + HOUR, Math.min(horizon, createdAt + 5 * DAY));
      if (at !== undefined)
        a.events.push({ at, kind: 'maintenance', by: this.#any(a.wiki, rng, 'patroller', 'experienced') });
      else a.plan.maintenance = null;
    }
    const selfPatrolled =
      typeof creator !== 'string' && ['admin', 'autopatrolled', 'bot', 'patroller'].includes(creator.role);
    let deletedAt: number | undefined;
    if (a.nomination) {
      const at = this.#between(rng, createdAt + 10 * MINUTE, Math.min(horizon, createdAt + 2 * DAY));
      if (at === undefined) a.nomination = null;
      else {
        a.events.push({ at, kind: 'nominate', by: this.#any(a.wiki, rng, 'patroller') });
        if (a.nomination === 'speedy' && rng.chance(0.5)) {
          deletedAt = this.#between(rng, at + HOUR, Math.min(horizon, at + 3 * DAY));
          if (deletedAt !== undefined) {
            a.events.push({ at: deletedAt, kind: 'delete', by: this.#any(a.wiki, rng, 'admin') });
            const again = this.#between(rng, deletedAt + DAY, Math.min(horizon, deletedAt + 4 * DAY));
            if (again !== undefined) a.events.push({ at: again, kind: 'recreate', by: creator });
          }
        }
      }
    }
    if (!selfPatrolled && rng.chance(0.35)) {
      const at = this.#between(
        rng,
        createdAt + HOUR,
        Math.min(deletedAt ?? horizon, horizon, createdAt + 7 * DAY),
      );
      if (at !== undefined)
        a.events.push({ at, kind: 'patrol', by: this.#any(a.wiki, rng, 'patroller', 'admin') });
    }
    if (!a.shared && a.nomination === null && rng.chance(0.02)) {
      const to = qualifiedTitle(a.topic, a.lang);
      const at = this.#between(rng, t + HOUR, Math.min(horizon, t + 3 * DAY));
      if (at !== undefined && this.#take(a.wiki, to)) {
        a.events.push({ at, kind: 'move', to, by: this.#any(a.wiki, rng, 'experienced', 'admin') });
      }
    }
  }

  /** Sitelinks both ways: an article links its older counterparts; InterwikiBot adds it to them. */
  #linkCounterparts(articles: Article[]): void {
    const rng = this.#rng.fork('interwiki');
    const byTopic = new Map<string, Article[]>();
    for (const a of articles) byTopic.set(a.topic.key, [...(byTopic.get(a.topic.key) ?? []), a]);
    for (const group of byTopic.values()) {
      if (group.length < 2) continue;
      for (const newer of group) {
        for (const older of group) {
          if (older === newer || older.createdAt >= newer.createdAt) continue;
          const bot = this.#role(older.wiki, 'bot')[0] as DemoUser;
          older.events.push({
            at: newer.createdAt + rng.int(5 * MINUTE, 2 * HOUR),
            kind: 'langlink',
            lang: newer.lang,
            title: newer.plan.title,
            by: bot,
          });
          this.#countEdit(bot);
        }
      }
    }
    this.#counterparts = byTopic;
  }

  /** Turns an article's events into operations, rendering its text at each step. */
  #emitArticle(a: Article): void {
    const rng = this.#rng.fork(`emit-${a.wiki}-${a.plan.title}`);
    const state: ArticleState = { stage: 0, langlinks: new Map(), maintenanceAdded: false, nomination: null };
    for (const other of this.#counterparts.get(a.topic.key) ?? []) {
      if (other !== a && other.createdAt < a.createdAt) state.langlinks.set(other.lang, other.plan.title);
    }
    const makeRng = (seed: number) => new Random(seed);
    const render = () => renderArticle(a.plan, state, makeRng);
    let title = a.plan.title;
    let deleted = false;
    const events = a.events.sort((x, y) => x.at - y.at);
    for (const e of events) {
      if (deleted && e.kind !== 'recreate') continue;
      switch (e.kind) {
        case 'create':
          this.#pushEdit(a.wiki, e.at, e.by, title, render(), rng.pick(CREATE_SUMMARIES[a.lang]), {
            create: true,
          });
          break;
        case 'content':
          state.stage = e.stage;
          this.#pushEdit(a.wiki, e.at, e.by, title, render(), rng.pick(SUMMARIES[a.lang]), {
            minor: rng.chance(0.3),
          });
          break;
        case 'maintenance':
          state.maintenanceAdded = true;
          this.#pushEdit(
            a.wiki,
            e.at,
            e.by,
            title,
            render(),
            { en: 'Tagging', de: 'Wartungsbaustein', cs: 'Šablona údržby', ar: 'وسم صيانة' }[a.lang],
          );
          break;
        case 'nominate':
          state.nomination = { kind: a.nomination ?? 'speedy', at: toMwTimestamp(e.at), by: actorName(e.by) };
          this.#pushEdit(
            a.wiki,
            e.at,
            e.by,
            title,
            render(),
            nominationSummary(a.lang, state.nomination.kind),
          );
          break;
        case 'langlink':
          state.langlinks.set(e.lang, e.title);
          this.#pushEdit(
            a.wiki,
            e.at,
            e.by,
            title,
            render(),
            `${{ en: 'Bot', de: 'Bot', cs: 'Robot', ar: 'بوت' }[a.lang]}: +[[${e.lang}:${e.title}]]`,
            {
              bot: true,
              minor: true,
            },
          );
          break;
        case 'patrol':
          this.#push({ kind: 'patrol', wiki: a.wiki, at: e.at, actor: actorName(e.by), title });
          break;
        case 'move':
          this.#push({
            kind: 'move',
            wiki: a.wiki,
            at: e.at,
            actor: actorName(e.by),
            from: title,
            to: e.to,
            reason: { en: 'Disambiguate', de: 'Klammerlemma', cs: 'Rozlišovač', ar: 'توضيح' }[a.lang],
          });
          title = e.to;
          a.plan.title = e.to;
          break;
        case 'delete':
          this.#push({
            kind: 'delete',
            wiki: a.wiki,
            at: e.at,
            actor: actorName(e.by),
            title,
            reason: {
              en: '[[WP:CSD#A7|A7]]: No credible indication of importance',
              de: 'Kein Artikel',
              cs: 'Nesmyslný obsah',
              ar: 'لا توجد دلالة على الأهمية',
            }[a.lang],
          });
          deleted = true;
          break;
        case 'recreate':
          state.nomination = null;
          state.stage = a.plan.edits;
          this.#pushEdit(a.wiki, e.at, e.by, title, render(), rng.pick(CREATE_SUMMARIES[a.lang]), {
            create: true,
          });
          deleted = false;
          break;
      }
    }
  }

  /** Like #edit, without counting (scheduling counted already). */
  #pushEdit(
    wiki: string,
    at: number,
    by: Actor,
    title: string,
    text: string,
    summary: string,
    extra: { create?: boolean; bot?: boolean; minor?: boolean } = {},
  ): void {
    this.#push({
      kind: 'edit',
      wiki,
      at,
      actor: actorName(by),
      title,
      text,
      summary,
      minor: extra.minor ?? false,
      bot: extra.bot ?? false,
      create: extra.create ?? false,
    });
  }

  // ---- other pages -----------------------------------------------------------------------------

  #redirects(lang: DemoLang, articles: Article[]): void {
    const rng = this.#rng.fork(`redirects-${lang}`);
    const wiki = wikiIdOf(lang);
    const targets = articles.filter(
      (a) => a.nomination === null && !a.orphan && !a.events.some((e) => e.kind === 'move'),
    );
    const count = Math.max(2, Math.round(this.#n * 0.08));
    for (const a of rng.sample(targets, count)) {
      const title = alternativeTitle(a.topic, lang);
      const at = this.#between(rng, a.createdAt + HOUR, Math.min(this.#now - MINUTE, a.createdAt + 10 * DAY));
      if (at === undefined || !this.#take(wiki, title)) continue;
      const by = this.#any(wiki, rng, 'experienced', 'autopatrolled', 'admin', 'learner');
      this.#edit(wiki, at, by, title, renderRedirect(lang, a.plan.title), '', { create: true });
    }
  }

  #talkPages(lang: DemoLang, articles: Article[]): void {
    const rng = this.#rng.fork(`talk-${lang}`);
    const wiki = wikiIdOf(lang);
    const candidates = articles.filter(
      (a) => a.nomination === null && !a.events.some((e) => e.kind === 'move'),
    );
    for (const a of rng.sample(candidates, Math.round(candidates.length * 0.08))) {
      const at = this.#between(rng, a.createdAt + HOUR, Math.min(this.#now - MINUTE, a.createdAt + 10 * DAY));
      if (at === undefined) continue;
      const by = this.#any(wiki, rng, 'experienced', 'patroller');
      const text = {
        en: `{{WikiProject ${capitalize(a.topic.kind === 'settlement' ? 'Cities' : a.topic.kind === 'person' ? 'Biography' : a.topic.kind === 'species' ? 'Tree of Life' : 'Geography')}|class=${a.plan.stub ? 'Stub' : 'Start'}}}\n\n== Sources ==\nAre there better sources for the population figure? ${signature(lang, by.name, at)}\n`,
        de: `== Quellen ==\nGibt es bessere Belege für die Angaben? ${signature(lang, by.name, at)}\n`,
        cs: `== Zdroje ==\nExistují lepší zdroje? ${signature(lang, by.name, at)}\n`,
        ar: `== المصادر ==\nهل توجد مصادر أفضل لهذه المعلومات؟ ${signature(lang, by.name, at)}\n`,
      }[lang];
      this.#edit(wiki, at, by, `${TALK[lang]}:${a.plan.title}`, text, '', { create: true });
    }
  }

  /** A spammer who creates promotional pages, is nominated for speedy deletion, partly deleted, then blocked. */
  #vandal(lang: DemoLang): void {
    const rng = this.#rng.fork(`vandal-${lang}`);
    const wiki = wikiIdOf(lang);
    const vandal = this.#role(wiki, 'vandal')[0] as DemoUser;
    const admin = this.#any(wiki, rng, 'admin');
    const patroller = this.#any(wiki, rng, 'patroller');
    let at = vandal.registration + rng.int(HOUR, DAY);
    const suffix = { en: 'Ltd', de: 'GmbH', cs: 's.r.o.', ar: 'ذ.م.م' }[lang];
    const pages: string[] = [];
    for (let i = 0; i < 3; i++) {
      const title = `${vandal.name.replace(/Deals$/, '')} ${['Deals', 'Solutions', 'Marketing'][i]} ${suffix}`;
      if (!this.#take(wiki, title)) continue;
      at += rng.int(2, 20) * MINUTE;
      this.#edit(wiki, at, vandal, title, renderPromotion(lang, title), '', { create: true });
      pages.push(title);
    }
    for (const [i, title] of pages.entries()) {
      if (i === pages.length - 1) break; // the last page escapes notice
      at += rng.int(2, 15) * MINUTE;
      const nomination = { kind: 'speedy' as const, at: toMwTimestamp(at), by: patroller.name };
      const text = `${nominationText(lang, nomination, title)}\n${renderPromotion(lang, title)}\n${categoryLinks(lang, [DELETION_MARKUP[lang].speedy.category])}\n`;
      this.#edit(wiki, at, patroller, title, text, nominationSummary(lang, 'speedy'));
    }
    at += rng.int(20, 90) * MINUTE;
    const first = pages[0];
    if (first) {
      this.#push({
        kind: 'delete',
        wiki,
        at,
        actor: admin.name,
        title: first,
        reason: {
          en: '[[WP:CSD#G11|G11]]: Unambiguous advertising',
          de: 'Werbung',
          cs: 'Reklama',
          ar: 'إعلان صريح',
        }[lang],
      });
    }
    this.#push({
      kind: 'block',
      wiki,
      at: at + 2 * MINUTE,
      actor: admin.name,
      target: vandal.name,
      expiry: null,
      reason: {
        en: 'Spam / advertising-only account',
        de: 'Werbeaccount',
        cs: 'Reklamní účet',
        ar: 'حساب للإعلان فقط',
      }[lang],
      noCreate: true,
    });
  }

  /** Welcome messages for newcomers and user pages for regulars. */
  #community(lang: DemoLang): void {
    const rng = this.#rng.fork(`community-${lang}`);
    const wiki = wikiIdOf(lang);
    for (const u of this.#role(wiki, 'newcomer')) {
      if (!rng.chance(0.5)) continue;
      const at = this.#between(
        rng,
        u.registration + HOUR,
        Math.min(this.#now - MINUTE, u.registration + 2 * DAY),
      );
      if (at === undefined) continue;
      const by = this.#any(wiki, rng, 'patroller');
      const text = {
        en: `== Welcome! ==\nHello ${u.name}, and welcome to Wikipedia! Thank you for your contributions. ${signature(lang, by.name, at)}\n`,
        de: `== Willkommen ==\nHallo ${u.name}, willkommen bei Wikipedia! ${signature(lang, by.name, at)}\n`,
        cs: `== Vítejte ==\nDobrý den, ${u.name}, vítejte na Wikipedii! ${signature(lang, by.name, at)}\n`,
        ar: `== أهلًا وسهلًا ==\nمرحبًا ${u.name}، أهلًا بك في ويكيبيديا! شكرًا على مساهماتك. ${signature(lang, by.name, at)}\n`,
      }[lang];
      this.#edit(wiki, at, by, `${USER_TALK[lang]}:${u.name}`, text, '', { create: true });
    }
    const regulars = ['admin', 'patroller', 'experienced', 'autopatrolled'] as const;
    for (const u of regulars.flatMap((r) => this.#role(wiki, r))) {
      if (!rng.chance(0.35)) continue;
      const region = rng.pick(REGIONS);
      const text = {
        en: `I edit articles about [[${region.en}]].\n`,
        de: `Ich schreibe über [[${region.de}]].\n`,
        cs: `Píšu o [[${region.cs}|${region.csLocative}]].\n`,
        ar: `أحرر مقالات عن [[${region.ar}]].\n`,
      }[lang];
      this.#edit(wiki, rng.int(this.#start, this.#now - HOUR), u, `${USER[lang]}:${u.name}`, text, '', {
        create: true,
      });
    }
  }

  /** Drafts on the English wiki in every AfC state; some are accepted and moved to the main namespace. */
  #drafts(): void {
    const rng = this.#rng.fork('drafts');
    const wiki = wikiIdOf('en');
    const count = Math.max(5, Math.round(this.#n * 0.15));
    const forced: (AfcState | 'accepted')[] = ['pending', 'declined', 'reviewing', 'unsubmitted', 'accepted'];
    const weighted: (AfcState | 'accepted')[] = [
      'unsubmitted',
      'unsubmitted',
      'pending',
      'pending',
      'pending',
      'reviewing',
      'declined',
      'declined',
      'accepted',
    ];
    for (let i = 0; i < count; i++) {
      const state = forced[i] ?? rng.pick(weighted);
      const topic = this.#topics.next();
      const name = topicTitle(topic, 'en');
      const title = `Draft:${name}`;
      if (!this.#take(wiki, title) || !this.#take(wiki, name)) continue;
      const chained = state !== 'unsubmitted';
      const latest = chained ? this.#now - 8 * DAY : this.#now - HOUR;
      const creator: Actor = this.#newcomerWithBudget(wiki, rng, 2, latest) ?? this.#ip('en', rng);
      const earliest = Math.max(
        this.#start + DAY,
        typeof creator === 'string' ? 0 : creator.registration + 10 * MINUTE,
      );
      let at = this.#between(rng, earliest, latest) ?? latest;
      const reviewer = this.#any(wiki, rng, 'patroller');
      const withRefs = rng.chance(0.5);
      const draft = (s: AfcState) =>
        renderDraft(topic, s, {
          submitter: actorName(creator),
          reviewer: reviewer.name,
          at: toMwTimestamp(at),
          withRefs,
        });
      this.#edit(wiki, at, creator, title, draft('unsubmitted'), '', { create: true });
      if (!chained) continue;
      at += rng.int(HOUR, 2 * DAY);
      this.#edit(
        wiki,
        at,
        creator,
        title,
        draft('pending'),
        'Submitting using [[Wikipedia:AFCSW|AfC Submission Wizard]]',
      );
      if (state === 'pending') continue;
      at += rng.int(HOUR, 3 * DAY);
      if (state === 'reviewing') {
        this.#edit(
          wiki,
          at,
          reviewer,
          title,
          draft('reviewing'),
          'Marking submission as under review (AFCH)',
        );
      } else if (state === 'declined') {
        this.#edit(
          wiki,
          at,
          reviewer,
          title,
          draft('declined'),
          'Declining submission: nn - Submission is about a topic not yet shown to meet general notability guidelines (AFCH)',
        );
      } else {
        this.#push({
          kind: 'move',
          wiki,
          at,
          actor: reviewer.name,
          from: title,
          to: name,
          reason:
            'Publishing accepted [[Wikipedia:Articles for creation|Articles for creation]] submission (AFCH)',
        });
        this.#edit(
          wiki,
          at + MINUTE,
          reviewer,
          name,
          draft('unsubmitted').replace(' This draft is still being written.', ''),
          'Cleaning up accepted [[Wikipedia:Articles for creation]] submission (AFCH)',
        );
      }
    }
  }

  /** A description page on the media repository for every media file, by its uploader. */
  #commonsPages(): void {
    for (const f of this.#media) {
      const uploader = this.#users.find((u) => u.wiki === MEDIA_REPO && u.name === f.uploader);
      if (!uploader) throw new Error(`no uploader ${f.uploader}`);
      this.#edit(
        MEDIA_REPO,
        f.timestamp,
        uploader,
        `File:${f.name.replace(/_/g, ' ')}`,
        f.descriptionPage,
        'Uploaded own work',
        {
          create: true,
        },
      );
    }
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function categoryPrefix(lang: DemoLang): string {
  return WORDS[lang].category;
}

function categoriesOf(topic: Topic, lang: DemoLang): string[] {
  const r = topic.region;
  switch (lang) {
    case 'en':
      switch (topic.kind) {
        case 'settlement':
          return [`Populated places in ${r.en}`];
        case 'river':
          return [`Rivers of ${r.en}`];
        case 'mountain':
          return [`Mountains of ${r.en}`];
        case 'person':
          return [`${r.enAdjective} ${occupationWord(topic.occupation, 'en')}s`, `${topic.year} births`];
        case 'species':
          return [
            `${capitalize(taxonWord(topic.taxon, 'en', true))} of ${r.en}`,
            `Taxa described in ${topic.year}`,
          ];
      }
      break;
    case 'de':
      switch (topic.kind) {
        case 'settlement':
          return [`Ort in ${r.de}`];
        case 'river':
          return [`Fluss in ${r.de}`];
        case 'mountain':
          return [`Berg in ${r.de}`];
        case 'person':
          return [`${occupationWord(topic.occupation, 'de')} (${r.de})`, `Geboren ${topic.year}`];
        case 'species':
          return [taxonWord(topic.taxon, 'de', true)];
      }
      break;
    case 'cs':
      switch (topic.kind) {
        case 'settlement':
          return [`Sídla v ${r.csLocative}`];
        case 'river':
          return [`Řeky v ${r.csLocative}`];
        case 'mountain':
          return [`Hory a kopce v ${r.csLocative}`];
        case 'person':
          return [`Narození v roce ${topic.year}`];
        case 'species':
          return [taxonWord(topic.taxon, 'cs', true)];
      }
      break;
    case 'ar':
      switch (topic.kind) {
        case 'settlement':
          return [`مدن وقرى ${r.ar}`];
        case 'river':
          return [`أنهار ${r.ar}`];
        case 'mountain':
          return [`جبال ${r.ar}`];
        case 'person':
          return [`أشخاص من ${r.ar}`, `مواليد ${topic.year}`];
        case 'species':
          return [`${taxonWord(topic.taxon, 'ar', true)} ${r.ar}`, `أنواع وصفت عام ${topic.year}`];
      }
  }
  return [];
}

function templatesOf(lang: DemoLang): string[] {
  const common = {
    en: [
      'Infobox settlement',
      'Infobox person',
      'Infobox river',
      'Infobox mountain',
      'Speciesbox',
      'Cite web',
      'Reflist',
      'Stub',
      'AfC submission',
      'R from alternative name',
    ],
    de: [
      'Infobox Ort',
      'Infobox Person',
      'Infobox Fluss',
      'Infobox Berg',
      'Taxobox',
      'Internetquelle',
      'Stub',
    ],
    cs: [
      'Infobox - sídlo',
      'Infobox - osoba',
      'Infobox - vodní tok',
      'Infobox - hora',
      'Taxobox',
      'Citace elektronického dokumentu',
      'Pahýl',
    ],
    // Every template presets/review/arwiki.json names, so that `wiki show` finds none missing.
    ar: [
      'صندوق معلومات تجمع سكاني',
      'صندوق معلومات شخص',
      'صندوق معلومات نهر',
      'صندوق معلومات جبل',
      'صندوق معلومات كائن',
      'استشهاد ويب',
      'استشهاد بكتاب',
      'استشهاد بخبر',
      'استشهاد بدورية محكمة',
      'Cite web',
      'Cite book',
      'Cite news',
      'Cite journal',
      'Sfn',
      'Harvnb',
      'بذرة',
      'لا مصدر',
      'مصادر شخصية حية',
      'مصادر أولية',
      'ملحوظية',
      'يتيمة',
      'نهاية مسدودة',
      'غير مصنفة',
      'إعلان',
      'تضارب مصالح',
      'تهذيب',
      'ملاحظة مراجعة',
      'ملاحظة إلغاء مراجعة',
      'رسالة مراجعة الصفحات الجديدة',
      'ملاحظة وسم صيانة',
    ],
  }[lang];
  const maintenance = {
    en: ['Copy edit', 'More citations needed', 'Expand section', 'Update', 'Underlinked'],
    de: ['Überarbeiten', 'Belege fehlen', 'Lückenhaft', 'Veraltet', 'Linkwunsch'],
    cs: ['Upravit', 'Neověřeno', 'Doplnit', 'Aktualizovat', 'Wikifikovat'],
    ar: ['تدقيق لغوي', 'مصادر أكثر', 'توسيع قسم', 'تحديث', 'وصلات قليلة'],
  }[lang];
  return [
    ...new Set([
      ...common,
      ...maintenance,
      ...Object.values(DELETION_MARKUP[lang]).map((d) => d.template),
      ...Object.keys(TALK_NOTE_TEMPLATES[lang]),
    ]),
  ];
}

function nominationSummary(lang: DemoLang, kind: Nomination): string {
  const s: Record<DemoLang, Record<Nomination, string>> = {
    en: {
      speedy: 'Requesting speedy deletion ([[WP:CSD#A7|CSD A7]]).',
      afd: 'Nominated for deletion; see [[Wikipedia:Articles for deletion]].',
      prod: 'Proposing article for deletion per [[WP:PROD]].',
    },
    de: { speedy: 'SLA', afd: 'Löschantrag', prod: 'Relevanzcheck' },
    cs: { speedy: 'Návrh na smazání', afd: 'Diskuse o smazání', prod: 'Encyklopedická významnost' },
    ar: {
      speedy: 'طلب حذف سريع',
      afd: 'ترشيح للحذف؛ انظر [[ويكيبيديا:نقاش الحذف]]',
      prod: 'اقتراح حذف المقالة',
    },
  };
  return s[lang][kind];
}

function signature(lang: DemoLang, name: string, at: number): string {
  const when = `${toIsoTimestamp(at).replace('T', ' ').slice(0, 16)} (UTC)`;
  const talk = { en: 'talk', de: 'Diskussion', cs: 'diskuse', ar: 'نقاش' }[lang];
  return `[[${USER[lang]}:${name}|${name}]] ([[${USER_TALK[lang]}:${name}|${talk}]]) ${when}`;
}

/** Project-namespace pages that show the logo and the message-box icons, as real wikis' do. */
function projectPages(lang: DemoLang): { title: string; text: string }[] {
  const file = WORDS[lang].file;
  const about = {
    en: {
      title: 'Wikipedia:About',
      text: `[[${file}:${LOGO}|150px|right]]\n'''Wikipedia''' is a free online encyclopedia, written collaboratively by volunteers.\n`,
    },
    de: {
      title: 'Wikipedia:Über Wikipedia',
      text: `[[${file}:${LOGO}|150px|right]]\n'''Wikipedia''' ist eine freie Online-Enzyklopädie, geschrieben von Freiwilligen.\n`,
    },
    cs: {
      title: 'Wikipedie:O Wikipedii',
      text: `[[${file}:${LOGO}|150px|right]]\n'''Wikipedie''' je svobodná internetová encyklopedie, kterou píší dobrovolníci.\n`,
    },
    ar: {
      title: 'ويكيبيديا:حول',
      text: `[[${file}:${LOGO}|150px|يسار]]\n'''ويكيبيديا''' موسوعة حرة على الإنترنت يكتبها المتطوعون معًا.\n`,
    },
  }[lang];
  const maintenance = {
    en: { title: 'Wikipedia:Maintenance templates', intro: 'Message boxes that mark articles needing work.' },
    de: { title: 'Wikipedia:Wartungsbausteine', intro: 'Bausteine, die Artikel mit Mängeln kennzeichnen.' },
    cs: { title: 'Wikipedie:Šablony údržby', intro: 'Šablony označující články, které potřebují úpravy.' },
    ar: { title: 'ويكيبيديا:قوالب الصيانة', intro: 'قوالب تُعلِّم المقالات التي تحتاج إلى عمل.' },
  }[lang];
  const rows = (Object.entries(MAINTENANCE_TEMPLATES[lang]) as [MaintenanceTask, string][]).map(
    ([task, template]) =>
      `|-\n| [[${file}:${amboxName(MAINTENANCE_ICONS[task])}|30px]] || [[${TEMPLATE[lang]}:${template}]]`,
  );
  return [
    about,
    {
      title: maintenance.title,
      text: `${maintenance.intro}\n\n{| class="wikitable"\n${rows.join('\n')}\n|}\n`,
    },
  ];
}
