// Response schemas and the mappers that fill them. Responses are allow-lists: only what is named
// here leaves the server, and private fields are blanked for viewers who may not see them.
import { Type, type Static } from 'typebox';
import { AUCTION_STATUSES } from '../../domain/auctions.js';
import {
  AFFILIATIONS,
  APPRAISAL_DECISIONS,
  INDUSTRY_FIELDS,
  INSTITUTION_TYPES,
  IP_TYPES,
  LISTING_KINDS,
  LISTING_STATUSES,
  MATCH_ROUTES,
  MATURITY_LEVELS,
  NOTIFICATION_KINDS,
  OBJECTION_STATUSES,
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
  PROPOSAL_STATUSES,
  REGIONS,
  RESULT_STATUSES,
  SECURITY_CLASSES,
  SIZE_CLASSES,
  SUPPORT_KINDS,
  TRANSACTION_TYPES,
  VERIFICATION_STATUSES,
} from '../../domain/constants.js';
import type {
  Auction,
  AuctionParticipant,
  Claim,
  Deal,
  Inquiry,
  Listing,
  Notification,
  Objection,
  Organisation,
  Proposal,
} from '../../db/schema/index.js';
import type { AuditRecord } from '../services/audit.js';
import type { ListingView } from '../services/listings.js';
import type { NoticeBoardEntry } from '../services/notices.js';
import { notificationMessage } from '../services/notifications.js';
import { paymentState } from '../../domain/paylater.js';
import type { PayLaterPayment, PoolEdition, PoolEditionItem } from '../../db/schema/index.js';
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
  // Only for the owner and operators (null elsewhere): why the listing was last rejected or taken down.
  rejectionCode: Nullable(Type.String()),
  rejectionText: Nullable(Type.String()),
});

