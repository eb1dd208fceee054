// Issue 7: the pool and the pay-later licences fill the right inboxes — pool changes the result's
// institution, each negotiation move the other side, the licence both, first sales the institution,
// a reminder the enterprise, an overdue payment both sides and the operators, a receipt the
// enterprise. Pool items are results: no listingId, the ids in `data`.
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/results.js';
import { notifications, organisations } from '../../db/schema/index.js';
import { fireScheduleTimer } from '../../server/ledger/timers.js';
import { runPoolScan } from '../../server/pool/scan.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { addColleague, as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let institution: Session;
/** A second member of the institution: not the one who acts. */
let colleague: { userId: string };
let smeColleague: { userId: string };
let otherInstitution: Session;
let sme: Session;
let otherSme: Session;
const name = new Map<string, string>();

async function newResult(session: Session, overrides: Record<string, unknown> = {}) {
  const res = await as(
    t.app,
    session,
  )({
    method: 'POST',
    url: '/api/v1/results',
    payload: resultBody({
      ipItems: [{ type: 'invention_patent', number: `ZL${Math.random()}`.slice(0, 18), grantDate: '2019-05-01' }],
      ...overrides,
    }),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; title: string };
}

async function inbox(userId: string, kind?: string) {
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), kind ? eq(notifications.kind, kind as never) : undefined))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}

const about = (key: string, id: string) => (n: { data: Record<string, unknown> }) => n.data[key] === id;
// A pool notice names its first result in `resultId` and all of them in `resultIds`.
const mentions = (id: string) => (n: { data: Record<string, unknown> }) =>
  n.data.resultId === id || (Array.isArray(n.data.resultIds) && n.data.resultIds.includes(id));

beforeAll(async () => {
  t = await setupTestApp({ LOG_LEVEL: 'error' });
  operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
  otherInstitution = await verifiedMember(t.app, operator, 'institution');
  sme = await verifiedMember(t.app, operator, 'enterprise');
  otherSme = await verifiedMember(t.app, operator, 'enterprise');
  colleague = { userId: await addColleague(t.database.db, institution.orgId) };
  smeColleague = { userId: await addColleague(t.database.db, sme.orgId) };
  for (const o of await t.database.db.select({ id: organisations.id, name: organisations.name }).from(organisations)) {
    name.set(o.id, o.name);
  }
});
afterAll(() => t.close());

