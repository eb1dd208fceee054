import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  DECISION_TYPES,
  DETERMINATION_CONCLUSIONS,
  DOCUMENT_KINDS,
  DOSSIER_SUBJECTS,
  type DecisionType,
  type DeterminationConclusion,
  type DocumentKind,
  type DossierSubject,
} from '../../domain/constants/dossiers.js';
import { createdAt, oneOf } from './columns.js';
import { organisations, users } from './organisations.js';

// 措施十四: evidence files. A stored document never changes (a new version is a new row and a new
// object); a trigger in the migrations refuses UPDATE and DELETE. `subject_id` has no foreign key
// because the subjects live in several tables (results, listings, and the ledger's).
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The institution whose dossier the document belongs to (the subject's owner).
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    subjectType: text('subject_type').$type<DossierSubject>().notNull(),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind').$type<DocumentKind>().notNull(),
    filename: text('filename').notNull(),
    // Read from the content (file-type), never from the name or the client's header.
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedByOrgId: uuid('uploaded_by_org_id').references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('documents_subject_check', oneOf(t.subjectType, DOSSIER_SUBJECTS)),
    check('documents_kind_check', oneOf(t.kind, DOCUMENT_KINDS)),
    check('documents_size_check', sql`${t.sizeBytes} > 0`),
    check('documents_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    // The documents of one subject, newest first.
    index('documents_subject_idx').on(t.subjectType, t.subjectId, t.createdAt),
    // An institution's dossier for a period.
    index('documents_org_idx').on(t.orgId, t.createdAt),
    index('documents_uploaded_by_idx').on(t.uploadedBy),
    index('documents_uploaded_by_org_idx').on(t.uploadedByOrgId),
  ],
);

// 措施十四: one record shape for every decision. Append-only (trigger); a correction is a new row
// whose `corrects_id` names the record it corrects.
export const decisionRecords = pgTable(
  'decision_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    subjectType: text('subject_type').$type<DossierSubject>().notNull(),
    subjectId: uuid('subject_id').notNull(),
    decisionType: text('decision_type').$type<DecisionType>().notNull(),
    /** What was decided, in a sentence. */
    summary: text('summary').notNull(),
    /** The decision's own data (mode, price in 分, appraisal choice, outcome …). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    decidedBy: uuid('decided_by').references(() => users.id),
    /** The decider's role in the institution, as the institution names it (e.g. 成果转化办公室主任). */
    decidedByRole: text('decided_by_role').notNull(),
    decisionBody: text('decision_body').notNull().default(''),
    meetingDate: date('meeting_date'),
    procedure: text('procedure').notNull().default(''),
    basis: text('basis').notNull(),
    documentIds: uuid('document_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    correctsId: uuid('corrects_id').references((): AnyPgColumn => decisionRecords.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('decision_records_subject_check', oneOf(t.subjectType, DOSSIER_SUBJECTS)),
    check('decision_records_type_check', oneOf(t.decisionType, DECISION_TYPES)),
    // 措施十四: a decision without basis is no record of diligence.
    check('decision_records_basis_check', sql`length(btrim(${t.basis})) > 0`),
    index('decision_records_subject_idx').on(t.subjectType, t.subjectId, t.createdAt),
    index('decision_records_org_idx').on(t.orgId, t.createdAt),
    index('decision_records_corrects_idx').on(t.correctsId),
    index('decision_records_decided_by_idx').on(t.decidedBy),
    index('decision_records_recorded_by_idx').on(t.recordedBy),
  ],
);

// Every exported dossier: its scope and the hash over its manifest, so a determination (and anyone
// holding the file) can tie a ZIP to what the platform issued.
export const dossierExports = pgTable(
  'dossier_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    resultId: uuid('result_id'),
    periodFrom: timestamp('period_from', { withTimezone: true }),
    periodTo: timestamp('period_to', { withTimezone: true }),
    manifestSha256: text('manifest_sha256').notNull(),
    files: bigint('files', { mode: 'number' }).notNull(),
    exportedBy: uuid('exported_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('dossier_exports_org_idx').on(t.orgId, t.createdAt),
    index('dossier_exports_hash_idx').on(t.manifestSha256),
    index('dossier_exports_exported_by_idx').on(t.exportedBy),
  ],
);

// 措施十四 认定: an oversight body's conclusion on one dossier, identified by its manifest hash.
export const determinations = pgTable(
  'determinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    dossierSha256: text('dossier_sha256').notNull(),
    conclusion: text('conclusion').$type<DeterminationConclusion>().notNull(),
    determinedOn: date('determined_on').notNull(),
    basis: text('basis').notNull(),
    determinedBy: uuid('determined_by').references(() => users.id),
    determinedByOrgId: uuid('determined_by_org_id').references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('determinations_conclusion_check', oneOf(t.conclusion, DETERMINATION_CONCLUSIONS)),
    check('determinations_basis_check', sql`length(btrim(${t.basis})) > 0`),
    check('determinations_hash_check', sql`${t.dossierSha256} ~ '^[0-9a-f]{64}$'`),
    index('determinations_org_idx').on(t.orgId, t.createdAt),
    index('determinations_determined_by_idx').on(t.determinedBy),
    index('determinations_determined_by_org_idx').on(t.determinedByOrgId),
  ],
);
