import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db/client.js';
import {
  DEMO_ACCOUNTS,
  DEMO_DOSSIER,
  DEMO_PASSWORD,
  isDatabaseEmpty,
  seedDemoData,
  type SeedOptions,
} from '../db/seed/index.js';
import {
  INDUSTRY_FIELDS,
  PRICING_MODES,
  PUBLIC_LISTING_STATUSES,
  REJECTION_REASON_CODES,
} from '../domain/constants/listings.js';
import { OWNERSHIP_TYPES, REGIONS, SIZE_CLASSES } from '../domain/constants/organisations.js';
import { isValidCreditCode } from '../domain/credit-code.js';
import { parseDuration } from '../domain/duration.js';
import { createDocumentStorage, type DocumentStorage } from '../platform/storage/index.js';
import { hashPassword } from '../server/accounts/service.js';
import { seedDemoServices, type DemoServices } from '../server/demo.js';
import { setupTestApp, type TestContext } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { as, login } from './helpers/factories.js';

const PUBLIC = `(${PUBLIC_LISTING_STATUSES.map((s) => `'${s}'`).join(', ')})`;

function options(now: Date, calls: string[] = []): SeedOptions {
  return {
    now,
    hashPassword: async (pw) => {
      calls.push(pw);
      return `x:${pw}`;
    },
    periods: {
      notice: parseDuration('P15D')!,
      objectionDecision: parseDuration('P15D')!,
      listing: parseDuration('P15D')!,
      showcase: parseDuration('P180D')!,
      selection: parseDuration('P15D')!,
    },
  };
}

