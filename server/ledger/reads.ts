// Reading the ledger: a listing's deal, an institution's conversions with filters, one conversion with
// its contract, schedule, payments and stake, an enterprise's obligations, the operators' overdue list.
// Visibility: domain/ledger.ts canSeeConversion (措施十五: a classified result's conversion is seen by
// the institution, the counterparty and oversight only).
import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { ContractStatus, ConversionRoute, ConversionType } from '../../domain/constants/ledger.js';
import type { AppraisalDecision, DealPriceBasis } from '../../domain/constants/lifecycle.js';
import type { TransactionType } from '../../domain/constants/listings.js';
import type { OwnershipType } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { canSeeConversion } from '../../domain/ledger.js';
import { outstandingFen, scheduleItemState } from '../../domain/ledger-money.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx } from '../../db/client.js';
import {
  contracts,
  conversions,
  equityStakes,
  organisations,
  payments,
  results,
  royaltyReports,
  scheduleItems,
  type Contract,
  type Conversion,
} from '../../db/schema/index.js';
import { receivedByLine } from './payments.js';

/** A supply listing's deal as the lifecycle shows it: its `deal` conversion with the contract amount. */
export type DealRow = Omit<
  Conversion,
  'resultId' | 'listingId' | 'appraisal' | 'counterpartyOwnership' | 'transactionType' | 'priceBasis'
> & {
  resultId: string;
  listingId: string;
  amountFen: number;
  appraisal: AppraisalDecision;
  counterpartyOwnership: OwnershipType;
  transactionType: TransactionType;
  priceBasis: DealPriceBasis;
};

export async function dealOf(db: DbOrTx, listingId: string): Promise<DealRow | null> {
  const [row] = await db
    .select({ conversion: conversions, amountFen: contracts.amountFen })
    .from(conversions)
    .innerJoin(contracts, eq(contracts.conversionId, conversions.id))
    .where(and(eq(conversions.listingId, listingId), eq(conversions.route, 'deal')));
  if (!row) return null;
  const c = row.conversion;
  // A `deal` conversion names its result and listing and was recorded with the deal's rules
  // (conversions_route_shape_check; lifecycle/deals.ts), so its values are the deal's.
  return {
    ...c,
    resultId: c.resultId!,
    listingId: c.listingId!,
    appraisal: c.appraisal ?? 'not_appraised',
    counterpartyOwnership: c.counterpartyOwnership ?? 'private',
    transactionType: c.transactionType as TransactionType,
    priceBasis: c.priceBasis as DealPriceBasis,
    amountFen: row.amountFen,
  };
}

export interface ConversionFilter {
  route: ConversionRoute | null;
  status: ContractStatus | null;
  transactionType: ConversionType | null;
  resultId: string | null;
  /** Signed between (inclusive Shanghai days). */
  signedFrom: string | null;
  signedTo: string | null;
  /** Only those with an overdue line. */
  overdue: boolean;
}

function overdueExists(today: string): SQL {
  return sql`exists (select 1 from ${scheduleItems} si where si.conversion_id = ${conversions.id} and si.status = 'open' and si.due_on < ${today} and si.amount_fen is not null)`;
}

