// Response schemas of research results (职务科技成果) and their mapper.
import { Type, type Static } from 'typebox';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import {
  CO_OWNER_PARTIES,
  IP_TYPES,
  MATURITY_LEVELS,
  OWNERSHIP_MODES,
  RIGHTS_REVIEW_REASONS,
  SECURITY_CLASSES,
} from '../../domain/constants/results.js';
import type { ResultWithIp } from './service.js';
import { CalendarDate, DateTime, Enum, Nullable, Uuid } from '../schemas.js';

export const IpItem = Type.Object({
  type: Enum(IP_TYPES),
  number: Type.String(),
  title: Type.String(),
  grantDate: Nullable(CalendarDate),
});

export const CoOwner = Type.Object({ name: Type.String(), shareBp: Type.Integer(), party: Enum(CO_OWNER_PARTIES) });

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
  longTermUseStartsOn: Nullable(CalendarDate),
  longTermUseEndsOn: Nullable(CalendarDate),
  securityClass: Enum(SECURITY_CLASSES),
  separatelyManaged: Type.Boolean(),
  // Rights data stored before 措施一 was enforced, for the institution to complete (saving clears it).
  rightsReview: Nullable(Enum(RIGHTS_REVIEW_REASONS)),
  // 措施十五: when the institution confirmed the technology-export review of this result.
  exportControlConfirmedAt: Nullable(DateTime),
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
    longTermUseStartsOn: r.longTermUseStartsOn,
    longTermUseEndsOn: r.longTermUseEndsOn,
    securityClass: r.securityClass,
    separatelyManaged: r.separatelyManaged,
    rightsReview: r.rightsReview,
    exportControlConfirmedAt: r.exportControlConfirmedAt?.toISOString() ?? null,
    status: r.status,
    ipItems: r.ipItems.map((i) => ({ type: i.type, number: i.number, title: i.title, grantDate: i.grantDate })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