describe('the pool', () => {
  it('tells the institution what one scan included, in one notification per institution, and only once', async () => {
    const first = await newResult(institution);
    const second = await newResult(institution);
    const theirs = await newResult(otherInstitution);
    await runPoolScan(t.ctx);
    await runPoolScan(t.ctx);
    for (const userId of [institution.userId, colleague.userId]) {
      const got = await inbox(userId, 'pool_included');
      expect(got).toHaveLength(1);
      const [lowId] = [first.id, second.id].sort();
      const low = lowId === first.id ? first : second;
      expect(got[0]).toMatchObject({ listingId: null, data: { resultId: lowId, count: 2 } });
      expect((got[0]!.data.resultIds as string[]).sort()).toEqual([first.id, second.id].sort());
      expect(got[0]!.body).toBe(
        `成果“${low.title}”等 2 项成果已纳入先用后付成果池（取得知识产权满三年未转化），中小微企业可申请先使用后付费许可。`,
      );
    }
    const other = await inbox(otherInstitution.userId, 'pool_included');
    expect(other).toHaveLength(1);
    expect(other[0]!.data).toMatchObject({ resultId: theirs.id, count: 1 });
    expect(other[0]!.body).toContain(`成果“${theirs.title}”已纳入`);
    for (const s of [sme, operator]) expect(await inbox(s.userId)).toHaveLength(0);
  });

  it('tells the institution what a scan removed, and why', async () => {
    const r = await newResult(otherInstitution);
    await runPoolScan(t.ctx);
    // Reclassified by a path that does not touch the pool itself: the next scan removes it (措施十五).
    await t.database.db.execute(sql`update results set security_class = 'restricted' where id = ${r.id}`);
    await runPoolScan(t.ctx);
    const removed = (await inbox(otherInstitution.userId, 'pool_removed')).filter(mentions(r.id));
    expect(removed).toHaveLength(1);
    expect(removed[0]!.data).toMatchObject({ count: 1, resultIds: [r.id] });
    expect(removed[0]!.body).toBe(`成果“${r.title}”已移出先用后付成果池：成果密级调整，不再适用先用后付（措施十五）。`);
    expect((await inbox(institution.userId, 'pool_removed')).filter(mentions(r.id))).toHaveLength(0);
  });

  it('tells the colleagues, not the member who acted, of an opt-out and a voluntary inclusion', async () => {
    const r = await newResult(institution);
    await runPoolScan(t.ctx);
    const out = await as(
      t.app,
      institution,
    )({ method: 'POST', url: `/api/v1/pool/results/${r.id}/opt-out`, payload: { reason: '拟独占许可给合作企业' } });
    expect(out.statusCode).toBe(200);
    const removed = (await inbox(colleague.userId, 'pool_removed')).filter(mentions(r.id));
    expect(removed).toHaveLength(1);
    expect(removed[0]!.body).toBe(`成果“${r.title}”已移出先用后付成果池：科研单位申请不纳入。`);
    expect((await inbox(institution.userId, 'pool_removed')).filter(mentions(r.id))).toHaveLength(0);

    const back = await as(t.app, institution)({ method: 'POST', url: `/api/v1/pool/results/${r.id}/include` });
    expect(back.statusCode).toBe(200);
    const included = (await inbox(colleague.userId, 'pool_included')).filter(mentions(r.id));
    expect(included.at(-1)!.body).toBe(
      `成果“${r.title}”已纳入先用后付成果池（单位自愿纳入），中小微企业可申请先使用后付费许可。`,
    );
    expect((await inbox(institution.userId, 'pool_included')).filter(mentions(r.id))).toHaveLength(1); // the scan's
  });
});

const terms = (overrides: Record<string, unknown> = {}) => ({
  feeFen: 5_000_000,
  royaltyBp: null,
  paymentTiming: 'after_signing',
  paymentDelayMonths: 1,
  termYears: 1,
  paymentConditions: '产品通过中试验证后支付',
  ...overrides,
});

