// Writing a conversion, whatever its route (docs/ledger.md): one conversion row, its contract, its
// schedule and (作价投资) its equity stake, the result's `converted` kept in step, an audit row and an
// outbox event — in the caller's transaction, so nothing is half-written. The route-specific entry
// points (the deal, the landed demand, the pay-later licence, the off-platform form) are thin.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { AppraisalDecision } from '../../domain/constants/lifecycle.js';
import type {
  ContractStatus,
  ContractType,
  ConversionRoute,
  ConversionType,
  DealOrigin,
  IntermediaryKind,
  PaymentMethod,
} from '../../domain/constants/ledger.js';
import type { LicenceScope } from '../../domain/constants/listings.js';
import type { Domicile, OwnershipType } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { checkConversionExportControl } from '../../domain/export-control.js';
import * as rules from '../../domain/ledger.js';
import { checkSchedule, type ScheduleLine } from '../../domain/ledger-money.js';
import { shanghaiDate } from '../../domain/results.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  contracts,
  conversions,
  equityStakes,
  results,
  scheduleItems,
  type Conversion,
  type Result,
} from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import { isUniqueViolation } from '../lifecycle/parties.js';
import { conversionDecision } from '../../domain/decisions.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';
import { exportControlOf } from '../results/export-control.js';

export interface IntermediaryInput {
  kind: IntermediaryKind;
  name: string;
  orgId: string | null;
  commissionFen: number | null;
  commissionBp: number | null;
}

export interface ContractFields {
  contractType: ContractType | null;
  title: string;
  contractNo: string | null;
  sellerName: string;
  sellerCreditCode: string | null;
  buyerName: string;
  buyerCreditCode: string | null;
  amountFen: number;
  technologyAmountFen: number;
  paymentMethods: PaymentMethod[];
  royaltyBp: number | null;
  royaltyBase: string | null;
  signedOn: string | null;
  termStartsOn: string | null;
  termEndsOn: string | null;
  registrationNo: string | null;
  registeredOn: string | null;
}

/** Everything a conversion is written from; the entry points fill in what their route fixes. */
export interface NewConversion {
  route: ConversionRoute;
  origin: DealOrigin | null;
  institutionId: string;
  resultId: string | null;
  listingId: string | null;
  proposalId: string | null;
  paylaterLicenceId: string | null;
  counterpartyOrgId: string | null;
  counterpartyName: string;
  counterpartyCreditCode: string | null;
  counterpartyOwnership: OwnershipType | null;
  counterpartyDomicile: Domicile;
  counterpartyOwnSubsidiary: boolean | null;
  transactionType: ConversionType;
  licenseScope: LicenceScope | null;
  binding: rules.ConversionBinding;
  appraisal: AppraisalDecision | null;
  basis: string;
  evidenceRef: string | null;
  classifiedApprovalRef: string | null;
  confidentialityAgreementRef: string | null;
  intermediary: IntermediaryInput | null;
  contract: ContractFields;
  /** `draft` or `effective`; an effective contract needs its signing day. */
  status: Extract<ContractStatus, 'draft' | 'effective'>;
  /** A line may carry its id (the pay-later route keeps its payments' ids). */
  schedule: (ScheduleLine & { id?: string })[];
  equity: rules.EquityInput | null;
}

export async function resultFacts(db: DbOrTx, resultId: string | null): Promise<Result | null> {
  if (!resultId) return null;
  const [row] = await db.select().from(results).where(eq(results.id, resultId));
  return row ?? null;
}

/**
 * Checks and writes a conversion with its contract, schedule and equity stake. `actor` is who
 * records it (null for the system); `reason` goes into the audit row.
 */