/** The conversions of an organisation, as the institution that owns them or as the counterparty. */
export async function listConversions(
  db: DbOrTx,
  actor: Actor,
  side: 'institution' | 'counterparty',
  filter: ConversionFilter,
  page: number,
  pageSize: number,
  today: string,
) {
  if (actor.type !== 'member') throw new AppError('FORBIDDEN');
  const where: SQL[] = [
    side === 'institution'
      ? eq(conversions.institutionId, actor.orgId)
      : eq(conversions.counterpartyOrgId, actor.orgId),
  ];
  if (filter.route) where.push(eq(conversions.route, filter.route));
  if (filter.status) where.push(eq(contracts.status, filter.status));
  if (filter.transactionType) where.push(eq(conversions.transactionType, filter.transactionType));
  if (filter.resultId) where.push(eq(conversions.resultId, filter.resultId));
  if (filter.signedFrom) where.push(gte(contracts.signedOn, filter.signedFrom));
  if (filter.signedTo) where.push(lte(contracts.signedOn, filter.signedTo));
  if (filter.overdue) where.push(overdueExists(today));
  const cond = and(...where);
  const rows = await db
    .select({
      conversion: conversions,
      contract: contracts,
      resultTitle: results.title,
      institutionName: organisations.name,
      receivedFen: sql<string>`(select coalesce(sum(p.amount_fen), 0) from ${payments} p where p.conversion_id = ${conversions.id})`,
      overdue: sql<boolean>`${overdueExists(today)}`,
    })
    .from(conversions)
    .innerJoin(contracts, eq(contracts.conversionId, conversions.id))
    .leftJoin(results, eq(results.id, conversions.resultId))
    .innerJoin(organisations, eq(organisations.id, conversions.institutionId))
    .where(cond)
    .orderBy(desc(conversions.createdAt), desc(conversions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversions)
    .innerJoin(contracts, eq(contracts.conversionId, conversions.id))
    .where(cond);
  return {
    items: rows.map((r) => ({ ...r, receivedFen: Number(r.receivedFen) })),
    total: total!.n,
  };
}

/** One conversion with everything the conversion page shows; not found for whoever may not see it. */
export async function getConversion(db: DbOrTx, actor: Actor, conversionId: string, now: Date) {
  const [row] = await db
    .select({ conversion: conversions, contract: contracts, result: results })
    .from(conversions)
    .innerJoin(contracts, eq(contracts.conversionId, conversions.id))
    .leftJoin(results, eq(results.id, conversions.resultId))
    .where(eq(conversions.id, conversionId));
  if (
    !row ||
    !canSeeConversion(
      {
        institutionId: row.conversion.institutionId,
        counterpartyOrgId: row.conversion.counterpartyOrgId,
        intermediaryOrgId: row.conversion.intermediaryOrgId,
        securityClass: row.result?.securityClass ?? null,
      },
      actor,
    )
  ) {
    throw new AppError('CONVERSION_NOT_FOUND');
  }
  const today = shanghaiDate(now);
  const [items, paid, reports, [equity], [inst]] = await Promise.all([
    db.select().from(scheduleItems).where(eq(scheduleItems.conversionId, conversionId)).orderBy(asc(scheduleItems.seq)),
    db
      .select()
      .from(payments)
      .where(eq(payments.conversionId, conversionId))
      .orderBy(asc(payments.receivedOn), asc(payments.createdAt)),
    db.select().from(royaltyReports).where(eq(royaltyReports.conversionId, conversionId)),
    db.select().from(equityStakes).where(eq(equityStakes.conversionId, conversionId)),
    db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, row.conversion.institutionId)),
  ]);
  const received = await receivedByLine(db, conversionId);
  const schedule = items.map((i) => {
    const got = received.byLine.get(i.id) ?? 0;
    return {
      item: i,
      receivedFen: got,
      outstandingFen: outstandingFen(i.amountFen, got),
      state: scheduleItemState(i, today),
    };
  });
  return {
    conversion: row.conversion,
    contract: row.contract,
    result: row.result ? { id: row.result.id, title: row.result.title, securityClass: row.result.securityClass } : null,
    institutionName: inst?.name ?? '',
    schedule,
    payments: paid,
    royaltyReports: reports,
    equity: equity ?? null,
    receivedFen: received.total,
  };
}

/** What is due: open lines with a known amount, by due day — an enterprise's obligations or operators' overdue list. */
export async function dueLines(
  db: DbOrTx,
  scope: { counterpartyOrgId: string } | { institutionId: string } | { all: true },
  opts: { overdueOnly: boolean; today: string; limit: number },
) {
  const where: SQL[] = [
    eq(scheduleItems.status, 'open'),
    sql`${scheduleItems.dueOn} is not null`,
    sql`${scheduleItems.amountFen} is not null`,
    inArray(contracts.status, ['effective', 'completed']),
  ];
  if ('counterpartyOrgId' in scope) where.push(eq(conversions.counterpartyOrgId, scope.counterpartyOrgId));
  if ('institutionId' in scope) where.push(eq(conversions.institutionId, scope.institutionId));
  if (opts.overdueOnly) where.push(lt(scheduleItems.dueOn, opts.today));
  const rows = await db
    .select({
      item: scheduleItems,
      conversionId: conversions.id,
      institutionId: conversions.institutionId,
      institutionName: organisations.name,
      counterpartyName: conversions.counterpartyName,
      contractTitle: contracts.title,
      receivedFen: sql<string>`(select coalesce(sum(p.amount_fen), 0) from ${payments} p where p.schedule_item_id = ${scheduleItems.id})`,
    })
    .from(scheduleItems)
    .innerJoin(conversions, eq(conversions.id, scheduleItems.conversionId))
    .innerJoin(contracts, eq(contracts.conversionId, conversions.id))
    .innerJoin(organisations, eq(organisations.id, conversions.institutionId))
    .where(and(...where))
    .orderBy(asc(scheduleItems.dueOn), asc(scheduleItems.id))
    .limit(opts.limit);
  return rows.map((r) => {
    const received = Number(r.receivedFen);
    return {
      ...r,
      receivedFen: received,
      outstandingFen: outstandingFen(r.item.amountFen, received),
      state: scheduleItemState(r.item, opts.today),
    };
  });
}

export type ConversionDetail = Awaited<ReturnType<typeof getConversion>>;
export type { Contract };
