// Generator of large conversion ledgers (issue 17), shared by bench:ledger and bench:stats (issue 19).
// Everything is generated inside PostgreSQL with generate_series from a 300-row plan, so a million
// conversions and five million payments load in minutes; ids are md5-derived UUIDs (deterministic,
// no look-up joins). Triggers and foreign-key checks are off while loading (session_replication_role
// = replica, this database only); CHECK constraints still hold, so every row is one the app accepts.
//
// Shape: `institutions` institutions, the first one large (`large` conversions, e.g. a big university),
// the rest with a power-law share of the remainder; `enterprises` counterparties; one result per
// conversion (a transfer or exclusive licence holds its result: one buyer each); conversions of every route (deal 35 %, demand 15 %, pay-later 10 %,
// off-platform 40 %) and every transaction type; one contract each (3 % drafts, 4 % terminated); a
// schedule of instalments / royalty periods / equity per contract, most paid (one payment per paid
// line), some still open or overdue; equity stakes for 作价投资; intermediaries on 10 %.

import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from '../db/client.js';
import { INDUSTRY_FIELDS } from '../domain/constants/listings.js';
import { REGIONS } from '../domain/constants/organisations.js';
import { hashToken } from '../server/accounts/tokens.js';

export interface LedgerScale {
  conversions: number;
  payments: number;
  institutions: number;
  enterprises: number;
  /** Conversions (and so contracts) of the first, large institution. */
  large: number;
}

export const DEFAULT_SCALE: LedgerScale = {
  conversions: 1_000_000,
  payments: 5_000_000,
  institutions: 300,
  enterprises: 5_000,
  large: 100_000,
};

/** The organisation ids the benches sign in as (md5-derived, like every generated id). */
export const BENCH_IDS = {
  institution: (i: number) => uuidOf(`org${i}`),
  operator: uuidOf('operator'),
  supervisory: uuidOf('dept-supervisory'),
  provincial: uuidOf('dept-provincial'),
};

function uuidOf(key: string): string {
  // Same as the SQL md5(key)::uuid.
  const h = createHashHex(key);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function createHashHex(key: string): string {
  return createHash('md5').update(key).digest('hex');
}

/** Drops and creates the bench database (its name must look like one; it is dropped!). */
export async function recreateDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('bench')) throw new Error(`refusing database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/** Conversions per institution: the large one first, then a power-law share (weight 1/i^0.8). */
export function institutionPlan(scale: LedgerScale): number[] {
  const rest = scale.conversions - scale.large;
  const weights = Array.from({ length: scale.institutions - 1 }, (_, k) => 1 / Math.pow(k + 1, 0.8));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((rest * w) / sum));
  counts[0]! += rest - counts.reduce((a, b) => a + b, 0);
  return [scale.large, ...counts];
}

const list = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`);

