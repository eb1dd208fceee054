// 措施十三 statistics through the API: who sees which organisations' figures, oversight departments,
// public figures with small cells hidden, open data with ETag / Last-Modified, internal units. Each
// refusal writes nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts, conversions, results } from '../../db/schema/index.js';
import { rollUp } from '../../server/statistics/rollup.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, login, uniqueEmail, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let operator: Session;
let instA: Session;
let instB: Session;
let ent: Session;
const STRONG = 'Liaoning-Stats-2026!';

/** A conversion signed on `signedOn` for an institution, with its contract in force. */
async function conversion(
  institutionId: string,
  field: 'new_materials' | 'biomedicine',
  signedOn: string,
  amountFen: number,
) {
  const db = t.database.db;
  const [r] = await db
    .insert(results)
    .values({ institutionId, title: '统计接口测试成果', summary: '统计接口测试', field, maturity: 'pilot' })
    .returning({ id: results.id });
  const [cv] = await db
    .insert(conversions)
    .values({
      institutionId,
      resultId: r!.id,
      route: 'off_platform',
      counterpartyName: '虚构受让企业有限公司',
      counterpartyOwnership: 'private',
      transactionType: 'transfer',
      priceBasis: 'off_platform',
    })
    .returning({ id: conversions.id });
  await db.insert(contracts).values({
    conversionId: cv!.id,
    institutionId,
    contractType: 'transfer',
    title: '技术转让合同',
    sellerName: '统计接口测试大学',
    buyerName: '虚构受让企业有限公司',
    amountFen,
    technologyAmountFen: amountFen,
    paymentMethods: ['lump_sum'],
    signedOn,
    status: 'effective',
  });
}

