// Builds every row of the demo data in memory (no I/O), deterministically: the same clock and
// periods always give the same rows apart from the random UUIDs.

import { buildLedger, type LedgerRows } from './ledger.js';
import { buildPayLaterLicence, emptyPayLater, type PayLaterRows } from './paylater.js';
import { SeedContext, type SeedPlan } from './context.js';
import { buildDemandListings } from './demand.js';
import { buildDirectory } from './directory.js';
import { buildResults } from './results.js';
import { buildStatistics, type StatisticsRows } from './statistics.js';
import { buildSupplyListings } from './supply.js';
import { Clock, type SeedPeriods } from './timeline.js';

export type { SeedPlan } from './context.js';

export function buildSeedPlan(
  now: Date,
  periods: SeedPeriods,
  passwordHash: string,
): { plan: SeedPlan; ledger: LedgerRows; payLater: PayLaterRows; statistics: StatisticsRows } {
  const ctx = new SeedContext(new Clock(now, periods), passwordHash);
  const directory = buildDirectory(ctx);
  const results = buildResults(ctx, directory);
  // Listings may still move a result's timestamps or mark it converted, so results are added after.
  buildSupplyListings(ctx, directory, results);
  buildDemandListings(ctx, directory);
  // The ledger may mark results converted (off-platform conversions), so it runs before they are added.
  const ledger = buildLedger(ctx, directory, results);
  // Route `paylater` (措施五): one more unconverted public result of the demo university, licensed to ent01.
  const inst = directory.org('inst01');
  const free = results.find(
    (r) => r.org.id === inst.id && r.row.status !== 'converted' && r.row.securityClass === 'public',
  );
  const payLater = free ? buildPayLaterLicence(ctx, directory, free, ledger) : emptyPayLater();
  // 措施十三: past years' conversions, units, departments and an annual report (db/seed/statistics.ts).
  const statistics = buildStatistics(ctx, directory, ledger, results);
  for (const row of [...results.map((r) => r.row), ...statistics.results]) {
    ctx.plan.results.push(row);
    ctx.audit('result', row.id!, row.status!);
  }
  return { plan: ctx.plan, ledger, payLater, statistics };
}
