// 我的奖励 in the browser (措施十二): a researcher opens their rewards from the menu, reads the paid
// reward of a conversion with the clause's marks, and downloads the statement PDF. The reward is set
// up through the API (policy → conversion → payment → computed → approved → paid).
// Needs the built web app (`npm run build:web`) and Chromium.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASH_REWARD_MARKS } from '../../domain/constants/remuneration.js';
import { launchBrowser, newTrackedPage } from '../helpers/browser.js';
import { createOperator, type Session } from '../helpers/factories.js';
import { pdfText } from '../helpers/pdf-text.js';
import { paidRewardWorld, todayShanghai } from '../helpers/remuneration.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { clickNav, readyHeader, TIMEOUT } from './ui.js';

let server: TestServer;
let browser: Browser;
let researcher: Session;
const POLL = { timeout: TIMEOUT, interval: 200 };

beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '100000' } });
  const operator = await createOperator(server.t.app, server.db);
  ({ researcher } = await paidRewardWorld(server.t.app, operator, server.t.config.mail.dir));
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a researcher reads their reward statement', () => {
  it('finds 我的奖励 in the menu, sees the paid reward with the 措施十二 marks, and downloads the PDF', async () => {
    const tracked = await newTrackedPage(browser, server.url, { width: 1280, height: 900 });
    const page = tracked.page;
    try {
      await (tracked.context as BrowserContext).addCookies([
        { name: 'jb_sid', value: researcher.cookie, url: server.url, httpOnly: true, sameSite: 'Lax' },
      ]);
      await page.goto('/');
      await readyHeader(page, 'researcher').waitFor(POLL);
      await clickNav(page, '我的奖励');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('我的奖励');

      const row = page.getByRole('row', { name: /虚构高效催化剂制备技术/ });
      await row.waitFor(POLL);
      // 200,000 元 received − 10,000 元 costs = 190,000 元 net; 70 % to the team; 60 % of it is 79,800 元.
      await expect.poll(() => row.textContent(), POLL).toContain('7.98 万元');
      expect(await row.textContent()).toContain(`已发放 ${todayShanghai()}`);
      await expect
        .poll(() => page.getByTestId('statement-totals').textContent(), POLL)
        .toContain('已发放现金奖励 7.98 万元');
      for (const mark of CASH_REWARD_MARKS) await page.getByText(mark, { exact: true }).waitFor(POLL);

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: TIMEOUT }),
        page.getByTestId('statement-pdf').click(),
      ]);
      const path = await download.path();
      const { readFile } = await import('node:fs/promises');
      const pdf = await readFile(path);
      const text = (await pdfText(new Uint8Array(pdf))).text.replace(/\s+/g, '');
      expect(text).toContain('科技成果转化奖励和报酬明细');
      expect(text).toContain('周晓明');
      expect(text).toContain('79,800.00');
      for (const mark of CASH_REWARD_MARKS) expect(text).toContain(mark);

      const errors = tracked.console.filter((l) => l.startsWith('[error]') || l.startsWith('[pageerror]'));
      expect(errors).toEqual([]);
    } catch (err) {
      await tracked.saveArtifacts('remuneration-statement');
      throw err;
    } finally {
      await tracked.context.close();
    }
  }, 300_000);
});
