import { and, asc, count, desc, eq, inArray, min } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { IndustryField } from '../../domain/constants/listings.js';
import type { IpType, Maturity } from '../../domain/constants/results.js';
import { poolReclassificationDecision, type ReclassificationEffects } from '../../domain/decisions.js';
import { AppError } from '../../domain/errors.js';
import {
  checkIpItems,
  checkResultOwnership,
  sameOwnership,
  shanghaiDate,
  type ResultOwnershipInput,
} from '../../domain/results.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  exportControlConfirmations,
  resultIpItems,
  results,
  type Result,
  type ResultIpItem,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';
import { lockPoolMembership, removeFromPool } from '../pool/membership.js';
import { closeOpenPayLaterApplications, redactEditionRows } from '../pool/reclassification.js';
import {
  lockListingsOfResult,
  redactOutsiderNotices,
  secretsOf,
  takeDownListingsOfClassifiedResult,
} from '../listings/classification.js';
import { teamFromText } from '../researchers/teams.js';

export interface IpItemData {
  type: IpType;
  number: string;
  title: string;
  grantDate: string | null;
}

export interface ResultData extends ResultOwnershipInput {
  title: string;
  summary: string;
  field: IndustryField;
  maturity: Maturity;
  inventors: string;
  ipItems: IpItemData[];
}

export type ResultWithIp = Result & { ipItems: ResultIpItem[]; exportControlConfirmedAt: Date | null };

function requireInstitution(actor: MemberActor): void {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
}

function validated(data: ResultData, now: Date): ResultData & { rightsReview: null } {
  const today = shanghaiDate(now);
  const ownership = checkResultOwnership(data, today);
  checkIpItems(data.ipItems, today);
  // Valid data needs no review: saving it clears a flag the migration set.
  return { ...data, ...ownership, rightsReview: null };
}

