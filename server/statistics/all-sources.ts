// Every metric's source, in one list (the roll-up rebuilds them in this order). Rewards paid to
// researchers (措施十二) are a source with the researcher dimension (researcher-sources.ts).
import { LEDGER_SOURCES } from './ledger-sources.js';
import { RESEARCHER_SOURCES } from './researcher-sources.js';
import { LISTING_SOURCES, type MetricSource } from './sources.js';

export const METRIC_SOURCES: readonly MetricSource[] = [...LISTING_SOURCES, ...LEDGER_SOURCES, ...RESEARCHER_SOURCES];
