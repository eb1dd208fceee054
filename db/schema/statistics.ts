import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ANNUAL_REPORT_STATUSES,
  type AnnualReport,
  type AnnualReportStatus,
} from '../../domain/statistics/annual-report.js';
import type { StatMetric } from '../../domain/statistics/metrics.js';
import { createdAt, oneOf, updatedAt } from './columns.js';
import { organisations, users } from './organisations.js';

// 措施十三 statistics, kept current by the worker (server/statistics/rollup.ts) rather than computed
// from the ledger per request. One row per metric, month and combination of dimensions; the pages
// add rows together. Rebuilt month by month from the source tables, so it holds no truth of its own.
export const statCells = pgTable(
  'stat_cells',
  {
    metric: text('metric').$type<StatMetric>().notNull(),
    // First day of the Asia/Shanghai month.
    month: date('month').notNull(),
    // The organisation the figure belongs to: the institution (supply side, conversions, income,
    // proposals) or the enterprise (demands).
    organisationId: uuid('organisation_id'),
    orgUnitId: uuid('org_unit_id'),
    // Filled by metrics that have a researcher dimension (rewards, once researchers are on the platform).
    researcherId: uuid('researcher_id'),
    field: text('field'),
    region: text('region'),
    // The metric's own breakdown (listing kind and pricing mode, conversion route, auction outcome …);
    // '' when it has none.
    category: text('category').notNull().default(''),
    // Histogram metrics (days from listing to conversion): the value; 0 elsewhere.
    bucket: integer('bucket').notNull().default(0),
    count: bigint('count', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    // A second amount where an indicator compares two (an auction's start price beside its hammer price).
    baseFen: bigint('base_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    unique('stat_cells_key')
      .on(t.metric, t.month, t.organisationId, t.orgUnitId, t.researcherId, t.field, t.region, t.category, t.bucket)
      .nullsNotDistinct(),
    // Dashboards read one metric over a range of months, for one organisation or all.
    index('stat_cells_org_idx').on(t.organisationId, t.metric, t.month),
    index('stat_cells_metric_month_idx').on(t.metric, t.month),
  ],
);

// The same cells summed over fewer dimensions, rebuilt with them by the roll-up, so a dashboard that
// does not drill into units or researchers adds up a few hundred rows rather than the full cube.
// Levels keep: `organisation` the organisation and region (institution and department scopes, by
// organisation); `province` nothing (the province's figures by period); `region` the region alone (the
// province by region); `field` the organisation and field (by field). Each level at three grains:
// `month` (the first day of the month), `quarter` (its quarter's first day) and `year` (its January's
// first day), so a year's dashboard reads one cell per key instead of twelve and a quarter's one
// instead of three. The conversion category drops the counterparty type
// (only the annual report needs it, and it reads the cube). The days-to-conversion histogram is one
// cell per key with its values and counts as arrays (`buckets`, `bucket_counts`): as rows, its exact
// day values multiplied the cells by ~250 per institution and year (bench:stats: 242,510 cells for
// one year of 300 institutions, read whole by the province-by-institution dashboard).
export const STAT_LEVELS = ['organisation', 'province', 'region', 'field'] as const;
export type StatLevel = (typeof STAT_LEVELS)[number];
export const STAT_GRAINS = ['month', 'quarter', 'year'] as const;
export type StatGrain = (typeof STAT_GRAINS)[number];

export const statRollupCells = pgTable(
  'stat_rollup_cells',
  {
    level: text('level').$type<StatLevel>().notNull(),
    grain: text('grain').$type<StatGrain>().notNull(),
    metric: text('metric').$type<StatMetric>().notNull(),
    month: date('month').notNull(),
    organisationId: uuid('organisation_id'),
    region: text('region'),
    field: text('field'),
    category: text('category').notNull().default(''),
    count: bigint('count', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    baseFen: bigint('base_fen', { mode: 'number' }).notNull().default(0),
    // Histogram metrics: the values in ascending order and how often each occurs; null elsewhere.
    buckets: integer('buckets').array(),
    bucketCounts: bigint('bucket_counts', { mode: 'number' }).array(),
  },
  (t) => [
    unique('stat_rollup_cells_key')
      .on(t.level, t.grain, t.metric, t.month, t.organisationId, t.region, t.field, t.category)
      .nullsNotDistinct(),
    check('stat_rollup_cells_level', oneOf(t.level, STAT_LEVELS)),
    check('stat_rollup_cells_grain', oneOf(t.grain, STAT_GRAINS)),
    index('stat_rollup_cells_org_idx').on(t.level, t.grain, t.organisationId, t.metric, t.month),
    index('stat_rollup_cells_metric_month_idx').on(t.level, t.grain, t.metric, t.month),
  ],
);

// Months whose figures changed since the last roll-up, marked by triggers on the source tables
// (migration 00xx_statistics_triggers). `month` 0001-01-01 means "every month" (a dimension changed).
export const statDirty = pgTable(
  'stat_dirty',
  {
    source: text('source').notNull(),
    month: date('month').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.month] })],
);

// When the figures were last brought up to date: every page says "as of" this.
export const statRollups = pgTable('stat_rollups', {
  id: integer('id').primaryKey().default(1),
  asOf: timestamp('as_of', { withTimezone: true }).notNull(),
  monthsRebuilt: integer('months_rebuilt').notNull().default(0),
  durationMs: integer('duration_ms').notNull().default(0),
});

// 科技成果转化情况年度报告 (促进科技成果转化法第二十一条): one per institution and year. A draft is computed
// from the figures whenever it is read; submitting freezes the figures (`figures`, `asOf`) so what the
// supervisory department accepts is what was sent. Returning it to draft clears them.
export const annualReports = pgTable(
  'annual_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    status: text('status').$type<AnnualReportStatus>().notNull().default('draft'),
    // 技术转移机构建设情况: the institution's own words.
    office: text('office').notNull().default(''),
    figures: jsonb('figures').$type<AnnualReport>(),
    asOf: timestamp('as_of', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    // Why a department returned it (shown to the institution); null otherwise.
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('annual_reports_status_check', oneOf(t.status, ANNUAL_REPORT_STATUSES)),
    check('annual_reports_year_check', sql`${t.year} between 2000 and 2100`),
    check('annual_reports_frozen_check', sql`(${t.status} = 'draft') = (${t.figures} is null and ${t.asOf} is null)`),
    uniqueIndex('annual_reports_institution_year_key').on(t.institutionId, t.year),
    // The department archive: a year's reports of the institutions it oversees.
    index('annual_reports_year_idx').on(t.year, t.institutionId),
    index('annual_reports_submitted_by_idx').on(t.submittedBy),
    index('annual_reports_decided_by_idx').on(t.decidedBy),
  ],
);
