// 措施十四 on 赋权 / 权益让渡 (措施一、六): documents on a grant or a transfer decision follow the rights
// area's visibility — the institution uploads; the team members the decision was put to, operators and
// the oversight of the institution read; anyone else learns nothing — and the result's dossier carries
// them with the decision records.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../db/schema/index.js';
import { verifyDossier } from '../../platform/dossier/verify.js';
import { renderPdfBuffer } from '../../platform/pdf/index.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  oversightMember,
  researcherSession,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let op: Session;
let inst: Session;
let otherInst: Session;
let ent: Session;
let liMing: Session;
let bystander: Session;
let otherResearcher: Session;
let province: Session;
let unrelatedDept: Session;
let resultId: string;
let grantId: string;
let transferId: string;
let pdf: Buffer;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const decision = { decisionBody: '成果转化领导小组', decidedOn: today(), basis: '本校职务科技成果赋权管理办法第八条' };

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

const upload = (s: Session | null, url: string, kind = 'decision_minutes', name = '赋权决定纪要.pdf', body = pdf) =>
  as(t.app, s)({ method: 'POST', url: `/api/v1/${url}/documents?kind=${kind}`, ...multipart(name, body) });
const list = (s: Session | null, url: string) => as(t.app, s)({ method: 'GET', url: `/api/v1/${url}/documents` });

async function documentCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(documents);
  return row!.n;
}

const department = (scope: 'supervisory' | 'provincial', linked: string[]) => oversightMember(t.app, op, scope, linked);

/** A result of `inst` whose team links liMing (and one unlinked member). */
async function resultWithTeam(): Promise<string> {
  const res = await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const members = [
    { name: '李明', shareBp: 5000, userId: liMing.userId },
    { name: '王磊', shareBp: 5000 },
  ];
  const team = await as(t.app, inst)({ method: 'PUT', url: `/api/v1/results/${id}/team`, payload: { members } });
  expect(team.statusCode, team.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '100000' });
  op = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, op, 'institution');
  otherInst = await verifiedMember(t.app, op, 'institution');
  ent = await verifiedMember(t.app, op, 'enterprise');
  liMing = await researcherSession(t.app, inst, t.config.mail.dir, { displayName: '李明' });
  bystander = await researcherSession(t.app, inst, t.config.mail.dir, { displayName: '赵强' });
  otherResearcher = await researcherSession(t.app, otherInst, t.config.mail.dir);
  province = await department('provincial', []);
  unrelatedDept = await department('supervisory', [otherInst.orgId]);
  pdf = await renderPdfBuffer({ content: ['成果转化领导小组会议纪要'] });

  resultId = await resultWithTeam();
  const g = await as(
    t.app,
    inst,
  )({
    method: 'POST',
    url: `/api/v1/results/${resultId}/rights/decisions`,
    payload: { kind: 'co_ownership', institutionShareBp: 3000, teamShareBp: 7000, ...decision },
  });
  expect(g.statusCode, g.body).toBe(201);
  grantId = g.json().id;
  const w = await as(
    t.app,
    inst,
  )({ method: 'POST', url: `/api/v1/rights/decisions/${grantId}/withdraw`, payload: { reason: '改为权益让渡' } });
  expect(w.statusCode, w.body).toBe(200);
  const tr = await as(
    t.app,
    inst,
  )({
    method: 'POST',
    url: `/api/v1/results/${resultId}/rights/decisions`,
    payload: { kind: 'share_transfer', feeFen: 1_000_000, feeDueOn: '2099-03-31', ...decision },
  });
  expect(tr.statusCode, tr.body).toBe(201);
  transferId = tr.json().id;
}, 300_000);
afterAll(() => t.close());

