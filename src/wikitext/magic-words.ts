import { phpTrim } from './php-trim.ts';

/**
 * English magic words of MediaWiki core and the extensions Wikipedias run (ParserFunctions, Scribunto,
 * Cite, Babel, Wikibase...). A transclusion `{{name}}` or `{{name:arg}}` whose name matches one is a
 * variable or parser function, not a template. Case follows each word's own rule: `{{CURRENTYEAR}}` is
 * a variable but `{{currentyear}}` is Template:Currentyear; `{{lc:x}}` and `{{LC:x}}` are both lc.
 * Localized synonyms (`{{SEITENNAME}}`) are only known for DEFAULTSORT; give others to
 * classifyTransclusion (WikitextContext.magicWords) or they read as templates.
 */

/** Function hooks matched case-insensitively, written lowercase. */
const FUNCTIONS_ANY_CASE = new Set(
  (
    'ns nse urlencode lcfirst ucfirst lc uc localurl localurle fullurl fullurle canonicalurl canonicalurle ' +
    'formatnum grammar gender plural bidi padleft padright anchorencode filepath pageid int ' +
    'pendingchangelevel noexternallanglinks articlepath scriptpath server servername stylepath ' +
    'numberofwikis wbreponame ' +
    '#language #special #speciale #tag #formatdate #dateformat #if #ifeq #switch #ifexist #ifexpr #iferror ' +
    '#time #timel #expr #rel2abs #titleparts #categorytree #lst #section #lstx #section-x #lsth #section-h ' +
    '#target #babel #coordinates #invoke #related #property #statements #commaseparatedlist #assessment ' +
    '#chart #mentor'
  ).split(' '),
);

/** Function hooks matched case-sensitively. */
const FUNCTIONS_EXACT_CASE = new Set(
  (
    '#FORMAL NUMBERINGROUP NUMINGROUP DEFAULTSORT DEFAULTSORTKEY DEFAULTCATEGORYSORT PAGESINCATEGORY ' +
    'PAGESINCAT PAGESIZE PROTECTIONLEVEL PROTECTIONEXPIRY PAGENAME PAGENAMEE FULLPAGENAME FULLPAGENAMEE ' +
    'SUBPAGENAME SUBPAGENAMEE ROOTPAGENAME ROOTPAGENAMEE BASEPAGENAME BASEPAGENAMEE TALKPAGENAME ' +
    'TALKPAGENAMEE SUBJECTPAGENAME ARTICLEPAGENAME SUBJECTPAGENAMEE ARTICLEPAGENAMEE REVISIONID REVISIONDAY ' +
    'REVISIONDAY2 REVISIONMONTH REVISIONMONTH1 REVISIONYEAR REVISIONTIMESTAMP REVISIONUSER CASCADINGSOURCES ' +
    'NAMESPACE NAMESPACEE NAMESPACENUMBER TALKSPACE TALKSPACEE SUBJECTSPACE ARTICLESPACE SUBJECTSPACEE ' +
    'ARTICLESPACEE NUMBEROFARTICLES NUMBEROFFILES NUMBEROFUSERS NUMBEROFACTIVEUSERS NUMBEROFPAGES ' +
    'NUMBEROFADMINS NUMBEROFEDITS #bcp47 #dir #interwikilink #interlanguagelink #contentmodel #isbn ' +
    'DISPLAYTITLE #timef #timefl SHORTDESC'
  ).split(' '),
);

