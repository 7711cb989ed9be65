import type { DemoLang } from './demo-wikis.ts';
import type { Random } from './random.ts';
import { localName, occupationWord, regionName, taxonWord, topicTitle, type Topic } from './topics.ts';

/**
 * Wikitext of demo pages in four languages (Arabic is generated prose, plain and consistent): articles with infoboxes, references, images,
 * categories, maintenance and deletion templates, interlanguage links; drafts with AfC states;
 * redirects, talk pages, file description pages. Pure functions of their inputs.
 */

/** What a wiki calls its namespaces and markup, as far as the demo texts need. */
export interface LangWords {
  file: string;
  category: string;
  thumb: string;
  redirect: string;
  references: string;
  history: string;
  geography: string;
  life: string;
  description: string;
  seeAlso: string;
  region: string;
}

export const WORDS: Record<DemoLang, LangWords> = {
  en: {
    file: 'File',
    category: 'Category',
    thumb: 'thumb',
    redirect: '#REDIRECT',
    references: 'References',
    history: 'History',
    geography: 'Geography',
    life: 'Life and work',
    description: 'Description',
    seeAlso: 'See also',
    region: 'Region',
  },
  de: {
    file: 'Datei',
    category: 'Kategorie',
    thumb: 'mini',
    redirect: '#WEITERLEITUNG',
    references: 'Einzelnachweise',
    history: 'Geschichte',
    geography: 'Geographie',
    life: 'Leben und Werk',
    description: 'Beschreibung',
    seeAlso: 'Siehe auch',
    region: 'Region',
  },
  cs: {
    file: 'Soubor',
    category: 'Kategorie',
    thumb: 'náhled',
    redirect: '#PŘESMĚRUJ',
    references: 'Reference',
    history: 'Historie',
    geography: 'Geografie',
    life: 'Život a dílo',
    description: 'Popis',
    seeAlso: 'Související články',
    region: 'Region',
  },
  ar: {
    file: 'ملف',
    category: 'تصنيف',
    thumb: 'تصغير',
    redirect: '#تحويل',
    references: 'المراجع',
    history: 'التاريخ',
    geography: 'الجغرافيا',
    life: 'الحياة والأعمال',
    description: 'الوصف',
    seeAlso: 'انظر أيضًا',
    region: 'المنطقة',
  },
};

/** Maintenance templates per language, by suggested-edits task type (suggested-edits-reference.md §2.2). */
export const MAINTENANCE_TEMPLATES: Record<DemoLang, Record<MaintenanceTask, string>> = {
  en: {
    copyedit: 'Copy edit',
    references: 'More citations needed',
    expand: 'Expand section',
    update: 'Update',
    links: 'Underlinked',
  },
  de: {
    copyedit: 'Überarbeiten',
    references: 'Belege fehlen',
    expand: 'Lückenhaft',
    update: 'Veraltet',
    links: 'Linkwunsch',
  },
  cs: {
    copyedit: 'Upravit',
    references: 'Neověřeno',
    expand: 'Doplnit',
    update: 'Aktualizovat',
    links: 'Wikifikovat',
  },
  ar: {
    copyedit: 'تدقيق لغوي',
    references: 'مصادر أكثر',
    expand: 'توسيع قسم',
    update: 'تحديث',
    links: 'وصلات قليلة',
  },
};

export type MaintenanceTask = 'copyedit' | 'references' | 'expand' | 'update' | 'links';
export type Nomination = 'speedy' | 'afd' | 'prod';

