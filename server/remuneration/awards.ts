// 措施十二: from each received payment the platform computes the team's reward on the conversion's
// net income and splits it by contribution share (largest remainder, domain/remuneration.ts); an
// equity investment's shares are split the same way. The team is copied into the entries as it
// stands, so a later team edit does not rewrite computed rewards.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import type { RemunerationForm } from '../../domain/constants/remuneration.js';
import { AppError } from '../../domain/errors.js';
import { cashAward, equityAward, splitReward, teamShareBp } from '../../domain/remuneration.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  equityStakes,
  payments,
  remunerationAwards,
  remunerationEntries,
  results,
  resultTeamMembers,
  type Conversion,
  type RemunerationAward,
  type RemunerationEntry,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { lockConversion } from '../ledger/contracts.js';
import { costsFen } from './costs.js';
import { currentPolicy, ownConversion, requireInstitution, termsOf } from './policy.js';

async function teamFor(tx: Tx, conversion: Conversion) {
  if (!conversion.resultId) throw new AppError('REMUNERATION_TEAM_REQUIRED');
  const [r] = await tx
    .select({ needs: results.teamNeedsConfirmation })
    .from(results)
    .where(eq(results.id, conversion.resultId));
  if (r?.needs) throw new AppError('REMUNERATION_TEAM_UNCONFIRMED');
  const team = await tx
    .select()
    .from(resultTeamMembers)
    .where(eq(resultTeamMembers.resultId, conversion.resultId))
    .orderBy(asc(resultTeamMembers.position));
  if (team.length === 0) throw new AppError('REMUNERATION_TEAM_REQUIRED');
  return team;
}

interface Sums {
  incomeBeforeFen: number;
  teamBeforeFen: number;
}

async function cashSums(tx: Tx, conversionId: string): Promise<Sums> {
  const [r] = await tx
    .select({
      income: sql<string>`coalesce(sum(${remunerationAwards.incomeFen}), 0)`,
      team: sql<string>`coalesce(sum(${remunerationAwards.teamFen}), 0)`,
    })
    .from(remunerationAwards)
    .where(and(eq(remunerationAwards.conversionId, conversionId), eq(remunerationAwards.form, 'cash')));
  return { incomeBeforeFen: Number(r!.income), teamBeforeFen: Number(r!.team) };
}

async function writeAward(
  tx: Tx,
  actor: MemberActor,
  conversion: Conversion,
  award: Omit<typeof remunerationAwards.$inferInsert, 'institutionId' | 'conversionId' | 'resultId'>,
  team: Awaited<ReturnType<typeof teamFor>>,
  now: Date,
): Promise<{ award: RemunerationAward; entries: RemunerationEntry[] }> {
  const [row] = await tx
    .insert(remunerationAwards)
    .values({
      ...award,
      institutionId: conversion.institutionId,
      conversionId: conversion.id,
      resultId: conversion.resultId!,
      computedBy: actor.userId,
      createdAt: now,
    })
    .returning();
  const fen = splitReward(row!.teamFen, team);
  const shares = row!.teamShares === null ? null : splitReward(row!.teamShares, team);
  const entries =
    row!.teamFen === 0 && !row!.teamShares
      ? []
      : await tx
          .insert(remunerationEntries)
          .values(
            team.map((m, i) => ({
              awardId: row!.id,
              institutionId: conversion.institutionId,
              conversionId: conversion.id,
              form: row!.form,
              position: m.position,
              memberName: m.name,
              userId: m.userId,
              shareBp: m.shareBp,
              principalLeader: m.principalLeader,
              amountFen: fen[i]!.amount,
              shares: shares ? shares[i]!.amount : null,
              status: fen[i]!.status,
              createdBy: actor.userId,
              createdAt: now,
            })),
          )
          .returning();
  await writeAudit(tx, {
    actor,
    action: 'remuneration.compute',
    targetType: 'conversion',
    targetId: conversion.id,
    details: {
      awardId: row!.id,
      form: row!.form,
      paymentId: row!.paymentId,
      shareBp: row!.shareBp,
      netIncomeFen: row!.netIncomeFen,
      teamFen: row!.teamFen,
      teamShares: row!.teamShares,
    },
    at: now,
  });
  await emit(tx, 'remuneration.computed', {
    conversionId: conversion.id,
    awardId: row!.id,
    institutionId: conversion.institutionId,
  });
  return { award: row!, entries };
}

