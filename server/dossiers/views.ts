import { Type, type Static } from 'typebox';
import {
  DECISION_TYPES,
  DETERMINATION_CONCLUSIONS,
  DOCUMENT_KINDS,
  DOSSIER_SUBJECTS,
} from '../../domain/constants/dossiers.js';
import type { VerifyReport } from '../../platform/dossier/verify.js';
import { DateTime, Enum, iso, Nullable, Uuid } from '../schemas.js';
import type { DecisionRow } from './decisions.js';
import type { DocumentRow } from './documents.js';

export const DocumentView = Type.Object({
  id: Uuid,
  subjectType: Enum(DOSSIER_SUBJECTS),
  subjectId: Uuid,
  kind: Enum(DOCUMENT_KINDS),
  filename: Type.String(),
  mediaType: Type.String({ description: '按文件内容识别的类型' }),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ description: '文件内容的 SHA-256（十六进制）' }),
  uploadedBy: Nullable(Uuid),
  createdAt: DateTime,
});
export type DocumentView = Static<typeof DocumentView>;

export function documentView(d: DocumentRow): DocumentView {
  return {
    id: d.id,
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    kind: d.kind,
    filename: d.filename,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBy: d.uploadedBy,
    createdAt: d.createdAt.toISOString(),
  };
}

export const DecisionRecordView = Type.Object({
  id: Uuid,
  subjectType: Enum(DOSSIER_SUBJECTS),
  subjectId: Uuid,
  decisionType: Enum(DECISION_TYPES),
  summary: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  decidedBy: Nullable(Uuid),
  decidedByRole: Type.String(),
  decisionBody: Type.String(),
  meetingDate: Nullable(Type.String()),
  procedure: Type.String(),
  basis: Type.String(),
  documentIds: Type.Array(Uuid),
  correctsId: Nullable(Uuid),
  createdAt: DateTime,
});
export type DecisionRecordView = Static<typeof DecisionRecordView>;

export function decisionView(d: DecisionRow): DecisionRecordView {
  return {
    id: d.id,
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    decisionType: d.decisionType,
    summary: d.summary,
    details: d.details,
    decidedBy: d.decidedBy,
    decidedByRole: d.decidedByRole,
    decisionBody: d.decisionBody,
    meetingDate: d.meetingDate,
    procedure: d.procedure,
    basis: d.basis,
    documentIds: d.documentIds,
    correctsId: d.correctsId,
    createdAt: d.createdAt.toISOString(),
  };
}

export const DossierVerifyView = Type.Object({
  ok: Type.Boolean(),
  manifestSha256: Nullable(Type.String()),
  title: Nullable(Type.String()),
  files: Type.Integer(),
  bytes: Type.Integer(),
  changed: Type.Array(Type.String()),
  missing: Type.Array(Type.String()),
  unexpected: Type.Array(Type.String()),
  problems: Type.Array(Type.String()),
  /** Whether the platform issued a dossier with this manifest hash. */
  issuedByPlatform: Type.Boolean(),
});
export type DossierVerifyView = Static<typeof DossierVerifyView>;

export function verifyView(r: VerifyReport, issued: boolean): DossierVerifyView {
  return { ...r, issuedByPlatform: issued };
}

export const DeterminationView = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  dossierSha256: Type.String(),
  conclusion: Enum(DETERMINATION_CONCLUSIONS),
  determinedOn: Type.String({ format: 'date' }),
  basis: Type.String(),
  createdAt: DateTime,
});
export type DeterminationView = Static<typeof DeterminationView>;

export { iso };
