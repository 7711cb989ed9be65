// analyzeWikitext against wikiparser-node on every page of elwiki-2023-truncated.xml.bz2 (see dump-suite.ts).
import { describeDumpComparison } from './dump-suite.ts';

describeDumpComparison('elwiki-2023-truncated.xml.bz2');
