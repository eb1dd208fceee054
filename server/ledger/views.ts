// Response shapes of the ledger routes (allow-lists: no row leaks). Re-exported by server/contract.ts.
import { Type, type Static } from 'typebox';
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  CONVERSION_PRICE_BASES,
  CONVERSION_ROUTES,
  CONVERSION_TYPES,
  ASSET_KINDS,
  DEAL_ORIGINS,
  EQUITY_STAKE_STATUSES,
  INTERMEDIARY_KINDS,
  PAYMENT_METHODS,
  SCHEDULE_ITEM_KINDS,
  SCHEDULE_ITEM_STATES,
} from '../../domain/constants/ledger.js';
import { LICENCE_SCOPES } from '../../domain/constants/listings.js';
import { CalendarDate, DateTime, Enum, Nullable, Uuid } from '../schemas.js';
import type { Contract, Conversion } from '../../db/schema/index.js';
import type { ConversionDetail } from './reads.js';

export const ContractView = Type.Object({
  contractType: Enum(CONTRACT_TYPES),
  title: Type.String(),
  contractNo: Nullable(Type.String()),
  sellerName: Type.String(),
  sellerCreditCode: Nullable(Type.String()),
  buyerName: Type.String(),
  buyerCreditCode: Nullable(Type.String()),
  amountFen: Type.Integer(),
  technologyAmountFen: Type.Integer(),
  paymentMethods: Type.Array(Enum(PAYMENT_METHODS)),
  royaltyBp: Nullable(Type.Integer()),
  royaltyBase: Nullable(Type.String()),
  signedOn: Nullable(CalendarDate),
  termStartsOn: Nullable(CalendarDate),
  termEndsOn: Nullable(CalendarDate),
  registrationNo: Nullable(Type.String()),
  registeredOn: Nullable(CalendarDate),
  status: Enum(CONTRACT_STATUSES),
  terminatedOn: Nullable(CalendarDate),
  terminationReason: Nullable(Type.String()),
  version: Type.Integer(),
});

export function contractView(c: Contract): Static<typeof ContractView> {
  return {
    contractType: c.contractType,
    title: c.title,
    contractNo: c.contractNo,
    sellerName: c.sellerName,
    sellerCreditCode: c.sellerCreditCode,
    buyerName: c.buyerName,
    buyerCreditCode: c.buyerCreditCode,
    amountFen: c.amountFen,
    technologyAmountFen: c.technologyAmountFen,
    paymentMethods: c.paymentMethods,
    royaltyBp: c.royaltyBp,
    royaltyBase: c.royaltyBase,
    signedOn: c.signedOn,
    termStartsOn: c.termStartsOn,
    termEndsOn: c.termEndsOn,
    registrationNo: c.registrationNo,
    registeredOn: c.registeredOn,
    status: c.status,
    terminatedOn: c.terminatedOn,
    terminationReason: c.terminationReason,
    version: c.version,
  };
}

const ConversionCore = {
  id: Uuid,
  route: Enum(CONVERSION_ROUTES),
  origin: Nullable(Enum(DEAL_ORIGINS)),
  institutionId: Uuid,
  resultId: Nullable(Uuid),
  listingId: Nullable(Uuid),
  proposalId: Nullable(Uuid),
  paylaterLicenceId: Nullable(Uuid),
  counterpartyOrgId: Nullable(Uuid),
  counterpartyName: Type.String(),
  transactionType: Enum(CONVERSION_TYPES),
  licenseScope: Nullable(Enum(LICENCE_SCOPES)),
  priceBasis: Enum(CONVERSION_PRICE_BASES),
  boundPriceFen: Nullable(Type.Integer()),
  intermediaryKind: Nullable(Enum(INTERMEDIARY_KINDS)),
  intermediaryName: Nullable(Type.String()),
  intermediaryCommissionFen: Nullable(Type.Integer()),
  intermediaryCommissionBp: Nullable(Type.Integer()),
  landingConfirmedAt: Nullable(DateTime),
  rewardConfirmedAt: Nullable(DateTime),
  createdAt: DateTime,
};