async function writes(): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from organisations) + (select count(*) from users) + (select count(*) from oversight_links)
         + (select count(*) from org_units) + (select count(*) from audit_log) + (select count(*) from memberships) as n`);
  return Number(r.rows[0]!.n);
}

async function refused(res: () => Promise<{ statusCode: number; json(): unknown }>, status: number, code: string) {
  const before = await writes();
  const r = await res();
  expect(r.statusCode).toBe(status);
  expect((r.json() as { error: { code: string } }).error.code).toBe(code);
  expect(await writes()).toBe(before);
}

beforeAll(async () => {
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' });
  operator = await createOperator(t.app, t.database.db);
  instA = await verifiedMember(t.app, operator, 'institution');
  instB = await verifiedMember(t.app, operator, 'institution');
  ent = await verifiedMember(t.app, operator, 'enterprise');
  for (const day of ['2026-02-10', '2026-05-20', '2026-09-01'])
    await conversion(instA.orgId, 'new_materials', day, 1_000_000);
  await conversion(instB.orgId, 'biomedicine', '2026-03-03', 7_777_700);
  await rollUp(t.database.db);
});
afterAll(() => t.close());

const YEAR = 'from=2026-01&to=2026-12&grain=year';
const figuresOf = (res: { json(): unknown }) =>
  res.json() as {
    asOf: string | null;
    rows: { key: string; values: Record<string, number | null>; suppressed: string[] }[];
    total: { values: Record<string, number | null> };
  };

async function department(scope: 'supervisory' | 'provincial', linked: string[]): Promise<Session> {
  const create = await as(
    t.app,
    operator,
  )({
    method: 'POST',
    url: '/api/v1/operator/departments',
    payload: { name: scope === 'provincial' ? '辽宁省科学技术厅' : '虚构省教育厅', scope },
  });
  expect(create.statusCode).toBe(201);
  const id = (create.json() as { id: string }).id;
  const email = uniqueEmail('dept');
  const member = await as(
    t.app,
    operator,
  )({
    method: 'POST',
    url: `/api/v1/operator/departments/${id}/members`,
    payload: { email, displayName: '统计处王处长', password: STRONG },
  });
  expect(member.statusCode).toBe(201);
  for (const institutionId of linked) {
    const link = await as(
      t.app,
      operator,
    )({ method: 'PUT', url: `/api/v1/operator/departments/${id}/institutions/${institutionId}` });
    expect(link.statusCode).toBe(204);
  }
  return login(t.app, email, STRONG);
}

describe('who sees which figures', () => {
  it('an institution sees its own figures and no one else’s', async () => {
    const own = figuresOf(await as(t.app, instA)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}` }));
    expect(own.total.values.conversions).toBe(3);
    expect(own.total.values.contract_amount).toBe(3_000_000);
    expect(own.asOf).not.toBeNull();
    await refused(
      () => as(t.app, instA)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&organisationId=${instB.orgId}` }),
      403,
      'STATS_OUT_OF_SCOPE',
    );
  });

  it('an enterprise sees its own (no conversions) and anonymous callers must sign in', async () => {
    const own = figuresOf(await as(t.app, ent)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}` }));
    expect(own.total.values.conversions).toBe(0);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('a supervisory department sees the institutions linked to it; the provincial department all', async () => {
    const dept = await department('supervisory', [instA.orgId]);
    const byOrg = figuresOf(
      await as(t.app, dept)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&by=organisation` }),
    );
    expect(byOrg.rows.map((r) => r.key)).toEqual([instA.orgId]);
    expect(byOrg.total.values.conversions).toBe(3);
    await refused(
      () => as(t.app, dept)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&organisationId=${instB.orgId}` }),
      403,
      'STATS_OUT_OF_SCOPE',
    );
    const overseen = await as(t.app, dept)({ method: 'GET', url: '/api/v1/oversight/institutions' });
    expect((overseen.json() as { id: string }[]).map((i) => i.id)).toEqual([instA.orgId]);
    // It reads; it never acts on the market.
    const act = await as(t.app, dept)({ method: 'GET', url: '/api/v1/results' });
    expect(act.statusCode).toBe(403);

    const province = await department('provincial', []);
    const all = figuresOf(await as(t.app, province)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}` }));
    expect(all.total.values.conversions).toBe(4);
  });

  it('operators see everything, by month', async () => {
    const monthly = figuresOf(
      await as(t.app, operator)({ method: 'GET', url: '/api/v1/stats/figures?from=2026-01&to=2026-12&grain=month' }),
    );
    expect(monthly.rows.map((r) => [r.key, r.values.conversions])).toEqual([
      ['2026-02', 1],
      ['2026-03', 1],
      ['2026-05', 1],
      ['2026-09', 1],
    ]);
  });

  it('refuses bad periods and unknown dimensions, writing nothing', async () => {
    await refused(
      () => as(t.app, operator)({ method: 'GET', url: '/api/v1/stats/figures?from=2026-12&to=2026-01' }),
      422,
      'STATS_PERIOD_INVALID',
    );
    await refused(
      () => as(t.app, operator)({ method: 'GET', url: '/api/v1/stats/figures?from=2026-13&to=2026-12' }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      () => as(t.app, operator)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&by=secret` }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('ranked by organisation (the page shows the first few of ~21,000)', () => {
  const ranked = (res: { json(): unknown }) =>
    res.json() as ReturnType<typeof figuresOf> & { groups?: number; rows: { label: string }[] };

  it('returns the first `limit` organisations by the sort indicator, named, with the total of all', async () => {
    const byAmount = ranked(
      await as(
        t.app,
        operator,
      )({
        method: 'GET',
        url: `/api/v1/stats/figures?${YEAR}&by=organisation&sort=contract_amount&limit=1`,
      }),
    );
    expect(byAmount.rows.map((r) => r.key)).toEqual([instB.orgId]);
    expect(byAmount.rows[0]!.label).not.toBe(instB.orgId);
    expect(byAmount.groups).toBeGreaterThanOrEqual(2);
    expect(byAmount.total.values.conversions).toBe(4);
    expect(byAmount.total.values.contract_amount).toBe(10_777_700);

    const byCount = ranked(
      await as(
        t.app,
        operator,
      )({
        method: 'GET',
        url: `/api/v1/stats/figures?${YEAR}&by=organisation&sort=conversions&limit=1`,
      }),
    );
    expect(byCount.rows.map((r) => r.key)).toEqual([instA.orgId]);

    // Without sort or limit: by contract amount, the first 50.
    const byDefault = ranked(
      await as(t.app, operator)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&by=organisation` }),
    );
    expect(byDefault.rows.slice(0, 2).map((r) => r.key)).toEqual([instB.orgId, instA.orgId]);
    expect(byDefault.rows.length).toBeLessThanOrEqual(50);
  });

  it('ranks within the viewer’s scope only', async () => {
    const own = ranked(
      await as(t.app, instA)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&by=organisation&limit=5` }),
    );
    expect(own.rows.map((r) => r.key)).toEqual([instA.orgId]);
    expect(own.groups).toBe(1);
    expect(own.total.values.contract_amount).toBe(3_000_000);
  });

  it('ranks other breakdowns in memory', async () => {
    const byField = ranked(
      await as(
        t.app,
        operator,
      )({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&by=field&sort=conversions&limit=1` }),
    );
    expect(byField.rows.map((r) => r.key)).toEqual(['new_materials']);
    expect(byField.groups).toBe(2);
    expect(byField.total.values.conversions).toBe(4);
  });

  it('refuses a sort it cannot rank by and a limit out of range, in Chinese, on every route that takes them', async () => {
    for (const bad of [
      'sort=secret',
      'sort=median_days_to_conversion',
      'limit=0',
      'limit=101',
      'limit=2.5',
      'limit=ten',
    ]) {
      const before = await writes();
      const res = await as(
        t.app,
        operator,
      )({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&by=organisation&${bad}` });
      expect(res.statusCode, bad).toBe(400);
      const error = (res.json() as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await writes()).toBe(before);
    }
    // The public figures have no organisations to rank.
    const open = await t.app.inject({ method: 'GET', url: `/api/v1/open/stats?${YEAR}&sort=contract_amount` });
    expect(open.statusCode).toBe(400);
  });
});