export const ListingDetail = Type.Object({
  ...ListingSummary.properties,
  description: Type.String(),
  supportSought: Type.Array(Enum(SUPPORT_KINDS)),
  counterpartyName: Nullable(Type.String()),
  counterpartyOrgId: Nullable(Uuid),
  // The outcome once matched (措施四 makes the agreed price and counterparty public already).
  matchedName: Nullable(Type.String()),
  // The matched organisation when it is registered: the deal form reads its ownership (措施四, 措施十五).
  matchedOrgId: Nullable(Uuid),
  matchedPriceFen: Nullable(Type.Integer()),
  matchedAt: Nullable(DateTime),
  matchRoute: Nullable(Enum(MATCH_ROUTES)),
  contactName: Type.String(),
  contactPhone: Type.String(),
  resultId: Nullable(Uuid),
  result: Nullable(ListingResult),
  version: Type.Integer(),
  createdAt: DateTime,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function listingSummary(
  v: Pick<ListingView, 'listing' | 'organisation'> & { privileged?: boolean },
): Static<typeof ListingSummary> {
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
    rejectionCode: v.privileged ? l.rejectionCode : null,
    rejectionText: v.privileged ? l.rejectionText : null,
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
    counterpartyOrgId: l.counterpartyOrgId,
    matchedName: l.matchedName,
    matchedOrgId: l.matchedOrgId,
    matchedPriceFen: l.matchedPriceFen,
    matchedAt: iso(l.matchedAt),
    matchRoute: l.matchRoute,
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

// ---- Listing lifecycle: notice board, objections, claims, inquiries, proposals, deals ----

const OrgName = Type.Object({ id: Uuid, name: Type.String() });

export const NoticeBoardItem = Type.Object({
  listingId: Uuid,
  title: Type.String(),
  // 措施四: 公示科技成果名称和拟交易价格.
  resultTitle: Nullable(Type.String()),
  proposedPriceFen: Nullable(Type.Integer()),
  counterpartyName: Nullable(Type.String()),
  transactionTypes: Type.Array(Enum(TRANSACTION_TYPES)),
  field: Enum(INDUSTRY_FIELDS),
  region: Enum(REGIONS),
  noticeEndsAt: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  standingObjections: Type.Integer(),
  organisation: OrgName,
});

export function noticeBoardItem(e: NoticeBoardEntry): Static<typeof NoticeBoardItem> {
  const l = e.listing;
  return {
    listingId: l.id,
    title: l.title,
    resultTitle: e.resultTitle,
    proposedPriceFen: l.priceFen,
    counterpartyName: l.counterpartyName,
    transactionTypes: l.transactionTypes,
    field: l.field,
    region: l.region,
    noticeEndsAt: iso(l.noticeEndsAt),
    publishedAt: iso(l.publishedAt),
    standingObjections: e.standingObjections,
    organisation: e.organisation,
  };
}

export const ObjectionView = Type.Object({
  id: Uuid,
  listingId: Uuid,
  organisation: OrgName,
  reason: Type.String(),
  status: Enum(OBJECTION_STATUSES),
  responseText: Nullable(Type.String()),
  respondedAt: Nullable(DateTime),
  dismissalReason: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  createdAt: DateTime,
});

export function objectionView(o: Objection, organisationName: string): Static<typeof ObjectionView> {
  return {
    id: o.id,
    listingId: o.listingId,
    organisation: { id: o.organisationId, name: organisationName },
    reason: o.reason,
    status: o.status,
    responseText: o.responseText,
    respondedAt: iso(o.respondedAt),
    dismissalReason: o.dismissalReason,
    closedAt: iso(o.closedAt),
    createdAt: o.createdAt.toISOString(),
  };
}

export const ClaimView = Type.Object({
  id: Uuid,
  listingId: Uuid,
  organisation: OrgName,
  priceFen: Type.Integer(),
  note: Type.String(),
  createdAt: DateTime,
});

export function claimView(c: Claim, organisationName: string): Static<typeof ClaimView> {
  return {
    id: c.id,
    listingId: c.listingId,
    organisation: { id: c.organisationId, name: organisationName },
    priceFen: c.priceFen,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
  };
}

export const InquiryView = Type.Object({
  id: Uuid,
  listingId: Uuid,
  organisation: OrgName,
  message: Type.String(),
  contactName: Type.String(),
  contactPhone: Type.String(),
  createdAt: DateTime,
});

export function inquiryView(i: Inquiry, organisationName: string): Static<typeof InquiryView> {
  return {
    id: i.id,
    listingId: i.listingId,
    organisation: { id: i.organisationId, name: organisationName },
    message: i.message,
    contactName: i.contactName,
    contactPhone: i.contactPhone,
    createdAt: i.createdAt.toISOString(),
  };
}

export const ProposalView = Type.Object({
  id: Uuid,
  listingId: Uuid,
  organisation: OrgName,
  team: Type.String(),
  approach: Type.String(),
  timeline: Type.String(),
  quoteFen: Type.Integer(),
  status: Enum(PROPOSAL_STATUSES),
  decidedAt: Nullable(DateTime),
  enterpriseConfirmedAt: Nullable(DateTime),
  institutionConfirmedAt: Nullable(DateTime),
  createdAt: DateTime,
});

export function proposalView(p: Proposal, organisationName: string): Static<typeof ProposalView> {
  return {
    id: p.id,
    listingId: p.listingId,
    organisation: { id: p.organisationId, name: organisationName },
    team: p.team,
    approach: p.approach,
    timeline: p.timeline,
    quoteFen: p.quoteFen,
    status: p.status,
    decidedAt: iso(p.decidedAt),
    enterpriseConfirmedAt: iso(p.enterpriseConfirmedAt),
    institutionConfirmedAt: iso(p.institutionConfirmedAt),
    createdAt: p.createdAt.toISOString(),
  };
}

export const DealRecord = Type.Object({
  deal: Nullable(
    Type.Object({
      id: Uuid,
      listingId: Uuid,
      resultId: Uuid,
      counterpartyOrgId: Nullable(Uuid),
      counterpartyName: Type.String(),
      counterpartyOwnership: Enum(OWNERSHIP_TYPES),
      transactionType: Enum(TRANSACTION_TYPES),
      amountFen: Type.Integer(),
      appraisal: Enum(APPRAISAL_DECISIONS),
      basis: Type.String(),
      createdAt: DateTime,
    }),
  ),
  exportControl: Nullable(Type.Object({ note: Type.String(), createdAt: DateTime })),
});

export function dealRecord(d: Deal | null, ec: { note: string; createdAt: Date } | null): Static<typeof DealRecord> {
  return {
    deal: d && {
      id: d.id,
      listingId: d.listingId,
      resultId: d.resultId,
      counterpartyOrgId: d.counterpartyOrgId,
      counterpartyName: d.counterpartyName,
      counterpartyOwnership: d.counterpartyOwnership,
      transactionType: d.transactionType,
      amountFen: d.amountFen,
      appraisal: d.appraisal,
      basis: d.basis,
      createdAt: d.createdAt.toISOString(),
    },
    exportControl: ec && { note: ec.note, createdAt: ec.createdAt.toISOString() },
  };
}

/** The auction a listing window handed over to, as anyone may see it before the live room opens. */
export const HandOverAuction = Type.Object({
  id: Uuid,
  listingId: Uuid,
  status: Enum(AUCTION_STATUSES),
  startPriceFen: Type.Integer(),
  incrementFen: Type.Integer(),
  startsAt: DateTime,
  endsAt: DateTime,
  participantCount: Type.Integer(),
  // The viewer's own 竞买号 when it is a participant; the others stay hidden (DESIGN §9).
  myAlias: Nullable(Type.String()),
});

export function handOverAuction(
  a: Auction,
  participants: AuctionParticipant[],
  viewerOrgId: string | null,
): Static<typeof HandOverAuction> {
  return {
    id: a.id,
    listingId: a.listingId,
    status: a.status,
    startPriceFen: a.startPriceFen,
    incrementFen: a.incrementFen,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    participantCount: participants.length,
    myAlias: (viewerOrgId && participants.find((p) => p.organisationId === viewerOrgId)?.alias) ?? null,
  };
}

export const NotificationView = Type.Object({
  id: Uuid,
  kind: Enum(NOTIFICATION_KINDS),
  title: Type.String(),
  body: Type.String(),
  listingId: Nullable(Uuid),
  data: Type.Record(Type.String(), Type.Unknown()),
  readAt: Nullable(DateTime),
  createdAt: DateTime,
});

export function notificationView(n: Notification): Static<typeof NotificationView> {
  return notificationMessage(n);
}

export const ListingRef = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: Enum(LISTING_STATUSES),
  deadline: Nullable(DateTime),
  listingEndsAt: Nullable(DateTime),
});

export function listingRef(
  l: Pick<Listing, 'id' | 'title' | 'status' | 'deadline' | 'listingEndsAt'>,
): Static<typeof ListingRef> {
  return { id: l.id, title: l.title, status: l.status, deadline: iso(l.deadline), listingEndsAt: iso(l.listingEndsAt) };
}

export const MyClaim = Type.Object({ ...ClaimView.properties, listing: ListingRef });
export const MyProposal = Type.Object({ ...ProposalView.properties, listing: ListingRef });
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
