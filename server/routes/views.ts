// Response schemas and the mappers that fill them. Responses are allow-lists: only what is named
// here leaves the server, and private fields are blanked for viewers who may not see them.
import { Type, type Static } from 'typebox';
import {
  AFFILIATIONS,
  INDUSTRY_FIELDS,
  INSTITUTION_TYPES,
  IP_TYPES,
  LISTING_KINDS,
  LISTING_STATUSES,
  MATURITY_LEVELS,
  ORG_KINDS,
  OWNERSHIP_MODES,
  OWNERSHIP_TYPES,
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
  PRICING_MODES,
  REGIONS,
  RESULT_STATUSES,
  SECURITY_CLASSES,
  SIZE_CLASSES,
  SUPPORT_KINDS,
  TRANSACTION_TYPES,
  VERIFICATION_STATUSES,
} from '../../domain/constants.js';
import { paymentState } from '../../domain/paylater.js';
import type { Organisation, PayLaterPayment, PoolEdition, PoolEditionItem } from '../../db/schema/index.js';
import type { AuditRecord } from '../services/audit.js';
import type { ListingView } from '../services/listings.js';
import {
  termsOf,
  type ApplicationView as PayLaterApplicationViewData,
  type LicenceView as LicenceViewData,
} from '../services/paylater.js';
import { editionItemJson, editionMeta } from '../services/pool-editions.js';
import type { PoolItem, PoolStatusRow } from '../services/pool.js';
import type { ResultWithIp } from '../services/results.js';
import { CalendarDate, DateTime, Enum, Nullable, Uuid } from '../schemas.js';

export const OrganisationRef = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Enum(ORG_KINDS),
  region: Nullable(Enum(REGIONS)),
});

export const OrganisationPublic = Type.Object({
  id: Uuid,
  kind: Enum(ORG_KINDS),
  name: Type.String(),
  region: Nullable(Enum(REGIONS)),
  description: Type.String(),
  website: Type.String(),
  sizeClass: Nullable(Enum(SIZE_CLASSES)),
  ownershipType: Nullable(Enum(OWNERSHIP_TYPES)),
  institutionType: Nullable(Enum(INSTITUTION_TYPES)),
  affiliation: Nullable(Enum(AFFILIATIONS)),
  verificationStatus: Enum(VERIFICATION_STATUSES),
});

export const OrganisationPrivate = Type.Object({
  ...OrganisationPublic.properties,
  creditCode: Nullable(Type.String()),
  address: Type.String(),
  contactName: Type.String(),
  contactPhone: Type.String(),
  verificationNote: Nullable(Type.String()),
  verifiedAt: Nullable(DateTime),
  createdAt: DateTime,
});

export function organisationPrivate(o: Organisation): Static<typeof OrganisationPrivate> {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    region: o.region,
    description: o.description,
    website: o.website,
    sizeClass: o.sizeClass,
    ownershipType: o.ownershipType,
    institutionType: o.institutionType,
    affiliation: o.affiliation,
    verificationStatus: o.verificationStatus,
    creditCode: o.creditCode,
    address: o.address,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    verificationNote: o.verificationNote,
    verifiedAt: o.verifiedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}

export const IpItem = Type.Object({
  type: Enum(IP_TYPES),
  number: Type.String(),
  title: Type.String(),
  grantDate: Nullable(CalendarDate),
});

export const CoOwner = Type.Object({ name: Type.String(), shareBp: Type.Integer() });

