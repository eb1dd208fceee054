// Response schemas of the pay-later pool, its editions and pay-later licences (措施五).
import { Type, type Static } from 'typebox';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import {
  IP_TYPES,
  MATURITY_LEVELS,
  OWNERSHIP_MODES,
  RESULT_STATUSES,
  SECURITY_CLASSES,
} from '../../domain/constants/results.js';
import {
  PAYLATER_APPLICATION_STATUSES,
  PAYLATER_LICENCE_STATUSES,
  PAYLATER_PARTIES,
  PAYMENT_KINDS,
  PAYMENT_STATES,
  PAYMENT_STATUSES,
  PAYMENT_TIMINGS,
  POOL_EDITION_CHANGES,
  POOL_REASONS,
  POOL_REMOVAL_REASONS,
  POOL_RESULT_STATES,
} from '../../domain/constants/pool.js';
import { REGIONS } from '../../domain/constants/organisations.js';
import { paymentState } from '../../domain/paylater.js';
import type { PoolEdition, PoolEditionItem } from '../../db/schema/index.js';
import type { PayLaterLine } from '../ledger/paylater-bridge.js';
import { termsOf } from './paylater-common.js';
import {
  type ApplicationView as PayLaterApplicationViewData,
  type LicenceView as LicenceViewData,
} from './paylater-reads.js';
import { editionItemJson, editionMeta } from './editions.js';
import type { PoolItem, PoolStatusRow } from './service.js';
import { CalendarDate, DateTime, Enum, iso, Nullable, Uuid } from '../schemas.js';
import { IpItem } from '../results/views.js';

// ---- Pay-later pool and licences (措施五) ----

export const PoolItemView = Type.Object({
  resultId: Uuid,
  title: Type.String(),
  summary: Type.String(),
  field: Enum(INDUSTRY_FIELDS),
  maturity: Enum(MATURITY_LEVELS),
  inventors: Type.String(),
  ownership: Enum(OWNERSHIP_MODES),
  ipItems: Type.Array(IpItem),
  firstGrantDate: Nullable(CalendarDate),
  institution: Type.Object({ id: Uuid, name: Type.String(), region: Nullable(Enum(REGIONS)) }),
  reason: Enum(POOL_REASONS),
  includedAt: DateTime,
});

export function poolItemView(p: PoolItem): Static<typeof PoolItemView> {
  const r = p.result;
  return {
    resultId: r.id,
    title: r.title,
    summary: r.summary,
    field: r.field,
    maturity: r.maturity,
    inventors: r.inventors,
    ownership: r.ownership,
    ipItems: r.ipItems.map((i) => ({ type: i.type, number: i.number, title: i.title, grantDate: i.grantDate })),
    firstGrantDate: p.firstGrantDate,
    institution: p.institution,
    reason: p.entry.reason,
    includedAt: p.entry.includedAt.toISOString(),
  };
}

export const PoolStatusView = Type.Object({
  resultId: Uuid,
  title: Type.String(),
  field: Enum(INDUSTRY_FIELDS),
  securityClass: Enum(SECURITY_CLASSES),
  resultStatus: Enum(RESULT_STATUSES),
  firstGrantDate: Nullable(CalendarDate),
  state: Enum(POOL_RESULT_STATES),
  eligibleOn: Nullable(CalendarDate),
  entry: Nullable(Type.Object({ reason: Enum(POOL_REASONS), includedAt: DateTime })),
  optOut: Nullable(Type.Object({ reason: Type.String(), optedOutAt: DateTime })),
});

export function poolStatusView(s: PoolStatusRow): Static<typeof PoolStatusView> {
  return {
    resultId: s.resultId,
    title: s.title,
    field: s.field,
    securityClass: s.securityClass,
    resultStatus: s.resultStatus,
    firstGrantDate: s.firstGrantDate,
    state: s.state,
    eligibleOn: s.eligibleOn,
    entry: s.entry && { reason: s.entry.reason, includedAt: s.entry.includedAt.toISOString() },
    optOut: s.optOut && { reason: s.optOut.reason, optedOutAt: s.optOut.optedOutAt.toISOString() },
  };
}

export const EditionView = Type.Object({
  number: Type.Integer(),
  periodKey: Type.String(),
  publishedAt: DateTime,
  asOf: CalendarDate,
  entryCount: Type.Integer(),
  addedCount: Type.Integer(),
  removedCount: Type.Integer(),
});

export const editionView = (e: PoolEdition): Static<typeof EditionView> => editionMeta(e);

