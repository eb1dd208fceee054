// The domain thesaurus as operators keep it (issue 21): entries in PostgreSQL (seeded from
// search/thesaurus-data*.ts by the migration), edited through the operator routes with an audit row
// per change (who, when, before and after, why). Queries expand with the current entries: each
// process caches them and reloads when `max(revision)` moved (its own edits at once, other
// processes' within THESAURUS_RECHECK_MS), and the Meilisearch engine is sent the same table as its
// `synonyms` setting on every edit. No re-index is needed: expansion happens at query time.

import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { actorUserId } from '../../domain/actor.js';
import { INDUSTRY_FIELDS, type IndustryField } from '../../domain/constants/listings.js';
import { AppError } from '../../domain/errors.js';
import type { Db } from '../../db/client.js';
import { auditLog, thesaurusEntries, users } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { parseThesaurusLine, setThesaurusEntries, type SearchEngine } from '../../search/index.js';

export const THESAURUS_FIELDS = [...INDUSTRY_FIELDS, 'general'] as const;
export type ThesaurusField = IndustryField | 'general';

/** Other processes see an edit within this long (one `max(revision)` read per interval, not per query). */
export const THESAURUS_RECHECK_MS = 2_000;

export interface ThesaurusInput {
  field: ThesaurusField;
  words: string[];
  oneWay: boolean;
  reason: string;
}

export interface ThesaurusRow {
  id: string;
  field: string;
  words: string[];
  oneWay: boolean;
  revision: number;
  updatedAt: Date;
}

/** The words as the query side sees them (NFKC, lower case, simplified); refused in Chinese when unusable. */
export function normaliseWords(words: readonly string[], oneWay: boolean): string[] {
  if (words.some((w) => /[|>]/.test(w))) {
    throw new AppError('VALIDATION_FAILED', { field: 'words' }, '词语中不能包含“|”或“>”');
  }
  const line = oneWay ? `${words[0] ?? ''}>${words.slice(1).join('|')}` : words.join('|');
  const entry = parseThesaurusLine(line);
  if (!entry || (oneWay && entry.words[0] !== parseThesaurusLine(`${words[0]}|x`)?.words[0])) {
    throw new AppError('VALIDATION_FAILED', { field: 'words' }, '同义词条至少需要两个不同的词语');
  }
  return entry.words;
}

// ---------------------------------------------------------------------------------------------
// The cache: what queries in this process expand with.

let loadedRevision: number | null = null;
let checkedAt = 0;
let loading: Promise<void> | null = null;

async function currentRevision(db: Db): Promise<number> {
  const r = await db.execute<{ rev: string | null }>(sql`select max(revision)::text as rev from thesaurus_entries`);
  return Number(r.rows[0]?.rev ?? 0);
}

async function reload(db: Db): Promise<void> {
  const revision = await currentRevision(db);
  const rows = await db
    .select({ words: thesaurusEntries.words, oneWay: thesaurusEntries.oneWay })
    .from(thesaurusEntries)
    .where(isNull(thesaurusEntries.deletedAt))
    .orderBy(asc(thesaurusEntries.createdAt), asc(thesaurusEntries.id));
  setThesaurusEntries(rows.map((r) => ({ words: r.words, oneWay: r.oneWay })));
  loadedRevision = revision;
  checkedAt = Date.now();
}

/**
 * Makes this process's table current: loads it the first time, then re-reads `max(revision)` at most
 * every THESAURUS_RECHECK_MS and reloads when it moved. `force` after an edit in this process.
 */
export async function ensureThesaurus(db: Db, force = false): Promise<void> {
  if (!force && loadedRevision !== null && Date.now() - checkedAt < THESAURUS_RECHECK_MS) return;
  if (loading) return loading;
  loading = (async () => {
    try {
      if (!force && loadedRevision !== null) {
        const revision = await currentRevision(db);
        checkedAt = Date.now();
        if (revision === loadedRevision) return;
      }
      await reload(db);
    } finally {
      loading = null;
    }
  })();
  return loading;
}

/** After a committed edit: this process at once, and the Meilisearch engine's synonyms setting. */
async function afterEdit(db: Db, engine: SearchEngine): Promise<void> {
  await ensureThesaurus(db, true);
  await engine.applySynonyms?.();
}

// ---------------------------------------------------------------------------------------------
// Reads.

