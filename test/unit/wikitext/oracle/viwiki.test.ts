// analyzeWikitext against wikiparser-node on every page of viwiki-2023-truncated.xml.bz2 (see dump-suite.ts).
import { describeDumpComparison } from './dump-suite.ts';

describeDumpComparison('viwiki-2023-truncated.xml.bz2');
