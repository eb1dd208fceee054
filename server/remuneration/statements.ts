// 措施十二: a researcher's reward statement — per conversion and per year — as JSON for the page and
// as a PDF (the platform's PDF module, Chinese font embedded). Every cash reward is marked as the
// clause treats it in pay: counted in the institution's performance-pay total of the year, not in
// the next year's base, not in the social-insurance contribution base.
import type { Readable } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ResearcherActor } from '../../domain/actor.js';
import {
  CASH_REWARD_MARKS,
  CASH_REWARD_PAY_TREATMENT,
  REMUNERATION_ENTRY_STATUS_LABELS,
  REMUNERATION_FORM_LABELS,
  type RemunerationEntryStatus,
  type RemunerationForm,
} from '../../domain/constants/remuneration.js';
import { AppError } from '../../domain/errors.js';
import { sharePercentText } from '../../domain/remuneration.js';
import type { DbOrTx } from '../../db/client.js';
import {
  contracts,
  organisations,
  remunerationAwards,
  remunerationEntries,
  results,
  users,
} from '../../db/schema/index.js';
import { renderPdf, type Content } from '../../platform/pdf/index.js';

export interface StatementItem {
  entryId: string;
  conversionId: string;
  resultTitle: string;
  contractTitle: string;
  form: RemunerationForm;
  /** The day the income was received (or the stake acquired). */
  incomeOn: string;
  incomeFen: number;
  netIncomeFen: number;
  teamShareBp: number;
  memberShareBp: number;
  amountFen: number;
  shares: number | null;
  status: RemunerationEntryStatus;
  paidOn: string | null;
  correction: boolean;
  /** The statement year: the year paid, or (not yet paid) the year the income came. */
  year: number;
}

export interface Statement {
  researcherName: string;
  institutionName: string;
  year: number | null;
  conversionId: string | null;
  items: StatementItem[];
  paidCashFen: number;
  unpaidCashFen: number;
  paidShares: number;
  years: number[];
  payTreatment: string;
}

export interface StatementFilter {
  year?: number;
  conversionId?: string;
}

export async function statement(db: DbOrTx, actor: ResearcherActor, filter: StatementFilter): Promise<Statement> {
  const [me] = await db
    .select({ name: users.displayName, institution: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, actor.institutionId))
    .where(eq(users.id, actor.userId));
  const rows = await db
    .select({
      e: remunerationEntries,
      a: remunerationAwards,
      resultTitle: results.title,
      contractTitle: contracts.title,
    })
    .from(remunerationEntries)
    .innerJoin(remunerationAwards, eq(remunerationAwards.id, remunerationEntries.awardId))
    .innerJoin(results, eq(results.id, remunerationAwards.resultId))
    .leftJoin(contracts, eq(contracts.conversionId, remunerationEntries.conversionId))
    .where(
      and(eq(remunerationEntries.userId, actor.userId), eq(remunerationEntries.institutionId, actor.institutionId)),
    )
    .orderBy(asc(remunerationAwards.incomeOn), asc(remunerationEntries.createdAt), sql`${remunerationEntries.id}`);
  const all: StatementItem[] = rows.map(({ e, a, resultTitle, contractTitle }) => ({
    entryId: e.id,
    conversionId: e.conversionId,
    resultTitle,
    contractTitle: contractTitle ?? '',
    form: e.form,
    incomeOn: a.incomeOn,
    incomeFen: a.incomeFen,
    netIncomeFen: a.netIncomeFen,
    teamShareBp: a.shareBp,
    memberShareBp: e.shareBp,
    amountFen: e.amountFen,
    shares: e.shares,
    status: e.status,
    paidOn: e.paidOn,
    correction: e.correctsId !== null,
    year: Number((e.paidOn ?? a.incomeOn).slice(0, 4)),
  }));
  if (filter.conversionId && !all.some((i) => i.conversionId === filter.conversionId)) {
    throw new AppError('REMUNERATION_ENTRY_NOT_FOUND');
  }
  const items = all.filter(
    (i) =>
      (filter.year === undefined || i.year === filter.year) &&
      (filter.conversionId === undefined || i.conversionId === filter.conversionId),
  );
  const cash = items.filter((i) => i.form === 'cash');
  return {
    researcherName: me?.name ?? '',
    institutionName: me?.institution ?? '',
    year: filter.year ?? null,
    conversionId: filter.conversionId ?? null,
    items,
    paidCashFen: cash.filter((i) => i.status === 'paid').reduce((s, i) => s + i.amountFen, 0),
    unpaidCashFen: cash
      .filter((i) => i.status === 'pending' || i.status === 'approved')
      .reduce((s, i) => s + i.amountFen, 0),
    paidShares: items
      .filter((i) => i.form === 'equity' && i.status === 'paid')
      .reduce((s, i) => s + (i.shares ?? 0), 0),
    years: [...new Set(all.map((i) => i.year))].sort((x, y) => y - x),
    payTreatment: CASH_REWARD_PAY_TREATMENT,
  };
}

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function scope(s: Statement): string {
  if (s.conversionId) return `转化项目：${s.items[0]?.resultTitle ?? ''}`;
  return s.year ? `${s.year} 年度` : '全部年度';
}

/** The statement as a PDF (a few pages at most: pdfmake). */
export function statementPdf(s: Statement, issuedAt: string): Promise<Readable> {
  const header = ['收入到账日', '成果 / 合同', '形式', '团队比例', '本人份额', '奖励金额（元）', '股份', '状态'];
  const body = [
    header.map((text) => ({ text, bold: true, fillColor: '#eeeeee' })),
    ...s.items.map((i) => [
      i.incomeOn,
      `${i.resultTitle}${i.contractTitle ? `\n${i.contractTitle}` : ''}${i.correction ? '\n（更正）' : ''}`,
      REMUNERATION_FORM_LABELS[i.form],
      sharePercentText(i.teamShareBp),
      sharePercentText(i.memberShareBp),
      yuan(i.amountFen),
      i.shares === null ? '—' : String(i.shares),
      `${REMUNERATION_ENTRY_STATUS_LABELS[i.status]}${i.paidOn ? `\n${i.paidOn}` : ''}`,
    ]),
  ];
  const content: Content[] = [
    { text: '科技成果转化奖励和报酬明细', fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
    {
      text: `成果完成人：${s.researcherName}；单位：${s.institutionName}；范围：${scope(s)}`,
      margin: [0, 0, 0, 4],
    },
    { text: `出具时间：${issuedAt}（北京时间）`, fontSize: 8, color: '#555555', margin: [0, 0, 0, 8] },
    {
      table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'], body },
      fontSize: 8,
      margin: [0, 0, 0, 8],
    } as Content,
    {
      text: `已发放现金奖励合计：${yuan(s.paidCashFen)} 元；待审批或待发放：${yuan(s.unpaidCashFen)} 元；已登记股份：${s.paidShares} 股`,
      bold: true,
      margin: [0, 0, 0, 10],
    },
    { text: '现金奖励在工资管理中的处理（措施十二）', bold: true, margin: [0, 0, 0, 4] },
    { ul: CASH_REWARD_MARKS.map((m) => m), margin: [0, 0, 0, 4] },
    {
      text: `依据：《辽宁省全面深化职务科技成果转化改革若干措施》（十二）：“${s.payTreatment}”`,
      fontSize: 8,
      color: '#333333',
    },
  ];
  return renderPdf({
    info: { title: '科技成果转化奖励和报酬明细' },
    content,
    pageOrientation: 'landscape',
  });
}
