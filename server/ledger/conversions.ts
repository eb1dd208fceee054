// The four routes into the ledger (docs/ledger.md). Each produces exactly one conversion: the unique
// indexes on the listing (deal), the proposal (demand) and the licence (pay-later) hold it, and the
// deal, landing and acceptance services call these inside their own transactions.
import { eq } from 'drizzle-orm';
import type { Actor, MemberActor } from '../../domain/actor.js';
import type { AppraisalDecision } from '../../domain/constants/lifecycle.js';
import type { ContractStatus, ConversionType, DealOrigin } from '../../domain/constants/ledger.js';
import type { LicenceScope } from '../../domain/constants/listings.js';
import type { Domicile, OwnershipType } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import * as rules from '../../domain/ledger.js';
import { requireVerifiedMember } from '../../domain/guards.js';
import type { ScheduleLine } from '../../domain/ledger-money.js';
import { buildSchedule } from '../../domain/paylater.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  organisations,
  type Conversion,
  type Listing,
  type PayLaterLicence,
  type Proposal,
} from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { insertConversion, type ContractFields, type IntermediaryInput } from './record.js';

async function org(db: DbOrTx, id: string | null) {
  if (!id) return null;
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

async function parties(db: DbOrTx, institutionId: string, counterpartyId: string | null, counterpartyName: string) {
  const inst = await org(db, institutionId);
  const cp = await org(db, counterpartyId);
  return {
    sellerName: inst?.name ?? '',
    sellerCreditCode: inst?.creditCode ?? null,
    buyerName: cp?.name ?? counterpartyName,
    buyerCreditCode: cp?.creditCode ?? null,
  };
}

function lumpSum(
  amountFen: number,
  signedOn: string,
  title: string,
  p: Awaited<ReturnType<typeof parties>>,
): ContractFields {
  return {
    contractType: null,
    title,
    contractNo: null,
    ...p,
    amountFen,
    technologyAmountFen: amountFen,
    paymentMethods: ['lump_sum'],
    royaltyBp: null,
    royaltyBase: null,
    signedOn,
    termStartsOn: null,
    termEndsOn: null,
    registrationNo: null,
    registeredOn: null,
  };
}

export interface DealConversionInput {
  listing: Listing;
  origin: DealOrigin;
  transactionType: ConversionType;
  licenseScope: LicenceScope | null;
  amountFen: number;
  appraisal: AppraisalDecision;
  basis: string;
  counterpartyOwnership: OwnershipType;
  counterpartyDomicile: Domicile;
  counterpartyOwnSubsidiary: boolean;
  signedOn: string;
}

/**
 * Route `deal`: a supply listing's recorded deal (lifecycle/deals.ts has applied the deal rules of
 * domain/deals.ts). The contract is effective from the deal day; its amount is bound to the match's
 * price (措施四); the institution adds the schedule.
 */
export async function conversionFromDeal(tx: Tx, actor: Actor, d: DealConversionInput, now: Date): Promise<Conversion> {
  const l = d.listing;
  if (!l.resultId || !l.matchedName) throw new AppError('NOT_MATCHED', { reason: 'no_match_record' });
  const p = await parties(tx, l.organisationId, l.matchedOrgId, l.matchedName);
  return insertConversion(
    tx,
    actor,
    {
      route: 'deal',
      origin: d.origin,
      institutionId: l.organisationId,
      resultId: l.resultId,
      listingId: l.id,
      proposalId: null,
      paylaterLicenceId: null,
      counterpartyOrgId: l.matchedOrgId,
      counterpartyName: l.matchedName,
      counterpartyCreditCode: p.buyerCreditCode,
      counterpartyOwnership: d.counterpartyOwnership,
      counterpartyDomicile: d.counterpartyDomicile,
      counterpartyOwnSubsidiary: d.counterpartyOwnSubsidiary,
      transactionType: d.transactionType,
      licenseScope: d.licenseScope,
      binding: rules.conversionBinding({ route: 'deal', listing: l }),
      appraisal: d.appraisal,
      basis: d.basis,
      evidenceRef: null,
      classifiedApprovalRef: null,
      confidentialityAgreementRef: null,
      intermediary: null,
      contract: lumpSum(d.amountFen, d.signedOn, l.title, p),
      status: 'effective',
      // Payment terms are not known at the deal; the institution enters the schedule.
      schedule: [],
      equity: null,
    },
    now,
  );
}

/**
 * Route `demand`: a landed 揭榜 project — the technology-development contract between the demand's
 * enterprise and the awarded institution, at the proposal's quote until the institution edits it.
 */
export async function conversionFromDemand(
  tx: Tx,
  actor: Actor,
  listing: Listing,
  proposal: Proposal,
  signedOn: string,
  now: Date,
): Promise<Conversion> {
  const p = await parties(tx, proposal.organisationId, listing.organisationId, '');
  return insertConversion(
    tx,
    actor,
    {
      route: 'demand',
      origin: null,
      institutionId: proposal.organisationId,
      resultId: null,
      listingId: listing.id,
      proposalId: proposal.id,
      paylaterLicenceId: null,
      counterpartyOrgId: listing.organisationId,
      counterpartyName: p.buyerName,
      counterpartyCreditCode: p.buyerCreditCode,
      counterpartyOwnership: (await org(tx, listing.organisationId))?.ownershipType ?? null,
      counterpartyDomicile: (await org(tx, listing.organisationId))?.domicile ?? 'mainland',
      counterpartyOwnSubsidiary: null,
      transactionType: 'development',
      licenseScope: null,
      binding: rules.conversionBinding({ route: 'demand', quoteFen: proposal.quoteFen }),
      appraisal: null,
      basis: '',
      evidenceRef: null,
      classifiedApprovalRef: null,
      confidentialityAgreementRef: null,
      intermediary: null,
      contract: lumpSum(proposal.quoteFen, signedOn, listing.title, p),
      status: 'effective',
      schedule: [],
      equity: null,
    },
    now,
    '揭榜项目双方确认落地',
  );
}

/** The pay-later licence's schedule as ledger lines (fee as an instalment, royalties as royalty periods). */
export function payLaterLines(licence: PayLaterLicence): ScheduleLine[] {
  // The licence's order (seq 1…n): the fee, then the royalty periods (paylater-bridge.ts reads them by seq).
  return buildSchedule(licence, licence.signedOn, licence.firstSalesOn).map((p) => ({
    kind: p.kind === 'fee' ? 'instalment' : 'royalty',
    amountFen: p.amountFen,
    dueOn: p.dueOn,
  }));
}

/**
 * Route `paylater` (措施五): an accepted pay-later licence, a non-exclusive licence whose fixed fee is
 * bound to the accepted terms; its fee and royalty periods are the schedule.
 */
export async function conversionFromPayLater(
  tx: Tx,
  actor: Actor,
  licence: PayLaterLicence,
  resultTitle: string,
  now: Date,
): Promise<Conversion> {
  const p = await parties(tx, licence.institutionId, licence.enterpriseId, '');
  const cp = await org(tx, licence.enterpriseId);
  const fee = licence.feeFen ?? 0;
  const methods: ContractFields['paymentMethods'] = [];
  if (licence.feeFen !== null) methods.push('lump_sum');
  if (licence.royaltyBp !== null) methods.push('royalty');
  return insertConversion(
    tx,
    actor,
    {
      route: 'paylater',
      origin: null,
      institutionId: licence.institutionId,
      resultId: licence.resultId,
      listingId: null,
      proposalId: null,
      paylaterLicenceId: licence.id,
      counterpartyOrgId: licence.enterpriseId,
      counterpartyName: p.buyerName,
      counterpartyCreditCode: p.buyerCreditCode,
      counterpartyOwnership: cp?.ownershipType ?? null,
      counterpartyDomicile: cp?.domicile ?? 'mainland',
      counterpartyOwnSubsidiary: null,
      transactionType: 'license',
      licenseScope: 'non_exclusive',
      binding: rules.conversionBinding({ route: 'paylater', feeFen: licence.feeFen }),
      // 措施五 licences are made on the pool's published terms; no appraisal decision is asked there.
      appraisal: 'not_appraised',
      basis: '先使用后付费许可（措施五），按双方接受的许可条件',
      evidenceRef: null,
      classifiedApprovalRef: null,
      confidentialityAgreementRef: null,
      intermediary: null,
      contract: {
        ...lumpSum(fee, licence.signedOn, `${resultTitle}（先使用后付费许可）`, p),
        paymentMethods: methods,
        royaltyBp: licence.royaltyBp,
        royaltyBase: licence.royaltyBp !== null ? '销售额' : null,
        termStartsOn: licence.signedOn,
        termEndsOn: null,
      },
      status: 'effective',
      schedule: payLaterLines(licence),
      equity: null,
    },
    now,
  );
}

export interface OffPlatformInput {
  resultId: string;
  counterpartyOrgId: string | null;
  counterpartyName: string;
  counterpartyCreditCode: string | null;
  counterpartyOwnership: OwnershipType | null;
  counterpartyDomicile: Domicile;
  counterpartyOwnSubsidiary: boolean | null;
  transactionType: ConversionType;
  licenseScope: LicenceScope | null;
  appraisal: AppraisalDecision | null;
  basis: string;
  evidenceRef: string;
  classifiedApprovalRef: string | null;
  confidentialityAgreementRef: string | null;
  intermediary: IntermediaryInput | null;
  contract: ContractFields;
  status: Extract<ContractStatus, 'draft' | 'effective'>;
  schedule: ScheduleLine[];
  equity: rules.EquityInput | null;
  /** Why it is recorded (the audit row's reason). */
  reason: string | null;
}

/**
 * Route `off_platform`: a conversion agreed elsewhere, entered by the institution with its evidence
 * (措施十四). A registered counterparty's facts come from its registration.
 */
export async function recordOffPlatform(
  ctx: ServiceContext,
  actor: Actor,
  input: OffPlatformInput,
): Promise<Conversion> {
  const member: MemberActor = requireVerifiedMember(actor, 'institution');
  rules.checkOffPlatform(input);
  return ctx.db.transaction(async (tx) => {
    const cp = await org(tx, input.counterpartyOrgId);
    if (input.counterpartyOrgId && !cp) throw new AppError('ORG_NOT_FOUND');
    const inst = await org(tx, member.orgId);
    return insertConversion(
      tx,
      member,
      {
        route: 'off_platform',
        origin: null,
        institutionId: member.orgId,
        resultId: input.resultId,
        listingId: null,
        proposalId: null,
        paylaterLicenceId: null,
        counterpartyOrgId: input.counterpartyOrgId,
        counterpartyName: cp?.name ?? input.counterpartyName,
        counterpartyCreditCode: cp?.creditCode ?? input.counterpartyCreditCode,
        counterpartyOwnership: cp?.ownershipType ?? input.counterpartyOwnership,
        counterpartyDomicile: cp?.domicile ?? input.counterpartyDomicile,
        counterpartyOwnSubsidiary: input.counterpartyOwnSubsidiary,
        transactionType: input.transactionType,
        licenseScope: input.licenseScope,
        binding: rules.conversionBinding({ route: 'off_platform' }),
        appraisal: input.appraisal,
        basis: input.basis,
        evidenceRef: input.evidenceRef,
        classifiedApprovalRef: input.classifiedApprovalRef,
        confidentialityAgreementRef: input.confidentialityAgreementRef,
        intermediary: input.intermediary,
        contract: {
          ...input.contract,
          sellerName: inst?.name ?? '',
          sellerCreditCode: inst?.creditCode ?? null,
          buyerName: cp?.name ?? input.contract.buyerName,
          buyerCreditCode: cp?.creditCode ?? input.contract.buyerCreditCode,
        },
        status: input.status,
        schedule: input.schedule,
        equity: input.equity,
      },
      ctx.now(),
      input.reason,
    );
  });
}
