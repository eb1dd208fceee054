// 措施十四 on the conversion ledger and for oversight: documents and decisions on conversions,
// contracts and payments follow the ledger's visibility; the ledger's and the listings' own moves
// leave decision records; supervisory departments read and determine within their scope only.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { decisionRecords, documents, payments } from '../../db/schema/index.js';
import { verifyDossier } from '../../platform/dossier/verify.js';
import { renderPdfBuffer } from '../../platform/pdf/index.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  oversightMember,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let op: Session;
let inst: Session;
let otherInst: Session;
let ent: Session;
let stranger: Session;
let resultId: string;
let conversionId: string;
let paymentId: string;
let pdf: Buffer;

function multipart(filename: string, content: Buffer) {
  const boundary = `----jb${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (s: Session | null, subject: string, kind = 'contract') => {
  const m = multipart('合同.pdf', pdf);
  return as(t.app, s)({ method: 'POST', url: `/api/v1/${subject}/documents?kind=${kind}`, ...m });
};

async function documentCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(documents);
  return row!.n;
}

async function decisionsOf(subjectId: string) {
  return t.database.db
    .select()
    .from(decisionRecords)
    .where(eq(decisionRecords.subjectId, subjectId))
    .orderBy(decisionRecords.createdAt);
}

const department = (scope: 'supervisory' | 'provincial', linked: string[]) => oversightMember(t.app, op, scope, linked);

beforeAll(async () => {
  t = await setupTestApp();
  op = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, op, 'institution');
  otherInst = await verifiedMember(t.app, op, 'institution');
  ent = await verifiedMember(t.app, op, 'enterprise');
  stranger = await verifiedMember(t.app, op, 'enterprise');
  pdf = await renderPdfBuffer({ content: ['技术许可合同'] });
  const r = await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  expect(r.statusCode).toBe(201);
  resultId = r.json().id;
  const c = await as(
    t.app,
    inst,
  )({
    method: 'POST',
    url: '/api/v1/ledger/conversions',
    payload: {
      resultId,
      counterpartyName: '辽宁示例装备有限公司',
      counterpartyOrgId: ent.orgId,
      counterpartyOwnership: 'private',
      transactionType: 'license',
      licenseScope: 'non_exclusive',
      appraisal: 'appraised',
      basis: '第三方评估报告（评估值 50 万元），校技术转移委员会审议通过',
      evidenceRef: '许可合同 HT-2026-001',
      contract: {
        title: '高镍正极材料技术普通许可合同',
        amountFen: 50_000_000,
        technologyAmountFen: 48_000_000,
        paymentMethods: ['lump_sum'],
        signedOn: '2026-03-01',
      },
      effective: true,
      schedule: [],
    },
  });
  expect(c.statusCode, c.body).toBe(201);
  conversionId = c.json().id;
  const p = await as(
    t.app,
    inst,
  )({
    method: 'POST',
    url: `/api/v1/ledger/conversions/${conversionId}/payments`,
    payload: {
      payerName: '辽宁示例装备有限公司',
      evidenceRef: '银行回单 0001',
      amountFen: 10_000_000,
      receivedOn: '2026-04-02',
    },
  });
  expect(p.statusCode, p.body).toBe(201);
  const [row] = await t.database.db
    .select({ id: payments.id })
    .from(payments)
    .where(eq(payments.conversionId, conversionId));
  paymentId = row!.id;
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('documents on the ledger’s subjects', () => {
  it('the institution uploads to its conversion, contract and payment', async () => {
    for (const subject of [
      `ledger/conversions/${conversionId}`,
      `ledger/contracts/${conversionId}`,
      `ledger/payments/${paymentId}`,
    ]) {
      const res = await upload(inst, subject, subject.includes('payments') ? 'payment_evidence' : 'contract');
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().subjectId).toBe(subject.endsWith(paymentId) ? paymentId : conversionId);
    }
  });

  it('as in the ledger: the counterparty reads but does not write, others learn nothing, nothing is written', async () => {
    const before = await documentCount();
    const counterpartyUpload = await upload(ent, `ledger/conversions/${conversionId}`);
    expect([counterpartyUpload.statusCode, counterpartyUpload.json().error.code]).toEqual([403, 'FORBIDDEN']);
    for (const s of [otherInst, stranger]) {
      const r = await upload(s, `ledger/payments/${paymentId}`);
      expect(r.json().error.code).toBe('CONVERSION_NOT_FOUND');
    }
    expect((await upload(op, `ledger/contracts/${conversionId}`)).statusCode).toBe(403);
    expect((await upload(null, `ledger/contracts/${conversionId}`)).statusCode).toBe(401);
    expect((await upload(inst, `ledger/payments/${randomUUID()}`)).json().error.code).toBe('CONVERSION_NOT_FOUND');
    expect((await upload(inst, `ledger/conversions/not-a-uuid`)).statusCode).toBe(400);
    expect(await documentCount()).toBe(before);

    const list = (s: Session) => as(t.app, s)({ method: 'GET', url: `/api/v1/ledger/payments/${paymentId}/documents` });
    expect((await list(inst)).json()).toHaveLength(1);
    expect((await list(ent)).json()).toHaveLength(1);
    expect((await list(op)).json()).toHaveLength(1);
    const hidden = await list(stranger);
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([404, 'CONVERSION_NOT_FOUND']);
    const doc = (await list(ent)).json()[0];
    const dl = await as(t.app, ent)({ method: 'GET', url: `/api/v1/documents/${doc.id}/download` });
    expect(dl.statusCode).toBe(200);
    expect(
      (await as(t.app, otherInst)({ method: 'GET', url: `/api/v1/documents/${doc.id}/download` })).statusCode,
    ).toBe(404);
  });

  it('the institution records a decision on its contract; the counterparty may not', async () => {
    const body = {
      decisionType: 'contract',
      summary: '签订许可合同',
      decidedByRole: '技术转移中心主任',
      decisionBody: '校长办公会',
      meetingDate: '2026-02-20',
      basis: '校长办公会纪要〔2026〕3 号',
    };
    const ok = await as(
      t.app,
      inst,
    )({ method: 'POST', url: `/api/v1/ledger/contracts/${conversionId}/decisions`, payload: body });
    expect(ok.statusCode, ok.body).toBe(201);
    const [before] = await t.database.db.select({ n: count() }).from(decisionRecords);
    const byEnt = await as(
      t.app,
      ent,
    )({ method: 'POST', url: `/api/v1/ledger/contracts/${conversionId}/decisions`, payload: body });
    expect(byEnt.statusCode).toBe(403);
    // The platform's own review is recorded by the platform only.
    const review = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: `/api/v1/ledger/contracts/${conversionId}/decisions`,
      payload: { ...body, decisionType: 'listing_review' },
    });
    expect(review.statusCode).toBe(400);
    const [after] = await t.database.db.select({ n: count() }).from(decisionRecords);
    expect(after!.n).toBe(before!.n);
  });
});

describe('the product’s own decisions leave records', () => {
  it('recording a conversion, a payment and a contract change each write one', async () => {
    const onConversion = await decisionsOf(conversionId);
    const deal = onConversion.find((d) => d.subjectType === 'conversion' && d.decisionType === 'deal');
    expect(deal).toMatchObject({
      orgId: inst.orgId,
      basis: '第三方评估报告（评估值 50 万元），校技术转移委员会审议通过',
      decidedByRole: '科研单位经办人',
    });
    expect(deal!.details).toMatchObject({ appraisal: 'appraised', amountFen: 50_000_000 });
    const [paid] = await decisionsOf(paymentId);
    expect(paid).toMatchObject({ decisionType: 'payment_confirmation', orgId: inst.orgId });
    expect(paid!.basis).toContain('银行回单 0001');

    const term = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: `/api/v1/ledger/conversions/${conversionId}/contract/transition`,
      payload: { action: 'complete' },
    });
    expect(term.statusCode, term.body).toBe(200);
    const contract = (await decisionsOf(conversionId)).filter(
      (d) => d.subjectType === 'contract' && d.decidedByRole === '科研单位经办人',
    );
    expect(contract).toHaveLength(1);
    expect(contract[0]!.decisionType).toBe('contract');
  });

  it('a listing’s pricing, the operator’s rejection and approval are records with a basis', async () => {
    const r = await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
    const l = await as(t.app, inst)({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(r.json().id) });
    expect(l.statusCode, l.body).toBe(201);
    const id = l.json().id;
    const submit = () => as(t.app, inst)({ method: 'POST', url: `/api/v1/listings/${id}/submit`, payload: {} });
    expect((await submit()).statusCode).toBe(200);
    const reject = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/v1/operator/listings/${id}/reject`,
      payload: { reasonCode: 'incomplete_information', reasonText: '缺少知识产权证明材料' },
    });
    expect(reject.statusCode, reject.body).toBe(200);
    expect((await submit()).statusCode).toBe(200);
    const approve = await as(
      t.app,
      op,
    )({ method: 'POST', url: `/api/v1/operator/listings/${id}/approve`, payload: {} });
    expect(approve.statusCode, approve.body).toBe(200);

    const records = await decisionsOf(id);
    expect(records.map((d) => d.decisionType)).toEqual(['pricing', 'listing_review', 'pricing', 'listing_review']);
    expect(records.every((d) => d.orgId === inst.orgId && d.basis.trim().length > 0)).toBe(true);
    expect(records[1]).toMatchObject({ decidedByRole: '平台运营方', basis: '缺少知识产权证明材料' });
    expect(records[3]!.decidedBy).toBe(op.userId);
  });

  it('an institution’s pool opt-out is a record with its reason', async () => {
    const r = await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
    const id = r.json().id;
    const out = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: `/api/v1/pool/results/${id}/opt-out`,
      payload: { reason: '拟与合作企业作价投资，暂不纳入' },
    });
    expect(out.statusCode, out.body).toBe(200);
    const [d] = await decisionsOf(id);
    expect(d).toMatchObject({ decisionType: 'pool_inclusion', basis: '拟与合作企业作价投资，暂不纳入' });
  });
});

