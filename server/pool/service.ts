// The pay-later pool (先用后付成果池, 措施五), its reads: the public pool listing, whether a result is
// in the pool, and where each of an institution's results stands. The daily eligibility scan is in
// scan.ts, voluntary inclusion and opt-outs in inclusion.ts.
import { and, asc, count, desc, eq, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { IndustryField } from '../../domain/constants/listings.js';
import type { PoolReason } from '../../domain/constants/pool.js';
import type { Region } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { parseQuery } from '../../search/query-parser.js';
import { poolStateOf } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations, poolEntries, poolOptOuts, resultIpItems, results } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { resultsWithIp, type ResultWithIp } from '../results/service.js';

// The public face of the pool: open entries whose result is still public and unconverted. The scan
// removes entries that stopped qualifying; this condition keeps them out of sight in the meantime
// (措施十五: a reclassified result is never shown as available for 先使用后付费).
const visibleInPool = and(
  isNull(poolEntries.removedAt),
  eq(results.securityClass, 'public'),
  ne(results.status, 'converted'),
);

// ---- Reads ----

const firstGrant = sql<
  string | null
>`(select min(${resultIpItems.grantDate}) from ${resultIpItems} where ${resultIpItems.resultId} = ${results.id})`;

export interface PoolItem {
  result: ResultWithIp;
  institution: { id: string; name: string; region: Region | null };
  entry: { reason: PoolReason; includedAt: Date };
  firstGrantDate: string | null;
}

export interface PoolFilters {
  field?: IndustryField;
  region?: Region;
  keyword?: string;
  reason?: PoolReason;
  page: number;
  pageSize: number;
}

/**
 * The pool's keyword filter, read the way search reads a query (search/query-parser.ts parseQuery):
 * normalised, cut into words, each word or one of its synonyms must occur in the title or summary
 * (AI finds 人工智能, 锂电池 回收 needs both). Pool results mostly have no listing, so they are not in
 * the search index; the pool is small enough (thousands) for substring matching once cut. Text that
 * yields no word (punctuation only) is matched literally.
 */
