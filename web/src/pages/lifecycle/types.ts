// The lifecycle api's shapes (notice, claims, showcase, demands, deals, notifications): the server's
// schemas as types (server/contract.ts), never retyped.
import type { Static } from 'typebox';
import type * as C from '../../../../server/contract.js';
import type { ListingDetail } from '../../api/types.js';

export type NoticeBoardItem = Static<typeof C.NoticeBoardItem>;
export type Objection = Static<typeof C.Objection>;
export type OrgName = Objection['organisation'];
export type Claim = Static<typeof C.Claim>;
export type Inquiry = Static<typeof C.Inquiry>;
export type Proposal = Static<typeof C.Proposal>;
export type ListingRef = Static<typeof C.ListingRef>;
export type MyProposal = Static<typeof C.MyProposal>;
export type Reward = Static<typeof C.Reward>;
export type DealRecord = Static<typeof C.DealRecord>;
export type Notification = Static<typeof C.Notification>;
export type NotificationPage = Static<typeof C.NotificationPage>;

/** The fields of ListingDetail the lifecycle panels read. */
export type LifecycleListing = Pick<
  ListingDetail,
  | 'id'
  | 'kind'
  | 'title'
  | 'status'
  | 'pricingMode'
  | 'priceFen'
  | 'transactionTypes'
  | 'licenseScope'
  | 'counterpartyName'
  | 'counterpartyOrgId'
  | 'matchedName'
  | 'matchedOrgId'
  | 'matchedPriceFen'
  | 'listingEndsAt'
  | 'noticeEndsAt'
  | 'objectionDecisionEndsAt'
  | 'noticeRound'
  | 'resultId'
  | 'expiresAt'
  | 'organisation'
>;
