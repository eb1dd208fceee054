// Issue 6 in the browser: two bidders in two browser contexts bid alternately and see each other
// live; the rooms say why a bid is refused; a late bid extends the end; the timers close the
// auction (api + workers) and both see the winner, and the result page shows the final hash of the
// bid log. Time is moved by rewriting the auction's own timestamps (the service reads PostgreSQL's
// clock), never waited for: the late bid lands 15 minutes inside a 30-minute soft-close window,
// and the close job the extension moved is then run at once.
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newTrackedPage, type TrackedPage } from '../helpers/browser.js';
import { auctionListing, registerBidders, setEnd, startNow } from '../helpers/auctions.js';
import { auctionJobId } from '../../platform/queues.js';
import { createOperator, PASSWORD, verifiedMember, type Session } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { login, TIMEOUT } from './ui.js';

// Long enough that a loaded machine never carries the late bid past the end: at load 60, re-entering
// both rooms and bidding took over the 30 s a one-minute window left.
const SOFT_CLOSE_MS = 30 * 60_000;
let server: TestServer;
let browser: Browser;
let auctionId: string;
let listingId: string;
let bidders: Array<Session & { alias: string }>;

beforeAll(async () => {
  server = await startTestServer({
    workers: true,
    env: { AUCTION_START_LEAD: 'PT1H', AUCTION_SOFT_CLOSE: 'PT30M', REGISTER_RATE_LIMIT: '1000' },
  });
  browser = await launchBrowser();
  const app = server.t.app;
  const operator = await createOperator(app, server.db);
  const institution = await verifiedMember(app, operator, 'institution');
  ({ auctionId, listingId } = await auctionListing(app, institution, operator));
  bidders = await registerBidders(app, operator, auctionId, 2);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

async function bid(page: Page, amountYuan?: string) {
  if (amountYuan !== undefined) await page.getByLabel('出价金额（元）').fill(amountYuan);
  await page.getByRole('button', { name: '出价', exact: true }).click();
}

describe('the auction room', () => {
  it('lets two bidders bid alternately, live, until a late bid extends the end and the timers close it', async () => {
    const pages: TrackedPage[] = [];
    try {
      for (let i = 0; i < 2; i++) pages.push(await newTrackedPage(browser, server.url));
      const [a, b] = pages.map((p) => p.page) as [Page, Page];
      for (const p of [a, b]) p.setDefaultTimeout(TIMEOUT);
      await login(a, bidders[0]!.email, PASSWORD);
      await login(b, bidders[1]!.email, PASSWORD);

      // From the listing page into the room, before the start.
      await a.goto(`/listings/${listingId}`);
      await a.getByRole('link', { name: '进入拍卖室' }).click();
      await a.waitForURL(`**/auctions/${auctionId}`);
      await expect.poll(() => text(a, 'connection')).toBe('已连接');
      await a.getByText('距开拍').waitFor();
      // Both registered bidders are counted before the start.
      await expect.poll(() => text(a, 'participant-count')).toBe('2');

      // The start (the worker's sweeper or the start job); the room learns it live.
      await startNow(server.db, auctionId, 4 * SOFT_CLOSE_MS, server.t.app.auctionSignals);
      await b.goto(`/auctions/${auctionId}`);
      await expect.poll(() => text(b, 'connection')).toBe('已连接');
      await a.getByText('距结束').waitFor();
      await a.getByText(`您的竞买号：${bidders[0]!.alias}`).waitFor();

      // A bids the pre-filled start price; B sees it arrive.
      await expect.poll(() => a.getByLabel('出价金额（元）').inputValue()).toBe('10000');
      await bid(a);
      await expect.poll(() => text(a, 'bid-answer')).toContain('出价成功');
      await expect.poll(() => text(b, 'leader')).toBe(bidders[0]!.alias);
      await expect.poll(() => text(b, 'current-price')).toBe('1 万元');

      // A cannot outbid itself; B cannot bid below the minimum.
      await bid(a);
      await expect.poll(() => text(a, 'bid-answer')).toBe('您已是最高出价者');
      await bid(b, '10050');
      await expect.poll(() => text(b, 'bid-answer')).toBe('出价过低');

      // B bids the pre-filled next minimum (10,000 + 1 % = 10,100 元), then A again: alternately, live.
      await expect.poll(() => b.getByLabel('出价金额（元）').inputValue()).toBe('10100');
      await bid(b);
      await expect.poll(() => text(a, 'leader')).toBe(bidders[1]!.alias);
      await expect.poll(() => a.getByLabel('出价金额（元）').inputValue()).toBe('10200');
      await bid(a);
      await expect.poll(() => text(b, 'leader')).toBe(bidders[0]!.alias);
      await expect.poll(() => text(b, 'current-price')).toBe('1.02 万元');
      await expect.poll(() => b.getByTestId('bid-history').locator('tr.ant-table-row').count()).toBe(3);

      // A late bid: the end is moved to half the soft-close window ahead, so B's bid moves it. The
      // rooms (and the api's copy of the auction behind them) learnt the end at the start; as the end
      // is moved behind their backs, they are left to empty first and then entered again.
      await Promise.all([a, b].map((p) => p.goto(`/listings/${listingId}`)));
      await expect.poll(() => server.t.app.auctionHub.watchers(auctionId)).toBe(0);
      await setEnd(server.db, auctionId, SOFT_CLOSE_MS / 2);
      for (const p of [a, b]) {
        await p.goto(`/auctions/${auctionId}`);
        await expect.poll(() => text(p, 'connection')).toBe('已连接');
      }
      await expect.poll(() => b.getByLabel('出价金额（元）').inputValue()).toBe('10300');
      await bid(b);
      await expect.poll(() => text(b, 'bid-answer')).toContain('第 4 次出价');
      await a.getByTestId('extended').waitFor();
      const [{ extended }] = (
        await server.db.execute<{ extended: boolean }>(
          sql`select ends_at > initial_ends_at as extended from auctions where id = ${auctionId}`,
        )
      ).rows as [{ extended: boolean }];
      expect(extended).toBe(true);

      // Nobody bids again. The extension moved the close job (still delayed); the end is put in the
      // past and that job run now: the worker closes the auction and both rooms see the winner.
      // Each participant is told in words whether they won.
      const close = await server.workers!.queues.auctions.getJob(auctionJobId('close', auctionId));
      expect(await close?.getState()).toBe('delayed');
      // (Both ends, as endNow does: the table's period check keeps ends_at at or after initial_ends_at.)
      await setEnd(server.db, auctionId, -1);
      await close!.promote();
      await b.getByText(`您已竞得（竞买号 ${bidders[1]!.alias}）`).waitFor();
      await a.getByText(`未竞得：买受人竞买号 ${bidders[1]!.alias}`).waitFor();
      // Times in the room read to the second.
      expect(await text(a, 'ends-at')).toMatch(/^结束：\d{2}:\d{2}:\d{2}$/);
      await expect.poll(() => a.getByRole('button', { name: '出价', exact: true }).isDisabled()).toBe(true);

      // The result page: winner and the final hash of the stored log.
      await a.getByRole('link', { name: '查看竞价记录' }).click();
      await a.waitForURL(`**/auctions/${auctionId}/result`);
      await expect.poll(() => text(a, 'result')).toContain(`买受人竞买号 ${bidders[1]!.alias}`);
      await expect.poll(() => text(a, 'your-outcome')).toBe(`未竞得：您的竞买号 ${bidders[0]!.alias}`);
      expect(await a.getByText('auction:verify').count()).toBe(0);
      const [{ hash_head: head }] = (
        await server.db.execute<{ hash_head: string }>(sql`select hash_head from auctions where id = ${auctionId}`)
      ).rows as [{ hash_head: string }];
      await expect.poll(() => text(a, 'final-hash')).toContain(head);
      expect(await a.getByTestId('bid-log').locator('tr.ant-table-row').count()).toBe(4);
    } catch (err) {
      for (const [i, p] of pages.entries()) await p.saveArtifacts(`auction-room-${i}`);
      throw err;
    } finally {
      for (const p of pages) await p.context.close();
    }
  }, 900_000);
});
