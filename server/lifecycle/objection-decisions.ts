// 措施四 (存在异议的，可在技术市场挂牌交易): after a notice that ended with a standing objection the
// institution decides within OBJECTION_DECISION_PERIOD — list it on the market, notice a revised price
// again, or withdraw — and without a decision the timer withdraws it. Rules: domain/notices.ts
// decideObjection, decideObjectionLapse. Each is one transaction with its audit row, outbox event
// (which schedules the next deadline's timer) and notifications.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { ObjectionDecision } from '../../domain/constants/lifecycle.js';
import * as rules from '../../domain/notices.js';
import type { Tx } from '../../db/client.js';
import { objections, type Listing } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { applyTransition, lockListing } from '../listings/transitions.js';
import { notify } from '../notifications/service.js';
import { requireVisible, SYSTEM } from './parties.js';

/** The organisations whose objections to the notice that just ended still stand. */
async function standingObjectors(tx: Tx, row: Listing): Promise<string[]> {
  const rows = await tx
    .select({ orgId: objections.organisationId })
    .from(objections)
    .where(
      and(
        eq(objections.listingId, row.id),
        eq(objections.noticeRound, row.noticeRound),
        eq(objections.status, 'standing'),
      ),
    );
  return rows.map((r) => r.orgId);
}

export interface ObjectionDecisionInput {
  decision: ObjectionDecision;
  /** `renotice`: the revised proposed price in 分. */
  priceFen: number | null;
  /** Why (措施十四: the decision is an attributable record); optional. */
  reason: string;
}

export async function decideObjection(
  ctx: ServiceContext,
  actor: Actor,
  listingId: string,
  input: ObjectionDecisionInput,
): Promise<Listing> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockListing(tx, listingId);
    requireVisible(row, actor);
    const now = ctx.now();
    const d = rules.decideObjection(row, actor, now, input, ctx.config.periods);
    const objectors = await standingObjectors(tx, row);
    const reason = input.reason.trim();
    // 措施四: a revised price is a new notice — with its own objections, from nobody yet.
    const extra = d.newPriceFen !== null ? { priceFen: d.newPriceFen, noticeRound: row.noticeRound + 1 } : {};
    const updated = await applyTransition(tx, row, d.transition, actor, now, extra, {
      decision: input.decision,
      reason: reason || null,
      standingObjections: objectors.length,
      ...(d.newPriceFen !== null ? { priceFen: { from: row.priceFen, to: d.newPriceFen } } : {}),
    });
    await notify(
      tx,
      { orgIds: [row.counterpartyOrgId, ...objectors], operators: true },
      'objection_decided',
      {
        listingId: row.id,
        listingTitle: row.title,
        to: updated.status,
        priceFen: updated.priceFen,
        at: updated.status === 'listed' ? updated.listingEndsAt : updated.noticeEndsAt,
        text: reason || null,
      },
      now,
      { decision: input.decision },
    );
    return updated;
  });
}

/**
 * Timer: the decision period ended without a decision. The caller holds the listing FOR UPDATE and
 * has checked that it still awaits the decision and the deadline passed. 措施四's 可 is a permission:
 * the listing is withdrawn, never listed by default; the counterparty and the objectors are told.
 */
export async function lapseObjectionDecision(tx: Tx, row: Listing, now: Date): Promise<Listing> {
  const t = rules.decideObjectionLapse(row, now);
  const objectors = await standingObjectors(tx, row);
  const updated = await applyTransition(tx, row, t, SYSTEM, now, {}, { standingObjections: objectors.length });
  await notify(
    tx,
    { orgIds: [row.organisationId, row.counterpartyOrgId, ...objectors] },
    'objection_decision_lapsed',
    { listingId: row.id, listingTitle: row.title, at: row.objectionDecisionEndsAt },
    now,
  );
  return updated;
}
