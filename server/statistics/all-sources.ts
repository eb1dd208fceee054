// Every metric's source, in one list (the roll-up rebuilds them in this order).
import { LISTING_SOURCES } from './sources.js';
import type { MetricSource } from './sources.js';

export const METRIC_SOURCES: readonly MetricSource[] = [...LISTING_SOURCES];
