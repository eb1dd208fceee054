// The shared export helper (docs/ledger.md "Exports"): a table described once as columns, written as
// CSV (UTF-8 with BOM, so Excel opens it) or XLSX (exceljs's streaming writer), both streaming from
// an async source of rows so a large ledger is exported in constant memory. Used by the ledger's
// contract and asset-register exports and by the statistics exports.
import { PassThrough, Readable, Writable } from 'node:stream';
import type ExcelJSModule from 'exceljs';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type Cell = string | number | null;

/**
 * exceljs is loaded by the first XLSX written, not at start: ~10 MB RSS of code an api process that
 * exports nothing never runs (issue 17, the idle api's memory).
 */
async function excel(): Promise<typeof ExcelJSModule> {
  return (await import('exceljs')).default;
}

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

/** Bytes of CSV gathered into one chunk before it goes out. */
const CSV_CHUNK = 1 << 16;

/**
 * CSV as UTF-8 chunks of about 64 KiB: BOM and header line, then the rows. Each field is encoded
 * straight into the chunk's buffer, so no line or chunk string is ever made: gathering lines into a
 * 64 KiB string (a rope of a few hundred pieces, flattened as UTF-16 when written) made most of the
 * export's allocation and held it long enough to be promoted to old space (docs/ledger.md "Exports").
 * A chunk may end inside a line (never inside a character).
 */
export async function* csvChunks<T>(
  columns: readonly ExportColumn<T>[],
  rows: AsyncIterable<T>,
): AsyncGenerator<Buffer> {
  let chunk = Buffer.allocUnsafe(CSV_CHUNK);
  let used = 0;
  /** Writes `text` (then `end`); answers the chunk it filled, if it had to start a new one. */
  const put = (text: string, end: string): Buffer | null => {
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
    const room = 3 * text.length + end.length;
    let full: Buffer | null = null;
    if (used + room > chunk.length) {
      full = used ? chunk.subarray(0, used) : null;
      chunk = Buffer.allocUnsafe(Math.max(CSV_CHUNK, room));
      used = 0;
    }
    used += chunk.write(text, used);
    used += chunk.write(end, used, 'latin1');
    return full;
  };
  const header = put('\ufeff' + columns.map((c) => csvField(c.header)).join(','), '\r\n');
  if (header) yield header;
  const last = columns.length - 1;
  for await (const row of rows) {
    for (let i = 0; i <= last; i++) {
      const full = put(csvField(columns[i]!.value(row)), i === last ? '\r\n' : ',');
      if (full) yield full;
    }
  }
  if (used) yield chunk.subarray(0, used);
}

/**
 * Bytes of sheet XML gathered before they go to the worksheet part as one write (exceljs copies
 * each write into 64 KiB blocks for the zip); the reader's pace is looked at after each.
 */
const XLSX_CHUNK = 1 << 16;

/**
 * An XLSX workbook with one sheet, streamed through exceljs's WorkbookWriter: exceljs writes the
 * package (workbook, content types, the sheet's columns and header row, the zip), and the data rows
 * go to the sheet's part as the XML exceljs's own row renderer writes for them (sheetRowXml).
 *
 * Why not `sheet.addRow(values).commit()` for every row: profiled on the contract export (bench:ledger,
 * 20 columns), exceljs spent ~33 µs of CPU a row — a Row and a Cell object per value, an address
 * validated per cell, then its generic XmlStream joining ~300 string pieces a row — four fifths of
 * the export's CPU, so XLSX ran at ~30,000 rows per CPU-second against ~190,000 for CSV. Shared
 * strings and styles were already off (both keep state for the whole sheet), and committing rows in
 * batches changes nothing (each is still rendered alone). The same XML written directly costs
 * ~4 µs a row (test/platform/exports.test.ts checks it byte for byte against exceljs's rendering).
 *
 * exceljs waits for no one: its sheet stream hands 64 KiB blocks to the zip's deflate stream without
 * looking at the answer, and the zip buffers whatever the HTTP response has not taken. So after each
 * chunk of rows the writer waits while the deflate input or the returned stream is full
 * (backpressure): memory stays bounded by a chunk and the buffers, whatever the row count and however
 * slow the reader or zlib. Returns the readable side at once.
 */
