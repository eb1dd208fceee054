// Response schemas of the listing lifecycle: notice board, objections, claims, inquiries, proposals,
// deals and the hand-over to auction.
import { Type, type Static } from 'typebox';
import { AUCTION_STATUSES } from '../../domain/auctions.js';
import {
  APPRAISAL_DECISIONS,
  DEAL_PRICE_BASES,
  MATCH_ROUTES,
  OBJECTION_STATUSES,
  PROPOSAL_STATUSES,
} from '../../domain/constants/lifecycle.js';
import {
  INDUSTRY_FIELDS,
  LICENCE_SCOPES,
  LISTING_STATUSES,
  TRANSACTION_TYPES,
} from '../../domain/constants/listings.js';
import { DOMICILES, OWNERSHIP_TYPES, REGIONS } from '../../domain/constants/organisations.js';
import type {
  Auction,
  AuctionParticipant,
  Claim,
  Inquiry,
  Listing,
  Objection,
  Proposal,
} from '../../db/schema/index.js';
import type { DealView } from './deals.js';
import type { NoticeBoardEntry } from './notices.js';
import { DateTime, Enum, iso, Nullable, Uuid } from '../schemas.js';

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
  // Which notice of the listing it was filed against (a revised price is noticed again, 措施四).
  noticeRound: Type.Integer(),
  // Filed by a member of the owning institution (在本单位公示); such objections are seen by it and operators only.
  internal: Type.Boolean(),
  // The viewer filed it (a staff objection may be withdrawn only by the member who filed it).
  filedByYou: Type.Boolean(),
  responseText: Nullable(Type.String()),
  respondedAt: Nullable(DateTime),
  dismissalReason: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  createdAt: DateTime,
});

export function objectionView(
  o: Objection,
  organisationName: string,
  viewerUserId: string | null,
): Static<typeof ObjectionView> {
  return {
    id: o.id,
    listingId: o.listingId,
    organisation: { id: o.organisationId, name: organisationName },
    reason: o.reason,
    status: o.status,
    noticeRound: o.noticeRound,
    internal: o.internal,
    filedByYou: viewerUserId !== null && o.filedBy === viewerUserId,
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
      counterpartyDomicile: Enum(DOMICILES),
      // 措施四: the counterparty is the institution's own subsidiary (null: recorded before this was asked).
      counterpartyOwnSubsidiary: Nullable(Type.Boolean()),
      transactionType: Enum(TRANSACTION_TYPES),
      licenseScope: Nullable(Enum(LICENCE_SCOPES)),
      amountFen: Type.Integer(),
      // 措施四: which price bound the amount (unverified: recorded before the rule).
      priceBasis: Enum(DEAL_PRICE_BASES),
      appraisal: Enum(APPRAISAL_DECISIONS),
      basis: Type.String(),
      // 措施八: the acquiring enterprise confirmed implementation (落地).
      landingConfirmedAt: Nullable(DateTime),
      createdAt: DateTime,
    }),
  ),
  // 措施十五: the result's technology-export review, which covers all its listings.
  exportControl: Nullable(Type.Object({ note: Type.String(), createdAt: DateTime })),
  // 措施四: before the deal, the price it must be recorded at and why (null once recorded or before a match).
  binding: Nullable(
    Type.Object({
      basis: Enum(DEAL_PRICE_BASES),
      priceFen: Nullable(Type.Integer()),
      route: Nullable(Enum(MATCH_ROUTES)),
      reason: Type.String(),
    }),
  ),
});

export function dealRecord(v: DealView): Static<typeof DealRecord> {
  const d = v.deal;
  return {
    deal: d && {
      id: d.id,
      listingId: d.listingId,
      resultId: d.resultId,
      counterpartyOrgId: d.counterpartyOrgId,
      counterpartyName: d.counterpartyName,
      counterpartyOwnership: d.counterpartyOwnership,
      counterpartyDomicile: d.counterpartyDomicile,
      counterpartyOwnSubsidiary: d.counterpartyOwnSubsidiary,
      transactionType: d.transactionType,
      licenseScope: d.licenseScope,
      amountFen: d.amountFen,
      priceBasis: d.priceBasis,
      appraisal: d.appraisal,
      basis: d.basis,
      landingConfirmedAt: iso(d.landingConfirmedAt),
      createdAt: d.createdAt.toISOString(),
    },
    exportControl: v.exportControl && {
      note: v.exportControl.note,
      createdAt: v.exportControl.createdAt.toISOString(),
    },
    binding: d ? null : v.binding,
  };
}

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