function core(c: Conversion) {
  return {
    id: c.id,
    route: c.route,
    origin: c.origin,
    institutionId: c.institutionId,
    resultId: c.resultId,
    listingId: c.listingId,
    proposalId: c.proposalId,
    paylaterLicenceId: c.paylaterLicenceId,
    counterpartyOrgId: c.counterpartyOrgId,
    counterpartyName: c.counterpartyName,
    transactionType: c.transactionType,
    licenseScope: c.licenseScope,
    priceBasis: c.priceBasis,
    boundPriceFen: c.boundPriceFen,
    intermediaryKind: c.intermediaryKind,
    intermediaryName: c.intermediaryName,
    intermediaryCommissionFen: c.intermediaryCommissionFen,
    intermediaryCommissionBp: c.intermediaryCommissionBp,
    landingConfirmedAt: c.landingConfirmedAt?.toISOString() ?? null,
    rewardConfirmedAt: c.rewardConfirmedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export const ConversionSummary = Type.Object({
  ...ConversionCore,
  resultTitle: Nullable(Type.String()),
  institutionName: Type.String(),
  contract: ContractView,
  receivedFen: Type.Integer(),
  overdue: Type.Boolean(),
});

export function conversionSummary(r: {
  conversion: Conversion;
  contract: Contract;
  resultTitle: string | null;
  institutionName: string;
  receivedFen: number;
  overdue: boolean;
}): Static<typeof ConversionSummary> {
  return {
    ...core(r.conversion),
    resultTitle: r.resultTitle,
    institutionName: r.institutionName,
    contract: contractView(r.contract),
    receivedFen: r.receivedFen,
    overdue: r.overdue,
  };
}

export const ScheduleLineView = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  kind: Enum(SCHEDULE_ITEM_KINDS),
  amountFen: Nullable(Type.Integer()),
  dueOn: Nullable(CalendarDate),
  periodStartsOn: Nullable(CalendarDate),
  periodEndsOn: Nullable(CalendarDate),
  state: Enum(SCHEDULE_ITEM_STATES),
  receivedFen: Type.Integer(),
  outstandingFen: Type.Integer(),
});

export const PaymentView = Type.Object({
  id: Uuid,
  scheduleItemId: Nullable(Uuid),
  amountFen: Type.Integer(),
  receivedOn: CalendarDate,
  payerName: Type.String(),
  evidenceRef: Type.String(),
  overpayment: Type.Boolean(),
  overpaymentReason: Nullable(Type.String()),
  note: Type.String(),
  createdAt: DateTime,
});

export const ConversionDetailView = Type.Object({
  ...ConversionCore,
  counterpartyCreditCode: Nullable(Type.String()),
  basis: Type.String(),
  evidenceRef: Nullable(Type.String()),
  institutionName: Type.String(),
  result: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
  contract: ContractView,
  schedule: Type.Array(ScheduleLineView),
  payments: Type.Array(PaymentView),
  royaltyReports: Type.Array(
    Type.Object({
      id: Uuid,
      scheduleItemId: Uuid,
      periodStartsOn: CalendarDate,
      periodEndsOn: CalendarDate,
      salesFen: Type.Integer(),
      royaltyFen: Type.Integer(),
      reportedOn: CalendarDate,
    }),
  ),
  equity: Nullable(
    Type.Object({
      companyName: Type.String(),
      companyCreditCode: Type.String(),
      shares: Nullable(Type.Integer()),
      stakeBp: Nullable(Type.Integer()),
      valuationFen: Type.Integer(),
      acquiredOn: CalendarDate,
      status: Enum(EQUITY_STAKE_STATUSES),
    }),
  ),
  receivedFen: Type.Integer(),
});

