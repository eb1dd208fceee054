// The policy migrations of issue 15 on a database that already holds rows written under the old
// rules: the schema as it stood before them, legacy rows, then the rest of the migrations. What can be
// completed from stored data is filled in; what cannot is flagged, never invented or deleted; and the
// check constraints that restate the rules hold afterwards.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db/client.js';
import { MIGRATIONS_FOLDER } from '../db/migrate.js';
import { creditCodeCheckChar } from '../domain/credit-code.js';
import { adminUrl, databaseUrl } from './helpers/db.js';
import pg from 'pg';

const FIRST_POLICY_MIGRATION = 'policy_conformance_columns';
const name = `jiebang_mig_${randomUUID().slice(0, 8)}`;
let database: Database;
let before: string;

const code = (kind: '91' | '12', body9: string) => {
  const first17 = `${kind}210100${body9}`;
  return first17 + creditCodeCheckChar(first17);
};
const id = () => randomUUID();
const ids = {
  inst: id(),
  ent: id(),
  foreign: id(),
  user: id(),
  coOwnedOk: id(),
  coOwnedTeamOnly: id(),
  longTermRunning: id(),
  longTermEnded: id(),
  plain: id(),
  demandNoBudget: id(),
  demandBudget: id(),
  licence: id(),
  firstHolder: id(),
  secondHolder: id(),
  matchedExact: id(),
  matchedOff: id(),
  dealExact: id(),
  dealOff: id(),
  ec: id(),
};

async function admin(q: string) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);

