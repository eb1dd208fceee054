// Issue 18 step 2: the free-text inventors become structured teams. On a copy of the demo data —
// migrated up to the migration before the split, seeded, a few texts set to the other separators —
// the split migration runs, and every result's team is what the domain rule says: the names of
// splitInventorNames, equal shares by largest remainder, unlinked, flagged for the institution.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db/client.js';
import { MIGRATIONS_FOLDER } from '../db/migrate.js';
import { seedDemoData } from '../db/seed/index.js';
import { parseDuration } from '../domain/duration.js';
import { equalShares, splitInventorNames } from '../domain/teams.js';
import { adminUrl, databaseUrl } from './helpers/db.js';

const SPLIT_MIGRATION = 'result_team_from_inventors';
const name = `jiebang_team_mig_${randomUUID().slice(0, 8)}`;
let database: Database;
let before: string;

async function admin(text: string) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);

// Texts the demo data does not use, set on a few demo results before the split.
const CRAFTED = [
  '李明，张华,王磊等',
  '赵强；钱伟/孙丽',
  '周杰、周杰、吴敏\n郑浩',
  '   ',
  '冯涛等人',
  '陈静 、 褚亮 ｜ 卫东',
];

beforeAll(async () => {
  await admin(`create database ${name}`);
  database = createDatabase(databaseUrl(name), 2);
  before = mkdtempSync(join(tmpdir(), 'jb-team-mig-'));
  cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(SPLIT_MIGRATION));
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  await migrate(database.db, { migrationsFolder: before });

  await seedDemoData(database.db, {
    now: new Date('2026-12-01T00:00:00Z'),
    hashPassword: async (pw) => `x:${pw}`,
    periods: {
      notice: parseDuration('P15D')!,
      objectionDecision: parseDuration('P15D')!,
      listing: parseDuration('P15D')!,
      showcase: parseDuration('P180D')!,
      selection: parseDuration('P15D')!,
    },
  });
  const ids = (await q(`select id from results order by id limit ${CRAFTED.length}`)).rows.map((r) => r.id as string);
  for (const [i, id] of ids.entries()) await q(`update results set inventors = $2 where id = $1`, [id, CRAFTED[i]]);
  // No team rows before the split (the seed writes the free text only).
  expect((await q(`select count(*)::int as n from result_team_members`)).rows[0].n).toBe(0);

  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}, 300_000);

afterAll(async () => {
  await database?.close();
  await admin(`drop database if exists ${name} with (force)`);
  if (before) rmSync(before, { recursive: true, force: true });
});

describe('the inventors split on the demo data', () => {
  it('gives every result the team the domain rule gives, flagged for confirmation', async () => {
    const results = (await q(`select id, inventors, team_needs_confirmation from results order by id`)).rows as Array<{
      id: string;
      inventors: string;
      team_needs_confirmation: boolean;
    }>;
    expect(results.length).toBeGreaterThan(20);
    const members = (
      await q(
        `select result_id, position, name, share_bp, user_id, org_unit_id, principal_leader from result_team_members order by result_id, position`,
      )
    ).rows as Array<{ result_id: string; position: number; name: string; share_bp: number; user_id: string | null }>;
    const byResult = new Map<string, typeof members>();
    for (const m of members) byResult.set(m.result_id, [...(byResult.get(m.result_id) ?? []), m]);

    let withTeam = 0;
    for (const r of results) {
      const names = splitInventorNames(r.inventors);
      const team = byResult.get(r.id) ?? [];
      expect({ id: r.id, names: team.map((m) => m.name) }).toEqual({ id: r.id, names });
      expect(team.map((m) => m.position)).toEqual(names.map((_n, i) => i + 1));
      if (names.length === 0) {
        expect(r.team_needs_confirmation).toBe(false);
        continue;
      }
      withTeam++;
      expect(team.map((m) => m.share_bp)).toEqual(equalShares(names.length));
      expect(team.reduce((a, m) => a + m.share_bp, 0)).toBe(10_000);
      expect(team.every((m) => m.user_id === null)).toBe(true);
      expect(r.team_needs_confirmation).toBe(true);
    }
    expect(withTeam).toBeGreaterThan(20);
    // The crafted texts came out as the rule says (spot checks of the separators).
    const crafted = new Set(CRAFTED.flatMap(splitInventorNames));
    for (const n of ['王磊', '钱伟', '孙丽', '郑浩', '冯涛', '褚亮', '卫东']) expect(crafted.has(n)).toBe(true);
    expect(members.some((m) => m.name === '王磊等' || m.name.includes('、'))).toBe(false);
  });
});
