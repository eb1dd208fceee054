// Issue 18, end to end as each role: the institution invites a researcher, who joins; the institution
// grants the team co-ownership (措施一), the researcher accepts and the ownership changes; the result is
// converted, a payment is received, the team's reward is computed from it (措施十二), approved and
// paid; the researcher reads and downloads their statement. Roles outside the path are refused.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  researcherSession,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { todayShanghai } from '../helpers/remuneration.js';

let t: TestContext;
let operator: Session;
let institution: Session;
let enterprise: Session;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '100000' });
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  enterprise = await verifiedMember(t.app, operator, 'enterprise');
}, 300_000);
afterAll(() => t.close());

async function ok<T = Record<string, unknown>>(p: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const res = await p;
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}

describe('a researcher from invitation to a paid reward', () => {
  it('invite → join → grant → accept → conversion → payment → reward → paid → statement', async () => {
    const inst = as(t.app, institution);

    // Invite → join: the invitation mail's link, accepted by a new account.
    const researcher = await researcherSession(t.app, institution, t.config.mail.dir, { displayName: '韩雪' });
    const me = await ok<{ memberships: { role: string }[] }>(
      as(t.app, researcher)({ method: 'GET', url: '/api/v1/me' }),
    );
    expect(me.memberships).toEqual([expect.objectContaining({ role: 'researcher' })]);

    // The result and its team: the researcher linked with 60 %, a colleague without an account 40 %.
    const result = await ok<{ id: string }>(
      inst({ method: 'POST', url: '/api/v1/results', payload: resultBody({ title: '虚构低温烧结陶瓷膜技术' }) }),
    );
    await ok(
      inst({
        method: 'PUT',
        url: `/api/v1/results/${result.id}/team`,
        payload: {
          members: [
            { name: '韩雪', roleInWork: '项目负责人', shareBp: 6000, userId: researcher.userId },
            { name: '邓凯', roleInWork: '主要完成人', shareBp: 4000 },
          ],
        },
      }),
    );

    // 措施一: the institution decides co-ownership; nothing changes until the team accepts.
    const grant = await ok<{ id: string; status: string }>(
      inst({
        method: 'POST',
        url: `/api/v1/results/${result.id}/rights/decisions`,
        payload: {
          kind: 'co_ownership',
          institutionShareBp: 3000,
          teamShareBp: 7000,
          decisionBody: '成果转化领导小组',
          decidedOn: todayShanghai(),
          basis: '本校职务科技成果赋权管理办法（虚构）第八条',
        },
      }),
    );
    expect(grant.status).toBe('pending');
    const ownership = async () =>
      (await t.database.db.execute<{ ownership: string }>(sql`select ownership from results where id = ${result.id}`))
        .rows[0]!.ownership;
    expect(await ownership()).toBe('institution');
    // Only the team answers: the enterprise and the operator are refused.
    for (const who of [enterprise, operator]) {
      const refused = await as(
        t.app,
        who,
      )({
        method: 'POST',
        url: `/api/v1/researcher/rights/${grant.id}/answer`,
        payload: { answer: 'accepted' },
      });
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    }
    await ok(
      as(
        t.app,
        researcher,
      )({
        method: 'POST',
        url: `/api/v1/researcher/rights/${grant.id}/answer`,
        payload: { answer: 'accepted' },
      }),
    );
    expect(await ownership()).toBe('co_owned');

    // The conversion, the institution's reward policy, a received payment and a cost.
    const conversion = await ok<{ id: string }>(
      inst({
        method: 'POST',
        url: '/api/v1/ledger/conversions',
        payload: {
          resultId: result.id,
          counterpartyName: '辽宁虚构膜材料有限公司',
          counterpartyOwnership: 'private',
          transactionType: 'transfer',
          appraisal: 'appraised',
          basis: '第三方评估报告（虚构）',
          evidenceRef: '转让合同 HT-JOURNEY-01',
          contract: {
            title: '虚构低温烧结陶瓷膜技术转让合同',
            amountFen: 10_000_000,
            technologyAmountFen: 10_000_000,
            paymentMethods: ['lump_sum'],
            signedOn: '2026-03-01',
          },
          effective: true,
          schedule: [],
        },
      }),
    );
    await ok(
      inst({
        method: 'PUT',
        url: '/api/v1/remuneration/policy',
        payload: {
          cashShareBp: 7000,
          equityShareBp: 7000,
          horizontalMinShareBp: 9000,
          decisionBody: '科技成果转化领导小组',
          basis: '本单位科技成果转化管理办法（虚构）',
        },
      }),
    );
    // Before any income, there is nothing to reward.
    const empty = await ok<{ uncomputedPayments: unknown[] }>(
      inst({ method: 'GET', url: `/api/v1/remuneration/conversions/${conversion.id}` }),
    );
    expect(empty.uncomputedPayments).toEqual([]);
    await ok(
      inst({
        method: 'POST',
        url: `/api/v1/ledger/conversions/${conversion.id}/payments`,
        payload: {
          amountFen: 10_000_000,
          receivedOn: '2026-03-10',
          payerName: '辽宁虚构膜材料有限公司',
          evidenceRef: '回单 J1',
        },
      }),
    );
    await ok(
      inst({
        method: 'POST',
        url: `/api/v1/remuneration/conversions/${conversion.id}/costs`,
        payload: { kind: 'appraisal', amountFen: 500_000, incurredOn: '2026-02-20', evidenceRef: '评估费发票 J1' },
      }),
    );

    // 措施十二: the team's reward from the received payment, split 60/40 by contribution share.
    const summary = await ok<{ uncomputedPayments: { id: string }[] }>(
      inst({ method: 'GET', url: `/api/v1/remuneration/conversions/${conversion.id}` }),
    );
    expect(summary.uncomputedPayments).toHaveLength(1);
    // Only the institution computes, approves and pays.
    for (const who of [researcher, enterprise, operator]) {
      const refused = await as(
        t.app,
        who,
      )({
        method: 'POST',
        url: `/api/v1/remuneration/payments/${summary.uncomputedPayments[0]!.id}/award`,
      });
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    }
    const award = await ok<{ entries: { id: string; amountFen: number; memberName?: string }[] }>(
      inst({ method: 'POST', url: `/api/v1/remuneration/payments/${summary.uncomputedPayments[0]!.id}/award` }),
    );
    // Net income 100,000 元 − 5,000 元 = 95,000 元; 70 % to the team = 66,500 元, in 分, split 60/40.
    const amounts = award.entries.map((e) => e.amountFen).sort((a, b) => b - a);
    expect(amounts).toEqual([3_990_000, 2_660_000]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(6_650_000);
    const entryIds = award.entries.map((e) => e.id);
    await ok(
      inst({
        method: 'POST',
        url: '/api/v1/remuneration/entries/approve',
        payload: { entryIds, decisionBody: '校长办公会', basis: '奖励方案经公示无异议（虚构）' },
      }),
    );
    await ok(
      inst({
        method: 'POST',
        url: '/api/v1/remuneration/entries/pay',
        payload: {
          entryIds,
          paidOn: todayShanghai(),
          paidRef: '发放批次 J-01',
          decisionBody: '财务处',
          basis: '奖励方案（虚构）',
        },
      }),
    );

    // The researcher reads their own statement (only their part) and downloads it as PDF.
    const mine = await ok<{ paidCashFen: number; items: unknown[]; payTreatment: string }>(
      as(t.app, researcher)({ method: 'GET', url: '/api/v1/researcher/remuneration' }),
    );
    expect(mine.paidCashFen).toBe(3_990_000);
    expect(mine.items).toHaveLength(1);
    expect(mine.payTreatment).toContain('不作为社会保险缴费基数');
    const pdf = await as(t.app, researcher)({ method: 'GET', url: '/api/v1/researcher/remuneration/statement.pdf' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A statement is the researcher's own: the institution's, the enterprise's and the operator's
    // sessions are refused.
    for (const who of [institution, enterprise, operator]) {
      const refused = await as(t.app, who)({ method: 'GET', url: '/api/v1/researcher/remuneration' });
      expect(refused.statusCode).toBe(403);
    }
  });
});