async function apply(session: Session, resultId: string, overrides: Record<string, unknown> = {}) {
  const res = await as(
    t.app,
    session,
  )({
    method: 'POST',
    url: '/api/v1/paylater/applications',
    payload: { resultId, ...terms(overrides), message: '拟用于新产品线' },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string };
}

const move = (session: Session, id: string, action: string, payload: Record<string, unknown>) =>
  as(t.app, session)({ method: 'POST', url: `/api/v1/paylater/applications/${id}/${action}`, payload });

describe('pay-later negotiation', () => {
  let result: { id: string; title: string };
  // 措施五 pools only results 未实现转化: once licensed, a result takes no more applications.
  let spare: { id: string; title: string };
  beforeAll(async () => {
    result = await newResult(institution);
    spare = await newResult(institution);
    await runPoolScan(t.ctx);
  });

  it('application → institution; counter → enterprise; accept → institution, and the licence → the accepting side’s colleagues', async () => {
    const app = await apply(sme, result.id);
    const applied = (await inbox(institution.userId, 'paylater_applied')).filter(about('applicationId', app.id));
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ listingId: null, data: { applicationId: app.id, resultId: result.id } });
    expect(applied[0]!.body).toContain(`${name.get(sme.orgId)}申请以先使用后付费方式许可使用成果“${result.title}”`);
    expect((await inbox(sme.userId, 'paylater_applied')).length).toBe(0);

    const counter = await move(institution, app.id, 'counter', {
      version: 1,
      ...terms({ feeFen: 8_000_000 }),
      message: '许可费调整为 8 万元',
    });
    expect(counter.statusCode).toBe(200);
    const countered = (await inbox(sme.userId, 'paylater_updated')).filter(about('applicationId', app.id));
    expect(countered).toHaveLength(1);
    expect(countered[0]!.body).toBe(
      `${name.get(institution.orgId)}对您就成果“${result.title}”提出的先用后付申请提出了还价条件，请查看并答复：许可费调整为 8 万元`,
    );
    expect((await inbox(institution.userId, 'paylater_updated')).filter(about('applicationId', app.id))).toHaveLength(
      0,
    );

    const accepted = await move(sme, app.id, 'accept', { version: 2 });
    expect(accepted.statusCode).toBe(200);
    const licenceId = accepted.json().licenceId as string;
    const toInst = (await inbox(institution.userId, 'paylater_updated')).filter(about('applicationId', app.id));
    expect(toInst).toHaveLength(1);
    expect(toInst[0]!.body).toBe(`${name.get(sme.orgId)}接受了您对成果“${result.title}”提出的还价条件，许可已生效。`);
    expect(toInst[0]!.data).toMatchObject({ licenceId, status: 'accepted' });
    expect((await inbox(sme.userId, 'paylater_updated')).filter(about('applicationId', app.id))).toHaveLength(1);
    // One notice per person for one acceptance: the institution has the acceptance (with the licence),
    // the accepting member's colleagues the licence, the accepting member nothing.
    const activated = async (userId: string) =>
      (await inbox(userId, 'paylater_licence_activated')).filter(about('licenceId', licenceId));
    for (const userId of [sme.userId, institution.userId, colleague.userId])
      expect(await activated(userId)).toEqual([]);
    expect((await inbox(colleague.userId, 'paylater_updated')).filter(about('licenceId', licenceId))).toHaveLength(1);
    const act = await activated(smeColleague.userId);
    expect(act).toHaveLength(1);
    expect(act[0]!.data).toMatchObject({ applicationId: app.id, resultId: result.id });
    expect(await inbox(otherSme.userId)).toHaveLength(0);
    expect(await inbox(otherInstitution.userId, 'paylater_updated')).toHaveLength(0);
  });

  it('decline and withdraw reach the other side with what happened', async () => {
    const a = await apply(otherSme, spare.id);
    expect((await move(institution, a.id, 'decline', { version: 1, reason: '已有独占许可意向' })).statusCode).toBe(200);
    const declined = (await inbox(otherSme.userId, 'paylater_updated')).filter(about('applicationId', a.id));
    expect(declined.map((n) => n.body)).toEqual([
      `${name.get(institution.orgId)}拒绝了您对成果“${spare.title}”的先用后付申请：已有独占许可意向`,
    ]);

    const b = await apply(otherSme, spare.id);
    expect((await move(otherSme, b.id, 'withdraw', { version: 1 })).statusCode).toBe(200);
    const withdrawn = (await inbox(institution.userId, 'paylater_updated')).filter(about('applicationId', b.id));
    expect(withdrawn.map((n) => n.body)).toEqual([
      `${name.get(otherSme.orgId)}撤回了对成果“${spare.title}”的先用后付申请。`,
    ]);
    expect((await inbox(otherSme.userId, 'paylater_updated')).filter(about('applicationId', b.id))).toHaveLength(0);
  });
});

