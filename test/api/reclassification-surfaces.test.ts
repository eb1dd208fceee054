// 措施十五, the rest of the reclassification: a `restricted` result leaves the pool and its open
// pay-later applications at once; a `classified` one also cancels its running auction (a record
// `auction:verify` accepts), redacts its rows in published editions, and no public or
// cross-organisation GET of the OpenAPI document shows its title or numbers afterwards.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRecord } from '../../domain/auction-record.js';
import { CLASSIFIED_REDACTED_TITLE } from '../../domain/listings.js';
import { auctions, notifications, payLaterApplications } from '../../db/schema/index.js';
import { storedRecord } from '../../server/auctions/reads.js';
import { publishEdition } from '../../server/pool/editions.js';
import { runPoolScan } from '../../server/pool/scan.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { bidOf, registerBidders, START_PRICE, startNow } from '../helpers/auctions.js';
import { as, createOperator, resultBody, supplyBody, verifiedMember, type Session } from '../helpers/factories.js';
import { ok } from '../helpers/lifecycle.js';

let t: TestContext;
let operator: Session;
let inst: Session;
let sme: Session;

const stamp = Date.now().toString(36);
const TITLE = `密级调整成果${stamp}`;
const LISTING_TITLE = `密级调整挂牌${stamp}`;
const PATENT = `ZL2019${stamp.toUpperCase()}.X`;

beforeAll(async () => {
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' });
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  sme = await verifiedMember(t.app, operator, 'enterprise');
});
afterAll(() => t.close());

async function pooledResult(title: string, patent: string): Promise<string> {
  const body = resultBody({
    title,
    ipItems: [{ type: 'invention_patent', number: patent, title: `${title}的方法`, grantDate: '2019-05-01' }],
  });
  const r = await ok<{ id: string }>(as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: body }), 201);
  return r.id;
}

async function reclassify(resultId: string, securityClass: 'restricted' | 'classified', title: string, patent: string) {
  const member = as(t.app, inst);
  const current = await ok<{ version: number }>(member({ method: 'GET', url: `/api/v1/results/${resultId}` }));
  const body = resultBody({
    title,
    securityClass,
    ipItems: [{ type: 'invention_patent', number: patent, title: `${title}的方法`, grantDate: '2019-05-01' }],
  });
  await ok(
    member({ method: 'PUT', url: `/api/v1/results/${resultId}`, payload: { ...body, version: current.version } }),
  );
}

async function applyPayLater(resultId: string) {
  return ok<{ id: string }>(
    as(
      t.app,
      sme,
    )({
      method: 'POST',
      url: '/api/v1/paylater/applications',
      payload: {
        resultId,
        feeFen: 30_000_000,
        royaltyBp: null,
        paymentTiming: 'after_signing',
        paymentDelayMonths: 12,
        termYears: 3,
        paymentConditions: '产品通过中试验证并实现首批销售后支付',
        message: '我公司拟将该技术用于新产品线',
      },
    }),
    201,
  );
}

