// The annual report as files: a PDF through the platform's streamed PDF writer (Chinese font embedded) and an
// XLSX workbook through the shared export helper, both in the report's structure (sections 一 to 三)
// and both stating the time the figures are as of.
import { PassThrough, type Readable } from 'node:stream';
import { ANNUAL_REPORT_STATUS_LABELS, type ReportLine } from '../../domain/statistics/annual-report.js';
import { StreamedPdf, type PdfFonts, type PdfTable } from '../../platform/pdf/index.js';
import { workbookStream, type SheetSpec } from '../../platform/exports.js';
import type { AnnualReportView } from './annual-report.js';

export const yuan = (fen: number | null) =>
  fen === null ? '—' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const percent = (bp: number | null) => (bp === null ? '—' : `${bp >= 0 ? '+' : ''}${(bp / 100).toFixed(2)}%`);

/** 2026-01-31T16:00:00Z → 2026-02-01 00:00（北京时间）. */
export function shanghaiTime(iso: string | null): string {
  if (!iso) return '尚未汇总';
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

const LINE_HEADERS = [
  '项目',
  '项数',
  '合同金额（元）',
  '平均金额（元）',
  '上年项数',
  '上年金额（元）',
  '项数同比',
  '金额同比',
];

function lineCells(l: ReportLine): (string | number)[] {
  return [
    l.label,
    l.count,
    yuan(l.amountFen),
    yuan(l.averageFen),
    l.previousCount,
    yuan(l.previousAmountFen),
    percent(l.countChangeBp),
    percent(l.amountChangeBp),
  ];
}

const LINE_COLUMNS = LINE_HEADERS.map((header, i) => ({
  header,
  weight: i === 0 ? 2.2 : 1,
  align: i === 0 ? ('left' as const) : ('right' as const),
}));

function table(lines: ReportLine[], total?: ReportLine): PdfTable {
  return {
    columns: LINE_COLUMNS,
    rows: [
      ...lines.map((l) => ({ cells: lineCells(l).map(String) })),
      ...(total ? [{ cells: lineCells(total).map(String), bold: true }] : []),
    ],
  };
}

function meta(v: AnnualReportView): string {
  return `状态：${ANNUAL_REPORT_STATUS_LABELS[v.status]}；数据截至：${shanghaiTime(v.asOf)}`;
}

/**
 * The report as a PDF, written as it is read (platform/pdf StreamedPdf: one face read by offset, text
 * laid out from the cmap). Through pdfmake the largest institution's report took 21.7 s on the shared
 * machine (2.7 s of CPU, most of it fontkit's shaping of the CJK text, and opening both faces whole).
 */
export async function reportPdf(v: AnnualReportView, fonts?: PdfFonts): Promise<Readable> {
  const r = v.report;
  const pdf = new StreamedPdf({
    title: `${r.institutionName}${r.year}年度科技成果转化情况报告`,
    author: '辽宁省科技成果转化平台',
    fonts,
  });
  const out = new PassThrough();
  pdf.stream.pipe(out);
  void writeReport(pdf, v)
    .then(() => pdf.end())
    .catch((err: unknown) => out.destroy(err as Error));
  return out;
}

async function writeReport(pdf: StreamedPdf, v: AnnualReportView): Promise<void> {
  const r = v.report;
  const h = (text: string) => pdf.text(text, { bold: true, size: 12, gapAfter: 0.3 });
  const sub = (text: string) => pdf.text(text, { bold: true, size: 9, gapAfter: 0.2 });
  await pdf.text(r.institutionName, { bold: true, size: 16, align: 'center' });
  await pdf.text(`${r.year}年度科技成果转化情况年度报告`, { bold: true, size: 14, align: 'center', gapAfter: 0.3 });
  await pdf.text(
    '依据《中华人民共和国促进科技成果转化法》第二十一条及《财政部 科技部 …关于开展科技成果转化年度报告工作的通知》（财科教〔2017〕22号）编制',
    { size: 8, align: 'center', gapAfter: 0.3 },
  );
  await pdf.text(meta(v), { size: 9, align: 'center', gapAfter: 0.8 });
  await h('一、以转让、许可、作价投资方式转化科技成果情况');
  await sub('（一）按转化方式');
  await pdf.table(table(r.transfer.byType, r.transfer.total));
  await sub('（二）按所属领域');
  await pdf.table(table(r.transfer.byField));
  await sub('（三）按受让方类型');
  await pdf.table(table(r.transfer.byCounterparty));
  await h('二、技术开发、咨询、服务合同情况');
  await pdf.table(table(r.services.byType, r.services.total));
  await h('三、转化收入、人员奖励、股权与技术转移机构');
  for (const item of [
    `到账收入：${yuan(r.income.amountFen)} 元（上年 ${yuan(r.income.previousAmountFen)} 元，同比 ${percent(r.income.amountChangeBp)}）`,
    r.rewards
      ? `奖励个人：${yuan(r.rewards.amountFen)} 元，${r.rewards.people} 人（上年 ${yuan(r.rewards.previousAmountFen)} 元，同比 ${percent(r.rewards.amountChangeBp)}）`
      : '奖励个人：平台尚未登记科研人员奖励（由单位另行填报）',
    `作价投资形成股权：${r.equity.count} 项，作价金额合计 ${yuan(r.equity.valuationFen)} 元`,
  ]) {
    await pdf.text(`• ${item}`, { size: 10, indent: 8, gapAfter: 0.2 });
  }
  if (r.equity.holdings.length) {
    await pdf.table({
      columns: [
        { header: '企业名称', weight: 3 },
        { header: '持股比例', weight: 1, align: 'right' },
        { header: '作价金额（元）', weight: 1.4, align: 'right' },
        { header: '取得日期', weight: 1.2, align: 'right' },
      ],
      rows: r.equity.holdings.map((e) => ({
        cells: [
          e.companyName,
          e.stakeBp === null ? '—' : `${(e.stakeBp / 100).toFixed(2)}%`,
          yuan(e.valuationFen),
          e.acquiredOn,
        ],
      })),
    });
  }
  await sub('技术转移机构建设情况');
  await pdf.text(r.office || '（未填写）', { size: 10 });
}

type Row = (string | number | null)[];

export function reportXlsx(v: AnnualReportView): Readable {
  const r = v.report;
  const numeric = (l: ReportLine): Row => [
    l.label,
    l.count,
    l.amountFen / 100,
    l.averageFen === null ? null : l.averageFen / 100,
    l.previousCount,
    l.previousAmountFen / 100,
    l.countChangeBp === null ? null : l.countChangeBp / 100,
    l.amountChangeBp === null ? null : l.amountChangeBp / 100,
  ];
  const headers = [
    '项目',
    '项数',
    '合同金额（元）',
    '平均金额（元）',
    '上年项数',
    '上年金额（元）',
    '项数同比（%）',
    '金额同比（%）',
  ];
  const lines = (title: string, ls: ReportLine[], total?: ReportLine): Row[] => [
    [title],
    headers,
    ...ls.map(numeric),
    ...(total ? [numeric(total)] : []),
    [],
  ];
  const sheets: SheetSpec[] = [
    {
      name: '年度报告',
      rows: [
        [`${r.institutionName}${r.year}年度科技成果转化情况年度报告`],
        [meta(v)],
        [],
        ...lines('一、转让、许可、作价投资（按转化方式）', r.transfer.byType, r.transfer.total),
        ...lines('按所属领域', r.transfer.byField),
        ...lines('按受让方类型', r.transfer.byCounterparty),
        ...lines('二、技术开发、咨询、服务', r.services.byType, r.services.total),
        ['三、到账收入（元）', r.income.amountFen / 100, '上年', r.income.previousAmountFen / 100],
        r.rewards
          ? ['奖励个人（元）', r.rewards.amountFen / 100, '人数', r.rewards.people]
          : ['奖励个人', '平台尚未登记科研人员奖励'],
        ['作价投资形成股权（项）', r.equity.count, '作价金额（元）', r.equity.valuationFen / 100],
        ['技术转移机构建设情况', r.office],
      ],
    },
    {
      name: '股权',
      rows: [
        ['企业名称', '持股比例（%）', '作价金额（元）', '取得日期', '状态'],
        ...r.equity.holdings.map((e) => [
          e.companyName,
          e.stakeBp === null ? null : e.stakeBp / 100,
          e.valuationFen / 100,
          e.acquiredOn,
          e.status,
        ]),
      ],
    },
  ];
  return workbookStream(sheets);
}
