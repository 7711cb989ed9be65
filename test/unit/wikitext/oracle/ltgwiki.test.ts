// analyzeWikitext against wikiparser-node on every page of ltgwiki-2017-small.xml.bz2 (see dump-suite.ts).
import { describeDumpComparison } from './dump-suite.ts';

describeDumpComparison('ltgwiki-2017-small.xml.bz2');
