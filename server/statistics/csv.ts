// The open-data CSV of the public figures: one row per group, one column per indicator, amounts in
// 元 with two decimals, ratios in percent; hidden cells are written as "—". UTF-8 with a BOM so that
// spreadsheet programs read the Chinese headers.
import type { Figures } from './service.js';

const UNIT_TEXT = { count: '', fen: '（元）', days: '（天）', bp: '（%）' } as const;

export function figuresCsv(f: Figures): string {
  const header = ['分组', ...f.indicators.map((i) => i.label + UNIT_TEXT[i.unit])];
  const line = (row: Figures['total']) => [
    row.label,
    ...f.indicators.map((i) => {
      const v = row.values[i.id];
      if (v === null || v === undefined) return row.suppressed.includes(i.id) ? '—' : '';
      if (i.unit === 'fen') return (v / 100).toFixed(2);
      if (i.unit === 'bp') return (v / 100).toFixed(2);
      return String(v);
    }),
  ];
  const rows = [header, ...f.rows.map(line), line(f.total)];
  const asOf = f.asOf ? `数据截至 ${f.asOf}` : '尚未汇总';
  return '\uFEFF' + [...rows.map((r) => r.map(csvCell).join(',')), csvCell(asOf)].join('\r\n') + '\r\n';
}

function csvCell(s: string): string {
  // A leading =, +, - or @ would be a formula to a spreadsheet.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
