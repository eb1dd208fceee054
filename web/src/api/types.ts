// The API's shapes as the web app reads them: the server's own schemas (server/contract.ts) as
// types, never retyped. A server change the web does not follow fails `npm run typecheck`
// (test/contract/web-drift.test.ts shows it does).
import type { Static } from 'typebox';
import type * as C from '../../../server/contract.js';

export type { Page } from '../../../server/contract.js';

export type Session = Static<typeof C.Session>;
export type Role = Session['role'];
export type User = Session['user'];
export type Invitation = Static<typeof C.Invitation>;
export type InvitationLookup = Static<typeof C.InvitationLookup>;
export type MyResult = Static<typeof C.MyResult>;
export type Grant = Static<typeof C.GrantView>;
export type Formality = Static<typeof C.FormalityView>;
export type Organisation = Static<typeof C.OrganisationPrivate>;
export type OrganisationSummary = Pick<Organisation, 'id' | 'kind' | 'name' | 'verificationStatus'>;
export type OperatorOrganisation = Organisation;
export type Member = Static<typeof C.OrganisationMember>;
export type MyOrganisation = Static<typeof C.MyOrganisation>;

export type IpItem = Static<typeof C.IpItem>;
export type CoOwner = Static<typeof C.CoOwner>;
export type ResultInput = Static<typeof C.ResultBody>;
export type ResearchResult = Static<typeof C.ResearchResult>;

export type ListingSummary = Static<typeof C.ListingSummary>;
export type ListingResult = Static<typeof C.ListingResult>;
export type ListingDetail = Static<typeof C.ListingDetail>;
export type ListingInput = Static<typeof C.ListingCreateBody>;
export type OperatorListing = ListingSummary;

export type Stats = Static<typeof C.Stats>;
export type AuditEntry = Static<typeof C.AuditEntry>;

export type DossierDocument = Static<typeof C.DossierDocument>;
export type DecisionRecord = Static<typeof C.DecisionRecord>;
export type Determination = Static<typeof C.Determination>;
export type DossierVerifyReport = Static<typeof C.DossierVerifyReport>;
export type InstitutionTrailEntry = Static<typeof C.InstitutionTrailEntry>;
export type Disclosure = Static<typeof C.Disclosure>;
export type DisclosureItem = Static<typeof C.DisclosureItem>;
