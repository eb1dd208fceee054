// Shapes of the lifecycle api's JSON (server/lifecycle/routes.ts, notifications.ts, views.ts).
import type { AppraisalDecision, ObjectionStatus, ProposalStatus } from '../../../../domain/constants/lifecycle.js';
import type { IndustryField, ListingStatus, TransactionType } from '../../../../domain/constants/listings.js';
import type { OwnershipType, Region } from '../../../../domain/constants/organisations.js';
import type { NotificationMessage } from '../../../../domain/notifications.js';

export interface OrgName {
  id: string;
  name: string;
}

export interface NoticeBoardItem {
  listingId: string;
  title: string;
  resultTitle: string | null;
  proposedPriceFen: number | null;
  counterpartyName: string | null;
  transactionTypes: TransactionType[];
  field: IndustryField;
  region: Region;
  noticeEndsAt: string | null;
  publishedAt: string | null;
  standingObjections: number;
  organisation: OrgName;
}

export interface Objection {
  id: string;
  listingId: string;
  organisation: OrgName;
  reason: string;
  status: ObjectionStatus;
  responseText: string | null;
  respondedAt: string | null;
  dismissalReason: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface Claim {
  id: string;
  listingId: string;
  organisation: OrgName;
  priceFen: number;
  note: string;
  createdAt: string;
}

export interface Inquiry {
  id: string;
  listingId: string;
  organisation: OrgName;
  message: string;
  contactName: string;
  contactPhone: string;
  createdAt: string;
}

export interface Proposal {
  id: string;
  listingId: string;
  organisation: OrgName;
  team: string;
  approach: string;
  timeline: string;
  quoteFen: number;
  status: ProposalStatus;
  decidedAt: string | null;
  enterpriseConfirmedAt: string | null;
  institutionConfirmedAt: string | null;
  createdAt: string;
}

export interface ListingRef {
  id: string;
  title: string;
  status: ListingStatus;
  deadline: string | null;
  listingEndsAt: string | null;
}

export interface MyProposal extends Proposal {
  listing: ListingRef;
}

export interface Reward {
  confirmed: boolean;
  note: string | null;
  confirmedAt: string | null;
}

export interface DealRecord {
  deal: {
    id: string;
    counterpartyOrgId: string | null;
    counterpartyName: string;
    counterpartyOwnership: OwnershipType;
    transactionType: TransactionType;
    amountFen: number;
    appraisal: AppraisalDecision;
    basis: string;
    createdAt: string;
  } | null;
  exportControl: { note: string; createdAt: string } | null;
}

export type Notification = NotificationMessage;

export interface NotificationPage {
  items: Notification[];
  total: number;
  page: number;
  pageSize: number;
  unreadCount: number;
}

/** The fields of ListingDetail the lifecycle panels read beyond ListingSummary. */
export interface LifecycleListing {
  id: string;
  kind: 'supply' | 'demand';
  title: string;
  status: ListingStatus;
  pricingMode: string | null;
  priceFen: number | null;
  transactionTypes: TransactionType[];
  counterpartyName: string | null;
  matchedName?: string | null;
  matchedOrgId?: string | null;
  matchedPriceFen?: number | null;
  listingEndsAt: string | null;
  noticeEndsAt: string | null;
  expiresAt: string | null;
  organisation: { id: string; name: string };
}
