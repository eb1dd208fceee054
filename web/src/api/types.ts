// Shapes of the api's JSON (camelCase). Enum-valued fields use the shared constants' types.
import type {
  Affiliation,
  InstitutionType,
  OrgKind,
  OwnershipType,
  Region,
  SizeClass,
  VerificationStatus,
} from '../../../domain/constants/organisations.js';
import type {
  IndustryField,
  ListingKind,
  ListingStatus,
  PricingMode,
  SupportKind,
  TransactionType,
} from '../../../domain/constants/listings.js';
import type { IpType, Maturity, OwnershipMode, SecurityClass } from '../../../domain/constants/results.js';
import type { MatchRoute } from '../../../domain/constants/lifecycle.js';

export type Role = 'enterprise' | 'institution' | 'operator';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  phone?: string | null;
}

export interface OrganisationSummary {
  id: string;
  kind: OrgKind;
  name: string;
  verificationStatus?: VerificationStatus;
}

export interface Session {
  user: User;
  organisation: OrganisationSummary | null;
  role: Role;
  csrfToken: string;
}

export interface Organisation extends OrganisationSummary {
  creditCode: string | null;
  region: Region | null;
  address: string;
  description: string;
  contactName: string;
  contactPhone: string;
  website: string;
  sizeClass: SizeClass | null;
  ownershipType: OwnershipType | null;
  institutionType: InstitutionType | null;
  affiliation: Affiliation | null;
  verificationStatus: VerificationStatus;
  verificationNote: string | null;
  createdAt?: string;
}

export interface Member {
  userId: string;
  displayName: string;
  email: string;
  role: string;
}

export interface MyOrganisation {
  organisation: Organisation;
  members: Member[];
}

export interface IpItem {
  type: IpType;
  number: string;
  title: string;
  grantDate: string | null;
}

export interface CoOwner {
  name: string;
  shareBp: number;
}

export interface ResultInput {
  title: string;
  summary: string;
  field: IndustryField;
  maturity: Maturity;
  inventors: string;
  ownership: OwnershipMode;
  coOwners: CoOwner[];
  longTermUseYears: number | null;
  longTermUseEndsOn: string | null;
  securityClass: SecurityClass;
  separatelyManaged: boolean;
  ipItems: IpItem[];
}

export interface ResearchResult extends ResultInput {
  id: string;
  status?: string;
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface ListingSummary {
  id: string;
  kind: ListingKind;
  title: string;
  summary: string;
  field: IndustryField;
  region: Region;
  status: ListingStatus;
  pricingMode: PricingMode | null;
  transactionTypes: TransactionType[];
  priceFen: number | null;
  deadline: string | null;
  noticeEndsAt: string | null;
  listingEndsAt: string | null;
  expiresAt: string | null;
  publishedAt: string | null;
  submittedAt?: string | null;
  rejectionCode?: string | null;
  rejectionText?: string | null;
  updatedAt?: string;
  organisation: { id: string; name: string; kind: OrgKind };
}

export interface ListingResult {
  id: string;
  title: string;
  maturity?: Maturity;
  ownership?: OwnershipMode;
  securityClass?: SecurityClass;
  ipItems?: IpItem[];
}

export interface ListingDetail extends ListingSummary {
  description: string;
  supportSought: SupportKind[];
  counterpartyName: string | null;
  matchedName?: string | null;
  matchedOrgId?: string | null;
  matchedPriceFen?: number | null;
  matchedAt?: string | null;
  matchRoute?: MatchRoute | null;
  contactName: string;
  contactPhone: string;
  result: ListingResult | null;
  rejectionCode?: string | null;
  rejectionText?: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  selectionEndsAt?: string | null;
}

export interface ListingInput {
  kind: ListingKind;
  title: string;
  summary: string;
  description: string;
  field: IndustryField;
  region: Region;
  resultId?: string | null;
  pricingMode?: PricingMode | null;
  transactionTypes: TransactionType[];
  priceFen: number | null;
  counterpartyName?: string | null;
  deadline?: string | null;
  supportSought?: SupportKind[];
  contactName: string;
  contactPhone: string;
}

export interface Stats {
  openDemands: number;
  publicSupply: number;
  institutions: number;
  enterprises: number;
}

export interface AuditEntry {
  id: number;
  action: string;
  actorName: string | null;
  actorOrgName?: string | null;
  beforeStatus: string | null;
  afterStatus: string | null;
  reason: string | null;
  details: unknown;
  createdAt: string;
}

export interface OperatorOrganisation extends Organisation {
  createdAt: string;
}

export interface OperatorListing extends ListingSummary {
  submittedAt: string | null;
}