/** Deletion templates and the categories they put a page in (review-queue-reference.md §1.6). */
export const DELETION_MARKUP: Record<DemoLang, Record<Nomination, { template: string; category: string }>> = {
  en: {
    speedy: { template: 'db-a7', category: 'Candidates for speedy deletion' },
    afd: { template: 'Article for deletion/dated', category: 'Articles for deletion' },
    prod: { template: 'Proposed deletion/dated', category: 'All articles proposed for deletion' },
  },
  de: {
    speedy: { template: 'SLA', category: 'Wikipedia:Schnelllöschen' },
    afd: { template: 'Löschantragstext', category: 'Wikipedia:Löschkandidat' },
    prod: { template: 'Relevanzcheck', category: 'Wikipedia:Relevanzcheck' },
  },
  cs: {
    speedy: { template: 'Smazat', category: 'Stránky ke smazání' },
    afd: { template: 'DoS', category: 'Wikipedie:Diskuse o smazání' },
    prod: { template: 'Encyklopedická významnost', category: 'Wikipedie:Encyklopedická významnost' },
  },
  // The categories of presets/review/arwiki.json.
  ar: {
    speedy: { template: 'شطب', category: 'صفحات مرشحة للحذف السريع' },
    afd: { template: 'نقاش الحذف', category: 'صفحات مرشحة للحذف' },
    prod: { template: 'حذف مقترح', category: 'مقالات مقترح حذفها' },
  },
};

/** AfC states of a draft (review-queue-reference.md §6): categories that set afc_state 2, 3 and 4. */
export type AfcState = 'unsubmitted' | 'pending' | 'reviewing' | 'declined';

export const AFC_CATEGORIES: Record<Exclude<AfcState, 'unsubmitted'>, string> = {
  pending: 'Pending AfC submissions',
  reviewing: 'Pending AfC submissions being reviewed now',
  declined: 'Declined AfC submissions',
};

/** How an article shows its lead image, if it has one. */
export type LeadImageStyle = 'infobox' | 'thumb' | 'none';

/** Everything that decides an article's final text; `stage` reveals it edit by edit. */
export interface ArticlePlan {
  lang: DemoLang;
  topic: Topic;
  /** Current title (changes on moves). */
  title: string;
  infobox: boolean;
  leadImage: LeadImageStyle;
  /** File name (display form) of the lead image. */
  image: string | null;
  /** A second image in the body, or null. */
  bodyImage: string | null;
  /**
   * The region's flag (file name), shown small next to the region's name at the top of the
   * Geography section (a body section, so PageImages never takes it for the lead image), or null.
   */
  flag: string | null;
  /** References (0 = unreferenced). */
  refs: number;
  categories: string[];
  /** A town it is near (or comes from), or null. */
  nearby: string | null;
  /** Titles of other articles it links to. */
  links: string[];
  maintenance: MaintenanceTask | null;
  stub: boolean;
  /** Number of content edits after creation; sections and refs arrive in those. */
  edits: number;
  /** Seed for the wording, so re-rendering at another stage keeps the same sentences. */
  wording: number;
}

export interface ArticleState {
  stage: number;
  /** lang → title of counterparts this article links to. */
  langlinks: Map<DemoLang, string>;
  maintenanceAdded: boolean;
  nomination: { kind: Nomination; at: string; by: string } | null;
}

/**
 * A number as each language groups its digits; Arabic keeps Western digits and the comma, as
 * Arabic Wikipedia shows them by default.
 */
function formatNumber(n: number, lang: DemoLang): string {
  const s = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return { en: s, de: s.replace(/,/g, '.'), cs: s.replace(/,/g, '\u00a0'), ar: s }[lang];
}

function century(year: number): number {
  return Math.floor((year - 1) / 100) + 1;
}