export function xlsxStream<T>(
  sheetName: string,
  columns: readonly ExportColumn<T>[],
  rows: AsyncIterable<T>,
): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  void (async () => {
    try {
      const ExcelJS = await excel();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: false,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(sheetName);
      sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
      // exceljs writes the columns, opens the sheet data and writes the header row (row 1).
      sheet.getRow(1).commit();
      const part = sheetPart(sheet);
      const letters = columns.map((_, i) => columnLetters(i + 1));
      const cells: Cell[] = new Array<Cell>(columns.length);
      // Each row's XML is encoded into the chunk's buffer at once (as csvChunks does): no 64 KiB string
      // to gather and flatten, so far less garbage promoted while the download runs.
      let chunk = Buffer.allocUnsafe(XLSX_CHUNK);
      let used = 0;
      let rowNumber = 1;
      for await (const row of rows) {
        for (let i = 0; i < columns.length; i++) cells[i] = columns[i]!.value(row);
        const xml = sheetRowXml(++rowNumber, letters, cells);
        if (used + 3 * xml.length > chunk.length) {
          if (used) part.write(chunk.subarray(0, used));
          chunk = Buffer.allocUnsafe(Math.max(XLSX_CHUNK, 3 * xml.length));
          used = 0;
          await caughtUp(out, sheet);
        }
        used += chunk.write(xml, used);
      }
      if (used) part.write(chunk.subarray(0, used));
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/**
 * The worksheet's part in the zip (exceljs 4 internals: `WorksheetWriter.stream`, a StreamBuf, is
 * where its own rows go once the sheet data is open). Checked so an exceljs upgrade that moves it
 * fails loudly here rather than writing a broken file.
 */
function sheetPart(sheet: unknown): { write(xml: string | Buffer): unknown } {
  const s = sheet as { stream?: { write?: unknown }; startedData?: unknown };
  if (s.startedData !== true || typeof s.stream?.write !== 'function') {
    throw new Error('exceljs WorksheetWriter: no open sheet data to write rows to');
  }
  return s.stream as { write(xml: string | Buffer): unknown };
}

/** 1 → A, 26 → Z, 27 → AA (spreadsheet column names). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

// What exceljs's xmlEncode escapes, and the characters XML 1.0 cannot hold, which it drops.
/* eslint-disable no-control-regex -- the control characters are what these match */
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const XML_SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
/* eslint-enable no-control-regex */
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

function xmlText(s: string): string {
  return XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL_ALL, (c) => XML_ESCAPES[c] ?? '') : s;
}

/**
 * One sheet row as exceljs 4's RowXform and CellXform render a row added with `addRow(cells)`
 * (streaming writer, no styles, no shared strings): every cell given counts in the span, a null cell
 * is left out, a string is an inline `t="str"` value and a number a plain one; a row with no value is
 * not written at all (its number is still used).
 */
export function sheetRowXml(rowNumber: number, letters: readonly string[], cells: readonly Cell[]): string {
  let body = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined) continue;
    body +=
      typeof v === 'number'
        ? `<c r="${letters[i]}${rowNumber}"><v>${v}</v></c>`
        : `<c r="${letters[i]}${rowNumber}" t="str"><v>${xmlText(v)}</v></c>`;
  }
  return body ? `<row r="${rowNumber}" spans="1:${cells.length}" x14ac:dyDescent="0.25">${body}</row>` : '';
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
  void (async () => {
    try {
      const ExcelJS = await excel();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: false,
        useSharedStrings: false,
      });
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

/**
 * How much may wait in a stream behind the sheet before the writer waits for it to empty. The zip's
 * entry stream has readable-stream's 16 KiB high-water mark, below one of exceljs's 64 KiB blocks:
 * waiting at that mark meant waiting after every block, so making rows, deflating them (zlib, on the
 * thread pool) and sending them took turns instead of running at once. A MiB behind each keeps them
 * busy together and memory still bounded.
 */
const BEHIND_LIMIT = 1 << 20;

const full = (w: Writable) => {
  const state = writableState(w);
  return state !== null && state.length >= Math.max(state.highWaterMark, BEHIND_LIMIT);
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
