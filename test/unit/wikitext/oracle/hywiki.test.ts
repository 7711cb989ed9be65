// analyzeWikitext against wikiparser-node on every page of hywiki-2023-truncated.xml.bz2 (see dump-suite.ts).
import { describeDumpComparison } from './dump-suite.ts';

describeDumpComparison('hywiki-2023-truncated.xml.bz2');
