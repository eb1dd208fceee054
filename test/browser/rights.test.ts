// 赋权 (措施一) in the browser: the institution has decided a co-ownership (through the API); the
// researcher finds it under 我的 ▾ 我的权益, accepts it, and the result's ownership has changed — the
// researcher's 我的成果 says 赋权共有 and the institution's rights page shows the accepted decision.
// Needs the built web app (`npm run build:web`) and Chromium.
import type { Browser, BrowserContext } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { renderPdfBuffer } from '../../platform/pdf/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newTrackedPage, type TrackedPage } from '../helpers/browser.js';
import {
  as,
  createOperator,
  researcherSession,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { clickNav, confirmPopover, readyHeader, toast, TIMEOUT } from './ui.js';

let server: TestServer;
let browser: Browser;
let inst: Session;
let researcher: Session;
let resultId: string;
const TITLE = '低温等离子体表面改性装置';

async function withPage(session: Session, name: string, fn: (page: TrackedPage['page']) => Promise<void>) {
  const tracked = await newTrackedPage(browser, server.url, { width: 1280, height: 900 });
  await (tracked.context as BrowserContext).addCookies([
    { name: 'jb_sid', value: session.cookie, url: server.url, httpOnly: true, sameSite: 'Lax' },
  ]);
  tracked.page.setDefaultTimeout(TIMEOUT);
  try {
    await fn(tracked.page);
    const errors = tracked.console.filter((l) => l.startsWith('[error]') || l.startsWith('[pageerror]'));
    expect(errors).toEqual([]);
  } catch (err) {
    await tracked.saveArtifacts(name);
    throw err;
  } finally {
    await tracked.context.close();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const app = server.t.app;
  const op = await createOperator(app, server.db);
  inst = await verifiedMember(app, op, 'institution');
  researcher = await researcherSession(app, inst, server.t.config.mail.dir, { displayName: '林晓峰' });
  const created = await as(
    app,
    inst,
  )({ method: 'POST', url: '/api/v1/results', payload: resultBody({ title: TITLE }) });
  resultId = created.json().id;
  const team = await as(
    app,
    inst,
  )({
    method: 'PUT',
    url: `/api/v1/results/${resultId}/team`,
    payload: { members: [{ name: '林晓峰', shareBp: 10_000, userId: researcher.userId }] },
  });
  expect(team.statusCode).toBe(200);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const decided = await as(
    app,
    inst,
  )({
    method: 'POST',
    url: `/api/v1/results/${resultId}/rights/decisions`,
    payload: {
      kind: 'co_ownership',
      institutionShareBp: 3000,
      teamShareBp: 7000,
      decisionBody: '成果转化领导小组',
      decidedOn: today,
      basis: '赋权管理办法第八条；领导小组会议纪要',
    },
  });
  expect(decided.statusCode).toBe(201);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('documents on a grant (措施十四)', () => {
  it('the institution uploads a PDF on the grant and sees it listed; the researcher it was put to sees it too', async () => {
    const pdf = await renderPdfBuffer({ content: ['成果转化领导小组会议纪要'] });
    const label = `赋权决定文件：${TITLE}`;
    await withPage(inst, 'rights-documents-upload', async (page) => {
      await page.goto(`/my/results/${resultId}/rights`);
      await page.locator('[data-grant-status="pending"]').waitFor({ timeout: TIMEOUT });
      await page
        .getByLabel(`${label}：选择文件`)
        .setInputFiles({ name: '领导小组会议纪要.pdf', mimeType: 'application/pdf', buffer: pdf });
      await page.locator('[data-grant-id]').getByRole('button', { name: '上传' }).click();
      await toast(page, '已上传 领导小组会议纪要.pdf');
      await page.getByRole('table', { name: label }).getByRole('link', { name: '领导小组会议纪要.pdf' }).waitFor();
    });
    await withPage(researcher, 'rights-documents-read', async (page) => {
      await page.goto('/researcher/rights');
      const card = page.locator('[data-grant-id]').filter({ hasText: TITLE });
      await card.getByRole('link', { name: '领导小组会议纪要.pdf' }).waitFor({ timeout: TIMEOUT });
      // A reader is offered no upload.
      expect(await card.getByRole('button', { name: '上传' }).count()).toBe(0);
    });
  }, 300_000);
});

describe('a researcher accepts a grant', () => {
  it('finds the pending decision under 我的权益, accepts it, and the ownership has changed', async () => {
    await withPage(researcher, 'rights-accept', async (page) => {
      await page.goto('/');
      await readyHeader(page, 'researcher').waitFor({ timeout: TIMEOUT });
      await clickNav(page, '我的权益');
      const card = page.locator('[data-grant-id]').filter({ hasText: TITLE });
      await card.first().waitFor({ timeout: TIMEOUT });
      await expect.poll(() => card.first().textContent()).toContain('成果转化领导小组');
      await card.first().getByRole('button', { name: '接受' }).click();
      await confirmPopover(page, '接受');
      await toast(page, '成果权属已变更');
      // The history table now says accepted; the pending card is gone.
      await page.locator('[data-grant-status="accepted"]').first().waitFor({ timeout: TIMEOUT });
      await expect.poll(() => page.getByText('没有待答复的决定').count()).toBe(1);

      await clickNav(page, '我的成果');
      await page.getByRole('cell', { name: TITLE }).waitFor({ timeout: TIMEOUT });
      await expect.poll(() => page.getByRole('row').filter({ hasText: TITLE }).textContent()).toContain('赋权共有');
    });
    const row = await server.db.execute<{ ownership: string }>(
      sql`select ownership from results where id = ${resultId}`,
    );
    expect(row.rows[0]!.ownership).toBe('co_owned');

    await withPage(inst, 'rights-institution', async (page) => {
      await page.goto(`/my/results/${resultId}/rights`);
      await page.locator('[data-ownership="co_owned"]').waitFor({ timeout: TIMEOUT });
      await page.locator('[data-grant-status="accepted"]').waitFor({ timeout: TIMEOUT });
      await page.locator('[data-formality-status="to_file"]').waitFor({ timeout: TIMEOUT });
    });
  });
});