describe('demo data seeder', () => {
  const now = new Date();
  const hashCalls: string[] = [];
  let testDb: TestDatabase;
  let database: Database;
  let emptyBefore: boolean;
  let seeded: Awaited<ReturnType<typeof seedDemoData>>;

  const rows = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await database.pool.query(text, params)).rows as T[];
  const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> =>
    (await rows<T>(text, params))[0]!;
  const values = async (text: string, params: unknown[] = []): Promise<string[]> =>
    (await rows<{ v: string }>(text, params)).map((r) => r.v);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = createDatabase(testDb.url, 2);
    emptyBefore = await isDatabaseEmpty(database.db);
    seeded = await seedDemoData(database.db, options(now, hashCalls));
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('seeds only what an empty database lacks, hashing the shared password once', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(database.db)).toBe(false);
    expect(hashCalls).toEqual([DEMO_PASSWORD]);
    const counts = await one<Record<string, number>>(
      `select (select count(*) from organisations)::int as organisations, (select count(*) from users)::int as users,
              (select count(*) from results)::int as results, (select count(*) from listings)::int as listings`,
    );
    expect(counts).toEqual(seeded);
    // 100 catalogue results, and 64 converted in past years for the statistics demo (db/seed/statistics.ts).
    expect(seeded.results).toBe(164);
    expect(seeded.listings).toBeGreaterThanOrEqual(200);
  });

  it('has institutions of every type and affiliation, and enterprises of every size and ownership', async () => {
    const inst = await one<{ n: number; types: number; affiliations: number }>(
      `select count(*)::int as n, count(distinct institution_type)::int as types, count(distinct affiliation)::int as affiliations
         from organisations where kind = 'institution'`,
    );
    expect(inst.n).toBeGreaterThanOrEqual(8);
    expect(inst.types).toBe(3);
    expect(inst.affiliations).toBe(2);
    expect(await one(`select count(*)::int as n from organisations where kind = 'enterprise'`)).toEqual({ n: 21 });
    expect(
      (await values(`select distinct size_class as v from organisations where kind = 'enterprise'`)).sort(),
    ).toEqual([...SIZE_CLASSES].sort());
    expect(
      (await values(`select distinct ownership_type as v from organisations where kind = 'enterprise'`)).sort(),
    ).toEqual([...OWNERSHIP_TYPES].sort());
  });

  it('gives every mainland enterprise and institution a valid, unique credit code of the right type', async () => {
    const orgs = await rows<{ kind: string; credit_code: string | null; domicile: string }>(
      `select kind, credit_code, domicile from organisations order by name`,
    );
    // Departments (机关, 措施十三 oversight) are created by operators without a credit code.
    const members = orgs.filter((o) => o.kind !== 'operator' && o.kind !== 'department' && o.domicile === 'mainland');
    for (const o of members) {
      expect(o.credit_code && isValidCreditCode(o.credit_code), `${o.credit_code}`).toBe(true);
      expect(o.credit_code!.slice(0, 2)).toBe(o.kind === 'enterprise' ? '91' : '12');
    }
    expect(new Set(members.map((o) => o.credit_code)).size).toBe(members.length);
  });

  it('records where each organisation is registered, apart from who owns it (措施十五)', async () => {
    // A Hong Kong-registered enterprise identifies by its own registration number, with no Liaoning city.
    expect(
      await rows(
        `select kind, ownership_type, registration_number, country_or_region, region, credit_code
           from organisations where domicile <> 'mainland'`,
      ),
    ).toEqual([
      {
        kind: 'enterprise',
        ownership_type: 'private',
        registration_number: '3158462',
        country_or_region: '中国香港',
        region: null,
        credit_code: null,
      },
    ]);
    // 外资 enterprises registered in the mainland are mainland parties; one waits for the operators' review.
    const foreign = await rows<{ domicile: string; domicile_review_pending: boolean }>(
      `select domicile, domicile_review_pending from organisations where ownership_type = 'foreign'`,
    );
    expect(foreign.length).toBeGreaterThanOrEqual(2);
    expect(foreign.every((o) => o.domicile === 'mainland')).toBe(true);
    expect(foreign.filter((o) => o.domicile_review_pending)).toHaveLength(1);
  });

  it('has one verified operator organisation with two operators, and a non-empty verification queue', async () => {
    const op = await rows<{ credit_code: string | null; verification_status: string; members: number }>(
      `select o.credit_code, o.verification_status, count(m.user_id)::int as members
         from organisations o join memberships m on m.organisation_id = o.id
        where o.kind = 'operator' group by o.id`,
    );
    expect(op).toEqual([{ credit_code: null, verification_status: 'verified', members: 2 }]);
    const pending = await rows<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from organisations where verification_status = 'pending_verification'
        group by kind order by kind`,
    );
    expect(pending).toEqual([
      { kind: 'enterprise', n: 2 },
      { kind: 'institution', n: 1 },
    ]);
    const unverifiedButStamped = await one<{ n: number }>(
      `select count(*)::int as n from organisations
        where (verification_status = 'verified') <> (verified_at is not null)`,
    );
    expect(unverifiedButStamped.n).toBe(0);
  });

  it('gives every organisation one or two users, the first an admin, all with the demo password', async () => {
    const perOrg = await rows<{ n: number; admins: number }>(
      `select count(*)::int as n, count(*) filter (where role = 'admin')::int as admins
         from memberships group by organisation_id`,
    );
    expect(perOrg.length).toBe(seeded.organisations);
    for (const o of perOrg) {
      expect(o.n).toBeGreaterThanOrEqual(1);
      expect(o.n).toBeLessThanOrEqual(2);
      expect(o.admins).toBe(1);
    }
    const users = await rows<{ email: string; password_hash: string }>(`select email, password_hash from users`);
    for (const u of users) {
      expect(u.email).toMatch(/^[a-z0-9]+@demo\.jiebang\.cn$/);
      expect(u.password_hash).toBe(`x:${DEMO_PASSWORD}`);
    }
  });

  it('lists demo accounts that exist, with the organisation and role they claim', async () => {
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'operator')).toHaveLength(2);
    for (const account of DEMO_ACCOUNTS) {
      const found = await rows<{ kind: string; name: string; role: string; status: string }>(
        `select o.kind, o.name, m.role, o.verification_status as status
           from users u join memberships m on m.user_id = u.id join organisations o on o.id = m.organisation_id
          where u.email = $1`,
        [account.email],
      );
      expect(found, account.email).toHaveLength(1);
      expect(found[0]!.kind).toBe(account.role);
      expect(found[0]!.name).toBe(account.organisation);
      // Every listed account is its organisation's admin, except the second operator (a reviewer).
      expect(found[0]!.role).toBe(account.email.startsWith('op2@') ? 'member' : 'admin');
      expect(account.password).toBe(DEMO_PASSWORD);
    }
    const kinds = await values(
      `select distinct o.ownership_type || '/' || o.size_class || '/' || o.verification_status as v
         from users u join memberships m on m.user_id = u.id join organisations o on o.id = m.organisation_id
        where u.email = any($1) and o.kind = 'enterprise'`,
      [DEMO_ACCOUNTS.map((a) => a.email)],
    );
    expect(kinds.some((k) => k.startsWith('foreign/'))).toBe(true);
    const outside = await values(
      `select o.domicile as v from users u join memberships m on m.user_id = u.id
         join organisations o on o.id = m.organisation_id where u.email = any($1)`,
      [DEMO_ACCOUNTS.map((a) => a.email)],
    );
    expect(outside).toContain('hk_macao_taiwan');
    expect(kinds.some((k) => k.startsWith('state_wholly_owned/large/'))).toBe(true);
    expect(kinds.some((k) => k.endsWith('/pending_verification'))).toBe(true);
  });

  it('covers all 14 industry fields and all 14 regions with public listings of both kinds', async () => {
    const kinds = await rows<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from listings group by kind order by kind`,
    );
    expect(kinds.find((k) => k.kind === 'supply')!.n).toBeGreaterThanOrEqual(100);
    expect(kinds.find((k) => k.kind === 'demand')!.n).toBeGreaterThanOrEqual(100);
    for (const kind of ['supply', 'demand']) {
      const fields = await values(
        `select distinct field as v from listings where kind = $1 and status in ${PUBLIC} order by 1`,
        [kind],
      );
      expect(fields, kind).toEqual([...INDUSTRY_FIELDS].sort());
    }
    expect(await values(`select distinct region as v from listings where status in ${PUBLIC} order by 1`)).toEqual(
      [...REGIONS].sort(),
    );
    expect(await values(`select distinct region as v from listings where kind = 'demand' order by 1`)).toEqual(
      [...REGIONS].sort(),
    );
  });

  it('registers results with IP, mixed ownership and security classes within the policy rules', async () => {
    const classes = await rows<{ security_class: string; n: number }>(
      `select security_class, count(*)::int as n from results group by 1 order by 1`,
    );
    const n = (c: string) => classes.find((x) => x.security_class === c)?.n ?? 0;
    expect(n('classified')).toBeGreaterThanOrEqual(2);
    expect(n('classified')).toBeLessThanOrEqual(3);
    expect(n('restricted')).toBeGreaterThanOrEqual(1);
    expect(n('public')).toBeGreaterThan(80);
    expect(
      await one(
        `select count(*)::int as n from results where security_class <> 'public'
            and (ownership <> 'institution' or separately_managed)`,
      ),
    ).toEqual({ n: 0 });
    expect((await values(`select distinct ownership as v from results`)).sort(), 'ownership modes').toEqual([
      'co_owned',
      'institution',
      'long_term_use',
    ]);
    expect(await one(`select count(*)::int as n from results where separately_managed`)).not.toEqual({ n: 0 });
    // 措施一: co-owners' shares account for exactly 100 %; long-term use runs ≥ 10 years.
    const shares = await rows<{ total: number }>(
      `select (select sum((c->>'shareBp')::int) from jsonb_array_elements(co_owners) c)::int as total
         from results where ownership = 'co_owned'`,
    );
    expect(shares.length).toBeGreaterThan(0);
    for (const s of shares) expect(s.total).toBe(10_000);
    // The institution itself holds a share beside the team; long-term use runs from its start ≥ 10 years, not ended.
    expect(
      await one(
        `select count(*)::int as n from results r join organisations o on o.id = r.institution_id
          where r.ownership = 'co_owned' and not exists (select 1 from jsonb_array_elements(r.co_owners) c
            where c->>'party' = 'institution' and c->>'name' = o.name and (c->>'shareBp')::int > 0)`,
      ),
    ).toEqual({ n: 0 });
    expect(
      await one(
        `select count(*)::int as n from results where ownership = 'long_term_use'
            and (long_term_use_starts_on is null or long_term_use_ends_on < (long_term_use_starts_on + interval '10 years')::date
                 or long_term_use_ends_on < $1::date)`,
        [now.toISOString().slice(0, 10)],
      ),
    ).toEqual({ n: 0 });
    expect(await one(`select count(*)::int as n from results where rights_review is not null`)).toEqual({ n: 0 });
    // Every result owned by an institution, with 1–3 IP items; the earliest grant spreads over the years.
    expect(
      await one(
        `select count(*)::int as n from results r join organisations o on o.id = r.institution_id
          where o.kind <> 'institution'`,
      ),
    ).toEqual({ n: 0 });
    const items = await rows<{ n: number; first: string | null }>(
      `select count(i.id)::int as n, min(i.grant_date)::text as first
         from results r left join result_ip_items i on i.result_id = r.id group by r.id`,
    );
    for (const r of items) {
      expect(r.n).toBeGreaterThanOrEqual(1);
      expect(r.n).toBeLessThanOrEqual(3);
      expect(r.first).not.toBeNull();
    }
    const threeYearsAgo = new Date(now);
    threeYearsAgo.setUTCFullYear(threeYearsAgo.getUTCFullYear() - 3);
    const old = items.filter((r) => r.first! < threeYearsAgo.toISOString().slice(0, 10)).length;
    expect(old).toBeGreaterThan(30);
    expect(old).toBeLessThan(items.length);
    const today = now.toISOString().slice(0, 10);
    expect(items.every((r) => r.first! <= today)).toBe(true);
    for (const p of await values(`select number as v from result_ip_items where type = 'invention_patent'`)) {
      expect(p).toMatch(/^ZL20\d{2}1\d{7}\.[\dX]$/);
    }
    for (const p of await values(`select number as v from result_ip_items where type = 'software_copyright'`)) {
      expect(p).toMatch(/^20\d{2}SR\d{7}$/);
    }
  });

  it('offers only non-classified results of the listing institution, with consistent pricing', async () => {
    expect(
      await one(
        `select count(*)::int as n from listings l join results r on r.id = l.result_id
          where r.security_class = 'classified' or r.institution_id <> l.organisation_id`,
      ),
    ).toEqual({ n: 0 });
    expect(
      (await values(`select distinct pricing_mode as v from listings where kind = 'supply' order by 1`)).sort(),
    ).toEqual([...PRICING_MODES].sort());
    const bad = await rows(
      `select id, pricing_mode, price_fen, counterparty_name, transaction_types from listings
        where kind = 'supply' and (
              cardinality(transaction_types) = 0
           or (pricing_mode <> 'negotiable' and (price_fen is null or price_fen <= 0))
           or (pricing_mode = 'negotiated') <> (counterparty_name is not null))`,
    );
    expect(bad).toEqual([]);
    const partners = await one<{ n: number; enterprises: number }>(
      `select count(l.counterparty_org_id)::int as n, count(o.id) filter (where o.kind = 'enterprise')::int as enterprises
         from listings l left join organisations o on o.id = l.counterparty_org_id where l.counterparty_org_id is not null`,
    );
    expect(partners.n).toBeGreaterThan(0);
    expect(partners.enterprises).toBe(partners.n);
    // 措施八: a demand states its budget or says explicitly that it is negotiable (面议).
    expect(
      await one(
        `select count(*)::int as n from listings where kind = 'demand'
            and (pricing_mode is not null or (price_fen is null) <> budget_negotiable or price_fen <= 0
                 or organisation_id not in (select id from organisations where kind = 'enterprise'))`,
      ),
    ).toEqual({ n: 0 });
    expect(
      await one(`select count(*)::int as n from listings where kind = 'demand' and budget_negotiable`),
    ).not.toEqual({ n: 0 });
    // A licence offered says its scope; one result holds exclusive rights in at most one listing.
    expect(
      await one(
        `select count(*)::int as n from listings
          where kind = 'supply' and ('license' = any(transaction_types)) <> (license_scope is not null)`,
      ),
    ).toEqual({ n: 0 });
    expect(
      (await values(`select distinct license_scope as v from listings where license_scope is not null`)).sort(),
    ).toEqual(['exclusive', 'non_exclusive', 'sole']);
    expect(await one(`select count(*)::int as n from listings where exclusivity_conflict`)).toEqual({ n: 0 });
    expect(
      await one(`select count(*)::int as n from listings where contact_name = '' or contact_phone !~ '^1[3-9]\\d{9}$'`),
    ).toEqual({ n: 0 });
  });

  it('sets the timestamps of each state so no timer is already due', async () => {
    const at = [now.toISOString()];
    const due = await rows(
      `select id, kind, status from listings where
          (status in ${PUBLIC} and (published_at is null or published_at > $1 or submitted_at is null))
       or (status = 'showcase' and not expires_at > $1)
       or (status = 'notice' and not notice_ends_at > $1)
       or (status = 'listed' and not listing_ends_at > $1)
       or (status = 'objection_review' and not (notice_ends_at <= $1 and objection_decision_ends_at > $1))
       or (status = 'open' and not deadline > $1)
       or (status = 'selecting' and not (deadline <= $1 and selection_ends_at > $1))
       or (status = 'expired' and kind = 'demand' and not deadline <= $1)
       or (status in ('draft', 'pending_review', 'rejected') and published_at is not null)
       or (status = 'pending_review' and submitted_at is null)
       or created_at > $1 or updated_at > $1 or updated_at < created_at`,
      at,
    );
    expect(due).toEqual([]);
    const recent = await one<{ oldest: string }>(
      `select min(published_at)::text as oldest from listings where status in ('showcase', 'notice', 'listed', 'open')`,
    );
    expect(new Date(recent.oldest).getTime()).toBeGreaterThan(now.getTime() - 61 * 86_400_000);
    const open = await rows<{ days: number }>(
      `select extract(epoch from deadline - $1::timestamptz) / 86400 as days from listings where status = 'open'`,
      at,
    );
    for (const o of open) {
      expect(Number(o.days)).toBeGreaterThan(9);
      expect(Number(o.days)).toBeLessThan(92);
    }
  });

  it('backs each state with the rows the lifecycle expects', async () => {
    // A deal is its ledger conversion (route `deal`) with its contract's amount (docs/ledger.md).
    const deals = `(select c.*, k.amount_fen from conversions c join contracts k on k.conversion_id = c.id where c.route = 'deal')`;
    // matched / converted supply: the outcome columns; converted: one deal; fixed-price: the claim.
    expect(
      await rows(
        `select l.id from listings l where l.kind = 'supply' and (
            (l.status in ('matched', 'converted')) <> (l.match_route is not null)
         or (l.status in ('matched', 'converted') and (l.matched_name is null or l.matched_price_fen is null
             or l.matched_at > $1 or l.match_route <> case l.pricing_mode when 'negotiated' then 'notice' else 'claim' end))
         or (l.status = 'converted') <> exists (select 1 from ${deals} d where d.listing_id = l.id)
         or (l.match_route = 'claim' and not exists (select 1 from claims c where c.listing_id = l.id
             and c.organisation_id = l.matched_org_id)))`,
        [now.toISOString()],
      ),
    ).toEqual([]);
    expect(await one(`select count(*)::int as n from ${deals} d`)).not.toEqual({ n: 0 });
    // 措施四: every seeded deal is at the price its match bound it to.
    expect(
      await rows(
        `select d.id from ${deals} d join listings l on l.id = d.listing_id
          where d.amount_fen <> l.matched_price_fen or d.bound_price_fen <> d.amount_fen
             or d.price_basis <> case l.match_route when 'notice' then 'agreed_price' else 'listed_price' end`,
      ),
    ).toEqual([]);
    // 措施八: one supply-side deal whose enterprise confirmed implementation, for the reward confirmation.
    expect(
      await one(
        `select count(*)::int as n from ${deals} d join organisations o on o.id = d.counterparty_org_id
          where d.landing_confirmed_at is not null and o.kind = 'enterprise'`,
      ),
    ).toEqual({ n: 1 });
    // 措施四: the demo institution has a listing whose notice ended with a standing objection.
    expect(
      await rows(
        `select o.name, count(ob.id) filter (where ob.status = 'standing')::int as standing
           from listings l join organisations o on o.id = l.organisation_id
           left join objections ob on ob.listing_id = l.id and ob.organisation_id <> coalesce(l.counterparty_org_id, l.id)
          where l.status = 'objection_review' group by o.name`,
      ),
    ).toEqual([{ name: '北辰工业大学', standing: 1 }]);
    expect(
      await one(
        `select count(*)::int as n from ${deals} d join results r on r.id = d.result_id
          where r.status <> 'converted' or d.institution_id <> r.institution_id
             or (d.appraisal = 'skipped_state_owned' and d.counterparty_ownership <> 'state_wholly_owned')`,
      ),
    ).toEqual({ n: 0 });
    // Demands: proposals exactly where the state needs them; one awarded proposal per awarded/landed demand.
    const demands = await rows<{ status: string; proposals: number; awarded: number; landed: number }>(
      `select l.status, count(p.id)::int as proposals, count(p.id) filter (where p.status = 'awarded')::int as awarded,
              count(p.id) filter (where p.enterprise_confirmed_at is not null and p.institution_confirmed_at is not null)::int as landed
         from listings l left join proposals p on p.listing_id = l.id
        where l.kind = 'demand' group by l.id, l.status`,
    );
    for (const d of demands) {
      if (['selecting', 'awarded', 'landed'].includes(d.status)) expect(d.proposals, d.status).toBeGreaterThan(0);
      if (['expired', 'draft', 'pending_review', 'rejected', 'withdrawn'].includes(d.status))
        expect(d.proposals).toBe(0);
      expect(d.awarded, d.status).toBe(d.status === 'awarded' || d.status === 'landed' ? 1 : 0);
      expect(d.landed, d.status).toBe(d.status === 'landed' ? 1 : 0);
    }
    expect(demands.some((d) => d.status === 'open' && d.proposals > 0)).toBe(true);
    expect(
      await one(
        `select count(*)::int as n from proposals p join organisations o on o.id = p.organisation_id
          join listings l on l.id = p.listing_id
         where o.kind <> 'institution' or o.verification_status <> 'verified' or p.created_at > coalesce(l.deadline, $1)
            or p.created_at < l.published_at`,
        [now.toISOString()],
      ),
    ).toEqual({ n: 0 });
  });

  it('fills the moderation queue and shows rejections with a reason', async () => {
    const pending = await rows<{ submitted_at: Date }>(
      `select submitted_at from listings where status = 'pending_review' order by submitted_at`,
    );
    expect(pending.length).toBeGreaterThanOrEqual(5);
    const waits = pending.map((p) => now.getTime() - p.submitted_at.getTime());
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(2 * 86_400_000);
    const rejected = await rows<{ rejection_code: string; rejection_text: string }>(
      `select rejection_code, rejection_text from listings where status = 'rejected'`,
    );
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) {
      expect(REJECTION_REASON_CODES).toContain(r.rejection_code);
      expect(r.rejection_text.length).toBeGreaterThan(10);
    }
    expect(
      await one(`select count(*)::int as n from listings where status <> 'rejected' and rejection_code is not null`),
    ).toEqual({ n: 0 });
  });

  it('writes natural, varied Chinese text', async () => {
    const texts = await rows<{ kind: string; title: string; summary: string; description: string }>(
      `select kind, title, summary, description from listings`,
    );
    for (const t of texts) {
      expect(t.title).toMatch(/[\u4e00-\u9fff]/);
      expect(t.summary.split('。').filter(Boolean).length).toBeGreaterThanOrEqual(2);
      expect(t.description.length).toBeGreaterThan(t.summary.length);
    }
    // Only an old, finished listing of a result offered again may repeat its current description.
    expect(new Set(texts.map((t) => t.description)).size).toBeGreaterThanOrEqual(texts.length - 12);
    const demandTitles = texts.filter((t) => t.kind === 'demand').map((t) => t.title);
    expect(new Set(demandTitles).size).toBe(demandTitles.length);
    const supplyTitles = texts.filter((t) => t.kind === 'supply').map((t) => t.title);
    expect(new Set(supplyTitles).size).toBeGreaterThanOrEqual(95);
  });

  it('shows the ledger: conversions of every route, paid and overdue lines, an equity stake', async () => {
    const routes = await rows<{ route: string }>(`select distinct route from conversions order by 1`);
    expect(routes.map((r) => r.route)).toEqual(['deal', 'demand', 'off_platform', 'paylater']);
    const today = now.toISOString().slice(0, 10);
    expect(await one(`select count(*)::int as n from schedule_items where status = 'paid'`)).not.toEqual({ n: 0 });
    expect(
      await one(`select count(*)::int as n from schedule_items where status = 'open' and due_on < $1`, [today]),
    ).not.toEqual({ n: 0 });
    // The demo university's 作价投资, and past years' ones of the statistics demo (db/seed/statistics.ts).
    expect((await one<{ n: number }>(`select count(*)::int as n from equity_stakes`)).n).toBeGreaterThanOrEqual(1);
    // Every result with an effective conversion is converted, and only those (both directions).
    expect(
      await rows(
        `select r.id from results r where (r.status = 'converted') <> exists (
           select 1 from conversions c join contracts k on k.conversion_id = c.id
            where c.result_id = r.id and k.status in ('effective', 'completed'))`,
      ),
    ).toEqual([]);
    // Contracts: effective ones, a completed one, a registered one with its registration number.
    const statuses = await rows<{ status: string }>(`select distinct status from contracts order by 1`);
    expect(statuses.map((r) => r.status)).toEqual(expect.arrayContaining(['completed', 'effective']));
    expect(
      await one(
        `select count(*)::int as n from contracts where registration_no is not null and registered_on is not null`,
      ),
    ).not.toEqual({ n: 0 });
    expect(
      (await one<{ n: number }>(`select count(*)::int as n from payments where amount_fen > 0`)).n,
    ).toBeGreaterThanOrEqual(2);
    // An off-platform conversion with its evidence reference (措施二).
    expect(
      await one(`select count(*)::int as n from conversions where route = 'off_platform' and evidence_ref <> ''`),
    ).not.toEqual({ n: 0 });
    // 措施八: an enterprise confirmed implementation of an off-platform licence on the conversion.
    expect(
      await one(
        `select count(*)::int as n from conversions where route = 'off_platform' and landing_confirmed_at is not null`,
      ),
    ).not.toEqual({ n: 0 });
    // 措施十五: a conversion with a party outside the mainland waits as a draft for the export-control
    // review; none is in force without it.
    expect(
      await one(
        `select count(*)::int as n from conversions c join contracts k on k.conversion_id = c.id
          where c.counterparty_domicile <> 'mainland' and k.status = 'draft'`,
      ),
    ).not.toEqual({ n: 0 });
    expect(
      await one(
        `select count(*)::int as n from conversions c join contracts k on k.conversion_id = c.id
          where c.counterparty_domicile <> 'mainland' and k.status in ('effective', 'completed')
            and not exists (select 1 from export_control_confirmations e where e.result_id = c.result_id)`,
      ),
    ).toEqual({ n: 0 });
    // 措施二: the income roll-ups agree with the payments.
    expect(
      await one(
        `select count(*)::int as n from (
           select institution_id, received_on as day, sum(amount_fen) as fen, count(*)::int as k from payments group by 1, 2
         ) p full join income_days d using (institution_id, day)
         where p.fen is distinct from d.income_fen or p.k is distinct from d.payments`,
      ),
    ).toEqual({ n: 0 });
    // 作价投资: the company, its credit code, shares and valuation, on a conversion of type equity.
    const [stake] = await rows<Record<string, unknown>>(
      `select s.company_name, s.company_credit_code, s.shares, s.stake_bp, s.valuation_fen, c.transaction_type
         from equity_stakes s join conversions c on c.id = s.conversion_id`,
    );
    expect(stake).toMatchObject({ transaction_type: 'equity' });
    expect(stake!.company_name).toMatch(/有限公司$/);
    expect(stake!.company_credit_code).toMatch(/^[0-9A-Z]{18}$/);
    expect(Number(stake!.shares)).toBeGreaterThan(0);
    expect(Number(stake!.valuation_fen)).toBeGreaterThan(0);
    // 措施五: the pay-later conversion is its accepted licence's, for the same result and parties.
    expect(
      await rows(
        `select c.id from conversions c left join paylater_licences l on l.id = c.paylater_licence_id
           left join paylater_applications a on a.id = l.application_id
          where c.route = 'paylater' and (l.id is null or l.result_id <> c.result_id
            or l.enterprise_id <> c.counterparty_org_id or a.status <> 'accepted')`,
      ),
    ).toEqual([]);
    // A converted result has left the pool (措施五: the pool holds unconverted results only).
    expect(
      await rows(
        `select e.id from pool_entries e join results r on r.id = e.result_id
          where e.removed_at is null and r.status = 'converted'`,
      ),
    ).toEqual([]);
    // Money: no line over-received, payments within the signing day and today.
    expect(
      await rows(
        `select p.id from payments p join contracts k on k.conversion_id = p.conversion_id
          where p.received_on < k.signed_on or p.received_on > $1`,
        [today],
      ),
    ).toEqual([]);
  });

  it('leaves an audit trail for every organisation, result and listing', async () => {
    const trail = await rows<{ target_type: string; n: number }>(
      `select target_type, count(*)::int as n from audit_log where action = 'seed' and actor_user_id is null
        group by 1 order by 1`,
    );
    const conversions = (await rows<{ n: number }>(`select count(*)::int as n from conversions`))[0]!.n;
    expect(trail).toEqual([
      { target_type: 'conversion', n: conversions },
      { target_type: 'listing', n: seeded.listings },
      { target_type: 'organisation', n: seeded.organisations },
      { target_type: 'result', n: seeded.results },
    ]);
  });

  it('is deterministic: a second database gets the same organisations and titles', async () => {
    const other = await createTestDatabase();
    const second = createDatabase(other.url, 2);
    try {
      await seedDemoData(second.db, options(now));
      const snapshot = async (db: Database) => {
        const q = async (text: string) => (await db.pool.query(text)).rows;
        return {
          orgs: await q(`select name, credit_code, kind from organisations order by name`),
          listings: await q(
            `select kind, title, status, field, region, price_fen from listings order by kind, title, status`,
          ),
          ip: await q(`select number, grant_date::text from result_ip_items order by number`),
        };
      };
      expect(await snapshot(second)).toEqual(await snapshot(database));
    } finally {
      await second.close();
      await other.drop();
    }
  });
});

