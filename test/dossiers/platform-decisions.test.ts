// 措施十四: the platform's own decisions are records too — an operator verifying or rejecting an
// organisation, and the daily pool scan including or removing results (措施五, decided by the rule,
// no person). And a determination is seen by its institution only.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDossier } from '../../platform/dossier/verify.js';
import { runPoolScan } from '../../server/pool/scan.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  institutionRegistration,
  oversightMember,
  register,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let op: Session;
let inst: Session;

beforeAll(async () => {
  t = await setupTestApp();
  op = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, op, 'institution');
}, 120_000);
afterAll(() => t?.close());

type Row = {
  subject_type: string;
  decision_type: string;
  summary: string;
  basis: string;
  procedure: string;
  decided_by: string | null;
  decided_by_role: string;
  decision_body: string;
  details: Record<string, unknown>;
};

async function decisionsOn(subjectId: string): Promise<Row[]> {
  const r = await t.database.db.execute<Row>(
    sql`select subject_type, decision_type, summary, basis, procedure, decided_by, decided_by_role, decision_body, details
        from decision_records where subject_id = ${subjectId} order by created_at, id`,
  );
  return r.rows;
}

describe('organisation verification is a decision record in the organisation’s dossier', () => {
  it('the operator’s rejection (with its reason) and later verification are both recorded', async () => {
    const pending = await register(t.app, institutionRegistration());
    const operator = as(t.app, op);
    const reject = await operator({
      method: 'POST',
      url: `/api/v1/operator/organisations/${pending.orgId}/reject`,
      payload: { reason: '统一社会信用代码与单位名称不符' },
    });
    expect(reject.statusCode, reject.body).toBe(200);
    const verify = await operator({ method: 'POST', url: `/api/v1/operator/organisations/${pending.orgId}/verify` });
    expect(verify.statusCode, verify.body).toBe(200);

    const rows = await decisionsOn(pending.orgId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      subject_type: 'organisation',
      decision_type: 'organisation_verification',
      summary: expect.stringContaining('机构认证不通过'),
      basis: expect.stringContaining('统一社会信用代码与单位名称不符'),
      decided_by: op.userId,
      decided_by_role: '平台运营方',
      decision_body: '平台运营方',
    });
    expect(rows[1]).toMatchObject({
      decision_type: 'organisation_verification',
      summary: '机构认证通过',
      details: { decision: 'verify', from: 'rejected', to: 'verified' },
    });

    // The institution reads them in its own decision records, filtered by type.
    const mine = await as(
      t.app,
      pending,
    )({ method: 'GET', url: '/api/v1/institution/decisions?decisionType=organisation_verification' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((d: { summary: string }) => d.summary)).toEqual([
      '机构认证通过',
      expect.stringContaining('机构认证不通过'),
    ]);
    // Another institution does not.
    const other = await as(
      t.app,
      inst,
    )({ method: 'GET', url: '/api/v1/institution/decisions?decisionType=organisation_verification' });
    expect(other.json().items.map((d: { subjectId: string }) => d.subjectId)).not.toContain(pending.orgId);
  });

  it('a refused verification (already verified) writes no record', async () => {
    const before = await decisionsOn(inst.orgId);
    const again = await as(t.app, op)({ method: 'POST', url: `/api/v1/operator/organisations/${inst.orgId}/verify` });
    expect(again.statusCode).toBe(409);
    expect(await decisionsOn(inst.orgId)).toHaveLength(before.length);
  });

  it('a party cannot record the platform’s verification decision itself', async () => {
    const r = await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
    const res = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: `/api/v1/results/${r.json().id}/decisions`,
      payload: { decisionType: 'organisation_verification', summary: 'x', decidedByRole: 'x', basis: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(await decisionsOn(r.json().id)).toHaveLength(0);
  });
});

describe('the pool scan’s moves are the platform’s decisions', () => {
  it('including and removing a result record the rule, with no person as decider; a rerun adds nothing', async () => {
    const res = await as(
      t.app,
      inst,
    )({
      method: 'POST',
      url: '/api/v1/results',
      payload: resultBody({
        ipItems: [{ type: 'invention_patent', number: `ZL2019${Date.now() % 1_000_000}.1`, grantDate: '2020-03-01' }],
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const resultId = res.json().id as string;
    const scan = (iso: string) => runPoolScan({ ...t.ctx, now: () => new Date(iso) });

    expect((await scan('2026-12-06T02:00:00Z')).added).toBeGreaterThanOrEqual(1);
    await scan('2026-12-06T03:00:00Z');
    let rows = (await decisionsOn(resultId)).filter((d) => d.decision_type === 'pool_inclusion');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      subject_type: 'result',
      summary: expect.stringContaining('按规则自动纳入成果池'),
      basis: expect.stringMatching(/^措施五.*2023-12-06/),
      procedure: expect.stringContaining('2026-12-06'),
      decided_by: null,
      decided_by_role: '平台（按规则自动处理）',
      decision_body: '平台',
      details: { move: 'include', automatic: true, reason: 'auto_3y', scanDate: '2026-12-06' },
    });

    // The grant date is corrected to a recent one: the next scan removes it, and says why.
    await t.database.db.execute(
      sql`update result_ip_items set grant_date = '2025-01-01' where result_id = ${resultId}`,
    );
    expect((await scan('2026-12-07T02:00:00Z')).removed).toBeGreaterThanOrEqual(1);
    rows = (await decisionsOn(resultId)).filter((d) => d.decision_type === 'pool_inclusion');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      summary: '按规则自动移出成果池：知识产权取得不满三年',
      decided_by: null,
      details: { move: 'remove', automatic: true, reason: 'ip_not_held_3y', scanDate: '2026-12-07' },
    });

    // The institution sees both among its records.
    const mine = await as(
      t.app,
      inst,
    )({ method: 'GET', url: '/api/v1/institution/decisions?decisionType=pool_inclusion&pageSize=100' });
    const ids = mine.json().items.map((d: { subjectId: string }) => d.subjectId);
    expect(ids.filter((id: string) => id === resultId)).toHaveLength(2);
  });
});

describe('a reclassification that takes a result out of the pool is a decision (措施十五)', () => {
  it('records the institution’s decider, the procedure, the reclassification as basis and what else it ended', async () => {
    const member = as(t.app, inst);
    const created = await member({
      method: 'POST',
      url: '/api/v1/results',
      payload: resultBody({
        ipItems: [{ type: 'invention_patent', number: `ZL2018${Date.now() % 1_000_000}.3`, grantDate: '2019-03-01' }],
      }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const resultId = created.json().id as string;
    await runPoolScan(t.ctx);
    const pooled = (await decisionsOn(resultId)).filter((d) => d.decision_type === 'pool_inclusion');
    expect(pooled).toHaveLength(1);

    const put = (version: number, securityClass: string) =>
      member({
        method: 'PUT',
        url: `/api/v1/results/${resultId}`,
        payload: { ...resultBody({ securityClass }), version },
      });
    // A refused reclassification (stale version) records nothing.
    const stale = await put(99, 'restricted');
    expect(stale.statusCode).toBe(409);
    expect(await decisionsOn(resultId)).toHaveLength(1);

    const current = (await member({ method: 'GET', url: `/api/v1/results/${resultId}` })).json();
    const ok = await put(current.version as number, 'restricted');
    expect(ok.statusCode, ok.body).toBe(200);
    const rows = (await decisionsOn(resultId)).filter((d) => d.decision_type === 'pool_inclusion');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      subject_type: 'result',
      summary: expect.stringContaining('成果密级调整（普通 → 涉及国家利益），移出成果池'),
      basis: expect.stringMatching(/^措施十五.*（普通 → 涉及国家利益）$/),
      procedure: expect.stringContaining('本单位在平台调整成果密级'),
      decided_by: inst.userId,
      decided_by_role: '科研单位经办人',
      details: {
        move: 'remove',
        reason: 'reclassified',
        securityClass: { from: 'public', to: 'restricted' },
        payLaterApplicationsClosed: 0,
        listingsTakenDown: [],
        editionRowsRedacted: 0,
      },
    });

    // Out of the pool already: a further reclassification (to 涉密) records no second removal.
    const again = (await member({ method: 'GET', url: `/api/v1/results/${resultId}` })).json();
    expect((await put(again.version as number, 'classified')).statusCode).toBe(200);
    expect((await decisionsOn(resultId)).filter((d) => d.decision_type === 'pool_inclusion')).toHaveLength(2);

    // The result's dossier carries the record beside the events around it (the update, the removal).
    const zip = await member({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` });
    expect(zip.statusCode).toBe(200);
    const text = zip.rawPayload.toString('utf8');
    expect(text).toContain('成果密级调整（普通 → 涉及国家利益），移出成果池');
    expect(text).toContain('"action":"pool.remove"');
    expect(text).toContain('"action":"result.update"');
  });
});

describe('determinations are their institution’s only', () => {
  it('an institution sees the determination on its own dossier, never one on another institution’s', async () => {
    const other = await verifiedMember(t.app, op, 'institution');
    const province = await oversightMember(t.app, op, 'provincial');
    const manifestOf = async (s: Session) => {
      const r = await as(t.app, s)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
      const zip = await as(t.app, s)({ method: 'GET', url: `/api/v1/results/${r.json().id}/dossier` });
      expect(zip.statusCode).toBe(200);
      const path = join(tmpdir(), `dossier-${randomUUID()}.zip`);
      await writeFile(path, zip.rawPayload);
      const report = await verifyDossier(path);
      expect(report.ok).toBe(true);
      return report.manifestSha256!;
    };
    const mine = await manifestOf(inst);
    const theirs = await manifestOf(other);
    const determine = (sha: string, basis: string) =>
      as(
        t.app,
        province,
      )({
        method: 'POST',
        url: '/api/v1/determinations',
        payload: { dossierSha256: sha, conclusion: 'exempt', determinedOn: '2026-12-01', basis },
      });
    expect((await determine(mine, '本单位档案程序完备')).statusCode).toBe(201);
    expect((await determine(theirs, '他单位档案程序完备')).statusCode).toBe(201);

    const seen = async (s: Session) =>
      ((await as(t.app, s)({ method: 'GET', url: '/api/v1/determinations' })).json() as Array<{ basis: string }>).map(
        (d) => d.basis,
      );
    expect(await seen(inst)).toEqual(['本单位档案程序完备']);
    expect(await seen(other)).toEqual(['他单位档案程序完备']);
    expect(await seen(province)).toEqual(expect.arrayContaining(['本单位档案程序完备', '他单位档案程序完备']));
  });
});
