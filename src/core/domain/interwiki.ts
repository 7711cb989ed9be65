/**
 * Interwiki prefixes. A wikilink whose prefix is a language code becomes an interlanguage link
 * (`[[de:Titel]]`, listed in the sidebar) unless written with a leading colon; any other known
 * prefix makes it an interwiki link. Neither is a link to a local page. Namespace names take
 * precedence over both, as in MediaWiki.
 */

/** Language codes of the Wikipedias (and their legacy aliases) as of 2025. */
export const WIKIPEDIA_LANGUAGE_CODES: ReadonlySet<string> = new Set(
  (
    'aa ab ace ady af ak als alt am ami an ang ann anp ar arc ary arz as ast atj av avk awa ay az azb ba ban bar ' +
    'bat-smg bbc bcl bdr be be-tarask be-x-old bew bg bh bi bjn blk bm bn bo bpy br bs btm bug bxr ca cbk-zam ' +
    'cdo ce ceb ch cho chr chy ckb co cr crh cs csb cu cv cy da dag de dga din diq dsb dtp dty dv dz ee el eml ' +
    'en eo es et eu ext fa fat ff fi fiu-vro fj fo fon fr frp frr fur fy ga gag gan gcr gd gl glk gn gom gor ' +
    'got gpe gsw gu guc gur guw gv ha hak haw he hi hif ho hr hsb ht hu hy hyw hz ia iba id ie ig igl ii ik ' +
    'ilo inh io is it iu ja jam jbo jv ka kaa kab kbd kbp kcg kg kge ki kj kk kl km kn knc ko koi kr krc ks ' +
    'ksh ku kus kv kw ky la lad lb lbe lez lfn lg li lij lld lmo ln lo lrc lt ltg lv lzh mad mai map-bms mdf ' +
    'mg mh mhr mi min mk ml mn mni mnw mo mos mr mrj ms mt mus mwl my myv mzn na nah nan nap nb nds nds-nl ne ' +
    'new ng nia nl nn no nov nqo nr nrm nso nup nv ny oc olo om or os pa pag pam pap pcd pcm pdc pfl pi pih ' +
    'pl pms pnb pnt ps pt pwn qu rm rmy rn ro roa-rup roa-tara rsk ru rue rup rw sa sah sat sc scn sco sd se ' +
    'sg sgs sh shi shn si simple sk skr sl sm smn sn so sq sr srn ss st stq su sv sw syl szl szy ta tay tcy ' +
    'tdd te tet tg th ti tig tk tl tly tn to tpi tr trv ts tt tum tw ty tyv udm ug uk ur uz ve vec vep vi vls ' +
    'vo vro wa war wo wuu xal xh xmf yi yo yue za zea zgh zh zh-classical zh-min-nan zh-yue zu'
  ).split(' '),
);

/** Common non-language prefixes of the Wikimedia interwiki map (sister projects and a few sites). */
export const COMMON_INTERWIKI_PREFIXES: ReadonlySet<string> = new Set(
  (
    'w wikipedia wikt wiktionary q wikiquote s wikisource b wikibooks n wikinews v wikiversity voy wikivoyage ' +
    'c commons d wikidata m meta metawikimedia metawikipedia mw mediawikiwiki species wikispecies wikimedia ' +
    'foundation wmf incubator outreach wikitech phab phabricator gerrit toolforge toollabs mediazilla ' +
    'bugzilla oldwikisource wikifunctions f betawikiversity testwiki sulutil doi arxiv rfc google ' +
    'googlegroups iarchive wikiapiary translatewiki betawiki metawiki imdbname imdbtitle imdbcompany'
  ).split(' '),
);

/**
 * Whether a lower-case prefix is an interwiki or interlanguage prefix of the interwiki map every
 * wiki here shares (the Wikipedias' language codes and the common prefixes above).
 */
export function isDefaultInterwikiPrefix(prefix: string): boolean {
  return WIKIPEDIA_LANGUAGE_CODES.has(prefix) || COMMON_INTERWIKI_PREFIXES.has(prefix);
}
