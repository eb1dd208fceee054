// Request schemas of the ledger routes and their mapping to service inputs.
import { Type, type Static } from 'typebox';
import { APPRAISAL_DECISIONS } from '../../domain/constants/lifecycle.js';
import {
  CONTRACT_TYPES,
  CONVERSION_TYPES,
  INTERMEDIARY_KINDS,
  LEDGER_TEXT,
  PAYMENT_METHODS,
  SCHEDULE_ITEM_KINDS,
} from '../../domain/constants/ledger.js';
import { LICENCE_SCOPES } from '../../domain/constants/listings.js';
import { DOMICILES, OWNERSHIP_TYPES } from '../../domain/constants/organisations.js';
import { CalendarDate, Enum, Fen, Nullable, Text, Uuid } from '../schemas.js';
import type { OffPlatformInput } from './conversions.js';

export const Ref = (max: number = LEDGER_TEXT.reference.max) => Text(max, 1);
export const Opt = <T extends Parameters<typeof Nullable>[0]>(s: T) => Type.Optional(Nullable(s));
export const Reason = Opt(Text(LEDGER_TEXT.reason.max, LEDGER_TEXT.reason.min));
const Bp = Type.Integer({ minimum: 0, maximum: 10_000, description: '万分比（1% = 100）' });

/** A period filter shared by the income report and the contract export. */
export const RangeQuery = { from: Type.Optional(CalendarDate), to: Type.Optional(CalendarDate) };

export const ScheduleLineBody = Type.Object(
  {
    kind: Enum(SCHEDULE_ITEM_KINDS),
    amountFen: Opt(Fen),
    dueOn: Opt(CalendarDate),
    periodStartsOn: Opt(CalendarDate),
    periodEndsOn: Opt(CalendarDate),
  },
  { additionalProperties: false },
);
export const lines = (items: Static<typeof ScheduleLineBody>[]) =>
  items.map((l) => ({
    kind: l.kind,
    amountFen: l.amountFen ?? null,
    dueOn: l.dueOn ?? null,
    periodStartsOn: l.periodStartsOn ?? null,
    periodEndsOn: l.periodEndsOn ?? null,
  }));

export const ContractBody = Type.Object(
  {
    contractType: Opt(Enum(CONTRACT_TYPES)),
    title: Text(LEDGER_TEXT.name.max, LEDGER_TEXT.name.min),
    contractNo: Opt(Ref()),
    buyerName: Opt(Text(LEDGER_TEXT.name.max, LEDGER_TEXT.name.min)),
    buyerCreditCode: Opt(Ref(50)),
    amountFen: Fen,
    technologyAmountFen: Fen,
    paymentMethods: Type.Array(Enum(PAYMENT_METHODS), { minItems: 1, maxItems: 4, uniqueItems: true }),
    royaltyBp: Opt(Type.Integer({ minimum: 1, maximum: 10_000 })),
    royaltyBase: Opt(Ref()),
    signedOn: Opt(CalendarDate),
    termStartsOn: Opt(CalendarDate),
    termEndsOn: Opt(CalendarDate),
    registrationNo: Opt(Ref(50)),
    registeredOn: Opt(CalendarDate),
  },
  { additionalProperties: false },
);

export const OffPlatformBody = Type.Object(
  {
    resultId: Uuid,
    counterpartyOrgId: Opt(Uuid),
    counterpartyName: Text(LEDGER_TEXT.name.max, LEDGER_TEXT.name.min),
    counterpartyCreditCode: Opt(Ref(50)),
    counterpartyOwnership: Opt(Enum(OWNERSHIP_TYPES)),
    counterpartyDomicile: Type.Optional(Enum(DOMICILES)),
    counterpartyOwnSubsidiary: Opt(Type.Boolean()),
    transactionType: Enum(CONVERSION_TYPES),
    licenseScope: Opt(Enum(LICENCE_SCOPES)),
    appraisal: Opt(Enum(APPRAISAL_DECISIONS)),
    basis: Text(LEDGER_TEXT.note.max, 0),
    evidenceRef: Ref(),
    classifiedApprovalRef: Opt(Ref()),
    confidentialityAgreementRef: Opt(Ref()),
    intermediary: Opt(
      Type.Object(
        {
          kind: Enum(INTERMEDIARY_KINDS),
          name: Text(LEDGER_TEXT.name.max, LEDGER_TEXT.name.min),
          orgId: Opt(Uuid),
          commissionFen: Opt(Fen),
          commissionBp: Opt(Bp),
        },
        { additionalProperties: false },
      ),
    ),
    contract: ContractBody,
    effective: Type.Boolean({ description: '已签订生效（否则为草拟）' }),
    schedule: Type.Array(ScheduleLineBody, { maxItems: 240 }),
    equity: Opt(
      Type.Object(
        {
          companyName: Text(LEDGER_TEXT.name.max, LEDGER_TEXT.name.min),
          companyCreditCode: Ref(50),
          shares: Opt(Type.Integer({ minimum: 1 })),
          stakeBp: Opt(Type.Integer({ minimum: 1, maximum: 10_000 })),
          valuationFen: Fen,
          acquiredOn: CalendarDate,
        },
        { additionalProperties: false },
      ),
    ),
    reason: Reason,
  },
  { additionalProperties: false },
);

export function offPlatformInput(b: Static<typeof OffPlatformBody>): OffPlatformInput {
  const c = b.contract;
  return {
    resultId: b.resultId,
    counterpartyOrgId: b.counterpartyOrgId ?? null,
    counterpartyName: b.counterpartyName,
    counterpartyCreditCode: b.counterpartyCreditCode ?? null,
    counterpartyOwnership: b.counterpartyOwnership ?? null,
    counterpartyDomicile: b.counterpartyDomicile ?? 'mainland',
    counterpartyOwnSubsidiary: b.counterpartyOwnSubsidiary ?? null,
    transactionType: b.transactionType,
    licenseScope: b.licenseScope ?? null,
    appraisal: b.appraisal ?? null,
    basis: b.basis,
    evidenceRef: b.evidenceRef,
    classifiedApprovalRef: b.classifiedApprovalRef ?? null,
    confidentialityAgreementRef: b.confidentialityAgreementRef ?? null,
    intermediary: b.intermediary
      ? {
          kind: b.intermediary.kind,
          name: b.intermediary.name,
          orgId: b.intermediary.orgId ?? null,
          commissionFen: b.intermediary.commissionFen ?? null,
          commissionBp: b.intermediary.commissionBp ?? null,
        }
      : null,
    contract: {
      contractType: c.contractType ?? null,
      title: c.title,
      contractNo: c.contractNo ?? null,
      sellerName: '',
      sellerCreditCode: null,
      buyerName: c.buyerName ?? b.counterpartyName,
      buyerCreditCode: c.buyerCreditCode ?? b.counterpartyCreditCode ?? null,
      amountFen: c.amountFen,
      technologyAmountFen: c.technologyAmountFen,
      paymentMethods: c.paymentMethods,
      royaltyBp: c.royaltyBp ?? null,
      royaltyBase: c.royaltyBase ?? null,
      signedOn: c.signedOn ?? null,
      termStartsOn: c.termStartsOn ?? null,
      termEndsOn: c.termEndsOn ?? null,
      registrationNo: c.registrationNo ?? null,
      registeredOn: c.registeredOn ?? null,
    },
    status: b.effective ? 'effective' : 'draft',
    schedule: lines(b.schedule),
    equity: b.equity ? { ...b.equity, shares: b.equity.shares ?? null, stakeBp: b.equity.stakeBp ?? null } : null,
    reason: b.reason ?? null,
  };
}