function ordinalEn(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** The lead sentence and the rest of the introduction. */
function leadText(p: ArticlePlan, rng: Random): string {
  const t = p.topic;
  const name = `'''${topicTitle(t, p.lang).replace(/ \(.*\)$/, '')}'''`;
  const bare = `'''${localName(t, p.lang)}'''`;
  const region = `[[${regionName(t.region, p.lang)}]]`;
  const nearby = p.nearby ? `[[${p.nearby}]]` : '';
  const more = p.links.map((l) => `[[${l}]]`).join(', ');
  switch (p.lang) {
    case 'en': {
      const rest = more ? ` It is often compared with ${more}.` : '';
      switch (t.kind) {
        case 'settlement':
          return `${name} is a ${t.size > 9000 ? 'town' : 'village'} in ${region}${nearby ? `, not far from ${nearby}` : ''}. It had a population of ${formatNumber(t.size, 'en')} at the last census.${rest}`;
        case 'river':
          return `${name} is a ${formatNumber(t.size, 'en')}-kilometre-long river in ${region}.${nearby ? ` It flows past ${nearby}.` : ''}${rest}`;
        case 'mountain':
          return `${name} is a mountain in ${region}, rising to ${formatNumber(t.size, 'en')} metres.${nearby ? ` It overlooks ${nearby}.` : ''}${rest}`;
        case 'person':
          return `${name} (born ${t.year}) is a ${t.region.enAdjective} ${occupationWord(t.occupation, 'en')}${nearby ? ` from ${nearby}` : ''}.${rest}`;
        case 'species':
          return `''${name}'' is a species of ${taxonWord(t.taxon, 'en')} native to ${region}. It was first described in ${t.year}${rng.chance(0.5) && nearby ? ` from specimens collected near ${nearby}` : ''}.${rest}`;
      }
      break;
    }
    case 'de': {
      const rest = more ? ` Vergleichbar sind ${more}.` : '';
      switch (t.kind) {
        case 'settlement':
          return `${name} ist ${t.size > 9000 ? 'eine Stadt' : 'ein Dorf'} in ${region}${nearby ? ` unweit von ${nearby}` : ''}. Der Ort hat ${formatNumber(t.size, 'de')} Einwohner.${rest}`;
        case 'river':
          return `Der ${name} ist ein ${formatNumber(t.size, 'de')} Kilometer langer Fluss in ${region}.${nearby ? ` Er fließt an ${nearby} vorbei.` : ''}${rest}`;
        case 'mountain':
          return `Der ${name} ist ein ${formatNumber(t.size, 'de')} Meter hoher Berg in ${region}.${nearby ? ` Von ihm überblickt man ${nearby}.` : ''}${rest}`;
        case 'person':
          return `${name} (* ${t.year}) ist ein ${occupationWord(t.occupation, 'de')} aus ${region}${nearby ? `, geboren in ${nearby}` : ''}.${rest}`;
        case 'species':
          return `''${name}'' ist eine ${taxonWord(t.taxon, 'de')}, die in ${region} heimisch ist. Sie wurde ${t.year} erstmals beschrieben.${rest}`;
      }
      break;
    }
    case 'cs': {
      const rest = more ? ` Srovnatelné jsou ${more}.` : '';
      const loc = `[[${t.region.cs}|${t.region.csLocative}]]`;
      switch (t.kind) {
        case 'settlement':
          return `${name} je ${t.size > 9000 ? 'město' : 'obec'} v ${loc}${nearby ? ` nedaleko ${nearby}` : ''}. Žije zde ${formatNumber(t.size, 'cs')} obyvatel.${rest}`;
        case 'river':
          return `${name} je ${formatNumber(t.size, 'cs')} km dlouhá řeka v ${loc}.${nearby ? ` Protéká kolem ${nearby}.` : ''}${rest}`;
        case 'mountain':
          return `${name} je hora v ${loc} s nadmořskou výškou ${formatNumber(t.size, 'cs')} m.${nearby ? ` Tyčí se nad ${nearby}.` : ''}${rest}`;
        case 'person':
          return `${name} (* ${t.year}) je ${occupationWord(t.occupation, 'cs')} z ${loc}${nearby ? `, rodák z ${nearby}` : ''}.${rest}`;
        case 'species':
          return `''${name}'' je ${taxonWord(t.taxon, 'cs')} rozšířený v ${loc}. Poprvé byl popsán v roce ${t.year}.${rest}`;
      }
      break;
    }
    case 'ar': {
      const rest = more ? ` ويُقارن غالبًا بـ${more}.` : '';
      switch (t.kind) {
        case 'settlement':
          return `${name} ${t.size > 9000 ? 'مدينة' : 'قرية'} في ${region}${nearby ? ` بالقرب من ${nearby}` : ''}. بلغ عدد سكانها ${formatNumber(t.size, 'ar')} نسمة في آخر تعداد.${rest}`;
        case 'river':
          return `${name} نهر في ${region} يبلغ طوله ${formatNumber(t.size, 'ar')} كيلومتر.${nearby ? ` يمر بـ${nearby}.` : ''}${rest}`;
        case 'mountain':
          return `${name} جبل في ${region} يرتفع ${formatNumber(t.size, 'ar')} متر.${nearby ? ` يطل على ${nearby}.` : ''}${rest}`;
        case 'person':
          return `${bare} (مواليد ${t.year}) ${occupationWord(t.occupation, 'ar')} من ${region}${nearby ? `، وُلد في ${nearby}` : ''}.${rest}`;
        case 'species':
          return `''${name}'' نوع من ${taxonWord(t.taxon, 'ar', true)} موطنه ${region}. وُصف لأول مرة عام ${t.year}.${rest}`;
      }
    }
  }
  return name;
}

function infoboxText(p: ArticlePlan): string {
  const t = p.topic;
  const title = topicTitle(t, p.lang).replace(/ \(.*\)$/, '');
  const image = p.leadImage === 'infobox' && p.image ? p.image : '';
  const lines: [string, string][] = [];
  let name: string;
  switch (p.lang) {
    case 'en':
      name =
        t.kind === 'settlement'
          ? 'Infobox settlement'
          : t.kind === 'person'
            ? 'Infobox person'
            : t.kind === 'species'
              ? 'Speciesbox'
              : t.kind === 'river'
                ? 'Infobox river'
                : 'Infobox mountain';
      lines.push(['name', title], ['image', image], ['image_caption', image ? title : '']);
      if (t.kind === 'settlement')
        lines.push(
          ['subdivision_name', t.region.en],
          ['population_total', String(t.size)],
          ['established', String(t.year)],
        );
      if (t.kind === 'person')
        lines.push(['birth_date', String(t.year)], ['occupation', occupationWord(t.occupation, 'en')]);
      if (t.kind === 'river') lines.push(['length', `${t.size} km`], ['country', t.region.en]);
      if (t.kind === 'mountain')
        lines.push(['elevation_m', String(t.size)], ['first_ascent', String(t.year)]);
      if (t.kind === 'species') lines.push(['taxon', t.name], ['authority', `(${t.year})`]);
      break;
    case 'de':
      name =
        t.kind === 'settlement'
          ? 'Infobox Ort'
          : t.kind === 'person'
            ? 'Infobox Person'
            : t.kind === 'species'
              ? 'Taxobox'
              : t.kind === 'river'
                ? 'Infobox Fluss'
                : 'Infobox Berg';
      lines.push(['Name', title], ['Bild', image], ['Bildbeschreibung', image ? title : '']);
      if (t.kind === 'settlement') lines.push(['Region', t.region.de], ['Einwohner', String(t.size)]);
      if (t.kind === 'person') lines.push(['Geburtsjahr', String(t.year)]);
      if (t.kind === 'river') lines.push(['Länge', String(t.size)]);
      if (t.kind === 'mountain') lines.push(['Höhe', String(t.size)]);
      if (t.kind === 'species') lines.push(['Taxon_WissName', t.name], ['Taxon_Autor', String(t.year)]);
      break;
    case 'cs':
      name =
        t.kind === 'settlement'
          ? 'Infobox - sídlo'
          : t.kind === 'person'
            ? 'Infobox - osoba'
            : t.kind === 'species'
              ? 'Taxobox'
              : t.kind === 'river'
                ? 'Infobox - vodní tok'
                : 'Infobox - hora';
      lines.push(['název', title], ['obrázek', image], ['popisek', image ? title : '']);
      if (t.kind === 'settlement') lines.push(['země', t.region.cs], ['počet obyvatel', String(t.size)]);
      if (t.kind === 'person') lines.push(['datum narození', String(t.year)]);
      if (t.kind === 'river') lines.push(['délka', String(t.size)]);
      if (t.kind === 'mountain') lines.push(['nadmořská výška', String(t.size)]);
      if (t.kind === 'species') lines.push(['binomické jméno', t.name]);
      break;
    case 'ar':
      name =
        t.kind === 'settlement'
          ? 'صندوق معلومات تجمع سكاني'
          : t.kind === 'person'
            ? 'صندوق معلومات شخص'
            : t.kind === 'species'
              ? 'صندوق معلومات كائن'
              : t.kind === 'river'
                ? 'صندوق معلومات نهر'
                : 'صندوق معلومات جبل';
      lines.push(['الاسم', title], ['صورة', image], ['تعليق', image ? title : '']);
      if (t.kind === 'settlement') lines.push(['المنطقة', t.region.ar], ['عدد السكان', String(t.size)]);
      if (t.kind === 'person')
        lines.push(['تاريخ الولادة', String(t.year)], ['المهنة', occupationWord(t.occupation, 'ar')]);
      if (t.kind === 'river') lines.push(['الطول', `${t.size} كم`]);
      if (t.kind === 'mountain') lines.push(['الارتفاع', String(t.size)]);
      if (t.kind === 'species') lines.push(['الاسم العلمي', t.name]);
      break;
  }
  return `{{${name}\n${lines.map(([k, v]) => `| ${k} = ${v}`).join('\n')}\n}}`;
}

function refText(p: ArticlePlan, i: number): string {
  const t = p.topic;
  const slug = t.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const url = `https://${['archive', 'atlas', 'records', 'journal'][i % 4]}.example.org/${t.kind}/${slug}/${i + 1}`;
  switch (p.lang) {
    case 'en':
      return `<ref>{{cite web|url=${url}|title=${t.name}: facts and figures|publisher=${t.region.enAdjective} Institute|access-date=2024-0${(i % 9) + 1}-15}}</ref>`;
    case 'de':
      return `<ref>{{Internetquelle |url=${url} |titel=${t.name} |hrsg=Landesarchiv ${t.region.de} |abruf=2024-0${(i % 9) + 1}-15}}</ref>`;
    case 'cs':
      return `<ref>{{Citace elektronického dokumentu |url=${url} |titul=${t.name} |vydavatel=Archiv ${t.region.cs} |datum přístupu=2024-0${(i % 9) + 1}-15}}</ref>`;
    case 'ar':
      return `<ref>{{استشهاد ويب |مسار=${url} |عنوان=${localName(t, 'ar')}: حقائق وأرقام |ناشر=معهد ${t.region.ar} |تاريخ الوصول=2024-0${(i % 9) + 1}-15}}</ref>`;
  }
}

function sectionBody(p: ArticlePlan, which: number, rng: Random): string {
  const t = p.topic;
  const c = century(t.year);
  const en = [
    `The area was first recorded in the ${ordinalEn(c)} century, when it belonged to a local lordship.`,
    `During the ${ordinalEn(c + 1)} century it grew steadily, and several new buildings were added.`,
    `Its name is thought to come from an old word for a crossing or a clearing.`,
    `Local tradition holds that a market was held here every autumn.`,
    `Surveys in ${t.year + 40} described it in some detail.`,
  ];
  const de = [
    `Die erste urkundliche Erwähnung stammt aus dem ${c}. Jahrhundert.`,
    `Im ${c + 1}. Jahrhundert wuchs die Bedeutung stetig.`,
    `Der Name geht vermutlich auf eine alte Flurbezeichnung zurück.`,
    `Nach örtlicher Überlieferung fand hier jeden Herbst ein Markt statt.`,
    `Eine Beschreibung aus dem Jahr ${t.year + 40} ist erhalten.`,
  ];
  const cs = [
    `První písemná zmínka pochází z ${c}. století.`,
    `V ${c + 1}. století význam postupně rostl.`,
    `Název je patrně odvozen od starého pomístního jména.`,
    `Podle místní tradice se zde každý podzim konal trh.`,
    `Dochoval se popis z roku ${t.year + 40}.`,
  ];
  const ar = [
    `ذُكرت المنطقة لأول مرة في القرن ${c}، حين كانت تابعة لإقطاعية محلية.`,
    `نمت باطراد خلال القرن ${c + 1}، وأُضيفت إليها مبانٍ جديدة.`,
    `يُعتقد أن اسمها مشتق من كلمة قديمة تعني المعبر أو الفسحة.`,
    `تقول الرواية المحلية إن سوقًا كانت تُقام هنا كل خريف.`,
    `وصفها مسح أُجري عام ${t.year + 40} بشيء من التفصيل.`,
  ];
  const pool = { en, de, cs, ar }[p.lang];
  const sentences = rng.sample(pool, 2 + (which % 2));
  return sentences.join(' ');
}

/** Renders an article at `state.stage` (0 = as created, `plan.edits` = final). */
export function renderArticle(
  p: ArticlePlan,
  state: ArticleState,
  makeRng: (seed: number) => Random,
): string {
  const rng = makeRng(p.wording);
  const w = WORDS[p.lang];
  const final = state.stage >= p.edits;
  const parts: string[] = [];
  if (state.nomination) parts.push(nominationText(p.lang, state.nomination, p.title));
  if (state.maintenanceAdded && p.maintenance) {
    parts.push(`{{${MAINTENANCE_TEMPLATES[p.lang][p.maintenance]}|date=2024}}`);
  }
  // As created: infobox (with its image) and the lead. The first edit adds the thumbnail, the
  // references and the categories; each further edit a section. The last stage has everything.
  const firstEditDone = state.stage >= Math.min(1, p.edits);
  const refsVisible = p.refs > 0 && firstEditDone;
  const imageVisible = p.image !== null && (firstEditDone || p.leadImage === 'infobox');
  if (p.infobox) parts.push(infoboxText({ ...p, image: imageVisible ? p.image : null }));
  if (p.leadImage === 'thumb' && p.image && imageVisible) {
    parts.push(`[[${w.file}:${p.image}|${w.thumb}|${topicTitle(p.topic, p.lang)}]]`);
  }
  let lead = leadText(p, rng);
  if (refsVisible) lead += refText(p, 0);
  parts.push(lead);
  const sectionTitles =
    p.topic.kind === 'person'
      ? [w.life]
      : p.topic.kind === 'species'
        ? [w.description]
        : [w.history, w.geography];
  const sectionsShown = p.stub
    ? 0
    : final
      ? sectionTitles.length
      : Math.min(sectionTitles.length, state.stage);
  const regionLine = p.flag
    ? `${w.region}: [[${w.file}:${p.flag}|20px]] [[${regionName(p.topic.region, p.lang)}]]`
    : '';
  for (let i = 0; i < sectionsShown; i++) {
    let body = sectionBody(p, i, rng);
    if (refsVisible && p.refs > i + 1) body += refText(p, i + 1);
    if (i === 0 && p.bodyImage) body = `[[${w.file}:${p.bodyImage}|${w.thumb}|${sectionTitles[i]}]]\n${body}`;
    if (sectionTitles[i] === w.geography && regionLine) body = `${regionLine}\n\n${body}`;
    parts.push(`== ${sectionTitles[i]} ==\n${body}`);
  }
  // A stub has no sections of its own; once edited, one with the region still shows the flag.
  if (p.stub && regionLine && firstEditDone && sectionTitles.includes(w.geography)) {
    parts.push(`== ${w.geography} ==\n${regionLine}`);
  }
  if (refsVisible) {
    parts.push(`== ${w.references} ==\n${p.lang === 'en' ? '{{Reflist}}' : '<references />'}`);
  }
  if (p.stub) parts.push(`{{${STUB_TEMPLATES[p.lang]}}}`);
  const cats = firstEditDone ? [...p.categories] : [];
  if (state.nomination) cats.push(DELETION_MARKUP[p.lang][state.nomination.kind].category);
  if (cats.length > 0) parts.push(categoryLinks(p.lang, cats));
  const langs = [...state.langlinks.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (langs.length > 0) parts.push(langs.map(([l, title]) => `[[${l}:${title}]]`).join('\n'));
  return parts.join('\n\n') + '\n';
}

/** The stub template each language ends a stub with. */
export const STUB_TEMPLATES: Record<DemoLang, string> = { en: 'Stub', de: 'Stub', cs: 'Pahýl', ar: 'بذرة' };

/** The deletion template a nominator puts at the top of a page. */
export function nominationText(
  lang: DemoLang,
  n: { kind: Nomination; at: string; by: string },
  title: string,
): string {
  const m = DELETION_MARKUP[lang][n.kind];
  switch (lang) {
    case 'en':
      if (n.kind === 'speedy') return `{{${m.template}|help=off|date=${n.at}}}`;
      if (n.kind === 'afd') return `{{${m.template}|page=${title}|timestamp=${n.at}|substed=yes}}`;
      return `{{${m.template}|concern=No indication of notability|timestamp=${n.at}|nom=${n.by}}}`;
    case 'de':
      if (n.kind === 'speedy') return `{{${m.template}|Kein Artikel}}`;
      if (n.kind === 'afd')
        return `{{${m.template}|tag=${n.at}|titel=${title}|text=Relevanz nicht dargestellt}}`;
      return `{{${m.template}|Relevanz unklar}}`;
    case 'cs':
      if (n.kind === 'speedy') return `{{${m.template}|Nesmyslný obsah}}`;
      if (n.kind === 'afd') return `{{${m.template}|${n.at}}}`;
      return `{{${m.template}|${n.at}}}`;
    case 'ar':
      if (n.kind === 'speedy') return `{{${m.template}|لا توجد دلالة على الأهمية}}`;
      if (n.kind === 'afd') return `{{${m.template}|${title}|تاريخ=${n.at}}}`;
      return `{{${m.template}|سبب=لا توجد دلالة على الملحوظية|تاريخ=${n.at}|مرشح=${n.by}}}`;
  }
}

/** A draft in the English Draft namespace at one AfC state (review-queue-reference.md §6). */
export function renderDraft(
  topic: Topic,
  state: AfcState,
  opts: { submitter: string; reviewer: string; at: string; withRefs: boolean },
): string {
  const parts: string[] = [];
  if (state === 'pending') parts.push(`{{AfC submission|||ts=${opts.at}|u=${opts.submitter}|ns=118}}`);
  if (state === 'reviewing') {
    parts.push(`{{AfC submission|r||ts=${opts.at}|u=${opts.submitter}|ns=118|reviewer=${opts.reviewer}}}`);
  }
  if (state === 'declined') {
    parts.push(
      `{{AfC submission|d|nn|u=${opts.submitter}|ns=118|decliner=${opts.reviewer}|declinets=${opts.at}|ts=${opts.at}}}`,
    );
  }
  const kind = topic.kind === 'person' ? occupationWord(topic.occupation, 'en') : topic.kind;
  parts.push(
    `'''${topicTitle(topic, 'en')}''' is a ${kind} associated with [[${topic.region.en}]].` +
      (opts.withRefs
        ? `<ref>{{cite web|url=https://news.example.org/${encodeURIComponent(topic.name)}|title=${topic.name} in the news}}</ref>`
        : '') +
      ` This draft is still being written.`,
  );
  if (opts.withRefs) parts.push('== References ==\n{{Reflist}}');
  if (state !== 'unsubmitted') parts.push(`[[Category:${AFC_CATEGORIES[state]}]]`);
  return parts.join('\n\n') + '\n';
}

export function categoryLinks(lang: DemoLang, categories: string[]): string {
  return categories.map((c) => `[[${WORDS[lang].category}:${c}]]`).join('\n');
}

export function renderRedirect(lang: DemoLang, target: string): string {
  const tail = lang === 'en' ? '\n\n{{R from alternative name}}' : '';
  return `${WORDS[lang].redirect} [[${target}]]${tail}\n`;
}

/** A Commons file description page. */
export function renderFilePage(f: {
  description: string;
  date: string;
  /** Wikitext: `[[User:X|X]]` for own work. */
  author: string;
  licenseTemplate: string;
  categories: readonly string[];
}): string {
  return (
    `== {{int:filedesc}} ==\n{{Information\n|description={{en|1=${f.description}}}\n|date=${f.date}\n` +
    `|source={{own}}\n|author=${f.author}\n}}\n\n== {{int:license-header}} ==\n` +
    `${f.licenseTemplate}\n\n${f.categories.map((c) => `[[Category:${c}]]`).join('\n')}\n`
  );
}

/** Junk a vandal creates (speedy-deletion fodder). */
export function renderPromotion(lang: DemoLang, name: string): string {
  switch (lang) {
    case 'en':
      return `'''${name}''' is the BEST company in the world!!! Visit our website for amazing deals. Call now!\n`;
    case 'de':
      return `'''${name}''' ist die BESTE Firma der Welt!!! Jetzt anrufen und sparen!\n`;
    case 'cs':
      return `'''${name}''' je NEJLEPŠÍ firma na světě!!! Volejte hned!\n`;
    case 'ar':
      return `'''${name}''' هي أفضل شركة في العالم!!! زوروا موقعنا لأروع العروض. اتصلوا الآن!\n`;
  }
}
