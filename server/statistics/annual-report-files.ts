// The annual report as files: a PDF through the platform's PDF module (Chinese font embedded) and an
// XLSX workbook through the shared export helper, both in the report's structure (sections 一 to 三)
// and both stating the time the figures are as of.
import type { Readable } from 'node:stream';
import { ANNUAL_REPORT_STATUS_LABELS, type ReportLine } from '../../domain/statistics/annual-report.js';
import { renderPdf, type Content, type TDocumentDefinitions } from '../../platform/pdf/index.js';
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

function table(lines: ReportLine[], total?: ReportLine): Content {
  const body = [
    LINE_HEADERS.map((text) => ({ text, bold: true, fillColor: '#eeeeee' })),
    ...lines.map(lineCells),
    ...(total ? [lineCells(total).map((text) => ({ text: String(text), bold: true }))] : []),
  ];
  return {
    table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'], body },
    fontSize: 8,
    margin: [0, 4, 0, 10],
  } as Content;
}

function meta(v: AnnualReportView): string {
  return `状态：${ANNUAL_REPORT_STATUS_LABELS[v.status]}；数据截至：${shanghaiTime(v.asOf)}`;
}

export function reportPdfDefinition(v: AnnualReportView): TDocumentDefinitions {
  const r = v.report;
  const h = (text: string): Content => ({ text, bold: true, fontSize: 12, margin: [0, 8, 0, 4] });
  return {
    info: { title: `${r.institutionName}${r.year}年度科技成果转化情况报告` },
    pageMargins: [36, 48, 36, 48],
    footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8 }),
    content: [
      { text: `${r.institutionName}`, fontSize: 16, bold: true, alignment: 'center' },
      { text: `${r.year}年度科技成果转化情况年度报告`, fontSize: 14, bold: true, alignment: 'center' },
      {
        text: '依据《中华人民共和国促进科技成果转化法》第二十一条及《财政部 科技部 …关于开展科技成果转化年度报告工作的通知》（财科教〔2017〕22号）编制',
        fontSize: 8,
        alignment: 'center',
        margin: [0, 4, 0, 4],
      },
      { text: meta(v), fontSize: 9, alignment: 'center', margin: [0, 0, 0, 8] },
      h('一、以转让、许可、作价投资方式转化科技成果情况'),
      { text: '（一）按转化方式', bold: true },
      table(r.transfer.byType, r.transfer.total),
      { text: '（二）按所属领域', bold: true },
      table(r.transfer.byField),
      { text: '（三）按受让方类型', bold: true },
      table(r.transfer.byCounterparty),
      h('二、技术开发、咨询、服务合同情况'),
      table(r.services.byType, r.services.total),
      h('三、转化收入、人员奖励、股权与技术转移机构'),
      {
        ul: [
          `到账收入：${yuan(r.income.amountFen)} 元（上年 ${yuan(r.income.previousAmountFen)} 元，同比 ${percent(r.income.amountChangeBp)}）`,
          r.rewards
            ? `奖励个人：${yuan(r.rewards.amountFen)} 元，${r.rewards.people} 人（上年 ${yuan(r.rewards.previousAmountFen)} 元，同比 ${percent(r.rewards.amountChangeBp)}）`
            : '奖励个人：平台尚未登记科研人员奖励（由单位另行填报）',
          `作价投资形成股权：${r.equity.count} 项，作价金额合计 ${yuan(r.equity.valuationFen)} 元`,
        ],
        margin: [0, 0, 0, 6],
      },
      ...(r.equity.holdings.length
        ? [
            {
              table: {
                headerRows: 1,
                widths: ['*', 'auto', 'auto', 'auto'],
                body: [
                  ['企业名称', '持股比例', '作价金额（元）', '取得日期'].map((text) => ({ text, bold: true })),
                  ...r.equity.holdings.map((e) => [
                    e.companyName,
                    e.stakeBp === null ? '—' : `${(e.stakeBp / 100).toFixed(2)}%`,
                    yuan(e.valuationFen),
                    e.acquiredOn,
                  ]),
                ],
              },
              fontSize: 8,
              margin: [0, 0, 0, 8],
            } as Content,
          ]
        : []),
      { text: '技术转移机构建设情况', bold: true },
      { text: r.office || '（未填写）', margin: [0, 2, 0, 0] },
    ],
  };
}

export function reportPdf(v: AnnualReportView): Promise<Readable> {
  return renderPdf(reportPdfDefinition(v));
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
