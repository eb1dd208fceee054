// 科技成果转化情况年度报告 for an institution and a year (促进科技成果转化法第二十一条; 财科教〔2017〕22号):
// figures from the summary cells (never a ledger scan), the equity register of the year, the
// institution's own text on its technology-transfer office; its status draft → submitted → accepted
// (domain/statistics/annual-report.ts). A submitted report keeps the figures it was sent with.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, MemberActor, OversightActor } from '../../domain/actor.js';
import type { ConversionType } from '../../domain/constants/ledger.js';
import { AppError } from '../../domain/errors.js';
import {
  buildAnnualReport,
  reportTransition,
  type AnnualReport,
  type AnnualReportAction,
  type AnnualReportStatus,
  type ConversionCell,
  type CounterpartyType,
  type IncomeCell,
} from '../../domain/statistics/annual-report.js';
import { monthOf } from '../../domain/statistics/periods.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { annualReports, equityStakes, organisations, oversightLinks } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import { METRIC_SOURCES } from './all-sources.js';
import { asOf, scopeOf } from './service.js';

export interface AnnualReportView {
  institution: { id: string; name: string };
  year: number;
  status: AnnualReportStatus;
  office: string;
  /** The figures' time: the roll-up's for a draft, the submission's snapshot otherwise. */
  asOf: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  returnReason: string | null;
  version: number;
  report: AnnualReport;
}

async function institutionInScope(db: DbOrTx, actor: Actor, institutionId: string) {
  const scope = await scopeOf(db, actor);
  if (scope !== 'all' && !scope.includes(institutionId)) throw new AppError('STATS_OUT_OF_SCOPE');
  const [org] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, institutionId), eq(organisations.kind, 'institution')));
  if (!org) throw new AppError('ORG_NOT_FOUND');
  return org;
}

type CellRow = {
  metric: string;
  year: number;
  category: string;
  field: string | null;
  count: string;
  amount: string;
};

/** The report's figures for a year, computed now from the summary cells. */
export async function computeReport(
  db: DbOrTx,
  institution: { id: string; name: string },
  year: number,
  office: string,
): Promise<AnnualReport> {
  const { rows } = await db.execute<CellRow>(sql`
    select metric, extract(year from month)::int as year, category, field,
      sum(count)::text as count, sum(amount_fen)::text as amount
    from stat_cells
    where organisation_id = ${institution.id} and metric in ('conversion', 'income_received')
      and month >= ${`${year - 1}-01-01`}::date and month <= ${`${year}-12-01`}::date
    group by 1, 2, 3, 4`);
  const empty = () => ({ conversions: [] as ConversionCell[], income: [] as IncomeCell[] });
  const current = empty();
  const previous = empty();
  for (const r of rows) {
    const into = r.year === year ? current : previous;
    const parts = r.category.split('|');
    const transactionType = parts[1] as ConversionType;
    if (r.metric === 'conversion') {
      into.conversions.push({
        transactionType,
        counterparty: (parts[2] ?? 'other') as CounterpartyType,
        field: r.field,
        count: Number(r.count),
        amountFen: Number(r.amount),
      });
    } else {
      into.income.push({ transactionType, amountFen: Number(r.amount) });
    }
  }
  const equity = await db
    .select({
      companyName: equityStakes.companyName,
      stakeBp: equityStakes.stakeBp,
      valuationFen: equityStakes.valuationFen,
      acquiredOn: equityStakes.acquiredOn,
      status: equityStakes.status,
    })
    .from(equityStakes)
    .where(
      and(
        eq(equityStakes.institutionId, institution.id),
        sql`${equityStakes.acquiredOn} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`,
      ),
    )
    .orderBy(equityStakes.acquiredOn);
  return buildAnnualReport({
    year,
    institutionName: institution.name,
    current,
    previous,
    rewards: await rewardsOf(db, institution.id, year),
    equity,
    office,
  });
}

