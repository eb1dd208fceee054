// The department's one-file archive of annual reports, through the API: the ZIP holds, for each
// overseen institution that submitted its 2025 report, the PDF (its name in the extracted text) and
// the XLSX, plus a list naming the institutions that have not; another department's institutions are
// not in it; who may download it and who is refused.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, oversightMember, verifiedMember, type Session } from '../helpers/factories.js';
import { pdfText } from '../helpers/pdf-text.js';
import { rollUp } from '../../server/statistics/rollup.js';

let t: TestContext;
let operator: Session;
let instA: Session;
let instC: Session;
let instB: Session;
let ent: Session;
let dept: Session;
let otherDept: Session;
let emptyDept: Session;
const NAMES = { a: '归档测试理工大学', b: '归档测试医学院', c: '归档测试农业科学院' };

/** The ZIP's entries, each read whole (the archive is small in tests). */
function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const download = (s: Session | null, year: number | string = 2025) =>
  as(t.app, s)({ method: 'GET', url: `/api/v1/oversight/annual-reports/${year}/archive.zip` });

async function writes(): Promise<string> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from annual_reports)::text || '/' || (select count(*) from audit_log)::text as n`);
  return r.rows[0]!.n;
}

beforeAll(async () => {
  // December 2026: 2025's reports are due.
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' }, { now: () => new Date('2026-12-05T02:00:00Z') });
  operator = await createOperator(t.app, t.database.db);
  instA = await verifiedMember(t.app, operator, 'institution');
  instB = await verifiedMember(t.app, operator, 'institution');
  instC = await verifiedMember(t.app, operator, 'institution');
  ent = await verifiedMember(t.app, operator, 'enterprise');
  for (const [s, name] of [
    [instA, NAMES.a],
    [instB, NAMES.b],
    [instC, NAMES.c],
  ] as const)
    await t.database.db.execute(sql`update organisations set name = ${name} where id = ${s.orgId}`);
  await rollUp(t.database.db, { full: true });
  dept = await oversightMember(t.app, operator, 'supervisory', [instA.orgId, instC.orgId]);
  otherDept = await oversightMember(t.app, operator, 'supervisory', [instB.orgId]);
  emptyDept = await oversightMember(t.app, operator, 'supervisory', [instC.orgId]);
  // A and B submit their 2025 reports; C has not started.
  for (const s of [instA, instB]) {
    const r = await as(
      t.app,
      s,
    )({
      method: 'POST',
      url: '/api/v1/my/annual-reports/2025/submit',
      payload: { office: '技术转移中心，专职3人' },
    });
    expect(r.statusCode, r.body).toBe(204);
  }
}, 120_000);
afterAll(() => t.close());

describe('the department’s archive of annual reports as one ZIP', () => {
  it('holds each overseen institution’s submitted report as PDF and XLSX, and no other department’s', async () => {
    const res = await download(dept);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(String(res.headers['content-disposition'])).toContain('filename*=UTF-8');
    const files = await unzip(res.rawPayload);
    const names = [...files.keys()].sort();
    expect(names).toEqual(
      [
        `${NAMES.a}/${NAMES.a}2025年度科技成果转化情况年度报告.pdf`,
        `${NAMES.a}/${NAMES.a}2025年度科技成果转化情况年度报告.xlsx`,
        '清单.csv',
      ].sort(),
    );
    expect(names.some((n) => n.includes(NAMES.b))).toBe(false);
    const pdf = files.get(`${NAMES.a}/${NAMES.a}2025年度科技成果转化情况年度报告.pdf`)!;
    const { text } = await pdfText(pdf);
    expect(text).toContain(NAMES.a);
    expect(text).toContain('已报送');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(files.get(`${NAMES.a}/${NAMES.a}2025年度科技成果转化情况年度报告.xlsx`)! as never);
    expect(book.worksheets.length).toBeGreaterThan(0);
    const list = files.get('清单.csv')!.toString('utf8');
    expect(list.startsWith('\ufeff')).toBe(true);
    // C is overseen but has not submitted: listed, not packed.
    expect(list).toContain(`${NAMES.c},未开始`);
    expect(list).not.toContain(NAMES.b);

    const theirs = await unzip((await download(otherDept)).rawPayload);
    expect([...theirs.keys()].filter((n) => n.endsWith('.pdf'))).toEqual([
      `${NAMES.b}/${NAMES.b}2025年度科技成果转化情况年度报告.pdf`,
    ]);
    // Operators: every institution's submitted report.
    const all = await unzip((await download(operator)).rawPayload);
    expect([...all.keys()].filter((n) => n.endsWith('.pdf')).length).toBe(2);
  });

  it('is refused to institutions, enterprises and the public, and when nothing was submitted', async () => {
    const before = await writes();
    const code = (r: { json(): unknown }) => (r.json() as { error: { code: string } }).error.code;
    for (const s of [instA, ent]) {
      const r = await download(s);
      expect([r.statusCode, code(r)]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await download(null)).statusCode).toBe(401);
    const empty = await download(emptyDept);
    expect([empty.statusCode, code(empty)]).toEqual([404, 'ANNUAL_REPORT_ARCHIVE_EMPTY']);
    const bad = await download(dept, 'abc');
    expect([bad.statusCode, code(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await writes()).toBe(before);
  });
});