async function withIpItems(db: DbOrTx, rows: Result[]): Promise<ResultWithIp[]> {
  if (rows.length === 0) return [];
  const items = await db
    .select()
    .from(resultIpItems)
    .where(
      inArray(
        resultIpItems.resultId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(resultIpItems.position));
  const confirmations = await db
    .select({ resultId: exportControlConfirmations.resultId, at: min(exportControlConfirmations.createdAt) })
    .from(exportControlConfirmations)
    .where(
      inArray(
        exportControlConfirmations.resultId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(exportControlConfirmations.resultId);
  const confirmedAt = new Map(confirmations.map((c) => [c.resultId, c.at]));
  return rows.map((r) => ({
    ...r,
    ipItems: items.filter((i) => i.resultId === r.id),
    exportControlConfirmedAt: confirmedAt.get(r.id) ?? null,
  }));
}

async function replaceIpItems(tx: Tx, resultId: string, items: IpItemData[]): Promise<void> {
  await tx.delete(resultIpItems).where(eq(resultIpItems.resultId, resultId));
  if (items.length) {
    await tx.insert(resultIpItems).values(items.map((item, position) => ({ ...item, resultId, position })));
  }
}

function columns(d: ResultData & { rightsReview: null }) {
  return {
    title: d.title,
    summary: d.summary,
    field: d.field,
    maturity: d.maturity,
    inventors: d.inventors,
    ownership: d.ownership,
    coOwners: d.coOwners,
    longTermUseStartsOn: d.longTermUseStartsOn,
    longTermUseEndsOn: d.longTermUseEndsOn,
    securityClass: d.securityClass,
    separatelyManaged: d.separatelyManaged,
    rightsReview: d.rightsReview,
  };
}

export async function createResult(ctx: ServiceContext, actor: MemberActor, input: ResultData): Promise<ResultWithIp> {
  requireInstitution(actor);
  const now = ctx.now();
  // 措施六: a result is the team's only through an accepted 权益让渡 decision (server/rights/).
  if (input.ownership === 'team_owned') throw new AppError('OWNERSHIP_BY_GRANT_ONLY');
  const data = validated(input, now);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(results)
      .values({ ...columns(data), institutionId: actor.orgId, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: results.id });
    await replaceIpItems(tx, row!.id, data.ipItems);
    // The names typed in become a team to confirm, as the migration did for older results.
    await teamFromText(tx, row!.id, data.inventors);
    await writeAudit(tx, {
      actor,
      action: 'result.create',
      targetType: 'result',
      targetId: row!.id,
      details: { securityClass: data.securityClass, ownership: data.ownership },
      at: now,
    });
    return row!.id;
  });
  return getResult(ctx.db, actor, id);
}

export async function updateResult(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  input: ResultData & { version: number },
): Promise<ResultWithIp> {
  requireInstitution(actor);
  const now = ctx.now();
  const data = validated(input, now);
  // 措施十五: a result reclassified out of `public` leaves the pay-later pool in the same transaction.
  // Lock order (docs/state-machines.md "Lock order"): pool membership advisory lock → per active
  // listing of the result: its open auction → the listing row → the result row → pay-later
  // applications. Bids and closes lock auction before listing, submissions listing before result,
  // pay-later moves the pool lock before the application: the locks two transactions share are
  // taken in the same order, so none waits for the other in a circle.
  const leavesPool = data.securityClass !== 'public';
  await ctx.db.transaction(async (tx) => {
    if (leavesPool) await lockPoolMembership(tx);
    if (data.securityClass === 'classified') await lockListingsOfResult(tx, id);
    const [current] = await tx.select().from(results).where(eq(results.id, id)).for('update');
    if (!current || current.institutionId !== actor.orgId) throw new AppError('RESULT_NOT_FOUND');
    if (current.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
    // 措施一、六: after registration the rights change only through a decision the team accepted
    // (server/rights/); a row the migration flagged for review is completed here once.
    if (current.rightsReview === null && !sameOwnership(current, data)) throw new AppError('OWNERSHIP_BY_GRANT_ONLY');
    // What identified the result before this change (title, IP items): outsiders' notices lose it.
    const before = data.securityClass === 'classified' ? await secretsOf(tx, id) : [];
    await tx
      .update(results)
      .set({ ...columns(data), version: current.version + 1, updatedAt: now })
      .where(eq(results.id, id));
    await replaceIpItems(tx, id, data.ipItems);
    await writeAudit(tx, {
      actor,
      action: 'result.update',
      targetType: 'result',
      targetId: id,
      details: {
        securityClass: { from: current.securityClass, to: data.securityClass },
        ownership: { from: current.ownership, to: data.ownership },
      },
      at: now,
    });
    const becomesClassified = data.securityClass === 'classified' && current.securityClass !== 'classified';
    const effects: ReclassificationEffects = {
      payLaterApplicationsClosed: 0,
      listingsTakenDown: [],
      editionRowsRedacted: 0,
    };
    let removed = false;
    if (leavesPool) {
      removed = await removeFromPool(tx, {
        resultId: id,
        institutionId: actor.orgId,
        reason: 'reclassified',
        actor,
        at: now,
      });
      // 措施十五: no 先使用后付费 for restricted or classified results — open applications end now.
      effects.payLaterApplicationsClosed = await closeOpenPayLaterApplications(tx, {
        resultId: id,
        classified: becomesClassified,
        actor,
        at: now,
      });
    }
    // 措施十五: 涉密 — every active listing of the result comes down with the reclassification, and
    // published pool editions redact its rows.
    if (becomesClassified) {
      effects.listingsTakenDown = await takeDownListingsOfClassifiedResult(tx, id, actor, now);
      effects.editionRowsRedacted = await redactEditionRows(tx, id, now);
      await redactOutsiderNotices(tx, id, actor.orgId, [...before, ...(await secretsOf(tx, id))]);
    }
    // 措施十四: leaving the pool is a decision on the result's dossier, like an opt-out or the scan's.
    if (removed) {
      const draft = poolReclassificationDecision({ from: current.securityClass, to: data.securityClass }, effects);
      await recordProductDecision(tx, actor, { type: 'result', id }, draft, now);
    }
    // The listings offering this result show its title, IP and maturity in search: they are
    // re-indexed after commit (workers/search.ts), and withdrawn from it if it became classified.
    await emit(tx, 'result.updated', { resultId: id });
  });
  return getResult(ctx.db, actor, id);
}

/** An institution sees only its own results here; public pages see results through listings. */
export async function getResult(db: DbOrTx, actor: MemberActor, id: string): Promise<ResultWithIp> {
  requireInstitution(actor);
  const [row] = await db
    .select()
    .from(results)
    .where(and(eq(results.id, id), eq(results.institutionId, actor.orgId)));
  if (!row) throw new AppError('RESULT_NOT_FOUND');
  return (await withIpItems(db, [row]))[0]!;
}

export async function listResults(db: DbOrTx, actor: MemberActor, page: number, pageSize: number) {
  requireInstitution(actor);
  const where = eq(results.institutionId, actor.orgId);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(results)
      .where(where)
      .orderBy(desc(results.updatedAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(results).where(where),
  ]);
  return { items: await withIpItems(db, rows), total: total?.n ?? 0 };
}

export async function resultsWithIp(db: DbOrTx, ids: string[]): Promise<Map<string, ResultWithIp>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(results).where(inArray(results.id, ids));
  return new Map((await withIpItems(db, rows)).map((r) => [r.id, r]));
}