beforeAll(async () => {
  await admin(`create database ${name}`);
  database = createDatabase(databaseUrl(name), 2);
  // The migrations as they stood before this issue's.
  before = mkdtempSync(join(tmpdir(), 'jb-mig-'));
  cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(FIRST_POLICY_MIGRATION));
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  await migrate(database.db, { migrationsFolder: before });

  // Rows written under the old rules.
  await q(`insert into users (id, email, password_hash, display_name) values ($1, 'legacy@test.cn', 'x', '旧用户')`, [
    ids.user,
  ]);
  await q(
    `insert into organisations (id, kind, name, credit_code, region, institution_type, affiliation, verification_status)
     values ($1, 'institution', '旧北辰大学', $2, 'shenyang', 'university', 'provincial', 'verified')`,
    [ids.inst, code('12', '400000001')],
  );
  await q(
    `insert into organisations (id, kind, name, credit_code, region, size_class, ownership_type, verification_status)
     values ($1, 'enterprise', '旧沈北机床', $2, 'shenyang', 'small', 'private', 'verified'),
            ($3, 'enterprise', '旧弗莱茵传动', $4, 'dalian', 'medium', 'foreign', 'verified')`,
    [ids.ent, code('91', 'MA0000001'), ids.foreign, code('91', 'MA0000002')],
  );
  const result = (rid: string, ownership: string, coOwners: unknown[], years: number | null, endsOn: string | null) =>
    q(
      `insert into results (id, institution_id, title, summary, field, maturity, ownership, co_owners,
         long_term_use_years, long_term_use_ends_on)
       values ($1, $2, '旧成果', '旧成果摘要内容', 'new_energy', 'pilot', $3, $4::jsonb, $5, $6)`,
      [rid, ids.inst, ownership, JSON.stringify(coOwners), years, endsOn],
    );
  await result(
    ids.coOwnedOk,
    'co_owned',
    [
      { name: '旧北辰大学', shareBp: 3000 },
      { name: '张伟', shareBp: 7000 },
    ],
    null,
    null,
  );
  await result(ids.coOwnedTeamOnly, 'co_owned', [{ name: '张伟团队', shareBp: 10000 }], null, null);
  await result(ids.longTermRunning, 'long_term_use', [], 12, '2040-06-30');
  await result(ids.longTermEnded, 'long_term_use', [], 10, '2020-01-01');
  await result(ids.plain, 'institution', [], null, null);

  const listing = (lid: string, kind: string, status: string, extra: Record<string, unknown>) =>
    q(
      `insert into listings (id, kind, organisation_id, result_id, title, summary, field, region, status, pricing_mode,
         transaction_types, price_fen, deadline, submitted_at, matched_org_id, matched_name, matched_price_fen,
         matched_at, match_route, created_at)
       values ($1, $2, $3, $4, '旧项目', '旧项目摘要', 'new_energy', 'shenyang', $5, $6, $7::text[], $8, $9, $10,
               $11, $12, $13, $14, $15, $16)`,
      [
        lid,
        kind,
        kind === 'demand' ? ids.ent : ids.inst,
        extra.resultId ?? null,
        status,
        extra.pricingMode ?? null,
        extra.types ?? [],
        extra.price ?? null,
        kind === 'demand' ? new Date(Date.now() + 30 * 86_400_000) : null,
        extra.submittedAt ?? null,
        extra.matchedOrgId ?? null,
        extra.matchedOrgId ? '旧沈北机床' : null,
        extra.matchedPrice ?? null,
        extra.matchedOrgId ? new Date() : null,
        extra.matchRoute ?? null,
        extra.createdAt ?? new Date(),
      ],
    );
  await listing(ids.demandNoBudget, 'demand', 'open', {});
  await listing(ids.demandBudget, 'demand', 'open', { price: 5_000_000 });
  await listing(ids.licence, 'supply', 'showcase', {
    resultId: ids.plain,
    pricingMode: 'negotiable',
    types: ['license'],
  });
  // The same result offered for transfer twice at once (the bug of issue 15 item 10).
  await listing(ids.firstHolder, 'supply', 'showcase', {
    resultId: ids.coOwnedOk,
    pricingMode: 'negotiable',
    types: ['transfer'],
    submittedAt: new Date('2026-01-01T00:00:00Z'),
  });
  await listing(ids.secondHolder, 'supply', 'listed', {
    resultId: ids.coOwnedOk,
    pricingMode: 'fixed',
    types: ['transfer', 'license'],
    price: 3_000_000,
    submittedAt: new Date('2026-02-01T00:00:00Z'),
  });
  for (const [lid, rid] of [
    [ids.matchedExact, ids.longTermRunning],
    [ids.matchedOff, ids.longTermEnded],
  ] as const) {
    await listing(lid, 'supply', 'converted', {
      resultId: rid,
      pricingMode: 'fixed',
      types: ['transfer'],
      price: 8_000_000,
      matchedOrgId: ids.ent,
      matchedPrice: 8_000_000,
      matchRoute: 'claim',
    });
  }
  const deal = (did: string, lid: string, rid: string, amount: number) =>
    q(
      `insert into deals (id, listing_id, result_id, institution_id, counterparty_org_id, counterparty_name,
         counterparty_ownership, transaction_type, amount_fen, appraisal, recorded_by)
       values ($1, $2, $3, $4, $5, '旧沈北机床', 'private', 'transfer', $6, 'appraised', $7)`,
      [did, lid, rid, ids.inst, ids.ent, amount, ids.user],
    );
  await deal(ids.dealExact, ids.matchedExact, ids.longTermRunning, 8_000_000);
  // Recorded at 1 分 against an 80 000 元 listed price: the old rules allowed it.
  await deal(ids.dealOff, ids.matchedOff, ids.longTermEnded, 1);
  await q(
    `insert into export_control_confirmations (id, listing_id, organisation_id, confirmed_by, note)
     values ($1, $2, $3, $4, '旧的出口管制审查')`,
    [ids.ec, ids.matchedExact, ids.inst, ids.user],
  );

  // And now the rest of the migrations.
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
});

afterAll(async () => {
  await database?.close();
  await admin(`drop database if exists ${name} with (force)`);
  if (before) rmSync(before, { recursive: true, force: true });
});

const one = async (text: string, params: unknown[] = []) => (await q(text, params)).rows[0];