export const EditionItemView = Type.Object({
  resultId: Uuid,
  change: Enum(POOL_EDITION_CHANGES),
  title: Type.String(),
  institution: Type.Object({ id: Uuid, name: Type.String(), region: Nullable(Enum(REGIONS)) }),
  field: Enum(INDUSTRY_FIELDS),
  ipItems: Type.Array(Type.Object({ type: Enum(IP_TYPES), number: Type.String(), grantDate: Nullable(CalendarDate) })),
  firstGrantDate: Nullable(CalendarDate),
  reason: Enum(POOL_REASONS),
  includedAt: DateTime,
  removalReason: Nullable(Enum(POOL_REMOVAL_REASONS)),
  // 措施十五: the day the result became 涉密 after publication; a redacted row names nothing.
  redactedOn: Nullable(CalendarDate),
});

export const editionItemView = (i: PoolEditionItem): Static<typeof EditionItemView> => editionItemJson(i);

export const TermsView = Type.Object({
  feeFen: Nullable(Type.Integer()),
  royaltyBp: Nullable(Type.Integer()),
  paymentTiming: Enum(PAYMENT_TIMINGS),
  paymentDelayMonths: Type.Integer(),
  termYears: Type.Integer(),
  paymentConditions: Type.String(),
});

const Party = Type.Object({ id: Uuid, name: Type.String() });

export const PayLaterApplicationSummary = Type.Object({
  id: Uuid,
  status: Enum(PAYLATER_APPLICATION_STATUSES),
  result: Type.Object({ id: Uuid, title: Type.String() }),
  enterprise: Party,
  institution: Party,
  terms: TermsView,
  termsBy: Enum(PAYLATER_PARTIES),
  declineReason: Nullable(Type.String()),
  licenceId: Nullable(Uuid),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  decidedAt: Nullable(DateTime),
});

export const PayLaterApplicationDetail = Type.Object({
  ...PayLaterApplicationSummary.properties,
  offers: Type.Array(
    Type.Object({
      round: Type.Integer(),
      party: Enum(PAYLATER_PARTIES),
      terms: TermsView,
      message: Type.String(),
      createdAt: DateTime,
    }),
  ),
});

export function payLaterApplicationSummary(
  v: Omit<PayLaterApplicationViewData, 'offers'>,
): Static<typeof PayLaterApplicationSummary> {
  const a = v.application;
  return {
    id: a.id,
    status: a.status,
    result: v.result,
    enterprise: v.enterprise,
    institution: v.institution,
    terms: termsOf(a),
    termsBy: a.termsBy,
    declineReason: a.declineReason,
    licenceId: v.licenceId,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    decidedAt: iso(a.decidedAt),
  };
}

export function payLaterApplicationDetail(v: PayLaterApplicationViewData): Static<typeof PayLaterApplicationDetail> {
  return {
    ...payLaterApplicationSummary(v),
    offers: v.offers.map((o) => ({
      round: o.round,
      party: o.party,
      terms: termsOf(o),
      message: o.message,
      createdAt: o.createdAt.toISOString(),
    })),
  };
}

export const PaymentView = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  kind: Enum(PAYMENT_KINDS),
  amountFen: Nullable(Type.Integer()),
  dueOn: Nullable(CalendarDate),
  status: Enum(PAYMENT_STATUSES),
  state: Enum(PAYMENT_STATES),
  remindedAt: Nullable(DateTime),
  overdueAt: Nullable(DateTime),
  paidOn: Nullable(CalendarDate),
  paidAmountFen: Nullable(Type.Integer()),
  paidNote: Nullable(Type.String()),
});

export function paymentView(p: PayLaterLine, today: string): Static<typeof PaymentView> {
  return {
    id: p.id,
    seq: p.seq,
    kind: p.kind,
    amountFen: p.amountFen,
    dueOn: p.dueOn,
    status: p.status,
    state: paymentState(p, today),
    remindedAt: iso(p.remindedAt),
    overdueAt: iso(p.overdueAt),
    paidOn: p.paidOn,
    paidAmountFen: p.paidAmountFen,
    paidNote: p.paidNote,
  };
}

export const LicenceViewSchema = Type.Object({
  id: Uuid,
  applicationId: Uuid,
  status: Enum(PAYLATER_LICENCE_STATUSES),
  result: Type.Object({ id: Uuid, title: Type.String() }),
  enterprise: Party,
  institution: Party,
  terms: TermsView,
  signedOn: CalendarDate,
  firstSalesOn: Nullable(CalendarDate),
  payments: Type.Array(PaymentView),
  createdAt: DateTime,
});

export function licenceView(v: LicenceViewData, today: string): Static<typeof LicenceViewSchema> {
  const l = v.licence;
  return {
    id: l.id,
    applicationId: l.applicationId,
    status: l.status,
    result: v.result,
    enterprise: v.enterprise,
    institution: v.institution,
    terms: termsOf(l),
    signedOn: l.signedOn,
    firstSalesOn: l.firstSalesOn,
    payments: v.payments.map((p) => paymentView(p, today)),
    createdAt: l.createdAt.toISOString(),
  };
}
