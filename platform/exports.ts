// The shared export helper (docs/ledger.md "Exports"): a table described once as columns, written as
// CSV (UTF-8 with BOM, so Excel opens it) or XLSX (exceljs's streaming writer), both streaming from
// an async source of rows so a large ledger is exported in constant memory. Used by the ledger's
// contract and asset-register exports and by the statistics exports.
import { PassThrough, Readable, Writable } from 'node:stream';
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

/** Rows added between two looks at the reader's pace (cheap enough per row, small enough to bound memory). */
const XLSX_BATCH = 256;

/**
 * An XLSX workbook with one sheet, streamed: exceljs's WorkbookWriter commits each row as it is
 * added, but it does not wait for anyone — its sheet stream hands 64 KiB blocks to the zip's deflate
 * stream without looking at the answer, and the zip buffers whatever the HTTP response has not taken.
 * So after each batch of rows the writer waits while the deflate input or the returned stream is
 * full (backpressure): memory stays bounded by a batch and the buffers, whatever the row count and
 * however slow the reader or zlib. Returns the readable side at once.
 */
export function xlsxStream<T>(
  sheetName: string,
  columns: readonly ExportColumn<T>[],
  rows: AsyncIterable<T>,
): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  void (async () => {
    try {
      let n = 0;
      for await (const row of rows) {
        sheet.addRow(columns.map((c) => c.value(row))).commit();
        if (++n % XLSX_BATCH === 0) await caughtUp(out, sheet);
      }
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

/**
 * The streams that can fill behind the sheet: the entry stream(s) exceljs's sheet stream writes to
 * (exceljs 4 internals: `WorksheetWriter.stream` is a StreamBuf whose `pipes` are the zip's
 * readable-stream PassThrough for the sheet's entry, which holds every block the zip has not read
 * yet), and the returned stream.
 */
function behind(out: PassThrough, sheet: unknown): Writable[] {
  const pipes = (sheet as { stream?: { pipes?: unknown } }).stream?.pipes;
  const entries = Array.isArray(pipes) ? pipes.filter((p): p is Writable => writableState(p) !== null) : [];
  return [...entries, out];
}

interface WritableState {
  length: number;
  highWaterMark: number;
  needDrain: boolean;
}

/** Node's and readable-stream's writables both keep their buffer in `_writableState`. */
function writableState(w: unknown): WritableState | null {
  const state = (w as { _writableState?: Partial<WritableState> } | null)?._writableState;
  return state && typeof state.length === 'number' && typeof state.highWaterMark === 'number'
    ? (state as WritableState)
    : null;
}

const full = (w: Writable) => {
  const state = writableState(w);
  return state !== null && (state.needDrain || state.length >= state.highWaterMark);
};

/** Resolves once nothing behind the sheet is above its high-water mark (at once if nothing is). */
async function caughtUp(out: PassThrough, sheet: unknown): Promise<void> {
  for (let w = behind(out, sheet).find(full); w; w = behind(out, sheet).find(full)) {
    if (out.destroyed) break;
    const stream = w;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        stream.off('drain', done);
        out.off('close', done);
        out.off('error', fail);
        resolve();
      };
      const fail = (err: Error) => {
        done();
        reject(err);
      };
      stream.once('drain', done);
      out.once('close', done);
      out.once('error', fail);
    });
  }
  if (out.destroyed) throw new Error('export stream closed by the reader');
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