describe('licences and payments', () => {
  async function licensed(overrides: Record<string, unknown> = {}) {
    const r = await newResult(institution);
    await runPoolScan(t.ctx);
    const a = await apply(sme, r.id, overrides);
    const res = await move(institution, a.id, 'accept', { version: 1 });
    const licence = (
      await as(t.app, sme)({ method: 'GET', url: `/api/v1/paylater/licences/${res.json().licenceId}` })
    ).json();
    return { result: r, licence };
  }

  it('first sales → the institution', async () => {
    const { result, licence } = await licensed({ paymentTiming: 'after_first_sales' });
    const today = shanghaiDate(new Date());
    const res = await as(
      t.app,
      sme,
    )({ method: 'POST', url: `/api/v1/paylater/licences/${licence.id}/first-sales`, payload: { firstSalesOn: today } });
    expect(res.statusCode).toBe(200);
    const got = (await inbox(institution.userId, 'paylater_sales_reported')).filter(about('licenceId', licence.id));
    expect(got.map((n) => n.body)).toEqual([
      `${name.get(sme.orgId)}报告了成果“${result.title}”的首次销售（${today}），付款计划已按此更新。`,
    ]);
    expect(await inbox(sme.userId, 'paylater_sales_reported')).toHaveLength(0);
  });

  it('reminder → the enterprise; overdue → both sides and the operators; each once', async () => {
    const { result, licence } = await licensed();
    const payment = licence.payments[0] as { id: string; dueOn: string };
    const at = (d: Date) => ({ ...t.ctx, now: () => d });
    const remindAt = new Date(new Date(`${payment.dueOn}T00:00:00+08:00`).getTime() - 7 * 86_400_000);
    await Promise.all([1, 2].map(() => fireScheduleTimer(at(remindAt), 'reminder', payment.id)));
    const due = (await inbox(sme.userId, 'paylater_payment_due')).filter(about('paymentId', payment.id));
    expect(due.map((n) => n.body)).toEqual([
      `成果“${result.title}”的许可费 5 万元将于 ${payment.dueOn} 到期，请按时支付。`,
    ]);
    expect(due[0]!.data).toMatchObject({ licenceId: licence.id, resultId: result.id });
    expect((await inbox(institution.userId, 'paylater_payment_due')).length).toBe(0);
    expect((await inbox(operator.userId, 'paylater_payment_due')).length).toBe(0);

    const overdue = new Date(new Date(`${payment.dueOn}T23:59:59.999+08:00`).getTime() + 1);
    await fireScheduleTimer(at(overdue), 'overdue', payment.id);
    await fireScheduleTimer(at(overdue), 'overdue', payment.id);
    for (const userId of [sme.userId, institution.userId, colleague.userId, operator.userId]) {
      const got = (await inbox(userId, 'paylater_payment_overdue')).filter(about('paymentId', payment.id));
      expect(got.map((n) => n.body)).toEqual([
        `被许可方${name.get(sme.orgId)}应于 ${payment.dueOn} 支付的成果“${result.title}”许可费 5 万元已逾期未付。`,
      ]);
    }
    expect(await inbox(otherSme.userId, 'paylater_payment_overdue')).toHaveLength(0);
  });

  it('payment received → the enterprise, saying when the licence is settled', async () => {
    const { result, licence } = await licensed();
    const payment = licence.payments[0] as { id: string };
    const today = shanghaiDate(new Date());
    const res = await as(
      t.app,
      institution,
    )({
      method: 'POST',
      url: `/api/v1/paylater/licences/${licence.id}/payments/${payment.id}/received`,
      payload: { receivedOn: today },
    });
    expect(res.statusCode).toBe(200);
    const got = (await inbox(sme.userId, 'paylater_payment_received')).filter(about('paymentId', payment.id));
    expect(got.map((n) => n.body)).toEqual([
      `成果“${result.title}”的许可费 5 万元 已确认收款（${today}），全部款项已结清，许可履行完毕。`,
    ]);
    expect(await inbox(institution.userId, 'paylater_payment_received')).toHaveLength(0);
    // The inbox API hands the ids over for the web to link (listingId stays null: a result, not a listing).
    const api = await as(t.app, sme)({ method: 'GET', url: '/api/v1/notifications?pageSize=100' });
    const item = (
      api.json().items as Array<{ kind: string; listingId: string | null; data: Record<string, unknown> }>
    ).find((n) => n.kind === 'paylater_payment_received' && n.data.paymentId === payment.id);
    expect(item).toMatchObject({ listingId: null, data: { licenceId: licence.id, resultId: result.id } });
    // Every notification's live push was queued with it: one per enterprise member (sme and a colleague).
    const pushes = await t.database.db.execute<{ user_id: string }>(sql`
      select payload->>'userId' as user_id from outbox where topic = 'notification.created'
        and payload->'notification'->'data'->>'paymentId' = ${payment.id}`);
    expect(pushes.rows.map((r) => r.user_id).sort()).toEqual([sme.userId, smeColleague.userId].sort());
  });
});