/** 措施十二: the team's cash reward from one received payment, on net income so far. */
export async function computeCashAward(ctx: ServiceContext, actor: MemberActor, paymentId: string) {
  requireInstitution(actor);
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.id, paymentId), eq(payments.institutionId, actor.orgId)));
    if (!p) throw new AppError('REMUNERATION_NOT_CASH_PAYMENT');
    // The conversion's lock orders every computation on it: the sums below are those of the awards before.
    const { conversion } = await lockConversion(tx, actor, p.conversionId);
    const [done] = await tx
      .select({ id: remunerationAwards.id })
      .from(remunerationAwards)
      .where(eq(remunerationAwards.paymentId, paymentId));
    if (done) throw new AppError('REMUNERATION_ALREADY_COMPUTED');
    const policy = await currentPolicy(tx, conversion.institutionId);
    if (!policy) throw new AppError('REMUNERATION_POLICY_REQUIRED');
    const terms = await termsOf(tx, conversion.id);
    const team = await teamFor(tx, conversion);
    const shareBp = teamShareBp(policy, terms, 'cash');
    const sums = await cashSums(tx, conversion.id);
    const costs = await costsFen(tx, conversion.id);
    const a = cashAward({ ...sums, paymentFen: p.amountFen, costsFen: costs, shareBp });
    return writeAward(
      tx,
      actor,
      conversion,
      {
        form: 'cash',
        paymentId,
        policyId: policy.id,
        funding: terms?.funding ?? 'standard',
        shareBp,
        incomeFen: p.amountFen,
        incomeOn: p.receivedOn,
        incomeBeforeFen: sums.incomeBeforeFen,
        costsFen: costs,
        netIncomeFen: a.netIncomeFen,
        teamFen: a.teamFen,
        teamShares: null,
      },
      team,
      ctx.now(),
    );
  });
}

/** 措施十二: 股份或者出资比例 — the team's part of the institution's stake from an equity investment. */
export async function computeEquityAward(ctx: ServiceContext, actor: MemberActor, conversionId: string) {
  requireInstitution(actor);
  return ctx.db.transaction(async (tx) => {
    const { conversion } = await lockConversion(tx, actor, conversionId);
    const [stake] = await tx.select().from(equityStakes).where(eq(equityStakes.conversionId, conversionId));
    if (!stake) throw new AppError('REMUNERATION_NO_EQUITY');
    const [done] = await tx
      .select({ id: remunerationAwards.id })
      .from(remunerationAwards)
      .where(and(eq(remunerationAwards.conversionId, conversionId), eq(remunerationAwards.form, 'equity')));
    if (done) throw new AppError('REMUNERATION_ALREADY_COMPUTED');
    const policy = await currentPolicy(tx, conversion.institutionId);
    if (!policy) throw new AppError('REMUNERATION_POLICY_REQUIRED');
    const terms = await termsOf(tx, conversion.id);
    const team = await teamFor(tx, conversion);
    const shareBp = teamShareBp(policy, terms, 'equity');
    const a = equityAward({ shares: stake.shares, valuationFen: stake.valuationFen }, shareBp);
    return writeAward(
      tx,
      actor,
      conversion,
      {
        form: 'equity',
        paymentId: null,
        policyId: policy.id,
        funding: terms?.funding ?? 'standard',
        shareBp,
        incomeFen: stake.valuationFen,
        incomeOn: stake.acquiredOn,
        incomeBeforeFen: 0,
        costsFen: 0,
        netIncomeFen: stake.valuationFen,
        teamFen: a.teamFen,
        teamShares: a.teamShares,
      },
      team,
      ctx.now(),
    );
  });
}

/** The conversion's remuneration page: income, costs, net, the policy share, awards and their entries. */
export async function conversionRemuneration(db: DbOrTx, actor: MemberActor, conversionId: string) {
  const conversion = await ownConversion(db, actor, conversionId);
  const [received] = await db
    .select({ fen: sql<string>`coalesce(sum(${payments.amountFen}), 0)` })
    .from(payments)
    .where(eq(payments.conversionId, conversionId));
  const costs = await costsFen(db, conversionId);
  const policy = await currentPolicy(db, conversion.institutionId);
  const terms = await termsOf(db, conversionId);
  const awards = await db
    .select()
    .from(remunerationAwards)
    .where(eq(remunerationAwards.conversionId, conversionId))
    .orderBy(asc(remunerationAwards.createdAt));
  const entries = await db
    .select()
    .from(remunerationEntries)
    .where(eq(remunerationEntries.conversionId, conversionId))
    .orderBy(asc(remunerationEntries.createdAt), asc(remunerationEntries.position));
  const paid = await db
    .select({ id: payments.id, amountFen: payments.amountFen, receivedOn: payments.receivedOn })
    .from(payments)
    .where(eq(payments.conversionId, conversionId))
    .orderBy(asc(payments.receivedOn), asc(payments.createdAt));
  const computed = new Set(awards.map((a) => a.paymentId));
  const [stake] = await db
    .select({ id: equityStakes.conversionId })
    .from(equityStakes)
    .where(eq(equityStakes.conversionId, conversionId));
  const receivedFen = Number(received!.fen);
  const share = (form: RemunerationForm) => (policy ? teamShareBp(policy, terms, form) : null);
  return {
    conversion,
    receivedFen,
    costsFen: costs,
    netIncomeFen: Math.max(0, receivedFen - costs),
    cashShareBp: share('cash'),
    equityShareBp: share('equity'),
    policy,
    terms,
    awards,
    entries,
    uncomputedPayments: paid.filter((p) => !computed.has(p.id)),
    equityPending: !!stake && !awards.some((a) => a.form === 'equity'),
  };
}
