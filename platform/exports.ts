// The shared export helper (docs/ledger.md "Exports"): a table described once as columns, written as
// CSV (UTF-8 with BOM, so Excel opens it) or XLSX (exceljs's streaming writer), both streaming from
// an async source of rows so a large ledger is exported in constant memory. Used by the ledger's
// contract and asset-register exports and by the statistics exports.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type Cell = string | number | null;

export interface ExportColumn<T> {
  header: string;
  /** Column width in characters (XLSX). */
  width?: number;
  value(row: T): Cell;
}

/** One CSV field: quoted when it holds a separator, quote or line break; formula-like text neutralised. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  let s = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV text chunks: BOM and header line, then rows batched into chunks of about 64 KiB. */
export async function* csvChunks<T>(
  columns: readonly ExportColumn<T>[],
  rows: AsyncIterable<T>,
): AsyncGenerator<string> {
  let chunk = '\ufeff' + columns.map((c) => csvField(c.header)).join(',') + '\r\n';
  for await (const row of rows) {
    chunk += columns.map((c) => csvField(c.value(row))).join(',') + '\r\n';
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * An XLSX workbook with one sheet, streamed: exceljs's WorkbookWriter commits each row as it is
 * added, so memory does not grow with the row count. Returns the readable side at once.
 */
export function xlsxStream<T>(
  sheetName: string,
  columns: readonly ExportColumn<T>[],
  rows: AsyncIterable<T>,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  void (async () => {
    try {
      for await (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** One sheet of a small workbook: rows of cells, the first column wider (labels). */
export interface SheetSpec {
  name: string;
  rows: readonly (readonly Cell[])[];
}

/**
 * A workbook of several small sheets (a report, not a table export), streamed like xlsxStream; the
 * cells are written as given, with formula-like text neutralised as in CSV.
 */
export function workbookStream(sheets: readonly SheetSpec[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  void (async () => {
    try {
      for (const spec of sheets) {
        const sheet = workbook.addWorksheet(spec.name);
        const widest = Math.max(1, ...spec.rows.map((r) => r.length));
        sheet.columns = Array.from({ length: widest }, (_, i) => ({ width: i === 0 ? 40 : 16 }));
        for (const row of spec.rows) {
          sheet.addRow(row.map((c) => (typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : c))).commit();
        }
        sheet.commit();
      }
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** The export as a byte stream in the chosen format. */
export function exportStream<T>(
  format: ExportFormat,
  sheetName: string,
  columns: readonly ExportColumn<T>[],
  rows: AsyncIterable<T>,
): Readable {
  return format === 'csv' ? Readable.from(csvChunks(columns, rows)) : xlsxStream(sheetName, columns, rows);
}

/** A Content-Disposition value carrying a Chinese file name (RFC 6266 filename*). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]+/g, '').replace(/["\\]/g, '') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
