// Response schemas of research results (职务科技成果) and their mapper.
import { Type, type Static } from 'typebox';
import { INDUSTRY_FIELDS } from '../../domain/constants/listings.js';
import { IP_TYPES, MATURITY_LEVELS, OWNERSHIP_MODES, SECURITY_CLASSES } from '../../domain/constants/results.js';
import type { ResultWithIp } from './service.js';
import { CalendarDate, DateTime, Enum, Nullable, Uuid } from '../schemas.js';

export const IpItem = Type.Object({
  type: Enum(IP_TYPES),
  number: Type.String(),
  title: Type.String(),
  grantDate: Nullable(CalendarDate),
});

export const CoOwner = Type.Object({ name: Type.String(), shareBp: Type.Integer() });

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
  longTermUseYears: Nullable(Type.Integer()),
  longTermUseEndsOn: Nullable(CalendarDate),
  securityClass: Enum(SECURITY_CLASSES),
  separatelyManaged: Type.Boolean(),
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
    longTermUseYears: r.longTermUseYears,
    longTermUseEndsOn: r.longTermUseEndsOn,
    securityClass: r.securityClass,
    separatelyManaged: r.separatelyManaged,
    status: r.status,
    ipItems: r.ipItems.map((i) => ({ type: i.type, number: i.number, title: i.title, grantDate: i.grantDate })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