/** Loads the whole ledger; `log` receives one line per step with its time. */
export async function generateLedger(db: Db, scale: LedgerScale, log: (line: string) => void): Promise<void> {
  const plan = institutionPlan(scale);
  const step = async (label: string, q: ReturnType<typeof sql>) => {
    const t = performance.now();
    const r = await db.execute(q);
    log(
      `  ${label.padEnd(44)} ${String(r.rowCount ?? '').padStart(9)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
    );
  };
  await db.transaction(async (tx) => {
    const run = async (label: string, q: ReturnType<typeof sql>) => {
      const t = performance.now();
      const r = await tx.execute(q);
      log(
        `  ${label.padEnd(44)} ${String(r.rowCount ?? '').padStart(9)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
      );
    };
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    const regions = list(REGIONS);
    const fields = list(INDUSTRY_FIELDS);
    let lo = 0;
    let rlo = 0;
    const rows = plan.map((n, k) => {
      const row = `(${k + 1}, ${n}, ${lo}, ${Math.max(1, n)}, ${rlo})`;
      lo += n;
      rlo += Math.max(1, n);
      return row;
    });
    await tx.execute(sql`create unlogged table bench_plan (i int primary key, n int, c_lo bigint, r_n int, r_lo bigint,
      org_id uuid, region text, name text, credit text)`);
    await run(
      'plan',
      sql`insert into bench_plan (i, n, c_lo, r_n, r_lo, org_id, region, name, credit)
        select v.i, v.n, v.c_lo, v.r_n, v.r_lo, md5('org' || v.i)::uuid, (${regions})[1 + v.i % ${REGIONS.length}],
          case when v.i = 1 then '辽宁基准理工大学' else '基准科研单位' || v.i end, '12' || lpad(v.i::text, 16, '0')
        from (values ${sql.raw(rows.join(','))}) v(i, n, c_lo, r_n, r_lo)`,
    );
    await run(
      'institutions',
      sql`insert into organisations (id, kind, name, credit_code, region, institution_type, affiliation, verification_status)
        select org_id, 'institution', name, credit, region, (array['university','research_institute','hospital'])[1 + i % 3],
          (array['provincial','central_in_liaoning'])[1 + i % 2], 'verified' from bench_plan`,
    );
    await run(
      'enterprises, operator, departments',
      sql`with e as (
          insert into organisations (id, kind, name, credit_code, region, size_class, ownership_type, verification_status)
          select md5('ent' || e)::uuid, 'enterprise', '基准企业' || e || '有限公司', '91' || lpad(e::text, 16, '0'),
            (${regions})[1 + e % ${REGIONS.length}], (array['large','medium','small','micro'])[1 + e % 4],
            (array['state_wholly_owned','state_controlled','private','foreign'])[1 + e % 4], 'verified'
          from generate_series(1, ${scale.enterprises}) e returning 1)
        insert into organisations (id, kind, name, department_scope, verification_status)
        values (${BENCH_IDS.operator}, 'operator', '平台运营方（基准）', null, 'verified'),
          (${BENCH_IDS.supervisory}, 'department', '辽宁省教育厅（基准）', 'supervisory', 'verified'),
          (${BENCH_IDS.provincial}, 'department', '辽宁省科学技术厅（基准）', 'provincial', 'verified')`,
    );
    // One user per institution and one per operator / department: the benches sign in as them.
    await run(
      'users and memberships',
      sql`with o as (select org_id as id from bench_plan
          union all select unnest(array[${BENCH_IDS.operator}, ${BENCH_IDS.supervisory}, ${BENCH_IDS.provincial}]::uuid[])),
        u as (insert into users (id, email, password_hash, display_name)
          select md5('user' || id)::uuid, 'bench-' || id || '@bench.jiebang.cn', 'x', '基准用户' from o returning id)
        insert into memberships (user_id, organisation_id, role)
        select md5('user' || id)::uuid, id, 'admin' from o`,
    );
    // The supervisory department oversees the large institution and every fifth one.
    await run(
      'oversight links',
      sql`insert into oversight_links (department_id, institution_id)
        select ${BENCH_IDS.supervisory}, org_id from bench_plan where i = 1 or i % 5 = 0`,
    );
    await run(
      'org units (6 per institution)',
      sql`insert into org_units (id, organisation_id, name)
        select md5('unit' || i || '-' || k)::uuid, org_id, '基准学院' || k from bench_plan, generate_series(0, 5) k`,
    );
    await run(
      'results',
      sql`insert into results (id, institution_id, org_unit_id, title, summary, field, maturity, status)
        select md5('res' || (r_lo + k))::uuid, org_id, md5('unit' || i || '-' || (k % 6))::uuid,
          '基准成果' || (r_lo + k), '用于转化台账基准测试的职务科技成果。', (${fields})[1 + (i * 5 + (k % 6) * 2 + (k / 6) % 2) % ${INDUSTRY_FIELDS.length}],
          (array['lab','prototype','pilot','industrialised'])[1 + k % 4], 'converted'
        from bench_plan, generate_series(0, r_n - 1) k`,
    );
    // Plain indexes of the big tables are built once after the load, not maintained row by row.
    const { rows: indexes } = await tx.execute<{ name: string; def: string }>(sql`
      select indexname as name, indexdef as def from pg_indexes i
      where schemaname = 'public' and tablename in ('conversions', 'contracts', 'schedule_items', 'payments', 'listings')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
    for (const i of indexes) await tx.execute(sql.raw(`drop index "${i.name}"`));
    await generateConversions(tx as unknown as Db, scale, run);
    const t = performance.now();
    for (const i of indexes) await tx.execute(sql.raw(i.def));
    log(
      `  ${`${indexes.length} indexes rebuilt`.padEnd(44)} ${''.padStart(9)}      ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
    );
    await tx.execute(sql`drop table bench_plan`);
  });
  await step('vacuum analyze', sql`vacuum analyze`);
}