describe('documents on a grant and a transfer', () => {
  it('the institution uploads; the subject follows the decision’s kind', async () => {
    const g = await upload(inst, `rights/grants/${grantId}`);
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({ subjectType: 'grant', subjectId: grantId, kind: 'decision_minutes' });
    const tr = await upload(inst, `rights/transfers/${transferId}`, 'contract', '权益让渡协议.pdf');
    expect(tr.statusCode, tr.body).toBe(201);
    expect(tr.json()).toMatchObject({ subjectType: 'transfer', subjectId: transferId });
  });

  it('refuses every other writer and bad input, writing nothing', async () => {
    const before = await documentCount();
    const cases: Array<[Session | null, string, number, string?]> = [
      [null, `rights/grants/${grantId}`, 401],
      [liMing, `rights/grants/${grantId}`, 403, 'FORBIDDEN'],
      [op, `rights/grants/${grantId}`, 403, 'FORBIDDEN'],
      [province, `rights/grants/${grantId}`, 403, 'FORBIDDEN'],
      [otherInst, `rights/grants/${grantId}`, 404, 'GRANT_NOT_FOUND'],
      [ent, `rights/transfers/${transferId}`, 404, 'GRANT_NOT_FOUND'],
      // A transfer is not a grant and the other way round; an unknown id is not found.
      [inst, `rights/grants/${transferId}`, 404, 'GRANT_NOT_FOUND'],
      [inst, `rights/transfers/${grantId}`, 404, 'GRANT_NOT_FOUND'],
      [inst, `rights/grants/${randomUUID()}`, 404, 'GRANT_NOT_FOUND'],
      [inst, 'rights/grants/not-a-uuid', 400],
    ];
    for (const [who, url, status, code] of cases) {
      const res = await upload(who, url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(status);
      if (code) expect(res.json().error.code).toBe(code);
    }
    expect((await upload(inst, `rights/grants/${grantId}`, 'no_such_kind')).statusCode).toBe(400);
    // A renamed executable is refused by its content.
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]);
    const renamed = await upload(inst, `rights/grants/${grantId}`, 'other', '纪要.pdf', exe);
    expect(renamed.statusCode).toBe(422);
    expect(await documentCount()).toBe(before);
  });

  it('the institution, the team member, operators and the province read; others learn nothing', async () => {
    for (const who of [inst, liMing, op, province]) {
      const res = await list(who, `rights/grants/${grantId}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().map((d: { filename: string }) => d.filename)).toEqual(['赋权决定纪要.pdf']);
      const dl = await as(t.app, who)({ method: 'GET', url: `/api/v1/documents/${res.json()[0].id}/download` });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-disposition']).toContain('attachment');
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(dl.rawPayload.equals(pdf)).toBe(true);
    }
    const [doc] = (await list(inst, `rights/transfers/${transferId}`)).json() as Array<{ id: string }>;
    // A researcher of the institution the decision was not put to, another institution's researcher,
    // another institution, an enterprise, an unrelated department.
    for (const who of [bystander, otherResearcher, otherInst, ent, unrelatedDept]) {
      const res = await list(who, `rights/transfers/${transferId}`);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('GRANT_NOT_FOUND');
      const dl = await as(t.app, who)({ method: 'GET', url: `/api/v1/documents/${doc!.id}/download` });
      expect(dl.statusCode).toBe(404);
    }
  });

  it('decision records attach to a grant too, for its institution only', async () => {
    const body = {
      decisionType: 'grant',
      summary: '补充：赋权决定的会议纪要',
      decidedByRole: '成果转化办公室主任',
      basis: '成果转化领导小组会议纪要',
    };
    const url = `/api/v1/rights/grants/${grantId}/decisions`;
    expect((await as(t.app, otherInst)({ method: 'POST', url, payload: body })).statusCode).toBe(404);
    const ok = await as(t.app, inst)({ method: 'POST', url, payload: body });
    expect(ok.statusCode, ok.body).toBe(201);
    const read = await as(t.app, liMing)({ method: 'GET', url });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toHaveLength(1);
  });

  it('the result’s dossier carries the grant’s and transfer’s documents and decision records', async () => {
    const res = await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` });
    expect(res.statusCode).toBe(200);
    const path = join(tmpdir(), `dossier-${randomUUID()}.zip`);
    await writeFile(path, res.rawPayload);
    const report = await verifyDossier(path);
    expect(report.ok).toBe(true);
    const text = res.rawPayload.toString('utf8');
    const docIds = await t.database.db.execute<{ id: string }>(
      sql`select id from documents where subject_id in (${grantId}, ${transferId})`,
    );
    expect(docIds.rows).toHaveLength(2);
    for (const d of docIds.rows) expect(text).toContain(`documents/${d.id}-`);
    // The grant, its withdrawal, the transfer (on the result) and the record kept on the grant.
    const records = await t.database.db.execute<{ id: string }>(
      sql`select id from decision_records where subject_id in (${resultId}, ${grantId})`,
    );
    expect(records.rows.length).toBeGreaterThanOrEqual(4);
    for (const d of records.rows) expect(text).toContain(d.id);
  });
});