export async function insertConversion(
  tx: Tx,
  actor: Actor,
  input: NewConversion,
  now: Date,
  reason: string | null = null,
): Promise<Conversion> {
  const today = shanghaiDate(now);
  const result = await resultFacts(tx, input.resultId);
  if (input.resultId && !result) throw new AppError('RESULT_NOT_FOUND');
  if (result && result.institutionId !== input.institutionId) throw new AppError('RESULT_NOT_CONVERTIBLE');
  // 措施十五: with a party registered outside the mainland, effective only after the export-control review.
  checkConversionExportControl({
    toStatus: input.status,
    hasResult: result !== null,
    domicile: input.counterpartyDomicile,
    confirmed: result !== null && (await exportControlOf(tx, result.id)) !== null,
  });
  const c = input.contract;
  rules.checkContract(c, input.transactionType, today);
  rules.checkBoundAmount(input.binding, c.amountFen);
  rules.checkConversion(
    {
      transactionType: input.transactionType,
      licenseScope: input.licenseScope,
      appraisal: input.appraisal,
      counterpartyOwnership: input.counterpartyOwnership,
      classifiedApprovalRef: input.classifiedApprovalRef,
      confidentialityAgreementRef: input.confidentialityAgreementRef,
      intermediary: input.intermediary,
    },
    result?.securityClass ?? null,
    c.amountFen,
  );
  rules.checkEquity(input.transactionType, input.equity, today);
  if (input.status === 'effective' && c.signedOn === null) throw new AppError('CONTRACT_SIGNED_DATE_REQUIRED');
  checkSchedule({ amountFen: c.amountFen, paymentMethods: c.paymentMethods, signedOn: c.signedOn }, input.schedule);

  let conversion: Conversion;
  try {
    [conversion] = (await tx
      .insert(conversions)
      .values({
        institutionId: input.institutionId,
        resultId: input.resultId,
        route: input.route,
        origin: input.origin,
        listingId: input.listingId,
        proposalId: input.proposalId,
        paylaterLicenceId: input.paylaterLicenceId,
        counterpartyOrgId: input.counterpartyOrgId,
        counterpartyName: input.counterpartyName.trim(),
        counterpartyCreditCode: input.counterpartyCreditCode?.trim() || null,
        counterpartyOwnership: input.counterpartyOwnership,
        counterpartyDomicile: input.counterpartyDomicile,
        counterpartyOwnSubsidiary: input.counterpartyOwnSubsidiary,
        transactionType: input.transactionType,
        licenseScope: input.licenseScope,
        priceBasis: input.binding.basis,
        boundPriceFen: input.binding.priceFen,
        appraisal: input.appraisal,
        basis: input.basis.trim(),
        evidenceRef: input.evidenceRef?.trim() || null,
        classifiedApprovalRef: input.classifiedApprovalRef?.trim() || null,
        confidentialityAgreementRef: input.confidentialityAgreementRef?.trim() || null,
        intermediaryKind: input.intermediary?.kind ?? null,
        intermediaryName: input.intermediary?.name.trim() ?? null,
        intermediaryOrgId: input.intermediary?.orgId ?? null,
        intermediaryCommissionFen: input.intermediary?.commissionFen ?? null,
        intermediaryCommissionBp: input.intermediary?.commissionBp ?? null,
        recordedBy: actor.type === 'system' ? null : actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning()) as [Conversion];
    await tx.insert(contracts).values({
      conversionId: conversion.id,
      institutionId: input.institutionId,
      contractType: c.contractType ?? rules.defaultContractType(input.transactionType),
      title: c.title.trim(),
      contractNo: c.contractNo?.trim() || null,
      sellerName: c.sellerName.trim(),
      sellerCreditCode: c.sellerCreditCode?.trim() || null,
      buyerName: c.buyerName.trim(),
      buyerCreditCode: c.buyerCreditCode?.trim() || null,
      amountFen: c.amountFen,
      technologyAmountFen: c.technologyAmountFen,
      paymentMethods: c.paymentMethods,
      royaltyBp: c.royaltyBp,
      royaltyBase: c.royaltyBase?.trim() || null,
      signedOn: c.signedOn,
      termStartsOn: c.termStartsOn,
      termEndsOn: c.termEndsOn,
      registrationNo: c.registrationNo?.trim() || null,
      registeredOn: c.registeredOn,
      status: input.status,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    if (isUniqueViolation(err, 'contracts_registration_key')) throw new AppError('REGISTRATION_NO_TAKEN');
    if (
      isUniqueViolation(err, 'conversions_deal_listing_key') ||
      isUniqueViolation(err, 'conversions_proposal_key') ||
      isUniqueViolation(err, 'conversions_paylater_licence_key')
    ) {
      throw new AppError('CONVERSION_EXISTS');
    }
    throw err;
  }
  if (input.schedule.length > 0) {
    await tx.insert(scheduleItems).values(
      input.schedule.map((l, i) => ({
        ...(l.id ? { id: l.id } : {}),
        conversionId: conversion.id,
        seq: i + 1,
        kind: l.kind,
        amountFen: l.amountFen,
        dueOn: l.dueOn,
        periodStartsOn: l.periodStartsOn ?? null,
        periodEndsOn: l.periodEndsOn ?? null,
        createdAt: now,
      })),
    );
  }
  if (input.equity) {
    const e = input.equity;
    await tx.insert(equityStakes).values({
      conversionId: conversion.id,
      institutionId: input.institutionId,
      companyName: e.companyName.trim(),
      companyCreditCode: e.companyCreditCode.trim(),
      shares: e.shares,
      stakeBp: e.stakeBp,
      valuationFen: e.valuationFen,
      acquiredOn: e.acquiredOn,
      createdAt: now,
      updatedAt: now,
    });
  }
  await writeAudit(tx, {
    actor,
    action: 'conversion.record',
    targetType: 'conversion',
    targetId: conversion.id,
    afterStatus: input.status,
    reason,
    details: {
      route: input.route,
      origin: input.origin,
      resultId: input.resultId,
      listingId: input.listingId,
      amountFen: c.amountFen,
      transactionType: input.transactionType,
    },
    at: now,
  });
  await recordProductDecision(
    tx,
    actor,
    { type: 'conversion', id: conversion.id },
    conversionDecision({
      ...input,
      priceBasis: input.binding.basis,
      boundPriceFen: input.binding.priceFen,
      amountFen: c.amountFen,
    }),
    now,
  );
  await emit(tx, 'conversion.recorded', {
    conversionId: conversion.id,
    institutionId: input.institutionId,
    counterpartyOrgId: input.counterpartyOrgId,
    resultId: input.resultId,
    route: input.route,
  });
  await syncResultConverted(tx, actor, input.resultId, now, conversion.id);
  return conversion;
}

/**
 * Keeps `results.status` = converted exactly while the result has a conversion whose contract is
 * effective or completed (both directions). The pool scan reads `results.status`, so an off-platform
 * conversion takes the result out at the next scan, and terminating its only conversion makes it
 * eligible again. Locks the result row so concurrent contract changes serialise.
 */
export async function syncResultConverted(
  tx: Tx,
  actor: Actor,
  resultId: string | null,
  now: Date,
  conversionId: string,
): Promise<void> {
  if (!resultId) return;
  const [row] = await tx
    .select({ status: results.status })
    .from(results)
    .where(eq(results.id, resultId))
    .for('no key update');
  if (!row) return;
  const statuses = await tx
    .select({ status: contracts.status })
    .from(contracts)
    .innerJoin(conversions, eq(conversions.id, contracts.conversionId))
    .where(and(eq(conversions.resultId, resultId), inArray(contracts.status, ['effective', 'completed'])));
  const converted = rules.resultConverted(statuses.map((s) => s.status));
  const next = converted ? 'converted' : 'active';
  if (row.status === next) return;
  await tx
    .update(results)
    .set({ status: next, convertedAt: converted ? now : null, updatedAt: now, version: sql`${results.version} + 1` })
    .where(eq(results.id, resultId));
  await writeAudit(tx, {
    actor,
    action: converted ? 'result.convert' : 'result.unconvert',
    targetType: 'result',
    targetId: resultId,
    beforeStatus: row.status,
    afterStatus: next,
    details: { conversionId },
    at: now,
  });
  await emit(tx, converted ? 'result.converted' : 'result.unconverted', { resultId, conversionId });
}