type Run = (label: string, q: ReturnType<typeof sql>) => Promise<void>;

async function generateConversions(tx: Db, scale: LedgerScale, run: Run): Promise<void> {
  // Payments per non-draft contract: the average that yields `payments` in all.
  const perContract = scale.payments / (scale.conversions * 0.97);
  const base = Math.floor(perContract);
  const extra = perContract - base;
  await tx.execute(sql`create unlogged table bench_cv as
    select g, md5('cv' || g)::uuid as id, p.i, p.org_id, p.name as inst_name, p.credit as inst_credit, p.region,
      md5('res' || (p.r_lo + j % p.r_n))::uuid as result_id, j,
      1 + floor(random() * ${scale.enterprises})::int as e,
      random() as r_route, random() as r_type, random() as r_status, random() as r_misc,
      date '2021-01-01' + floor(random() * 2130)::int as signed_on,
      ((10000 + power(random(), 3) * 4990000) * 100)::bigint as amount_fen
    from bench_plan p, generate_series(0, p.n - 1) j, lateral (select p.c_lo + j + 1 as g) gg`);
  await run(
    'conversions (staging)',
    sql`create unlogged table bench_c as
      select c.*, md5('ent' || e)::uuid as cp_id, '基准企业' || e || '有限公司' as cp_name, '91' || lpad(e::text, 16, '0') as cp_credit,
        (array['state_wholly_owned','state_controlled','private','foreign'])[1 + e % 4] as cp_ownership,
        route, type,
        case when type = 'license' then case when route = 'paylater' then 'non_exclusive'
          else (array['exclusive','sole','non_exclusive'])[1 + floor(r_misc * 3)::int] end end as scope,
        case when route = 'deal' then (array['notice','window_agreed','claim','auction'])[1 + floor(r_misc * 4)::int] end as origin,
        case when r_status < 0.03 then 'draft' when r_status < 0.07 then 'terminated' when r_status < 0.37 then 'completed'
          else 'effective' end as status,
        case when r_status < 0.03 then 0 else ${base} + (case when random() < ${extra} then 1 else 0 end) end as npay,
        case when r_misc < 0.3 then 1 else 0 end as nopen
      from bench_cv c,
        lateral (select case when r_route < 0.35 then 'deal' when r_route < 0.50 then 'demand'
          when r_route < 0.60 then 'paylater' else 'off_platform' end as route) rr,
        lateral (select case route
          when 'deal' then case when r_type < 0.4 then 'transfer' when r_type < 0.85 then 'license' else 'equity' end
          when 'demand' then case when r_type < 0.7 then 'development' else 'service' end
          when 'paylater' then 'license'
          else (array['transfer','license','equity','development','service'])[1 + floor(r_type * 5)::int] end as type) tt`,
  );
  await tx.execute(sql`drop table bench_cv`);
  await run(
    'supply listings (deal route)',
    sql`insert into listings (id, kind, organisation_id, result_id, title, summary, field, region, status, pricing_mode,
        transaction_types, price_fen, license_scope, matched_org_id, matched_name, matched_price_fen, matched_at, match_route,
        submitted_at, published_at)
      select md5('ls' || g)::uuid, 'supply', org_id, result_id, '基准挂牌' || g, '基准测试挂牌。', r.field, c.region, 'matched',
        case origin when 'auction' then 'auction' when 'window_agreed' then 'negotiated' else 'fixed' end,
        array[case type when 'equity' then 'equity' else type end], amount_fen, scope, cp_id, cp_name, amount_fen,
        coalesce(signed_on, date '2026-06-01')::timestamp - interval '5 days', origin,
        coalesce(signed_on, date '2026-06-01')::timestamp - (interval '1 day' * (20 + (g % 400))),
        coalesce(signed_on, date '2026-06-01')::timestamp - (interval '1 day' * (10 + (g % 400)))
      from bench_c c join results r on r.id = c.result_id where route = 'deal'`,
  );
  await run(
    'demand listings and awarded proposals',
    sql`with l as (insert into listings (id, kind, organisation_id, title, summary, field, region, status, price_fen, published_at)
        select md5('ld' || g)::uuid, 'demand', cp_id, '基准需求' || g, '基准测试需求。', r.field, c.region, 'landed', amount_fen,
          coalesce(signed_on, date '2026-06-01')::timestamp - (interval '1 day' * (30 + (g % 300)))
        from bench_c c join results r on r.id = c.result_id where route = 'demand' returning 1)
      insert into proposals (id, listing_id, organisation_id, submitted_by, team, approach, timeline, quote_fen, status, decided_at)
      select md5('pp' || g)::uuid, md5('ld' || g)::uuid, org_id, md5('user' || org_id)::uuid, '基准团队', '技术路线', '十二个月',
        amount_fen, 'awarded', coalesce(signed_on, date '2026-06-01')::timestamp - interval '10 days'
      from bench_c where route = 'demand'`,
  );
  await run(
    'pay-later applications and licences',
    sql`with a as (insert into paylater_applications (id, result_id, enterprise_id, institution_id, status, fee_fen,
          payment_timing, payment_delay_months, term_years, payment_conditions, terms_by, created_by)
        select md5('pa' || g)::uuid, result_id, cp_id, org_id, 'accepted', amount_fen, 'after_signing', 12, 5, '按期支付',
          'institution', md5('user' || org_id)::uuid
        from bench_c where route = 'paylater' returning 1)
      insert into paylater_licences (id, application_id, result_id, enterprise_id, institution_id, status, fee_fen,
        payment_timing, payment_delay_months, term_years, payment_conditions, signed_on)
      select md5('pl' || g)::uuid, md5('pa' || g)::uuid, result_id, cp_id, org_id, 'active', amount_fen, 'after_signing',
        12, 5, '按期支付', coalesce(signed_on, date '2026-06-01')
      from bench_c where route = 'paylater'`,
  );
  await run(
    'conversions',
    sql`insert into conversions (id, institution_id, result_id, route, origin, listing_id, proposal_id, paylater_licence_id,
        counterparty_org_id, counterparty_name, counterparty_credit_code, counterparty_ownership, transaction_type,
        license_scope, price_basis, bound_price_fen, basis, evidence_ref, intermediary_kind, intermediary_name,
        intermediary_commission_bp, recorded_by, created_at)
      select id, org_id, result_id, route, origin,
        case route when 'deal' then md5('ls' || g)::uuid when 'demand' then md5('ld' || g)::uuid end,
        case when route = 'demand' then md5('pp' || g)::uuid end,
        case when route = 'paylater' then md5('pl' || g)::uuid end,
        cp_id, cp_name, cp_credit, cp_ownership, type, scope,
        case route when 'deal' then case origin when 'auction' then 'hammer_price' when 'window_agreed' then 'agreed_price'
          else 'listed_price' end when 'demand' then 'proposal_quote' when 'paylater' then 'paylater_terms' else 'off_platform' end,
        case when route = 'deal' then amount_fen end, '单位定价决策', case when route = 'off_platform' then '合同扫描件' || g end,
        case when r_misc < 0.1 then 'technology_manager' end, case when r_misc < 0.1 then '技术经理人' || (g % 500) end,
        case when r_misc < 0.1 then 300 end, md5('user' || org_id)::uuid,
        coalesce(signed_on, date '2026-11-01')::timestamp + interval '9 hours'
      from bench_c`,
  );
  await run(
    'contracts',
    sql`insert into contracts (conversion_id, institution_id, contract_type, title, contract_no, seller_name, seller_credit_code,
        buyer_name, buyer_credit_code, amount_fen, technology_amount_fen, payment_methods, royalty_bp, royalty_base,
        signed_on, term_starts_on, term_ends_on, registration_no, registered_on, status, terminated_on, termination_reason)
      select id, org_id, case type when 'equity' then 'transfer' when 'service' then (array['service','consulting'])[1 + g % 2] else type end,
        '基准成果' || g || case type when 'license' then '许可合同' when 'development' then '技术开发合同' else '技术合同' end,
        'HT-' || g, inst_name, inst_credit, cp_name, cp_credit, amount_fen, amount_fen * 9 / 10,
        case when type = 'equity' then array['equity'] when type = 'license' and r_type < 0.5 then array['royalty']
          when npay > 1 then array['instalments'] else array['lump_sum'] end,
        case when type = 'license' and r_type < 0.5 then 300 end, case when type = 'license' and r_type < 0.5 then '销售额' end,
        case when status <> 'draft' then signed_on end, signed_on, signed_on + 1095,
        case when status <> 'draft' and r_misc < 0.6 then 'BENCH-' || g end,
        case when status <> 'draft' and r_misc < 0.6 then signed_on + 20 end, status,
        case when status = 'terminated' then signed_on + 400 end, case when status = 'terminated' then '双方协商解除' end
      from bench_c`,
  );
  // Lines k = 1 … npay are paid (one payment each), then `nopen` open lines (overdue or due later).
  await run(
    'schedule items',
    sql`insert into schedule_items (id, conversion_id, seq, kind, amount_fen, due_on, status)
      select md5('si' || g || '-' || k)::uuid, id, k,
        case when type = 'equity' then 'equity' when type = 'license' and r_type < 0.5 then 'royalty' else 'instalment' end,
        case when k = npay + nopen then amount_fen - (amount_fen / (npay + nopen)) * (npay + nopen - 1) else amount_fen / (npay + nopen) end,
        signed_on + k * greatest(1, least(180, (date '2026-11-30' - signed_on) / (npay + nopen + 1))),
        case when k <= npay then 'paid' else 'open' end
      from bench_c, generate_series(1, npay + nopen) k where status <> 'draft'`,
  );
  await run(
    'payments',
    sql`insert into payments (id, conversion_id, institution_id, result_id, schedule_item_id, amount_fen, received_on, payer_name,
        evidence_ref, recorded_by, created_at)
      select md5('py' || g || '-' || k)::uuid, id, org_id, result_id, md5('si' || g || '-' || k)::uuid,
        case when k = npay + nopen then amount_fen - (amount_fen / (npay + nopen)) * (npay + nopen - 1) else amount_fen / (npay + nopen) end,
        d, cp_name, '银行回单' || g || '-' || k, md5('user' || org_id)::uuid, d::timestamp + interval '10 hours'
      from bench_c, generate_series(1, npay) k,
        lateral (select signed_on + k * greatest(1, least(180, (date '2026-11-30' - signed_on) / (npay + nopen + 1))) as d) dd
      where status <> 'draft'`,
  );
  // The trigger that keeps the income roll-ups does not fire while loading (replica role): built here
  // from the payments, as migration 0029 does for an existing ledger.
  await run(
    'income per institution and day',
    sql`insert into income_days (institution_id, day, income_fen, payments)
      select institution_id, received_on, sum(amount_fen), count(*) from payments group by 1, 2`,
  );
  await run(
    'income per institution and result',
    sql`insert into income_results (institution_id, result_id, income_fen, payments)
      select institution_id, result_id, sum(amount_fen), count(*) from payments group by 1, 2`,
  );
  await run(
    'equity stakes',
    sql`insert into equity_stakes (conversion_id, institution_id, company_name, company_credit_code, stake_bp, valuation_fen, acquired_on)
      select id, org_id, '基准科技' || g || '有限公司', '91' || lpad((900000000 + g)::text, 16, '0'), 500 + (g % 2500),
        amount_fen * 5, coalesce(signed_on, date '2026-11-01')
      from bench_c where type = 'equity'`,
  );
  await tx.execute(sql`drop table bench_c`);
}

export interface BenchSession {
  cookie: string;
  orgId: string;
}

/** A session for a bench organisation's user (the cookie the API reads). */
export async function benchSession(db: Db, orgId: string): Promise<BenchSession> {
  const token = `bench-${orgId}-${Date.now()}-${Math.random()}`;
  await db.execute(sql`insert into sessions (token_hash, user_id, csrf_token, expires_at)
    values (${hashToken(token)}, md5('user' || ${orgId})::uuid, 'bench', now() + interval '1 day')`);
  return { cookie: `jb_sid=${encodeURIComponent(token)}`, orgId };
}

/** Whether the bench database already holds a generated ledger (for --reuse-data). */
export async function ledgerLoaded(db: Db): Promise<boolean> {
  try {
    const { rows } = await db.execute<{ n: string }>(
      sql`select count(*)::text as n from organisations where id = ${BENCH_IDS.institution(1)}`,
    );
    return rows[0]?.n === '1';
  } catch {
    return false;
  }
}
