import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';

// Issue 21: the domain thesaurus, edited by operators (server/search/thesaurus.ts). Seeded from
// search/thesaurus-data*.ts by its migration; from then on this table is what queries expand with.
// A deleted entry stays as a row (deleted_at) so the change log can show it. Every write takes a new
// `revision` from one sequence: `max(revision)` tells every process whether its cached copy is current.
export const thesaurusRevision = pgSequence('thesaurus_revision_seq');

export const thesaurusEntries = pgTable(
  'thesaurus_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** An industry field (domain/constants/listings.ts) or 'general'. */
    field: text('field').notNull(),
    /** Normalised words (NFKC, lower case, simplified); two or more, distinct. */
    words: text('words').array().notNull(),
    /** Only words[0] expands (to the others); the others do not find it. */
    oneWay: boolean('one_way').notNull().default(false),
    revision: bigint('revision', { mode: 'number' })
      .notNull()
      .default(sql`nextval('thesaurus_revision_seq')`),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('thesaurus_entries_two_words', sql`cardinality(${t.words}) >= 2`),
    index('thesaurus_entries_revision_idx').on(t.revision),
  ],
);

// Issue 21: queries that found nothing, normalised (the words actually searched, without numbers
// long enough to be a phone or an id, without e-mail addresses): no user, no session, no address.
// Rows older than 30 days are dropped by the nightly maintenance (workers/maintenance.ts).
export const searchZeroResults = pgTable(
  'search_zero_results',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    query: text('query').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('search_zero_results_created_idx').on(t.createdAt, t.query)],
);