/** Variables (no colon, no arguments) matched case-sensitively. */
const VARIABLES_EXACT_CASE = new Set(
  (
    '! = PAGENAME PAGENAMEE FULLPAGENAME FULLPAGENAMEE SUBPAGENAME SUBPAGENAMEE ROOTPAGENAME ROOTPAGENAMEE ' +
    'BASEPAGENAME BASEPAGENAMEE TALKPAGENAME TALKPAGENAMEE SUBJECTPAGENAME ARTICLEPAGENAME SUBJECTPAGENAMEE ' +
    'ARTICLEPAGENAMEE REVISIONID REVISIONDAY REVISIONDAY2 REVISIONMONTH REVISIONMONTH1 REVISIONYEAR ' +
    'REVISIONTIMESTAMP REVISIONUSER REVISIONSIZE CASCADINGSOURCES NAMESPACE NAMESPACEE NAMESPACENUMBER ' +
    'TALKSPACE TALKSPACEE SUBJECTSPACE ARTICLESPACE SUBJECTSPACEE ARTICLESPACEE NUMBEROFARTICLES ' +
    'NUMBEROFFILES NUMBEROFUSERS NUMBEROFACTIVEUSERS NUMBEROFPAGES NUMBEROFADMINS NUMBEROFEDITS ' +
    'CONTENTLANGUAGE CONTENTLANG CURRENTDAY CURRENTDAY2 CURRENTDAYNAME CURRENTDOW CURRENTHOUR CURRENTMONTH ' +
    'CURRENTMONTH2 CURRENTMONTH1 CURRENTMONTHNAME CURRENTMONTHNAMEGEN CURRENTMONTHABBREV CURRENTTIME ' +
    'CURRENTTIMESTAMP CURRENTVERSION CURRENTWEEK CURRENTYEAR DIRECTIONMARK DIRMARK LOCALDAY LOCALDAY2 ' +
    'LOCALDAYNAME LOCALDOW LOCALHOUR LOCALMONTH LOCALMONTH2 LOCALMONTH1 LOCALMONTHABBREV LOCALMONTHNAME ' +
    'LOCALMONTHNAMEGEN LOCALTIME LOCALTIMESTAMP LOCALWEEK LOCALYEAR PAGELANGUAGE SITENAME USERLANGUAGE'
  ).split(' '),
);

/** Variables matched case-insensitively, written lowercase. */
const VARIABLES_ANY_CASE = new Set(
  'articlepath scriptpath server servername stylepath numberofwikis pageid pendingchangelevel noexternallanglinks wbreponame'.split(
    ' ',
  ),
);

/** Localized synonyms of DEFAULTSORT (case-sensitive, like the English word). */
const LOCALIZED_DEFAULTSORT = new Set(
  'SORTIERUNG ŘADIT ORDENAR CLEDETRI ORDINA DOMYŚLNIESORTUJ STANDAARDSORTERING СОРТИРОВКА СОРТУВАННЯ デフォルトソート 默认排序 기본정렬'.split(
    ' ',
  ),
);

/** Behaviour switches (`__NOTOC__`), lowercase; MediaWiki matches most of them in any case. */
export const BEHAVIOUR_SWITCHES: ReadonlySet<string> = new Set(
  (
    'notoc nogallery forcetoc toc noeditsection newsectionlink nonewsectionlink hiddencat expectunusedcategory ' +
    'expectunusedtemplate index noindex staticredirect nocontentconvert nocc notitleconvert notc disambig ' +
    'nomediaviewercarousel archivedtalk notalk noglobal expected_unconnected_page'
  ).split(' '),
);

/**
 * Redirect magic words of the major Wikipedias (MessagesXx.php 'redirect'). MediaWiki matches them
 * case-insensitively at the very start of the page; English `#REDIRECT` works on every wiki.
 */
