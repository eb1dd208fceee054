// The API contract: every named shape the API sends or accepts, one TypeBox schema each, defined
// beside its area's routes. Two readers:
// - the OpenAPI document names these shapes as components (server/openapi/names.ts), so a client
//   generator gets the same type names;
// - the web app imports them as types only (`import type * as C from '…/server/contract.js'`,
//   `Static<typeof C.ListingDetail>`; web/src/api/types.ts) — the only server module it may import
//   (eslint.config.js), so its types are the server's and never retyped.
// A shape the web reads or a client should see by name belongs here, under the name it should carry.
import type { Static, TNull } from 'typebox';
import type { Page as PageOf } from './schemas.js';

/** A page of `T`, as `Page()` (server/schemas.ts) sends it. */
export type Page<T> = Omit<Static<ReturnType<typeof PageOf<TNull>>>, 'items'> & { items: T[] };

export { OrganisationRef, OrganisationPublic, OrganisationPrivate } from './organisations/views.js';
export { Member as OrganisationMember, MyOrganisation } from './organisations/routes.js';
export { SessionResponse as Session, RegisterBody, LoginBody } from './accounts/routes.js';
export {
  InvitationView as Invitation,
  InvitationLookup,
  AcceptBody as InvitationAcceptBody,
} from './researchers/routes.js';
export { Team, TeamMember, TeamBody, MyResult } from './researchers/team-routes.js';
export { GrantView, GrantAnswerView, FormalityView } from './rights/routes.js';
export { IpItem, CoOwner, ResultView as ResearchResult } from './results/views.js';
export { ResultBody } from './results/routes.js';
export { ListingResult, ListingSummary, ListingDetail } from './listings/views.js';
export { CreateBody as ListingCreateBody, PatchBody as ListingPatchBody } from './listings/routes.js';
export { AuditEntry } from './audit/views.js';
export {
  NoticeBoardItem,
  ObjectionView as Objection,
  ClaimView as Claim,
  InquiryView as Inquiry,
  ProposalView as Proposal,
  DealRecord,
  HandOverAuction,
  ListingRef,
  MyClaim,
  MyProposal,
} from './lifecycle/views.js';
export { Reward } from './lifecycle/demands-routes.js';
export { NotificationView as Notification } from './notifications/views.js';
export { NotificationPage, Unread as UnreadCount } from './notifications/routes.js';
export {
  PublicBid,
  PublicAuction,
  Viewer as AuctionViewer,
  AuctionDetail,
  Participant as AuctionParticipant,
  BidAccepted,
} from './auctions/views.js';
export { AuctionRecord } from './auctions/bid-routes.js';
export {
  PoolItemView as PoolItem,
  PoolStatusView as PoolStatus,
  EditionView as PoolEdition,
  EditionItemView as PoolEditionItem,
  TermsView as PayLaterTerms,
  PayLaterApplicationSummary,
  PayLaterApplicationDetail,
  PaymentView as PayLaterPayment,
  LicenceViewSchema as PayLaterLicence,
} from './pool/views.js';
export { OverdueItem as OverduePayment } from './pool/paylater-routes.js';
export { Stats } from './system/routes.js';
export { StatFigures } from './statistics/routes.js';
export {
  AnnualReportView,
  ArchiveEntry as AnnualReportArchiveEntry,
  FigureRecord,
} from './statistics/report-routes.js';
export { IncomeRecord, IncomeRecordPage, ListingRecord, ListingRecordPage } from './statistics/record-routes.js';
export {
  ContractView as LedgerContract,
  ConversionSummary,
  ConversionDetailView as ConversionDetail,
  ScheduleLineView as ScheduleLine,
  PaymentView as LedgerPayment,
  DueLine,
  IncomeReport,
  RegisterRowView as RegisterRow,
} from './ledger/views.js';
export {
  DocumentView as DossierDocument,
  DecisionRecordView as DecisionRecord,
  DeterminationView as Determination,
  DossierVerifyView as DossierVerifyReport,
} from './dossiers/views.js';
export { TrailEntry as InstitutionTrailEntry, DisclosureItem, Disclosure } from './dossiers/trail-routes.js';
export { CounterpartyOption } from './ledger/lookup-routes.js';
export {
  RemunerationPolicyView as RemunerationPolicy,
  RemunerationTermsView as RemunerationTerms,
  ConversionCostView as ConversionCost,
  RemunerationEntryView as RemunerationEntry,
  RemunerationQueueItem,
  RemunerationAwardView as RemunerationAward,
  RemunerationAwardResult,
  ConversionRemunerationView as ConversionRemuneration,
  RemunerationStatementItem,
  RemunerationStatement,
} from './remuneration/views.js';