// 措施十二 rewards paid to researchers: the `reward_paid` metric source (researcher-sources.ts, fed by
// server/remuneration's paid cash entries). Without that source the report says the figure is missing.
async function rewardsOf(db: DbOrTx, institutionId: string, year: number) {
  if (!METRIC_SOURCES.some((s) => s.metric === 'reward_paid')) return null;
  const { rows } = await db.execute<{ amount: string; previous: string; people: string }>(sql`
    select
      coalesce(sum(amount_fen) filter (where month >= ${`${year}-01-01`}::date), 0)::text as amount,
      coalesce(sum(amount_fen) filter (where month < ${`${year}-01-01`}::date), 0)::text as previous,
      count(distinct researcher_id) filter (where month >= ${`${year}-01-01`}::date)::text as people
    from stat_cells
    where metric = 'reward_paid' and organisation_id = ${institutionId}
      and month >= ${`${year - 1}-01-01`}::date and month <= ${`${year}-12-01`}::date`);
  const r = rows[0]!;
  return { amountFen: Number(r.amount), people: Number(r.people), previousAmountFen: Number(r.previous) };
}

/** The report as the viewer may read it: its own institution, an overseen one, or any for operators. */
export async function readReport(
  db: DbOrTx,
  actor: Actor,
  institutionId: string,
  year: number,
): Promise<AnnualReportView> {
  const institution = await institutionInScope(db, actor, institutionId);
  const [row] = await db
    .select()
    .from(annualReports)
    .where(and(eq(annualReports.institutionId, institutionId), eq(annualReports.year, year)));
  const status = row?.status ?? 'draft';
  const office = row?.office ?? '';
  const frozen = status !== 'draft' && row?.figures;
  return {
    institution,
    year,
    status,
    office,
    asOf: frozen ? (row.asOf?.toISOString() ?? null) : ((await asOf(db))?.toISOString() ?? null),
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    decidedAt: row?.decidedAt?.toISOString() ?? null,
    returnReason: row?.returnReason ?? null,
    version: row?.version ?? 0,
    report: frozen ? row.figures! : await computeReport(db, institution, year, office),
  };
}

/** The institution saves its draft's own text (技术转移机构建设情况). */
export async function saveDraft(db: Db, actor: MemberActor, year: number, office: string, now: Date): Promise<void> {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  await db.transaction(async (tx) => {
    const row = await lockRow(tx, actor.orgId, year);
    if (row && row.status !== 'draft') throw new AppError('ANNUAL_REPORT_STATE');
    await tx
      .insert(annualReports)
      .values({ institutionId: actor.orgId, year, office })
      .onConflictDoUpdate({
        target: [annualReports.institutionId, annualReports.year],
        set: { office, version: sql`${annualReports.version} + 1`, updatedAt: now },
      });
  });
}

async function lockRow(tx: DbOrTx, institutionId: string, year: number) {
  const [row] = await tx
    .select()
    .from(annualReports)
    .where(and(eq(annualReports.institutionId, institutionId), eq(annualReports.year, year)))
    .for('update');
  return row;
}

function shanghaiYear(now: Date): number {
  return Number(monthOf(now).slice(0, 4));
}

