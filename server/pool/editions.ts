// Pool editions (成果池发布, 措施五 "定期发布更新"): numbered snapshots of the pool with what was added
// and removed since the previous edition, and their downloads (CSV, JSON) and Atom feed.
import { CronExpressionParser } from 'cron-parser';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { INDUSTRY_FIELD_LABELS } from '../../domain/constants/listings.js';
import { IP_TYPE_LABELS } from '../../domain/constants/results.js';
import {
  POOL_EDITION_CHANGE_LABELS,
  POOL_REASON_LABELS,
  POOL_REMOVAL_REASON_LABELS,
  type PoolEditionChange,
} from '../../domain/constants/pool.js';
import { REGION_LABELS } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx } from '../../db/client.js';
import { poolEditionItems, poolEditions, type PoolEdition, type PoolEditionItem } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { POOL_LOCKS } from './membership.js';

export interface PublishOutcome {
  edition: PoolEdition;
  /** False when this period already had its edition (another worker, or a retried job, got there first). */
  created: boolean;
}

/**
 * Publishes the edition of one period: the pool as it stands (every open entry whose result is still
 * public and unconverted), each marked `added` or `retained` against the previous edition, plus the
 * previous edition's results that are gone, marked `removed`. Exactly one edition per period: the
 * publications are serialised by an advisory lock, and the period key is unique besides.
 */
