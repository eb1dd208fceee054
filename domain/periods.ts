// Statutory floors of the configurable periods. 措施四: 存在异议的，可在技术市场挂牌交易，半个月内无人
// 摘牌，按协议定价交易 — the listing window is half a month, and the public notice the same measure
// requires runs as long (DESIGN §5). Production refuses shorter values; development, tests and demos
// may shorten them through configuration (platform/config.ts).

import { addDuration, type Duration } from './duration.js';

/** 半个月: fifteen days. */
export const HALF_MONTH_DAYS = 15;

// Calendar units are measured from the start of the shortest month (February of a common year), so
// P1M counts as 28 days and passes, P14D does not.
const SHORTEST_MONTH_START = new Date('2023-02-01T00:00:00Z');

/** True when `d` lasts at least half a month wherever it starts. */
export function isAtLeastHalfMonth(d: Duration): boolean {
  const ms = addDuration(SHORTEST_MONTH_START, d).getTime() - SHORTEST_MONTH_START.getTime();
  return ms >= HALF_MONTH_DAYS * 86_400_000;
}