describe('oversight within its scope', () => {
  let supervising: Session;
  let unrelated: Session;
  let province: Session;
  let manifest: string;

  beforeAll(async () => {
    supervising = await department('supervisory', [inst.orgId]);
    unrelated = await department('supervisory', [otherInst.orgId]);
    province = await department('provincial', []);
    const res = await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` });
    expect(res.statusCode).toBe(200);
    const path = join(tmpdir(), `dossier-${randomUUID()}.zip`);
    await writeFile(path, res.rawPayload);
    const report = await verifyDossier(path);
    expect(report.ok).toBe(true);
    manifest = report.manifestSha256!;
  }, 120_000);

  it('the result dossier carries the ledger’s documents and decisions', async () => {
    const res = await as(t.app, supervising)({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` });
    expect(res.statusCode).toBe(200);
    const text = res.rawPayload.toString('latin1');
    expect(text).toContain(conversionId);
    expect(text).toContain(paymentId);
  });

  it('the supervising and provincial departments read; an unrelated department learns nothing', async () => {
    const url = `/api/v1/ledger/contracts/${conversionId}/decisions`;
    expect((await as(t.app, supervising)({ method: 'GET', url })).statusCode).toBe(200);
    expect((await as(t.app, province)({ method: 'GET', url })).statusCode).toBe(200);
    const refused = await as(t.app, unrelated)({ method: 'GET', url });
    expect([refused.statusCode, refused.json().error.code]).toEqual([404, 'CONVERSION_NOT_FOUND']);
    const resultDocs = await as(t.app, unrelated)({ method: 'GET', url: `/api/v1/results/${resultId}/decisions` });
    expect(resultDocs.statusCode).toBe(403);
    expect((await as(t.app, unrelated)({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` })).statusCode).toBe(
      404,
    );
    // Oversight reads, never writes the institution's dossier.
    const write = await as(
      t.app,
      supervising,
    )({
      method: 'POST',
      url: `/api/v1/results/${resultId}/decisions`,
      payload: { decisionType: 'pricing', summary: 'x', decidedByRole: 'x', basis: 'x' },
    });
    expect(write.statusCode).toBe(403);
  });

  it('determinations: the supervising department records one, an unrelated one is refused and writes nothing', async () => {
    const det = {
      dossierSha256: manifest,
      conclusion: 'exempt',
      determinedOn: '2026-05-01',
      basis: '程序完备，依据充分',
    };
    const refused = await as(t.app, unrelated)({ method: 'POST', url: '/api/v1/determinations', payload: det });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await as(t.app, ent)({ method: 'POST', url: '/api/v1/determinations', payload: det })).statusCode).toBe(
      403,
    );
    const listed = (s: Session) =>
      as(t.app, s)({ method: 'GET', url: '/api/v1/determinations' }).then((r) => r.json() as unknown[]);
    expect(await listed(unrelated)).toHaveLength(0);
    const ok = await as(t.app, supervising)({ method: 'POST', url: '/api/v1/determinations', payload: det });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await listed(supervising)).toHaveLength(1);
    expect(await listed(province)).toHaveLength(1);
    expect(await listed(unrelated)).toHaveLength(0);
    expect(await listed(inst)).toHaveLength(1);
    const rows = await t.database.pool.query(`select count(*)::int as n from determinations where org_id = $1`, [
      inst.orgId,
    ]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('oversight exports a period dossier within its scope only', async () => {
    const q = `from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z`;
    const own = await as(
      t.app,
      province,
    )({ method: 'GET', url: `/api/v1/dossiers/institution?${q}&orgId=${inst.orgId}` });
    expect(own.statusCode).toBe(200);
    const other = await as(
      t.app,
      supervising,
    )({ method: 'GET', url: `/api/v1/dossiers/institution?${q}&orgId=${otherInst.orgId}` });
    expect(other.statusCode).toBe(403);
  });
});
