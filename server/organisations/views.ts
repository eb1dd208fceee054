// Response schemas of organisations and the mappers that fill them. Responses are allow-lists: only
// what is named here leaves the server; private fields are for the organisation and operators.
import { Type, type Static } from 'typebox';
import {
  AFFILIATIONS,
  DOMICILES,
  INSTITUTION_TYPES,
  ORG_KINDS,
  OWNERSHIP_TYPES,
  REGIONS,
  SIZE_CLASSES,
  VERIFICATION_STATUSES,
} from '../../domain/constants/organisations.js';
import type { Organisation } from '../../db/schema/index.js';
import { DateTime, Enum, Nullable, Uuid } from '../schemas.js';

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
  // 措施十五: where it is registered (the deal form and the export-control steps read it).
  domicile: Enum(DOMICILES),
  countryOrRegion: Nullable(Type.String()),
  institutionType: Nullable(Enum(INSTITUTION_TYPES)),
  affiliation: Nullable(Enum(AFFILIATIONS)),
  verificationStatus: Enum(VERIFICATION_STATUSES),
});

export const OrganisationPrivate = Type.Object({
  ...OrganisationPublic.properties,
  creditCode: Nullable(Type.String()),
  registrationNumber: Nullable(Type.String()),
  // Operators confirm the domicile of organisations the domicile migration could not be sure of.
  domicileReviewPending: Type.Boolean(),
  address: Type.String(),
  contactName: Type.String(),
  contactPhone: Type.String(),
  verificationNote: Nullable(Type.String()),
  verifiedAt: Nullable(DateTime),
  createdAt: DateTime,
});

export function organisationPublic(o: Organisation): Static<typeof OrganisationPublic> {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    region: o.region,
    description: o.description,
    website: o.website,
    sizeClass: o.sizeClass,
    ownershipType: o.ownershipType,
    domicile: o.domicile,
    countryOrRegion: o.countryOrRegion,
    institutionType: o.institutionType,
    affiliation: o.affiliation,
    verificationStatus: o.verificationStatus,
  };
}

export function organisationPrivate(o: Organisation): Static<typeof OrganisationPrivate> {
  return {
    ...organisationPublic(o),
    creditCode: o.creditCode,
    registrationNumber: o.registrationNumber,
    domicileReviewPending: o.domicileReviewPending,
    address: o.address,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    verificationNote: o.verificationNote,
    verifiedAt: o.verifiedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}
