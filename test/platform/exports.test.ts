// platform/exports.ts: the XLSX writer's rows are exceljs's own XML, byte for byte; the file opens in
// exceljs with the values written; and a reader that stops reading stops the writer (bounded memory).
import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  columnLetters,
  csvChunks,
  csvField,
  xlsxStream,
  type Cell,
  type ExportColumn,
} from '../../platform/exports.js';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** One entry of a zip, by name, read through the central directory (exceljs streams its entries). */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(data, data + compressed);
      return (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`no ${name} in the zip`);
}

/** The same sheet written the plain exceljs way: a Row per line, added and committed. */
async function exceljsSheet(columns: readonly ExportColumn<Cell[]>[], rows: Cell[][]): Promise<Buffer> {
  const out = new PassThrough();
  const done = bytesOf(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('表');
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
  sheet.commit();
  await workbook.commit();
  return done;
}

async function* each<T>(rows: readonly T[]): AsyncGenerator<T> {
  yield* rows;
}

const columnsOf = (n: number): ExportColumn<Cell[]>[] =>
  Array.from({ length: n }, (_, i) => ({ header: `列${i + 1}`, width: 10 + i, value: (r: Cell[]) => r[i] ?? null }));

// Text as exports hold it, and what XML must escape or cannot hold at all.
const text = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '合',
      '同',
      'a',
      '1',
      '<',
      '>',
      '&',
      '"',
      "'",
      '\t',
      '\n',
      '\r',
      '\u0001',
      '\u000b',
      '\u007f',
      ' ',
    ),
  }),
  fc.string(),
);
const cell: fc.Arbitrary<Cell> = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(null),
);

describe('xlsxStream', () => {
  it('writes the sheet exceljs writes for the same rows, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.array(cell, { maxLength: 30 }), { maxLength: 40 }),
        async (width, raw) => {
          const columns = columnsOf(width);
          const rows = raw.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
          const ours = await bytesOf(xlsxStream('表', columns, each(rows)));
          const theirs = await exceljsSheet(columns, rows);
          expect(zipEntry(ours, 'xl/worksheets/sheet1.xml')).toBe(zipEntry(theirs, 'xl/worksheets/sheet1.xml'));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('opens in exceljs with the header and the values written', async () => {
    const columns = columnsOf(3);
    const rows: Cell[][] = [
      ['技术许可合同 <甲> & "乙"', 1234.5, null],
      [null, null, null],
      ['=1+1', -7, 'x\u0001y'],
    ];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bytesOf(xlsxStream('技术合同', columns, each(rows)))) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('技术合同')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '列1', '列2', '列3']);
    expect(sheet.getRow(2).values).toEqual([undefined, '技术许可合同 <甲> & "乙"', 1234.5]);
    expect(sheet.getRow(3).hasValues).toBe(false);
    // A row without values keeps its number; a character XML cannot hold is dropped, as exceljs does.
    expect(sheet.getRow(4).values).toEqual([undefined, '=1+1', -7, 'xy']);
    expect(sheet.rowCount).toBe(4);
  });

  it('stops pulling rows while nobody reads, and writes them all once read', async () => {
    const total = 30_000;
    let pulled = 0;
    async function* rows(): AsyncGenerator<Cell[]> {
      // Incompressible text (1 KiB a row), so the zip's output does not hide the rows behind it.
      for (; pulled < total;) {
        pulled++;
        yield [randomBytes(512).toString('hex')];
      }
    }
    const stream = xlsxStream('表', columnsOf(1), rows());
    // Wait until the writer has stopped pulling (it is waiting for the reader), at most ~10 s.
    for (let last = -1, still = 0; still < 5 && last < total;) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      still = pulled === last ? still + 1 : 0;
      last = pulled;
    }
    // ~30 MB of rows in all; held back: the returned stream's 1 MiB and the zip's buffers.
    expect(pulled).toBeLessThan(10_000);
    const zip = await bytesOf(stream);
    expect(pulled).toBe(total);
    expect(zipEntry(zip, 'xl/worksheets/sheet1.xml')).toContain(`<row r="${total + 1}" `);
  });
});

describe('columnLetters', () => {
  it('names columns as spreadsheets do', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703, 16_384].map(columnLetters)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });
});

describe('csvChunks', () => {
  it('writes the BOM, the header and quoted, neutralised fields', async () => {
    const columns = columnsOf(2);
    let csv = '';
    for await (const chunk of csvChunks(
      columns,
      each<Cell[]>([
        ['a,"b"', '=SUM(A1)'],
        [null, 3],
      ]),
    ))
      csv += chunk;
    expect(csv).toBe('\ufeff列1,列2\r\n"a,""b""",\'=SUM(A1)\r\n,3\r\n');
  });

  it('encodes rows across 64 KiB chunks without cutting a character, a field longer than a chunk included', async () => {
    const columns = columnsOf(3);
    const rows: Cell[][] = Array.from({ length: 3_000 }, (_, i) => [
      `技术合同${i}号「转让」`,
      i,
      i % 7 ? null : '😀,"引号"',
    ]);
    rows.push(['长'.repeat(70_000), 'x', 1]);
    const chunks: Buffer[] = [];
    for await (const chunk of csvChunks(columns, each(rows))) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(3);
    const expected = '\ufeff列1,列2,列3\r\n' + rows.map((r) => r.map((c) => csvField(c)).join(',') + '\r\n').join('');
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
    // Every chunk decodes on its own: no character is cut between two.
    expect(chunks.map((c) => c.toString('utf8')).join('')).toBe(expected);
  });
});