function keywordCondition(keyword: string): SQL {
  const contains = (word: string) => {
    const pattern = `%${escapeLike(word)}%`;
    return or(ilike(results.title, pattern), ilike(results.summary, pattern))!;
  };
  const { units } = parseQuery(keyword);
  if (units.length === 0) return contains(keyword);
  return and(...units.map((u) => or(...u.words.map(contains))!))!;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function poolRows(db: DbOrTx, where: SQL | undefined, page: number, pageSize: number) {
  const base = () =>
    db
      .select({
        resultId: results.id,
        institutionId: organisations.id,
        institutionName: organisations.name,
        region: organisations.region,
        reason: poolEntries.reason,
        includedAt: poolEntries.includedAt,
        firstGrantDate: firstGrant,
      })
      .from(poolEntries)
      .innerJoin(results, eq(results.id, poolEntries.resultId))
      .innerJoin(organisations, eq(organisations.id, results.institutionId));
  const [rows, [total]] = await Promise.all([
    base()
      .where(where)
      .orderBy(desc(poolEntries.includedAt), asc(results.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(poolEntries)
      .innerJoin(results, eq(results.id, poolEntries.resultId))
      .innerJoin(organisations, eq(organisations.id, results.institutionId))
      .where(where),
  ]);
  const full = await resultsWithIp(
    db,
    rows.map((r) => r.resultId),
  );
  const items: PoolItem[] = rows.map((r) => ({
    result: full.get(r.resultId)!,
    institution: { id: r.institutionId, name: r.institutionName, region: r.region },
    entry: { reason: r.reason, includedAt: r.includedAt },
    firstGrantDate: r.firstGrantDate,
  }));
  return { items, total: total?.n ?? 0 };
}

/** The public pool: filter by industry field, the institution's region, a keyword in title or summary. */
export async function browsePool(db: DbOrTx, f: PoolFilters) {
  const c: (SQL | undefined)[] = [visibleInPool];
  if (f.field) c.push(eq(results.field, f.field));
  if (f.region) c.push(eq(organisations.region, f.region));
  if (f.reason) c.push(eq(poolEntries.reason, f.reason));
  const kw = f.keyword?.trim();
  if (kw) c.push(keywordCondition(kw));
  return poolRows(db, and(...c), f.page, f.pageSize);
}

export async function getPoolItem(db: DbOrTx, resultId: string): Promise<PoolItem> {
  const { items } = await poolRows(db, and(visibleInPool, eq(results.id, resultId)), 1, 1);
  if (!items[0]) throw new AppError('POOL_RESULT_NOT_IN_POOL');
  return items[0];
}

/** How many results the pool holds now (what the next edition would list if published this moment). */
export async function poolSize(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(poolEntries)
    .innerJoin(results, eq(results.id, poolEntries.resultId))
    .where(visibleInPool);
  return row?.n ?? 0;
}

/** Whether a result is in the pool now (for applications and their acceptance). */
export async function isInPool(db: DbOrTx, resultId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: poolEntries.id })
    .from(poolEntries)
    .innerJoin(results, eq(results.id, poolEntries.resultId))
    .where(and(visibleInPool, eq(results.id, resultId)));
  return Boolean(row);
}

export interface PoolStatusRow {
  resultId: string;
  title: string;
  field: IndustryField;
  securityClass: ResultWithIp['securityClass'];
  resultStatus: ResultWithIp['status'];
  firstGrantDate: string | null;
  entry: { reason: PoolReason; includedAt: Date } | null;
  optOut: { reason: string; optedOutAt: Date } | null;
  state: ReturnType<typeof poolStateOf>['state'];
  eligibleOn: string | null;
}

async function statusRows(ctx: ServiceContext, where: SQL | undefined, page: number, pageSize: number) {
  const today = shanghaiDate(ctx.now());
  const q = ctx.db
    .select({
      resultId: results.id,
      title: results.title,
      field: results.field,
      securityClass: results.securityClass,
      resultStatus: results.status,
      firstGrantDate: firstGrant,
      entryReason: poolEntries.reason,
      includedAt: poolEntries.includedAt,
      optOutReason: poolOptOuts.reason,
      optedOutAt: poolOptOuts.optedOutAt,
    })
    .from(results)
    .leftJoin(poolEntries, and(eq(poolEntries.resultId, results.id), isNull(poolEntries.removedAt)))
    .leftJoin(poolOptOuts, and(eq(poolOptOuts.resultId, results.id), isNull(poolOptOuts.withdrawnAt)))
    .where(where);
  const [rows, [total]] = await Promise.all([
    q
      .orderBy(desc(results.updatedAt), asc(results.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(results).where(where),
  ]);
  const items: PoolStatusRow[] = rows.map((r) => {
    const entry = r.entryReason && r.includedAt ? { reason: r.entryReason, includedAt: r.includedAt } : null;
    const optOut = r.optOutReason && r.optedOutAt ? { reason: r.optOutReason, optedOutAt: r.optedOutAt } : null;
    const { state, eligibleOn } = poolStateOf(
      {
        securityClass: r.securityClass,
        status: r.resultStatus,
        firstGrantDate: r.firstGrantDate,
        inPool: entry !== null,
        optedOut: optOut !== null,
      },
      today,
    );
    return {
      resultId: r.resultId,
      title: r.title,
      field: r.field,
      securityClass: r.securityClass,
      resultStatus: r.resultStatus,
      firstGrantDate: r.firstGrantDate,
      entry,
      optOut,
      state,
      eligibleOn,
    };
  });
  return { items, total: total?.n ?? 0 };
}

/** The institution's results with where each stands: in the pool, opted out, excluded, or when it will qualify. */
export async function myPoolStatus(ctx: ServiceContext, actor: MemberActor, page: number, pageSize: number) {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  return statusRows(ctx, eq(results.institutionId, actor.orgId), page, pageSize);
}

export async function poolStatus(ctx: ServiceContext, actor: MemberActor, resultId: string): Promise<PoolStatusRow> {
  const { items } = await statusRows(ctx, and(eq(results.institutionId, actor.orgId), eq(results.id, resultId)), 1, 1);
  if (!items[0]) throw new AppError('RESULT_NOT_FOUND');
  return items[0];
}