describe('reclassification to restricted (措施十五: 国家安全等重大利益)', () => {
  it('takes the result out of the pool and ends its open pay-later applications at once', async () => {
    const title = `限制类成果${stamp}`;
    const resultId = await pooledResult(title, `ZL2019R${stamp}`);
    await runPoolScan(t.ctx);
    const app = await applyPayLater(resultId);
    await reclassify(resultId, 'restricted', title, `ZL2019R${stamp}`);

    const [row] = await t.database.db.select().from(payLaterApplications).where(eq(payLaterApplications.id, app.id));
    expect(row!.status).toBe('declined');
    expect(row!.declineReason).toContain('措施十五');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/pool/${resultId}` })).statusCode).toBe(404);
    const pool = await t.app.inject({ method: 'GET', url: `/api/v1/pool?keyword=${encodeURIComponent(title)}` });
    expect(pool.body).not.toContain(title);
    // Accepting terms that were on the table is refused: the result is no longer in the pool.
    const told = await t.database.db.select().from(notifications).where(eq(notifications.userId, sme.userId));
    expect(told.some((n) => n.kind === 'paylater_updated')).toBe(true);
  });
});

describe('reclassification to classified (措施十五: 涉密)', () => {
  let resultId: string;
  let listingId: string;
  let auctionId: string;
  let bidders: Awaited<ReturnType<typeof registerBidders>>;
  let editionNumber: number;
  let outsider: Session;

  beforeAll(async () => {
    resultId = await pooledResult(TITLE, PATENT);
    await runPoolScan(t.ctx);
    const { edition } = await publishEdition(t.ctx, `test-${stamp}`);
    editionNumber = edition.number;
    await applyPayLater(resultId);
    const member = as(t.app, inst);
    const draft = await ok<{ id: string }>(
      member({
        method: 'POST',
        url: '/api/v1/listings',
        payload: supplyBody(resultId, { title: LISTING_TITLE, pricingMode: 'auction', priceFen: START_PRICE }),
      }),
      201,
    );
    listingId = draft.id;
    await ok(member({ method: 'POST', url: `/api/v1/listings/${listingId}/submit` }));
    await ok(as(t.app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${listingId}/approve` }));
    const a = await ok<{ auction: { id: string } }>(
      t.app.inject({ method: 'GET', url: `/api/v1/listings/${listingId}/auction` }),
    );
    auctionId = a.auction.id;
    bidders = await registerBidders(t.app, operator, auctionId, 2);
    await startNow(t.database.db, auctionId, 3_600_000);
    expect((await bidOf(t.app, bidders[0]!, auctionId)(START_PRICE, randomUUID())).statusCode).toBe(201);
    outsider = await verifiedMember(t.app, operator, 'enterprise');
    await reclassify(resultId, 'classified', TITLE, PATENT);
  });

  it('cancels the running auction; its record still verifies', async () => {
    const [row] = await t.database.db.select().from(auctions).where(eq(auctions.id, auctionId));
    expect(row).toMatchObject({ status: 'cancelled', result: 'cancelled_classified', winnerParticipantId: null });
    const record = await storedRecord(t.database.db, auctionId);
    expect(record.bids).toHaveLength(1);
    expect(verifyRecord(record.terms, record.bids)).toMatchObject({ ok: true, count: 1 });
    // The seller still reads its record; a bidder no longer sees the auction.
    expect((await as(t.app, inst)({ method: 'GET', url: `/api/v1/auctions/${auctionId}/record` })).statusCode).toBe(
      200,
    );
    expect((await as(t.app, bidders[1]!)({ method: 'GET', url: `/api/v1/auctions/${auctionId}` })).statusCode).toBe(
      404,
    );
  });

  it('tells the bidders without the title', async () => {
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, bidders[1]!.userId), eq(notifications.kind, 'auction_closed')));
    expect(told).toHaveLength(1);
    const inbox = await as(t.app, bidders[1]!)({ method: 'GET', url: '/api/v1/notifications' });
    expect(inbox.body).toContain(CLASSIFIED_REDACTED_TITLE.slice(1, 8));
    expect(inbox.body).not.toContain(LISTING_TITLE);
    expect(inbox.body).not.toContain(TITLE);
  });

  it('keeps the edition numbering and redacts the row in items and downloads', async () => {
    const base = `/api/v1/pool/editions/${editionNumber}`;
    const items = await ok<{ items: Array<{ title: string; redactedOn: string | null }>; total: number }>(
      t.app.inject({ method: 'GET', url: `${base}/items?pageSize=100` }),
    );
    expect(items.items.some((i) => i.redactedOn && i.title.includes('涉密'))).toBe(true);
    for (const format of ['csv', 'json']) {
      const res = await t.app.inject({ method: 'GET', url: `${base}/download?format=${format}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('依措施十五删除');
      expect(res.body).not.toContain(TITLE);
      expect(res.body).not.toContain(PATENT);
      expect(res.body).not.toContain(resultId);
    }
  });

  it('no public or cross-organisation GET shows the title or the numbers', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>;
    };
    const ids = [listingId, auctionId, resultId];
    const urls: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get) continue;
      if (!path.includes('{')) {
        urls.push(path);
        continue;
      }
      for (const id of ids) {
        urls.push(path.replace('{number}', String(editionNumber)).replace(/\{[^}]+\}/g, id));
      }
    }
    expect(urls.length).toBeGreaterThan(50);
    const seen: string[] = [];
    const viewers: Array<[string, Session | null]> = [
      ['anonymous', null],
      ['other enterprise', outsider],
      ['bidder', bidders[1]!],
      ['pay-later applicant', sme],
    ];
    for (const [who, session] of viewers) {
      for (const url of urls) {
        if (/\/(ws|live)\b/.test(url)) continue;
        const res = await as(t.app, session)({ method: 'GET', url });
        expect(res.statusCode, `${who} ${url}`).toBeLessThan(500);
        for (const secret of [TITLE, LISTING_TITLE, PATENT]) {
          if (res.body.includes(secret)) seen.push(`${who} ${url}: ${secret}`);
        }
      }
    }
    expect(seen).toEqual([]);
  });
});