describe('public figures and open data', () => {
  it('hides a field with one contract, and one more so the total cannot reveal it', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/open/stats?${YEAR}&by=field` });
    expect(res.statusCode).toBe(200);
    const f = figuresOf(res);
    const single = f.rows.find((r) => r.key === 'biomedicine')!;
    const three = f.rows.find((r) => r.key === 'new_materials')!;
    expect(single.values.contract_amount).toBeNull();
    expect(single.suppressed).toContain('contract_amount');
    expect(three.values.conversions).toBeNull();
    expect(f.total.values.conversions).toBe(4);
    expect(JSON.stringify(f)).not.toContain('7777700');
    await refused(
      () => t.app.inject({ method: 'GET', url: `/api/v1/open/stats?${YEAR}&by=organisation` }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers 304 until the next roll-up changes the figures', async () => {
    const url = `/api/v1/open/stats?${YEAR}`;
    const first = await t.app.inject({ method: 'GET', url });
    const etag = first.headers.etag as string;
    expect(first.headers['last-modified']).toBeTruthy();
    expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const since = first.headers['last-modified'] as string;
    expect((await t.app.inject({ method: 'GET', url, headers: { 'if-modified-since': since } })).statusCode).toBe(304);
    await conversion(instB.orgId, 'biomedicine', '2026-11-11', 500_000);
    await rollUp(t.database.db);
    const after = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(figuresOf(after).total.values.conversions).toBe(5);
  });

  it('downloads the same figures as CSV, hidden cells as —', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/open/stats.csv?from=2026-01&to=2026-12&grain=month`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body).toContain('转化项数');
    expect(res.body).toContain('—');
    expect(res.body).toContain('合计');
  });
});

describe('departments and internal units', () => {
  it('only operators manage departments; bad input writes nothing', async () => {
    await refused(
      () =>
        as(
          t.app,
          instA,
        )({
          method: 'POST',
          url: '/api/v1/operator/departments',
          payload: { name: '虚构省卫生健康委', scope: 'supervisory' },
        }),
      403,
      'FORBIDDEN',
    );
    await refused(
      () =>
        as(
          t.app,
          operator,
        )({
          method: 'POST',
          url: '/api/v1/operator/departments',
          payload: { name: '虚构省卫生健康委', scope: 'city' },
        }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      () =>
        as(
          t.app,
          operator,
        )({ method: 'PUT', url: `/api/v1/operator/departments/${instA.orgId}/institutions/${instB.orgId}` }),
      404,
      'DEPARTMENT_NOT_FOUND',
    );
    await refused(
      () =>
        as(
          t.app,
          operator,
        )({
          method: 'POST',
          url: `/api/v1/operator/departments/${instA.orgId}/members`,
          payload: { email: uniqueEmail('x'), displayName: '某人', password: STRONG },
        }),
      404,
      'DEPARTMENT_NOT_FOUND',
    );
  });

  it('an institution names its units and assigns results to them; the figures follow', async () => {
    const created = await as(
      t.app,
      instA,
    )({ method: 'POST', url: '/api/v1/my/org-units', payload: { name: '材料科学与工程学院' } });
    expect(created.statusCode).toBe(201);
    const unitId = (created.json() as { id: string }).id;
    await refused(
      () => as(t.app, instA)({ method: 'POST', url: '/api/v1/my/org-units', payload: { name: '材料科学与工程学院' } }),
      409,
      'ORG_UNIT_NAME_TAKEN',
    );
    await refused(
      () => as(t.app, ent)({ method: 'POST', url: '/api/v1/my/org-units', payload: { name: '研发部' } }),
      403,
      'WRONG_ORG_KIND',
    );

    const [own] = await t.database.db
      .execute<{ id: string }>(sql`select id from results where institution_id = ${instA.orgId} limit 1`)
      .then((r) => r.rows);
    const [other] = await t.database.db
      .execute<{ id: string }>(sql`select id from results where institution_id = ${instB.orgId} limit 1`)
      .then((r) => r.rows);
    await refused(
      () =>
        as(
          t.app,
          instA,
        )({ method: 'PUT', url: `/api/v1/results/${other!.id}/org-unit`, payload: { orgUnitId: unitId } }),
      404,
      'RESULT_NOT_FOUND',
    );
    const set = await as(
      t.app,
      instA,
    )({ method: 'PUT', url: `/api/v1/results/${own!.id}/org-unit`, payload: { orgUnitId: unitId } });
    expect(set.statusCode).toBe(204);
    await rollUp(t.database.db);
    const byUnit = figuresOf(await as(t.app, instA)({ method: 'GET', url: `/api/v1/stats/figures?${YEAR}&by=unit` }));
    expect(byUnit.rows.map((r) => [r.key, r.values.conversions])).toEqual([
      ['', 2],
      [unitId, 1],
    ]);
  });
});
