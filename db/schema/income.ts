// 措施二 (收益全部留归本单位): the income roll-ups of the conversion ledger (docs/ledger.md), kept from
// `payments` (db/schema/ledger.ts) by a trigger so the income report does not scan the payments.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, unique, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.js';
import { results } from './results.js';

/**
 * 措施二 income rolled up per institution and day of receipt: the sum and count of its `payments`,
 * kept by the trigger `payments_income_rollup` in the same transaction as every payment written,
 * moved or removed (migrations 0028 tables, 0029 trigger and backfill). The income report reads periods and totals from here, so an
 * institution with half a million payments is answered from a few thousand rows.
 */
export const incomeDays = pgTable(
  'income_days',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    day: date('day').notNull(),
    incomeFen: bigint('income_fen', { mode: 'number' }).notNull(),
    payments: integer('payments').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.day] }),
    check('income_days_amounts_check', sql`${t.incomeFen} >= 0 and ${t.payments} > 0`),
  ],
);

/**
 * 措施二 all-time income per institution and result (null: a demand's development contract without
 * a result), kept by the same trigger; the report's open-ended list per result reads its largest.
 */
export const incomeResults = pgTable(
  'income_results',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    resultId: uuid('result_id').references(() => results.id),
    incomeFen: bigint('income_fen', { mode: 'number' }).notNull(),
    payments: integer('payments').notNull(),
  },
  (t) => [
    unique('income_results_key').on(t.institutionId, t.resultId).nullsNotDistinct(),
    // The report's open-ended list per result: `order by income_fen desc, result_id limit 100` read
    // straight off the index (with the tie-break in it; without, every result of the institution was
    // read and sorted for the first 100).
    index('income_results_top_idx').on(t.institutionId, t.incomeFen.desc().nullsFirst(), t.resultId),
    check('income_results_amounts_check', sql`${t.incomeFen} >= 0 and ${t.payments} > 0`),
  ],
);