export async function publishEdition(ctx: ServiceContext, periodKey: string): Promise<PublishOutcome> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${POOL_LOCKS.edition})`);
    const [existing] = await tx.select().from(poolEditions).where(eq(poolEditions.periodKey, periodKey));
    if (existing) return { edition: existing, created: false };
    const [previous] = await tx.select().from(poolEditions).orderBy(desc(poolEditions.number)).limit(1);
    const [edition] = await tx
      .insert(poolEditions)
      .values({
        number: (previous?.number ?? 0) + 1,
        periodKey,
        publishedAt: now,
        asOf: shanghaiDate(now),
        entryCount: 0,
        addedCount: 0,
        removedCount: 0,
      })
      .onConflictDoNothing()
      .returning();
    if (!edition) {
      const [winner] = await tx.select().from(poolEditions).where(eq(poolEditions.periodKey, periodKey));
      return { edition: winner!, created: false };
    }
    const prev = previous?.id ?? null;
    // One bulk statement over the whole pool: hash joins over sequential reads are right whatever the
    // planner's statistics say (they may predate the scan that just filled the pool — nested loops
    // over a million rows would run for minutes, an index walk over every IP item reads the heap at
    // random), and the sort behind the ordered aggregate fits in memory.
    await tx.execute(sql`set local enable_nestloop = off`);
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    await tx.execute(sql`
      insert into pool_edition_items (edition_id, result_id, change, institution_id, institution_name, region,
                                      title, field, first_grant_date, ip_items, reason, included_at, removal_reason)
      select ${edition.id}::uuid, e.result_id,
             case when p.result_id is null then 'added' else 'retained' end,
             r.institution_id, o.name, o.region, r.title, r.field, ip.first_grant_date,
             coalesce(ip.ip_items, '[]'::jsonb), e.reason, e.included_at, null
      from pool_entries e
      join results r on r.id = e.result_id
      join organisations o on o.id = r.institution_id
      left join (
        select i.result_id,
               min(i.grant_date) as first_grant_date,
               jsonb_agg(jsonb_build_object('type', i.type, 'number', i.number, 'grantDate', i.grant_date)
                         order by i.position) as ip_items
        from result_ip_items i
        group by i.result_id
      ) ip on ip.result_id = e.result_id
      left join pool_edition_items p
        on p.edition_id = ${prev}::uuid and p.result_id = e.result_id and p.change <> 'removed'
      where e.removed_at is null and r.security_class = 'public' and r.status <> 'converted'
      union all
      -- What left since the previous edition, as it was published then, with the reason it left.
      select ${edition.id}::uuid, p.result_id, 'removed', p.institution_id, p.institution_name, p.region,
             p.title, p.field, p.first_grant_date, p.ip_items, p.reason, p.included_at,
             coalesce(
               case when r.status = 'converted' then 'converted' when r.security_class <> 'public' then 'reclassified' end,
               (select x.removal_reason from pool_entries x
                where x.result_id = p.result_id and x.removed_at is not null
                order by x.removed_at desc limit 1))
      from pool_edition_items p
      join results r on r.id = p.result_id
      where p.edition_id = ${prev}::uuid and p.change <> 'removed'
        and not exists (
          select 1 from pool_entries e
          where e.result_id = p.result_id and e.removed_at is null
            and r.security_class = 'public' and r.status <> 'converted')`);
    await tx.execute(sql`set local enable_nestloop = on`);
    await tx.execute(sql`set local enable_indexscan = on`);
    const [counts] = await tx
      .select({
        entries: sql<number>`count(*) filter (where ${poolEditionItems.change} <> 'removed')::int`,
        added: sql<number>`count(*) filter (where ${poolEditionItems.change} = 'added')::int`,
        removed: sql<number>`count(*) filter (where ${poolEditionItems.change} = 'removed')::int`,
      })
      .from(poolEditionItems)
      .where(eq(poolEditionItems.editionId, edition.id));
    const [published] = await tx
      .update(poolEditions)
      .set({ entryCount: counts!.entries, addedCount: counts!.added, removedCount: counts!.removed })
      .where(eq(poolEditions.id, edition.id))
      .returning();
    await writeAudit(tx, {
      actor: { type: 'system' },
      action: 'pool_edition.publish',
      targetType: 'pool_edition',
      targetId: edition.id,
      afterStatus: 'published',
      details: { number: edition.number, periodKey, ...counts },
      at: now,
    });
    await emit(tx, 'pool.edition_published', {
      editionId: edition.id,
      number: edition.number,
      entryCount: counts!.entries,
      addedCount: counts!.added,
      removedCount: counts!.removed,
    });
    return { edition: published!, created: true };
  });
}

// ---- Reads ----

export async function listEditions(db: DbOrTx, page: number, pageSize: number) {
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(poolEditions)
      .orderBy(desc(poolEditions.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(poolEditions),
  ]);
  return { items, total: total?.n ?? 0 };
}

/**
 * When the next edition is due: the next run of the workers' edition schedule (POOL_EDITION_CRON,
 * Shanghai time) after `now`; null when the schedule cannot be read.
 */
export function nextEditionAt(cron: string, now: Date): Date | null {
  try {
    return CronExpressionParser.parse(cron, { currentDate: now, tz: 'Asia/Shanghai' }).next().toDate();
  } catch {
    return null;
  }
}

export async function getEdition(db: DbOrTx, number: number): Promise<PoolEdition> {
  const [row] = await db.select().from(poolEditions).where(eq(poolEditions.number, number));
  if (!row) throw new AppError('POOL_EDITION_NOT_FOUND');
  return row;
}

export const EDITION_VIEWS = ['listed', 'added', 'removed'] as const;
export type EditionView = (typeof EDITION_VIEWS)[number];

const VIEW_CHANGES: Record<EditionView, PoolEditionChange[]> = {
  listed: ['added', 'retained'],
  added: ['added'],
  removed: ['removed'],
};

export async function editionItems(db: DbOrTx, number: number, view: EditionView, page: number, pageSize: number) {
  const edition = await getEdition(db, number);
  const where = and(eq(poolEditionItems.editionId, edition.id), inArray(poolEditionItems.change, VIEW_CHANGES[view]));
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(poolEditionItems)
      .where(where)
      .orderBy(asc(poolEditionItems.change), asc(poolEditionItems.title), asc(poolEditionItems.resultId))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(poolEditionItems).where(where),
  ]);
  return { edition, items, total: total?.n ?? 0 };
}

// ---- Downloads ----

const BATCH = 5000;

/**
 * Every item of an edition — added, then retained, then removed, each in title order — read in
 * keyset batches, so a download of a large edition streams in constant memory.
 */
async function* allItems(db: DbOrTx, editionId: string): AsyncGenerator<PoolEditionItem> {
  for (const change of ['added', 'retained', 'removed'] as const) {
    let after: { title: string; resultId: string } | null = null;
    for (;;) {
      const rows: PoolEditionItem[] = await db
        .select()
        .from(poolEditionItems)
        .where(
          and(
            eq(poolEditionItems.editionId, editionId),
            eq(poolEditionItems.change, change),
            // A row comparison, so the index (edition, change, title, result) seeks straight to the
            // next batch instead of re-reading everything before it.
            after
              ? sql`(${poolEditionItems.title}, ${poolEditionItems.resultId}) > (${after.title}, ${after.resultId}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(poolEditionItems.title), asc(poolEditionItems.resultId))
        .limit(BATCH);
      yield* rows;
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1]!;
      after = { title: last.title, resultId: last.resultId };
    }
  }
}

export function editionFileName(edition: PoolEdition, ext: 'csv' | 'json'): string {
  return `先用后付成果池-第${edition.number}期-${edition.asOf}.${ext}`;
}

