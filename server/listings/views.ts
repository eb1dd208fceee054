// Response schemas of listings and their mappers. Responses are allow-lists: only what is named here
// leaves the server, and private fields are blanked for viewers who may not see them.
import { Type, type Static } from 'typebox';
import {
  INDUSTRY_FIELDS,
  LICENCE_SCOPES,
  LISTING_KINDS,
  LISTING_STATUSES,
  PRICING_MODES,
  SUPPORT_KINDS,
  TRANSACTION_TYPES,
} from '../../domain/constants/listings.js';
import { MATCH_ROUTES } from '../../domain/constants/lifecycle.js';
import { MATURITY_LEVELS, OWNERSHIP_MODES, SECURITY_CLASSES } from '../../domain/constants/results.js';
import { REGIONS } from '../../domain/constants/organisations.js';
import type { ListingView } from './reads.js';
import { DateTime, Enum, iso, Nullable, Uuid } from '../schemas.js';
import { OrganisationRef } from '../organisations/views.js';
import { IpItem } from '../results/views.js';

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
  licenseScope: Nullable(Enum(LICENCE_SCOPES)),
  priceFen: Nullable(Type.Integer()),
  // Demand: the budget (榜额) is negotiable (面议).
  budgetNegotiable: Type.Boolean(),
  deadline: Nullable(DateTime),
  noticeEndsAt: Nullable(DateTime),
  // 措施四: the institution's decision after a standing objection is due by then (status objection_review).
  objectionDecisionEndsAt: Nullable(DateTime),
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
  // Which public notice runs (or ran last): a revised price is noticed again (措施四).
  noticeRound: Type.Integer(),
  // Personal contact data: only for signed-in members of verified organisations (个人信息保护法, 最小必要).
  contactVisible: Type.Boolean({ description: '联系人和电话是否向当前访问者显示（仅已认证机构的登录成员可见）' }),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  resultId: Nullable(Uuid),
  result: Nullable(ListingResult),
  version: Type.Integer(),
  createdAt: DateTime,
});

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
    licenseScope: l.licenseScope,
    priceFen: l.priceFen,
    budgetNegotiable: l.budgetNegotiable,
    deadline: iso(l.deadline),
    noticeEndsAt: iso(l.noticeEndsAt),
    objectionDecisionEndsAt: iso(l.objectionDecisionEndsAt),
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
    noticeRound: l.noticeRound,
    contactVisible: v.contactVisible,
    contactName: v.contactVisible ? l.contactName : null,
    contactPhone: v.contactVisible ? l.contactPhone : null,
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