export const ResultView = Type.Object({
  id: Uuid,
  institutionId: Uuid,
  title: Type.String(),
  summary: Type.String(),
  field: Enum(INDUSTRY_FIELDS),
  maturity: Enum(MATURITY_LEVELS),
  inventors: Type.String(),
  ownership: Enum(OWNERSHIP_MODES),
  coOwners: Type.Array(CoOwner),
  longTermUseYears: Nullable(Type.Integer()),
  longTermUseEndsOn: Nullable(CalendarDate),
  securityClass: Enum(SECURITY_CLASSES),
  separatelyManaged: Type.Boolean(),
  status: Type.String(),
  ipItems: Type.Array(IpItem),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export function resultView(r: ResultWithIp): Static<typeof ResultView> {
  return {
    id: r.id,
    institutionId: r.institutionId,
    title: r.title,
    summary: r.summary,
    field: r.field,
    maturity: r.maturity,
    inventors: r.inventors,
    ownership: r.ownership,
    coOwners: r.coOwners,
    longTermUseYears: r.longTermUseYears,
    longTermUseEndsOn: r.longTermUseEndsOn,
    securityClass: r.securityClass,
    separatelyManaged: r.separatelyManaged,
    status: r.status,
    ipItems: r.ipItems.map((i) => ({ type: i.type, number: i.number, title: i.title, grantDate: i.grantDate })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** What the public sees of the result behind a supply listing. */
export const ListingResult = Type.Object({
  id: Uuid,
  title: Type.String(),
  summary: Type.String(),
  maturity: Enum(MATURITY_LEVELS),
  inventors: Type.String(),
  ownership: Enum(OWNERSHIP_MODES),
  securityClass: Enum(SECURITY_CLASSES),
  separatelyManaged: Type.Boolean(),
  ipItems: Type.Array(IpItem),
});

export const ListingSummary = Type.Object({
  id: Uuid,
  kind: Enum(LISTING_KINDS),
  title: Type.String(),
  summary: Type.String(),
  field: Enum(INDUSTRY_FIELDS),
  region: Enum(REGIONS),
  status: Enum(LISTING_STATUSES),
  pricingMode: Nullable(Enum(PRICING_MODES)),
  transactionTypes: Type.Array(Enum(TRANSACTION_TYPES)),
  priceFen: Nullable(Type.Integer()),
  deadline: Nullable(DateTime),
  noticeEndsAt: Nullable(DateTime),
  listingEndsAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
  selectionEndsAt: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  submittedAt: Nullable(DateTime),
  updatedAt: DateTime,
  organisation: OrganisationRef,
});

export const ListingDetail = Type.Object({
  ...ListingSummary.properties,
  description: Type.String(),
  supportSought: Type.Array(Enum(SUPPORT_KINDS)),
  counterpartyName: Nullable(Type.String()),
  contactName: Type.String(),
  contactPhone: Type.String(),
  resultId: Nullable(Uuid),
  result: Nullable(ListingResult),
  rejectionCode: Nullable(Type.String()),
  rejectionText: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: DateTime,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function listingSummary(v: Pick<ListingView, 'listing' | 'organisation'>): Static<typeof ListingSummary> {
  const l = v.listing;
  return {
    id: l.id,
    kind: l.kind,
    title: l.title,
    summary: l.summary,
    field: l.field,
    region: l.region,
    status: l.status,
    pricingMode: l.pricingMode,
    transactionTypes: l.transactionTypes,
    priceFen: l.priceFen,
    deadline: iso(l.deadline),
    noticeEndsAt: iso(l.noticeEndsAt),
    listingEndsAt: iso(l.listingEndsAt),
    expiresAt: iso(l.expiresAt),
    selectionEndsAt: iso(l.selectionEndsAt),
    publishedAt: iso(l.publishedAt),
    submittedAt: iso(l.submittedAt),
    updatedAt: l.updatedAt.toISOString(),
    organisation: {
      id: v.organisation.id,
      name: v.organisation.name,
      kind: v.organisation.kind as Static<typeof OrganisationRef>['kind'],
      region: v.organisation.region as Static<typeof OrganisationRef>['region'],
    },
  };
}

export function listingDetail(v: ListingView): Static<typeof ListingDetail> {
  const l = v.listing;
  const r = v.result;
  return {
    ...listingSummary(v),
    description: l.description,
    supportSought: l.supportSought,
    counterpartyName: l.counterpartyName,
    contactName: l.contactName,
    contactPhone: l.contactPhone,
    resultId: l.resultId,
    result: r && {
      id: r.id,
      title: r.title,
      summary: r.summary,
      maturity: r.maturity,
      inventors: r.inventors,
      ownership: r.ownership,
      securityClass: r.securityClass,
      separatelyManaged: r.separatelyManaged,
      ipItems: r.ipItems.map((i) => ({ type: i.type, number: i.number, title: i.title, grantDate: i.grantDate })),
    },
    // Moderation reasons are between the platform and the owner.
    rejectionCode: v.privileged ? l.rejectionCode : null,
    rejectionText: v.privileged ? l.rejectionText : null,
    version: l.version,
    createdAt: l.createdAt.toISOString(),
  };
}

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actorName: Nullable(Type.String()),
  actorOrgName: Nullable(Type.String()),
  beforeStatus: Nullable(Type.String()),
  afterStatus: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});

export function auditEntry(a: AuditRecord): Static<typeof AuditEntry> {
  return {
    id: a.id,
    action: a.action,
    actorName: a.actorUserId ? a.actorName : '系统',
    actorOrgName: a.actorOrgName,
    beforeStatus: a.beforeStatus,
    afterStatus: a.afterStatus,
    reason: a.reason,
    details: a.details,
    createdAt: a.createdAt.toISOString(),
  };
}

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

export function paymentView(p: PayLaterPayment, today: string): Static<typeof PaymentView> {
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