export const DEFAULT_REDIRECT_WORDS: readonly string[] = [
  '#REDIRECT',
  '#WEITERLEITUNG',
  '#PŘESMĚRUJ',
  '#REDIRECCIÓN',
  '#REDIRECCION',
  '#REDIRECTION',
  '#RINVIA',
  '#RINVIO',
  '#RIMANDO',
  '#DOORVERWIJZING',
  '#PATRZ',
  '#PRZEKIERUJ',
  '#TAM',
  '#REDIRECIONAMENTO',
  '#OMDIRIGERING',
  '#VIDERESTILLING',
  '#OHJAUS',
  '#UUDELLEENOHJAUS',
  '#ÁTIRÁNYÍTÁS',
  '#YÖNLENDİRME',
  '#YÖNLENDİR',
  '#ПЕРЕНАПРАВЛЕНИЕ',
  '#ПЕРЕНАПР',
  '#ПЕРЕНАПРАВЛЕННЯ',
  '#ПРЕУСМЕРИ',
  '#PREUSMJERI',
  '#PRESMERUJ',
  '#تحويل',
  '#تغییرمسیر',
  '#הפניה',
  '#重定向',
  '#転送',
  '#リダイレクト',
  '#넘겨주기',
  '#ĐỔI',
  '#পুনর্নির্দেশ',
  '#ΑΝΑΚΑΤΕΥΘΥΝΣΗ',
  '#ՎԵՐԱՀՂՈՒՄ',
  '#पुनर्निर्देशन',
  '#पुर्ननिर्देशन',
  '#ALIHKAN',
  '#ELEKEZA',
];

export type Transclusion =
  | { kind: 'template'; name: string }
  | { kind: 'function'; name: string; argument: string }
  | { kind: 'variable'; name: string }
  | { kind: 'invalid' };

// First letters (lowercased) of the modifiers subst:, safesubst:, msg:, msgnw:, raw: and of the
// case-insensitive variables: only names starting with one of them need lowercasing.
const MODIFIER_INITIALS = new Set([0x73, 0x6d, 0x72]);
const ANY_CASE_VARIABLE_INITIALS = new Set([...VARIABLES_ANY_CASE].map((v) => v.charCodeAt(0)));

/**
 * What `{{name|...}}` is, by MediaWiki's Parser::braceSubstitution order: `subst:`/`safesubst:` and
 * `msg:`/`msgnw:`/`raw:` modifiers are removed (a saved `{{subst:X}}` is reported as template X);
 * then a variable (only without arguments), then a parser function (`name:` prefix), else a template
 * title. A name starting with `#` is never a template (it is a fragment-only title).
 */
export function classifyTransclusion(
  rawName: string,
  hasArguments: boolean,
  localMagicWords?: ReadonlySet<string>,
): Transclusion {
  let name = phpTrim(rawName);
  if (MODIFIER_INITIALS.has(name.charCodeAt(0) | 0x20)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('subst:')) name = phpTrim(name.slice(6));
    else if (lower.startsWith('safesubst:')) name = phpTrim(name.slice(10));
    for (let i = 0; i < 2; i++) {
      const l = name.toLowerCase();
      if (l.startsWith('msgnw:')) name = name.slice(6);
      else if (l.startsWith('msg:') || l.startsWith('raw:')) name = name.slice(4);
      else break;
    }
  }
  if (
    !hasArguments &&
    (VARIABLES_EXACT_CASE.has(name) ||
      (ANY_CASE_VARIABLE_INITIALS.has(name.charCodeAt(0) | 0x20) &&
        VARIABLES_ANY_CASE.has(name.toLowerCase())) ||
      (localMagicWords?.has(name) ?? false))
  ) {
    return { kind: 'variable', name };
  }
  const colon = name.indexOf(':');
  if (colon > 0) {
    const fn = name.slice(0, colon);
    const argument = phpTrim(name.slice(colon + 1));
    if (LOCALIZED_DEFAULTSORT.has(fn)) return { kind: 'function', name: 'defaultsort', argument };
    if (
      FUNCTIONS_EXACT_CASE.has(fn) ||
      FUNCTIONS_ANY_CASE.has(fn.toLowerCase()) ||
      localMagicWords?.has(fn)
    ) {
      return { kind: 'function', name: fn.toLowerCase(), argument };
    }
  }
  if (name === '' || name.charCodeAt(0) === 0x23) return { kind: 'invalid' };
  return { kind: 'template', name };
}