export async function listThesaurus(
  db: Db,
  query: { q?: string; field?: ThesaurusField; page: number; pageSize: number },
): Promise<{ items: ThesaurusRow[]; total: number }> {
  const conds: SQL[] = [sql`${thesaurusEntries.deletedAt} is null`];
  if (query.field) conds.push(eq(thesaurusEntries.field, query.field));
  const q = query.q?.trim();
  if (q) {
    const [word] = parseThesaurusLine(`${q}|x`)?.words ?? [q];
    const pattern = `%${(word ?? q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`exists (select 1 from unnest(${thesaurusEntries.words}) w where w like ${pattern})`);
  }
  const where = and(...conds);
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: thesaurusEntries.id,
        field: thesaurusEntries.field,
        words: thesaurusEntries.words,
        oneWay: thesaurusEntries.oneWay,
        revision: thesaurusEntries.revision,
        updatedAt: thesaurusEntries.updatedAt,
      })
      .from(thesaurusEntries)
      .where(where)
      .orderBy(desc(thesaurusEntries.updatedAt), asc(thesaurusEntries.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(thesaurusEntries)
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export interface ThesaurusChange {
  at: Date;
  action: string;
  entryId: string;
  actorName: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

/** The change log (audit rows of thesaurus entries), newest first; one entry's when `entryId` is given. */
export async function thesaurusChanges(db: Db, entryId?: string, limit = 50): Promise<ThesaurusChange[]> {
  const rows = await db
    .select({
      at: auditLog.createdAt,
      action: auditLog.action,
      entryId: auditLog.targetId,
      actorName: users.displayName,
      reason: auditLog.reason,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.targetType, 'thesaurus_entry'), entryId ? eq(auditLog.targetId, entryId) : sql`true`))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map(({ details, ...r }) => ({ ...r, before: details.before ?? null, after: details.after ?? null }));
}

// ---------------------------------------------------------------------------------------------
// Writes: one transaction each with its audit row; then the caches and Meilisearch.

const view = (r: typeof thesaurusEntries.$inferSelect): ThesaurusRow => ({
  id: r.id,
  field: r.field,
  words: r.words,
  oneWay: r.oneWay,
  revision: r.revision,
  updatedAt: r.updatedAt,
});
const snapshot = (r: { field: string; words: string[]; oneWay: boolean }) => ({
  field: r.field,
  words: r.words,
  oneWay: r.oneWay,
});

async function refuseDuplicate(db: Db, words: string[], oneWay: boolean, except?: string): Promise<void> {
  const sorted = oneWay ? words : [...words].sort();
  const dup = await db.execute<{ id: string }>(sql`
    select id from thesaurus_entries
    where deleted_at is null and one_way = ${oneWay} ${except ? sql`and id <> ${except}::uuid` : sql``}
      and ${oneWay ? sql`words` : sql`(select array_agg(w order by w) from unnest(words) w)`} = ${sql.param(sorted)}::text[]
    limit 1`);
  if (dup.rows.length > 0) throw new AppError('THESAURUS_ENTRY_EXISTS', { id: dup.rows[0]!.id });
}

export async function createThesaurusEntry(
  ctx: ServiceContext,
  engine: SearchEngine,
  actor: Actor,
  input: ThesaurusInput,
): Promise<ThesaurusRow> {
  const words = normaliseWords(input.words, input.oneWay);
  await refuseDuplicate(ctx.db, words, input.oneWay);
  const at = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(thesaurusEntries)
      .values({
        field: input.field,
        words,
        oneWay: input.oneWay,
        updatedBy: actorUserId(actor),
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'thesaurus.create',
      targetType: 'thesaurus_entry',
      targetId: created!.id,
      reason: input.reason,
      details: { before: null, after: snapshot(created!) },
      at,
    });
    return created!;
  });
  await afterEdit(ctx.db, engine);
  return view(row);
}

export async function updateThesaurusEntry(
  ctx: ServiceContext,
  engine: SearchEngine,
  actor: Actor,
  id: string,
  input: ThesaurusInput & { revision: number },
): Promise<ThesaurusRow> {
  const words = normaliseWords(input.words, input.oneWay);
  await refuseDuplicate(ctx.db, words, input.oneWay, id);
  const at = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(thesaurusEntries)
      .where(and(eq(thesaurusEntries.id, id), isNull(thesaurusEntries.deletedAt)))
      .for('update');
    if (!before) throw new AppError('THESAURUS_ENTRY_NOT_FOUND');
    if (before.revision !== input.revision) throw new AppError('VERSION_CONFLICT');
    const [after] = await tx
      .update(thesaurusEntries)
      .set({
        field: input.field,
        words,
        oneWay: input.oneWay,
        revision: sql`nextval('thesaurus_revision_seq')`,
        updatedBy: actorUserId(actor),
        updatedAt: at,
      })
      .where(eq(thesaurusEntries.id, id))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'thesaurus.update',
      targetType: 'thesaurus_entry',
      targetId: id,
      reason: input.reason,
      details: { before: snapshot(before), after: snapshot(after!) },
      at,
    });
    return after!;
  });
  await afterEdit(ctx.db, engine);
  return view(row);
}

export async function deleteThesaurusEntry(
  ctx: ServiceContext,
  engine: SearchEngine,
  actor: Actor,
  id: string,
  input: { reason: string; revision: number },
): Promise<void> {
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(thesaurusEntries)
      .where(and(eq(thesaurusEntries.id, id), isNull(thesaurusEntries.deletedAt)))
      .for('update');
    if (!before) throw new AppError('THESAURUS_ENTRY_NOT_FOUND');
    if (before.revision !== input.revision) throw new AppError('VERSION_CONFLICT');
    await tx
      .update(thesaurusEntries)
      .set({
        deletedAt: at,
        revision: sql`nextval('thesaurus_revision_seq')`,
        updatedBy: actorUserId(actor),
        updatedAt: at,
      })
      .where(eq(thesaurusEntries.id, id));
    await writeAudit(tx, {
      actor,
      action: 'thesaurus.delete',
      targetType: 'thesaurus_entry',
      targetId: id,
      reason: input.reason,
      details: { before: snapshot(before), after: null },
      at,
    });
  });
  await afterEdit(ctx.db, engine);
}