/** The institution submits its report to its supervisory department(s); the figures freeze. */
export async function submitReport(db: Db, actor: MemberActor, year: number, office: string, now: Date): Promise<void> {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  await db.transaction(async (tx) => {
    // Serialise submissions of one report, including the first (no row to lock yet).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`annual-report-${actor.orgId}-${year}`}))`);
    const row = await lockRow(tx, actor.orgId, year);
    const outcome = reportTransition(row?.status ?? 'draft', 'submit', 'institution', year, shanghaiYear(now));
    if (!outcome.ok) throw new AppError(outcome.code);
    const [org] = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, actor.orgId));
    const figures = await computeReport(tx, org!, year, office);
    const at = (await asOf(tx)) ?? now;
    const values = {
      status: outcome.status,
      office,
      figures,
      asOf: at,
      submittedAt: now,
      submittedBy: actor.userId,
      decidedAt: null,
      decidedBy: null,
      returnReason: null,
      updatedAt: now,
    };
    const [saved] = row
      ? await tx
          .update(annualReports)
          .set({ ...values, version: row.version + 1 })
          .where(eq(annualReports.id, row.id))
          .returning({ id: annualReports.id })
      : await tx
          .insert(annualReports)
          .values({ institutionId: actor.orgId, year, ...values })
          .returning({ id: annualReports.id });
    await writeAudit(tx, {
      actor,
      action: 'annual_report.submit',
      targetType: 'annual_report',
      targetId: saved!.id,
      beforeStatus: row?.status ?? 'draft',
      afterStatus: outcome.status,
      details: { year, asOf: at.toISOString() },
      at: now,
    });
  });
}

/** A supervisory department overseeing the institution accepts or returns its submitted report. */
export async function decideReport(
  db: Db,
  actor: OversightActor,
  institutionId: string,
  year: number,
  action: Exclude<AnnualReportAction, 'submit'>,
  reason: string | null,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [link] = await tx
      .select({ id: oversightLinks.institutionId })
      .from(oversightLinks)
      .where(and(eq(oversightLinks.departmentId, actor.orgId), eq(oversightLinks.institutionId, institutionId)));
    if (!link) throw new AppError('ANNUAL_REPORT_NOT_OVERSEEN');
    const row = await lockRow(tx, institutionId, year);
    if (!row) throw new AppError('ANNUAL_REPORT_NOT_FOUND');
    const outcome = reportTransition(row.status, action, 'department', year, shanghaiYear(now));
    if (!outcome.ok) throw new AppError(outcome.code);
    const returned = action === 'return';
    await tx
      .update(annualReports)
      .set({
        status: outcome.status,
        decidedAt: returned ? null : now,
        decidedBy: returned ? null : actor.userId,
        returnReason: returned ? reason : null,
        // Back to draft: the figures are live again until the next submission.
        ...(returned ? { figures: null, asOf: null } : {}),
        version: row.version + 1,
        updatedAt: now,
      })
      .where(eq(annualReports.id, row.id));
    await writeAudit(tx, {
      actor,
      action: `annual_report.${action}`,
      targetType: 'annual_report',
      targetId: row.id,
      beforeStatus: row.status,
      afterStatus: outcome.status,
      reason,
      details: { year, institutionId },
      at: now,
    });
  });
}

export interface ArchiveEntry {
  institution: { id: string; name: string };
  status: AnnualReportStatus | 'none';
  submittedAt: string | null;
  decidedAt: string | null;
}

/** A department's archive for a year: each institution it oversees and where its report stands. */
export async function archive(db: DbOrTx, actor: Actor, year: number): Promise<ArchiveEntry[]> {
  const scope = await scopeOf(db, actor);
  const institutions = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      scope === 'all'
        ? eq(organisations.kind, 'institution')
        : and(
            eq(organisations.kind, 'institution'),
            inArray(organisations.id, scope.length ? scope : ['00000000-0000-0000-0000-000000000000']),
          ),
    )
    .orderBy(organisations.name);
  if (institutions.length === 0) return [];
  const reports = await db
    .select()
    .from(annualReports)
    .where(
      and(
        eq(annualReports.year, year),
        inArray(
          annualReports.institutionId,
          institutions.map((i) => i.id),
        ),
      ),
    );
  const byId = new Map(reports.map((r) => [r.institutionId, r]));
  return institutions.map((institution) => {
    const r = byId.get(institution.id);
    return {
      institution,
      status: r?.status === 'draft' ? 'draft' : (r?.status ?? 'none'),
      submittedAt: r?.submittedAt?.toISOString() ?? null,
      decidedAt: r?.decidedAt?.toISOString() ?? null,
    };
  });
}