// What a fresh `npm start` shows beyond the database seed: scripts/start.ts runs server/demo.ts through
// the services once the app is up (the issue's "Demo data", 措施十四 with 措施一 and 措施十二).
describe('demo data through the services at npm start', () => {
  let t: TestContext;
  let storage: DocumentStorage;
  let demo: DemoServices;
  const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await t.database.pool.query(text, params)).rows as T[];

  beforeAll(async () => {
    t = await setupTestApp();
    await seedDemoData(t.database.db, { now: new Date(), hashPassword, periods: t.config.periods });
    storage = createDocumentStorage(t.config);
    await storage.init();
    demo = await seedDemoServices(t.app.services, storage, hashPassword);
  }, 300_000);

  afterAll(async () => {
    await storage?.close();
    await t?.close();
  });

  it('has decision records citing documents on the demo results', async () => {
    expect(demo.dossier).not.toBeNull();
    const cited = await q<{ subject_type: string; n: number; missing: number }>(
      `select r.subject_type, count(*)::int as n,
              count(*) filter (where not exists (select 1 from documents d where d.id = any (r.document_ids)))::int as missing
         from decision_records r where cardinality(r.document_ids) > 0 group by r.subject_type order by r.subject_type`,
    );
    expect(cited.map((c) => c.subject_type)).toEqual(['conversion', 'payment', 'result']);
    expect(cited.every((c) => c.missing === 0)).toBe(true);
  });

  it('has a document on a grant (措施一), which the institution reads with the grant', async () => {
    expect(demo.rights).not.toBeNull();
    expect(
      await q(`select subject_type, subject_id, kind from documents where subject_type in ('grant', 'transfer')`),
    ).toEqual([{ subject_type: 'grant', subject_id: demo.rights!.grantId, kind: 'decision_minutes' }]);
    const inst = await login(t.app, DEMO_DOSSIER.institution, DEMO_PASSWORD);
    const docs = await as(
      t.app,
      inst,
    )({ method: 'GET', url: `/api/v1/rights/grants/${demo.rights!.grantId}/documents` });
    expect(docs.json()).toEqual([expect.objectContaining({ id: demo.rights!.documentId })]);
  });

  it('has one exported dossier, verified when seeded, with a determination the institution sees', async () => {
    // seedDemoDossier verifies the exported file (platform/dossier/verify.ts) before it determines on it.
    const exports = await q<{ manifest_sha256: string }>(`select manifest_sha256 from dossier_exports`);
    expect(exports).toEqual([{ manifest_sha256: demo.dossier!.manifestSha256 }]);
    const inst = await login(t.app, DEMO_DOSSIER.institution, DEMO_PASSWORD);
    const seen = await as(t.app, inst)({ method: 'GET', url: '/api/v1/determinations' });
    expect(seen.json()).toEqual([
      expect.objectContaining({ dossierSha256: demo.dossier!.manifestSha256, conclusion: 'exempt' }),
    ]);
  });

  it('has a paid reward for the demo researcher (措施十二)', () => {
    expect(demo.remuneration).not.toBeNull();
  });
});
