// Response schemas of the listing lifecycle: notice board, objections, claims, inquiries, proposals,
// deals and the hand-over to auction.
import { Type, type Static } from 'typebox';
import { AUCTION_STATUSES } from '../../domain/auctions.js';
import { APPRAISAL_DECISIONS, OBJECTION_STATUSES, PROPOSAL_STATUSES } from '../../domain/constants/lifecycle.js';
import { INDUSTRY_FIELDS, LISTING_STATUSES, TRANSACTION_TYPES } from '../../domain/constants/listings.js';
import { OWNERSHIP_TYPES, REGIONS } from '../../domain/constants/organisations.js';
import type {
  Auction,
  AuctionParticipant,
  Claim,
  Deal,
  Inquiry,
  Listing,
  Objection,
  Proposal,
} from '../../db/schema/index.js';
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
