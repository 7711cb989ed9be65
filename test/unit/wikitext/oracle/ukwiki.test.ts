// analyzeWikitext against wikiparser-node on every page of ukwiki-2023-truncated.xml.bz2 (see dump-suite.ts).
import { describeDumpComparison } from './dump-suite.ts';

describeDumpComparison('ukwiki-2023-truncated.xml.bz2');