describe('the policy migrations on existing rows', () => {
  it('措施十五: organisations are mainland; 外资 ones wait for the operators’ review', async () => {
    const rows = (await q(`select id, domicile, domicile_review_pending from organisations order by name`)).rows;
    expect(rows.every((r) => r.domicile === 'mainland')).toBe(true);
    expect(rows.filter((r) => r.domicile_review_pending).map((r) => r.id)).toEqual([ids.foreign]);
  });

  it('措施一: co-owners get their party; a co-ownership without the institution is flagged, not rewritten', async () => {
    expect(await one(`select co_owners, rights_review from results where id = $1`, [ids.coOwnedOk])).toEqual({
      co_owners: [
        { name: '旧北辰大学', shareBp: 3000, party: 'institution' },
        { name: '张伟', shareBp: 7000, party: 'team' },
      ],
      rights_review: null,
    });
    expect(await one(`select co_owners, rights_review from results where id = $1`, [ids.coOwnedTeamOnly])).toEqual({
      co_owners: [{ name: '张伟团队', shareBp: 10000, party: 'team' }],
      rights_review: 'co_owner_institution_missing',
    });
  });

  it('措施一: long-term use gets its start (end − term); one that has ended is flagged', async () => {
    expect(
      await one(
        `select long_term_use_starts_on::text as s, long_term_use_ends_on::text as e, rights_review from results where id = $1`,
        [ids.longTermRunning],
      ),
    ).toEqual({ s: '2028-06-30', e: '2040-06-30', rights_review: null });
    expect(await one(`select rights_review from results where id = $1`, [ids.longTermEnded])).toEqual({
      rights_review: 'long_term_use_ended',
    });
  });

  it('措施八 and licences: a budget-less demand is negotiable; a licence without scope is non-exclusive', async () => {
    expect(await one(`select budget_negotiable from listings where id = $1`, [ids.demandNoBudget])).toEqual({
      budget_negotiable: true,
    });
    expect(await one(`select budget_negotiable from listings where id = $1`, [ids.demandBudget])).toEqual({
      budget_negotiable: false,
    });
    expect(await one(`select license_scope from listings where id = $1`, [ids.licence])).toEqual({
      license_scope: 'non_exclusive',
    });
  });

  it('one result, one buyer: the earlier holder keeps the result, the later is flagged for operators', async () => {
    const rows = (
      await q(`select id, exclusivity_conflict from listings where result_id = $1 order by submitted_at`, [
        ids.coOwnedOk,
      ])
    ).rows;
    expect(rows).toEqual([
      { id: ids.firstHolder, exclusivity_conflict: false },
      { id: ids.secondHolder, exclusivity_conflict: true },
    ]);
  });

  it('措施四: each deal records the price it was bound to; one recorded at another amount stays as it was, unverified', async () => {
    expect(
      await one(
        `select price_basis, bound_price_fen, amount_fen, counterparty_domicile
           from conversions c join contracts k on k.conversion_id = c.id where c.id = $1`,
        [ids.dealExact],
      ),
    ).toEqual({
      price_basis: 'listed_price',
      bound_price_fen: '8000000',
      amount_fen: '8000000',
      counterparty_domicile: 'mainland',
    });
    expect(
      await one(
        `select price_basis, bound_price_fen, amount_fen from conversions c join contracts k on k.conversion_id = c.id
          where c.id = $1`,
        [ids.dealOff],
      ),
    ).toEqual({
      price_basis: 'unverified',
      bound_price_fen: null,
      amount_fen: '1',
    });
  });

  it('措施十五: an export-control confirmation belongs to the listing’s result', async () => {
    expect(await one(`select result_id, listing_id from export_control_confirmations where id = $1`, [ids.ec])).toEqual(
      {
        result_id: ids.longTermRunning,
        listing_id: ids.matchedExact,
      },
    );
  });

  it('the database now refuses rows that break the rules', async () => {
    const refuses = async (text: string, params: unknown[], constraint: string) =>
      expect(q(text, params)).rejects.toMatchObject({ constraint });
    await refuses(
      `update results set co_owners = '[{"name":"团队","shareBp":10000,"party":"team"}]', rights_review = null where id = $1`,
      [ids.coOwnedOk],
      'results_co_owners_check',
    );
    await refuses(
      `update results set long_term_use_starts_on = '2031-07-01', rights_review = null where id = $1`,
      [ids.longTermRunning],
      'results_long_term_use_check',
    );
    await refuses(
      `update listings set budget_negotiable = false where id = $1`,
      [ids.demandNoBudget],
      'listings_budget_check',
    );
    await refuses(
      `update listings set license_scope = null where id = $1`,
      [ids.licence],
      'listings_license_scope_shape_check',
    );
    // The deal is a ledger conversion now (migrations 0013–0015); its contract stays at the bound price.
    await refuses(
      `update contracts set amount_fen = 7000000, technology_amount_fen = 0 where conversion_id = $1`,
      [ids.dealExact],
      'contracts_bound_price_check',
    );
    await refuses(
      `update organisations set domicile = 'abroad' where id = $1`,
      [ids.ent],
      'organisations_identity_check',
    );
    await refuses(
      `update organisations set domicile = 'abroad', credit_code = null, region = null, registration_number = 'X1',
         country_or_region = '德国' where id = $1`,
      [ids.inst],
      'organisations_institution_fields_check',
    );
    await refuses(
      `update listings set exclusivity_conflict = false where id = $1`,
      [ids.secondHolder],
      'listings_result_exclusive_key',
    );
  });
});
