// The zero-result log (issue 21): text queries that found nothing, so the thesaurus grows from real
// use. What is stored is the query as the engine searched it — its words after the stop list,
// normalised (NFKC, lower case, simplified), in order — and nothing else: no user, session, address
// or filters; words that could carry personal data (an e-mail address, a run of 5+ digits such as a
// phone, ID or order number) are left out. Operators see the most frequent queries of the last
// ZERO_RESULT_DAYS days; the nightly maintenance drops older rows (workers/maintenance.ts).

import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { searchZeroResults } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { parseQuery } from '../../search/query-parser.js';

export const ZERO_RESULT_DAYS = 30;
const MAX_LOGGED_CHARS = 100;

/** The query as logged, or null when nothing is left worth logging. */
export function zeroResultKey(q: string): string | null {
  // Personal data goes before parsing (the parser would cut an address into harmless-looking words).
  const cleaned = q.replace(/\S+@\S+/g, ' ').replace(/[\d０-９][\d０-９\s-]{3,}[\d０-９]/g, ' ');
  const words = parseQuery(cleaned)
    .units.map((u) => u.text)
    .filter((w) => !/\d{5,}/.test(w));
  const key = words.join(' ').slice(0, MAX_LOGGED_CHARS).trim();
  return key === '' ? null : key;
}

export async function logZeroResult(ctx: ServiceContext, q: string): Promise<void> {
  const key = zeroResultKey(q);
  if (key === null) return;
  await ctx.db.insert(searchZeroResults).values({ query: key, createdAt: ctx.now() });
}

export interface ZeroResultQuery {
  query: string;
  count: number;
  lastAt: Date;
}

/** The most frequent zero-result queries of the last ZERO_RESULT_DAYS days (by `now`). */
export async function topZeroResults(ctx: ServiceContext, limit: number): Promise<ZeroResultQuery[]> {
  const since = new Date(ctx.now().getTime() - ZERO_RESULT_DAYS * 86_400_000);
  const rows = await ctx.db.execute<{ query: string; count: number; last_at: Date | string }>(sql`
    select query, count(*)::int as count, max(created_at) as last_at
    from search_zero_results where created_at >= ${since.toISOString()}::timestamptz
    group by query order by count(*) desc, max(created_at) desc, query limit ${limit}`);
  return rows.rows.map((r) => ({ query: r.query, count: Number(r.count), lastAt: new Date(r.last_at) }));
}

/** Retention: rows older than ZERO_RESULT_DAYS days (PostgreSQL's clock, like the outbox purge). */
export async function purgeZeroResults(db: Db): Promise<number> {
  const res = await db.execute(
    sql`delete from search_zero_results where created_at < now() - make_interval(days => ${ZERO_RESULT_DAYS})`,
  );
  return res.rowCount ?? 0;
}