export function conversionDetail(d: ConversionDetail): Static<typeof ConversionDetailView> {
  const c = d.conversion;
  return {
    ...core(c),
    counterpartyCreditCode: c.counterpartyCreditCode,
    basis: c.basis,
    evidenceRef: c.evidenceRef,
    institutionName: d.institutionName,
    result: d.result && { id: d.result.id, title: d.result.title },
    contract: contractView(d.contract),
    schedule: d.schedule.map((s) => ({
      id: s.item.id,
      seq: s.item.seq,
      kind: s.item.kind,
      amountFen: s.item.amountFen,
      dueOn: s.item.dueOn,
      periodStartsOn: s.item.periodStartsOn,
      periodEndsOn: s.item.periodEndsOn,
      state: s.state,
      receivedFen: s.receivedFen,
      outstandingFen: s.outstandingFen,
    })),
    payments: d.payments.map((p) => ({
      id: p.id,
      scheduleItemId: p.scheduleItemId,
      amountFen: p.amountFen,
      receivedOn: p.receivedOn,
      payerName: p.payerName,
      evidenceRef: p.evidenceRef,
      overpayment: p.overpayment,
      overpaymentReason: p.overpaymentReason,
      note: p.note,
      createdAt: p.createdAt.toISOString(),
    })),
    royaltyReports: d.royaltyReports.map((r) => ({
      id: r.id,
      scheduleItemId: r.scheduleItemId,
      periodStartsOn: r.periodStartsOn,
      periodEndsOn: r.periodEndsOn,
      salesFen: r.salesFen,
      royaltyFen: r.royaltyFen,
      reportedOn: r.reportedOn,
    })),
    equity: d.equity && {
      companyName: d.equity.companyName,
      companyCreditCode: d.equity.companyCreditCode,
      shares: d.equity.shares,
      stakeBp: d.equity.stakeBp,
      valuationFen: d.equity.valuationFen,
      acquiredOn: d.equity.acquiredOn,
      status: d.equity.status,
    },
    receivedFen: d.receivedFen,
  };
}

export const DueLine = Type.Object({
  scheduleItemId: Uuid,
  conversionId: Uuid,
  institutionId: Uuid,
  institutionName: Type.String(),
  counterpartyName: Type.String(),
  contractTitle: Type.String(),
  kind: Enum(SCHEDULE_ITEM_KINDS),
  dueOn: CalendarDate,
  amountFen: Type.Integer(),
  receivedFen: Type.Integer(),
  outstandingFen: Type.Integer(),
  state: Enum(SCHEDULE_ITEM_STATES),
});

export const IncomeReport = Type.Object({
  granularity: Enum(['month', 'quarter', 'year'] as const),
  totalFen: Type.Integer(),
  periods: Type.Array(Type.Object({ period: Type.String(), incomeFen: Type.Integer(), payments: Type.Integer() })),
  byResult: Type.Array(
    Type.Object({
      resultId: Nullable(Uuid),
      title: Nullable(Type.String()),
      incomeFen: Type.Integer(),
      payments: Type.Integer(),
    }),
  ),
});

/** 措施二、三 单列管理: one row of the asset register (server/ledger/register.ts RegisterRow). */
export const RegisterRowView = Type.Object({
  resultId: Uuid,
  resultTitle: Type.String(),
  conversionId: Nullable(Uuid),
  assetKind: Nullable(Enum(ASSET_KINDS)),
  counterpartyName: Nullable(Type.String()),
  contractStatus: Nullable(Enum(CONTRACT_STATUSES)),
  amountFen: Nullable(Type.Integer()),
  receivedFen: Type.Integer(),
  receivableFen: Type.Integer(),
  company: Nullable(Type.String()),
  stakeBp: Nullable(Type.Integer()),
  shares: Nullable(Type.Integer()),
  valuationFen: Nullable(Type.Integer()),
  equityStatus: Nullable(Enum(EQUITY_STAKE_STATUSES)),
  agreedReturnBp: Nullable(Type.Integer({ description: '措施六 约定收益：本单位约定取得的未来股权收益比例（基点）' })),
});

export const RegisterReport = Type.Object({ items: Type.Array(RegisterRowView) });
