// analyzeWikitext against wikiparser-node on every page of enwiki-2016-extract-206.xml.bz2 (see dump-suite.ts).
import { describeDumpComparison } from './dump-suite.ts';

describeDumpComparison('enwiki-2016-extract-206.xml.bz2');