/** One CSV field: quoted when needed, and defused when a spreadsheet would read it as a formula. */
export function csvField(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const CSV_HEADER = [
  '期次',
  '变动',
  '成果编号',
  '成果名称',
  '科研单位',
  '所在地区',
  '行业领域',
  '知识产权',
  '最早授权日',
  '纳入方式',
  '纳入时间',
  '移出原因',
];

/** 措施十五: what a redacted row says in place of the result (no title, institution or numbers). */
export function redactionLine(redactedOn: string): string {
  return `本行成果已于 ${redactedOn} 调整为涉密，依措施十五删除`;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

function csvRow(edition: PoolEdition, i: PoolEditionItem): string {
  if (i.redactedOn) {
    const line = [edition.number, POOL_EDITION_CHANGE_LABELS[i.change], '', redactionLine(i.redactedOn)];
    return [...line, ...Array<string>(CSV_HEADER.length - line.length).fill('')].map(csvField).join(',');
  }
  const ip = i.ipItems.map((x) => `${IP_TYPE_LABELS[x.type] ?? x.type} ${x.number}`).join('；');
  return [
    edition.number,
    POOL_EDITION_CHANGE_LABELS[i.change],
    i.resultId,
    i.title,
    i.institutionName,
    i.region ? REGION_LABELS[i.region] : '',
    INDUSTRY_FIELD_LABELS[i.field],
    ip,
    i.firstGrantDate,
    POOL_REASON_LABELS[i.reason],
    shanghaiDate(i.includedAt),
    i.removalReason ? POOL_REMOVAL_REASON_LABELS[i.removalReason] : '',
  ]
    .map(csvField)
    .join(',');
}

/** UTF-8 with a byte-order mark and CRLF line ends, so Excel opens the Chinese text correctly. */
export async function* editionCsv(db: DbOrTx, edition: PoolEdition): AsyncGenerator<string> {
  let chunk = '\uFEFF' + CSV_HEADER.join(',') + '\r\n';
  for await (const item of allItems(db, edition.id)) {
    chunk += csvRow(edition, item) + '\r\n';
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export function editionMeta(e: PoolEdition) {
  return {
    number: e.number,
    periodKey: e.periodKey,
    publishedAt: e.publishedAt.toISOString(),
    asOf: e.asOf,
    entryCount: e.entryCount,
    addedCount: e.addedCount,
    removedCount: e.removedCount,
  };
}

export function editionItemJson(i: PoolEditionItem) {
  // 措施十五: a redacted row keeps its place and its change, nothing that identifies the result.
  if (i.redactedOn) {
    return {
      resultId: NIL_UUID,
      change: i.change,
      title: redactionLine(i.redactedOn),
      institution: { id: NIL_UUID, name: '', region: null },
      field: i.field,
      ipItems: [],
      firstGrantDate: null,
      reason: i.reason,
      includedAt: i.includedAt.toISOString(),
      removalReason: i.removalReason,
      redactedOn: i.redactedOn,
    };
  }
  return {
    resultId: i.resultId,
    change: i.change,
    title: i.title,
    institution: { id: i.institutionId, name: i.institutionName, region: i.region },
    field: i.field,
    ipItems: i.ipItems,
    firstGrantDate: i.firstGrantDate,
    reason: i.reason,
    includedAt: i.includedAt.toISOString(),
    removalReason: i.removalReason,
    redactedOn: null,
  };
}

export async function* editionJson(db: DbOrTx, edition: PoolEdition): AsyncGenerator<string> {
  let chunk = `{"edition":${JSON.stringify(editionMeta(edition))},"items":[`;
  let first = true;
  for await (const item of allItems(db, edition.id)) {
    chunk += (first ? '' : ',') + JSON.stringify(editionItemJson(item));
    first = false;
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + ']}\n';
}

function xml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** The Atom feed of editions (RFC 4287): one entry per edition, newest first, linking its page and downloads. */
export async function editionsAtom(db: DbOrTx, baseUrl: string, now: Date): Promise<string> {
  const editions = await db.select().from(poolEditions).orderBy(desc(poolEditions.number)).limit(50);
  const updated = (editions[0]?.publishedAt ?? now).toISOString();
  const api = `${baseUrl}/api/v1/pool/editions`;
  const entries = editions.map((e) => {
    const title = `先用后付成果池 第${e.number}期（${e.asOf}）`;
    const summary = `本期在池成果 ${e.entryCount} 项，较上期新增 ${e.addedCount} 项、移出 ${e.removedCount} 项。`;
    return `  <entry>
    <id>urn:uuid:${e.id}</id>
    <title>${xml(title)}</title>
    <updated>${e.publishedAt.toISOString()}</updated>
    <published>${e.publishedAt.toISOString()}</published>
    <link rel="alternate" type="text/html" href="${xml(`${baseUrl}/pool/editions/${e.number}`)}"/>
    <link rel="enclosure" type="text/csv" title="CSV" href="${xml(`${api}/${e.number}/download?format=csv`)}"/>
    <link rel="enclosure" type="application/json" title="JSON" href="${xml(`${api}/${e.number}/download?format=json`)}"/>
    <summary>${xml(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(`${baseUrl}/pool/editions`)}</id>
  <title>辽宁省先用后付成果池 定期发布</title>
  <subtitle>依据《辽宁省全面深化职务科技成果转化改革若干措施》措施五，取得知识产权三年以上未转化的职务科技成果纳入先用后付成果池并定期发布。</subtitle>
  <updated>${updated}</updated>
  <author><name>辽宁省双向揭榜挂帅科技成果交易平台</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(`${api}.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${baseUrl}/pool/editions`)}"/>
${entries.join('\n')}
</feed>
`;
}
