// 措施十四 through the API: documents (roles, type sniffing, size, interruption), decision records,
// dossier export → verify → one changed byte named, determination.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { documents, decisionRecords } from '../../db/schema/index.js';
import { verifyDossier } from '../../platform/dossier/verify.js';
import { renderPdfBuffer } from '../../platform/pdf/index.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  register,
  enterpriseRegistration,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let op: Session;
let inst: Session;
let otherInst: Session;
let ent: Session;
let resultId: string;
let pdf: Buffer;

function multipart(filename: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = `----jb${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(
  s: Session | null,
  filename: string,
  content: Buffer,
  kind = 'ip_certificate',
  subject = `results/${resultId}`,
) {
  const m = multipart(filename, content);
  return as(
    t.app,
    s,
  )({ method: 'POST', url: `/api/v1/${subject}/documents?kind=${kind}`, payload: m.payload, headers: m.headers });
}

async function documentCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(documents);
  return row!.n;
}

async function storedFiles(): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string) {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(join(dir, e.name));
      else out.push(join(dir, e.name));
    }
  }
  await walk(t.config.documents.dir);
  await walk(t.config.documents.spoolDir);
  return out;
}

beforeAll(async () => {
  t = await setupTestApp({ DOCUMENT_MAX_SIZE: String(2 * 1024 * 1024) });
  op = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, op, 'institution');
  otherInst = await verifiedMember(t.app, op, 'institution');
  ent = await register(t.app, enterpriseRegistration());
  const res = await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  expect(res.statusCode).toBe(201);
  resultId = res.json().id;
  pdf = await renderPdfBuffer({ content: ['专利证书 ZL202110123456.7'] });
});

afterAll(async () => {
  await t?.close();
});

describe('documents', () => {
  let docId: string;

  it('the institution uploads a PDF; type, size and SHA-256 come from the content', async () => {
    const res = await upload(inst, '专利证书.pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.mediaType).toBe('application/pdf');
    expect(d.sizeBytes).toBe(pdf.length);
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    docId = d.id;
  });

  it('only the owner institution uploads; nothing is written for the others', async () => {
    const before = await documentCount();
    expect((await upload(null, 'a.pdf', pdf)).statusCode).toBe(401);
    expect((await upload(ent, 'a.pdf', pdf)).json().error.code).toBe('FORBIDDEN');
    expect((await upload(otherInst, 'a.pdf', pdf)).json().error.code).toBe('FORBIDDEN');
    expect((await upload(op, 'a.pdf', pdf)).statusCode).toBe(403);
    expect(await documentCount()).toBe(before);
  });

  it('refuses a renamed executable, a mismatched name, an unknown kind and an oversize file before storing', async () => {
    const before = await documentCount();
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000, 0)]);
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58, 0),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(64, 0),
      Buffer.from('PE\0\0'),
      Buffer.alloc(2000, 0),
    ]);
    const renamedElf = await upload(inst, 'report.pdf', elf);
    expect(renamedElf.statusCode).toBe(422);
    expect(renamedElf.json().error.code).toBe('DOCUMENT_TYPE_REFUSED');
    expect((await upload(inst, 'report.pdf', exe)).json().error.code).toBe('DOCUMENT_TYPE_REFUSED');
    const mismatch = await upload(inst, 'photo.png', pdf);
    expect(mismatch.json().error.code).toBe('DOCUMENT_TYPE_MISMATCH');
    expect(mismatch.json().error.message).toMatch(/文件内容与文件名不符/);
    const big = Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const tooBig = await upload(inst, 'big.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('DOCUMENT_TOO_LARGE');
    expect((await upload(inst, 'x.pdf', pdf, 'selfie')).statusCode).toBe(400);
    expect(await documentCount()).toBe(before);
    // Only the one accepted upload is on disk; no spooled leftovers.
    const files = (await storedFiles()).filter((f) => !f.includes('.incoming'));
    expect(files).toHaveLength(before);
  });

  it('an interrupted upload (the body ends mid-file) leaves no file and no row', async () => {
    const before = await documentCount();
    const m = multipart('cut.pdf', pdf);
    const cut = m.payload.subarray(0, m.payload.length - 200); // no closing boundary
    const res = await as(
      t.app,
      inst,
    )({ method: 'POST', url: `/api/v1/results/${resultId}/documents?kind=other`, payload: cut, headers: m.headers });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(await documentCount()).toBe(before);
    expect((await storedFiles()).filter((f) => !f.includes('.incoming'))).toHaveLength(before);
  });

  it('downloads as an attachment with nosniff for the owner and operators; others learn nothing', async () => {
    const res = await as(t.app, inst)({ method: 'GET', url: `/api/v1/documents/${docId}/download` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect((await as(t.app, op)({ method: 'GET', url: `/api/v1/documents/${docId}/download` })).statusCode).toBe(200);
    for (const s of [ent, otherInst]) {
      const r = await as(t.app, s)({ method: 'GET', url: `/api/v1/documents/${docId}/download` });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('DOCUMENT_NOT_FOUND');
    }
    expect((await as(t.app, null)({ method: 'GET', url: `/api/v1/documents/${docId}/download` })).statusCode).toBe(401);
    expect((await as(t.app, ent)({ method: 'GET', url: `/api/v1/results/${resultId}/documents` })).statusCode).toBe(
      403,
    );
  });
});

describe('decision records', () => {
  const body = {
    decisionType: 'pricing',
    summary: '协议定价 120 万元',
    decidedByRole: '成果转化办公室主任',
    decisionBody: '院长办公会',
    meetingDate: '2026-03-02',
    procedure: '院长办公会审议',
    basis: '措施四：协议定价并公示',
  };
  let first: string;

  it('records a decision with its documents; refuses one without basis and writes nothing', async () => {
    const docs = (await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${resultId}/documents` })).json();
    const res = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: `/api/v1/results/${resultId}/decisions`,
      payload: { ...body, documentIds: [docs[0].id] },
    });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json().id;
    const [before] = await t.database.db.select({ n: count() }).from(decisionRecords);
    for (const basis of ['', '   ']) {
      const r = await as(
        t.app,
        inst,
      )({ method: 'POST', url: `/api/v1/results/${resultId}/decisions`, payload: { ...body, basis } });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.code).toBe('DECISION_BASIS_REQUIRED');
    }
    const noBasis = { ...body } as Record<string, unknown>;
    delete noBasis.basis;
    expect(
      (await as(t.app, inst)({ method: 'POST', url: `/api/v1/results/${resultId}/decisions`, payload: noBasis }))
        .statusCode,
    ).toBe(400);
    expect(
      (await as(t.app, otherInst)({ method: 'POST', url: `/api/v1/results/${resultId}/decisions`, payload: body }))
        .statusCode,
    ).toBe(403);
    expect(
      (await as(t.app, ent)({ method: 'POST', url: `/api/v1/results/${resultId}/decisions`, payload: body }))
        .statusCode,
    ).toBe(403);
    const [after] = await t.database.db.select({ n: count() }).from(decisionRecords);
    expect(after!.n).toBe(before!.n);
  });

  it('a correction is a new record naming the old; the old one cannot be changed', async () => {
    const res = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: `/api/v1/results/${resultId}/decisions`,
      payload: { ...body, summary: '更正：协议定价 110 万元', correctsId: first },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().correctsId).toBe(first);
    await expect(
      t.database.db.update(decisionRecords).set({ basis: 'x' }).where(eq(decisionRecords.id, first)),
    ).rejects.toThrow();
    const list = (await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${resultId}/decisions` })).json();
    expect(list).toHaveLength(2);
  });
});

describe('dossier export, verify, determination', () => {
  let zipPath: string;

  it('refuses a dossier of another institution’s result', async () => {
    const r = await as(t.app, otherInst)({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` });
    expect(r.statusCode).toBe(404);
    expect((await as(t.app, ent)({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` })).statusCode).toBe(404);
  });

  it('exports a ZIP that verifies; one changed byte is named; the determination cites the hash', async () => {
    const res = await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    zipPath = join(tmpdir(), `dossier-${randomUUID()}.zip`);
    await writeFile(zipPath, res.rawPayload);
    const report = await verifyDossier(zipPath);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files).toBe(5); // summary.pdf, records.json, events.json, documents.json, one document

    // Change one byte inside the stored document (entries are stored, so its bytes appear verbatim).
    const zip = await readFile(zipPath);
    const start = zip.indexOf(pdf);
    expect(start).toBeGreaterThan(0);
    const at = start + Math.floor(pdf.length / 2);
    zip[at] = zip[at]! ^ 0xff;
    const tampered = zipPath.replace('.zip', '-x.zip');
    await writeFile(tampered, zip);
    const bad = await verifyDossier(tampered);
    expect(bad.ok).toBe(false);
    expect(bad.changed).toHaveLength(1);
    expect(bad.changed[0]).toMatch(/^documents\/.+专利证书\.pdf$/);

    // The same check by upload, and the platform recognises its own dossier.
    const m = multipart('dossier.zip', res.rawPayload);
    const web = await as(
      t.app,
      null,
    )({ method: 'POST', url: '/api/v1/dossiers/verify', payload: m.payload, headers: m.headers });
    expect(web.statusCode, web.body).toBe(200);
    expect(web.json()).toMatchObject({ ok: true, issuedByPlatform: true, manifestSha256: report.manifestSha256 });

    const det = {
      dossierSha256: report.manifestSha256,
      conclusion: 'exempt',
      determinedOn: '2026-04-01',
      basis: '决策程序完备，依据充分',
    };
    expect((await as(t.app, inst)({ method: 'POST', url: '/api/v1/determinations', payload: det })).statusCode).toBe(
      403,
    );
    expect(
      (await as(t.app, op)({ method: 'POST', url: '/api/v1/determinations', payload: { ...det, basis: ' ' } }))
        .statusCode,
    ).toBe(422);
    const d = await as(t.app, op)({ method: 'POST', url: '/api/v1/determinations', payload: det });
    expect(d.statusCode, d.body).toBe(201);
    const seen = (await as(t.app, inst)({ method: 'GET', url: '/api/v1/determinations' })).json();
    expect(seen).toHaveLength(1);
    expect(seen[0].dossierSha256).toBe(report.manifestSha256);
    expect((await as(t.app, otherInst)({ method: 'GET', url: '/api/v1/determinations' })).json()).toHaveLength(0);
  });
});
