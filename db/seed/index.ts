// Demo data for an empty database: fictional organisations, users, results and listings that make
// every screen of the platform show something realistic. Deterministic (seeded PRNG): every run
// produces the same organisations, titles and texts; timestamps are relative to `opts.now`.

import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Duration } from '../../domain/duration.js';
import type { Db, Tx } from '../client.js';
import {
  annualReports,
  auditLog,
  claims,
  contracts,
  conversions,
  equityStakes,
  payments,
  payLaterApplications,
  payLaterLicences,
  payLaterOffers,
  poolEntries,
  royaltyReports,
  scheduleItems,
  listings,
  memberships,
  moderationDecisions,
  objections,
  organisations,
  orgUnits,
  oversightLinks,
  proposals,
  resultIpItems,
  results,
  users,
} from '../schema/index.js';
import { buildSeedPlan } from './build.js';
import { EMAIL_DOMAIN, ENTERPRISES, INSTITUTIONS, OPERATOR_ORG } from './organisations.data.js';
import { DEMO_DEPARTMENT, DEMO_PROVINCIAL } from './statistics.js';

export interface SeedOptions {
  now: Date;
  hashPassword: (pw: string) => Promise<string>;
  periods: {
    notice: Duration;
    objectionDecision: Duration;
    listing: Duration;
    showcase: Duration;
    selection: Duration;
  };
}

export interface DemoAccount {
  role: 'operator' | 'enterprise' | 'institution' | 'department';
  email: string;
  password: string;
  organisation: string;
  note: string;
}

/** 措施十四 demo (server/dossiers/demo.ts, run by scripts/start.ts): whose dossier, and who determines on it. */
export const DEMO_DOSSIER = { institution: `inst01@${EMAIL_DOMAIN}`, operator: `op1@${EMAIL_DOMAIN}` };

/**
 * 措施十二 demo (server/remuneration/demo.ts, run by scripts/start.ts after the seed, so not among
 * DEMO_ACCOUNTS): a researcher of inst01 with a paid reward. Fictional.
 */
export const DEMO_RESEARCHER = {
  email: `researcher01@${EMAIL_DOMAIN}`,
  displayName: '林思远',
  note: '科研人员（成果完成人，虚构）：“我的奖励”中有一笔已发放的转化奖励，可下载奖励明细 PDF（措施十二）',
};

/** The one password of every demo account. Demo only: printed at start-up and listed in the README. */
export const DEMO_PASSWORD = 'Jiebang#Demo-2026';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: 'operator',
    email: `op1@${EMAIL_DOMAIN}`,
    password: DEMO_PASSWORD,
    organisation: OPERATOR_ORG.name,
    note: '平台运营方：机构认证、发布审核、下架',
  },
  {
    role: 'operator',
    email: `op2@${EMAIL_DOMAIN}`,
    password: DEMO_PASSWORD,
    organisation: OPERATOR_ORG.name,
    note: '平台运营方（第二位审核员）',
  },
  ...ENTERPRISES.filter((e) => e.demoNote).map((e): DemoAccount => ({
    role: 'enterprise',
    email: `${e.key}@${EMAIL_DOMAIN}`,
    password: DEMO_PASSWORD,
    organisation: e.name,
    note: e.demoNote!,
  })),
  ...INSTITUTIONS.filter((i) => i.demoNote).map((i): DemoAccount => ({
    role: 'institution',
    email: `${i.key}@${EMAIL_DOMAIN}`,
    password: DEMO_PASSWORD,
    organisation: i.name,
    note: i.demoNote!,
  })),
  {
    role: 'department',
    email: `${DEMO_DEPARTMENT.key}@${EMAIL_DOMAIN}`,
    password: DEMO_PASSWORD,
    organisation: DEMO_DEPARTMENT.name,
    note: '主管部门（只读）：所辖三所单位的转化统计，年度报告归档中接收 inst01 已报送的年度报告',
  },
  {
    role: 'department',
    email: `${DEMO_PROVINCIAL.key}@${EMAIL_DOMAIN}`,
    password: DEMO_PASSWORD,
    organisation: DEMO_PROVINCIAL.name,
    note: '省科技厅（只读）：全省各单位的转化统计与排名',
  },
];

/** True when no organisation exists: the only case in which demo data may be seeded. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(organisations)
    .limit(1);
  return rows.length === 0;
}

// Keeps every multi-row INSERT well below PostgreSQL's 65 535 bind parameters.
const BATCH = 500;

async function insertAll<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.insert(table).values(rows.slice(i, i + BATCH));
  }
}

export async function seedDemoData(
  db: Db,
  opts: SeedOptions,
): Promise<{ organisations: number; users: number; results: number; listings: number }> {
  // argon2 is slow on purpose: hash the shared demo password once and reuse it for every user.
  const passwordHash = await opts.hashPassword(DEMO_PASSWORD);
  const { plan, ledger, payLater, statistics } = buildSeedPlan(opts.now, opts.periods, passwordHash);
  await db.transaction(async (tx) => {
    await insertAll(tx, organisations, plan.organisations);
    await insertAll(tx, users, plan.users);
    await insertAll(tx, memberships, plan.memberships);
    await insertAll(tx, orgUnits, statistics.orgUnits);
    await insertAll(tx, oversightLinks, statistics.oversightLinks);
    await insertAll(tx, results, plan.results);
    await insertAll(tx, resultIpItems, plan.ipItems);
    await insertAll(tx, listings, plan.listings);
    await insertAll(tx, claims, plan.claims);
    await insertAll(tx, objections, plan.objections);
    await insertAll(tx, proposals, plan.proposals);
    await insertAll(tx, poolEntries, payLater.poolEntries);
    await insertAll(tx, payLaterApplications, payLater.applications);
    await insertAll(tx, payLaterOffers, payLater.offers);
    await insertAll(tx, payLaterLicences, payLater.licences);
    await insertAll(tx, conversions, ledger.conversions);
    await insertAll(tx, contracts, ledger.contracts);
    await insertAll(tx, scheduleItems, ledger.scheduleItems);
    await insertAll(tx, royaltyReports, ledger.royaltyReports);
    await insertAll(tx, payments, ledger.payments);
    await insertAll(tx, equityStakes, ledger.equityStakes);
    await insertAll(tx, annualReports, statistics.annualReports);
    await insertAll(tx, moderationDecisions, plan.decisions);
    await insertAll(tx, auditLog, plan.audit);
  });
  return {
    organisations: plan.organisations.length,
    users: plan.users.length,
    results: plan.results.length,
    listings: plan.listings.length,
  };
}
