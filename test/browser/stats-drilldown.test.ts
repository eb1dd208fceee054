// Issue 19 in the browser: an institution drills from its yearly total to one unit (院系) to one
// conversion — the trend table's year, the unit's conversion count, the records list, the conversion
// itself — and a department reads the same figures; pages checked with axe, the overview at phone
// width too. Needs the built web app (`npm run build:web`) and Chromium.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '../../domain/money.js';
import { contracts, conversions, listings, orgUnits, payments, results } from '../../db/schema/index.js';
import { rollUp } from '../../server/statistics/rollup.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import { launchBrowser, newTrackedPage, type TrackedPage } from '../helpers/browser.js';
import { createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
let institution: Session;
const SHOTS = 'test-artifacts/stats';
const POLL = { timeout: 60_000, interval: 200 };

async function signedIn(session: Session, width: number): Promise<TrackedPage> {
  const tracked = await newTrackedPage(browser, server.url, { width, height: 900 });
  await (tracked.context as BrowserContext).addCookies([
    { name: 'jb_sid', value: session.cookie, url: server.url, httpOnly: true, sameSite: 'Lax' },
  ]);
  tracked.page.setDefaultTimeout(60_000);
  return tracked;
}

async function axeClean(page: Page, where: string): Promise<void> {
  expect(await seriousA11yViolations(page), where).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${where} scrolls sideways`).toBeLessThanOrEqual(0);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({
    path: `${SHOTS}/${where.replace(/[^\w-]+/g, '_')}-${page.viewportSize()?.width ?? 0}.png`,
    fullPage: true,
    caret: 'initial',
  });
}

async function conversion(resultId: string, title: string, signedOn: string, amountFen: number) {
  const [cv] = await server.db
    .insert(conversions)
    .values({
      institutionId: institution.orgId,
      resultId,
      route: 'off_platform',
      counterpartyName: '虚构受让企业有限公司',
      counterpartyOwnership: 'private',
      transactionType: 'transfer',
      priceBasis: 'off_platform',
    })
    .returning({ id: conversions.id });
  await server.db.insert(contracts).values({
    conversionId: cv!.id,
    institutionId: institution.orgId,
    contractType: 'transfer',
    title,
    sellerName: '统计演示大学',
    buyerName: '虚构受让企业有限公司',
    amountFen,
    technologyAmountFen: amountFen,
    paymentMethods: ['lump_sum'],
    signedOn,
    status: 'effective',
  });
  return cv!.id;
}

async function payment(conversionId: string, resultId: string, receivedOn: string, amountFen: number) {
  await server.db.insert(payments).values({
    conversionId,
    institutionId: institution.orgId,
    resultId,
    amountFen,
    receivedOn,
    payerName: '虚构受让企业有限公司',
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const operator = await createOperator(server.t.app, server.db);
  institution = await verifiedMember(server.t.app, operator, 'institution');
  const [materials, chemistry] = await server.db
    .insert(orgUnits)
    .values([
      { organisationId: institution.orgId, name: '材料学院' },
      { organisationId: institution.orgId, name: '化工学院' },
    ])
    .returning();
  const result = async (title: string, unit: string) => {
    const [r] = await server.db
      .insert(results)
      .values({
        institutionId: institution.orgId,
        title,
        summary: '统计下钻测试',
        field: 'new_materials',
        maturity: 'pilot',
        inventors: '李华、赵强',
        orgUnitId: unit,
      })
      .returning({ id: results.id });
    return r!.id;
  };
  const coating = await result('耐蚀涂层制备技术', materials!.id);
  const catalyst = await result('加氢催化剂技术', chemistry!.id);
  const first = await conversion(coating, '耐蚀涂层技术转让合同', '2025-04-10', 3_000_000);
  await conversion(coating, '耐蚀涂层二期技术转让合同', '2025-09-01', 2_000_000);
  const third = await conversion(catalyst, '加氢催化剂技术转让合同', '2025-06-06', 5_000_000);
  const old = await conversion(catalyst, '加氢催化剂往年合同', '2024-03-03', 1_000_000);
  // Income received in 2025: 12,000 + 3,000 元 on the coating, 8,000 元 on the catalyst; 2024's is not 2025's.
  await payment(first, coating, '2025-05-01', 1_200_000);
  await payment(first, coating, '2025-12-31', 300_000);
  await payment(third, catalyst, '2025-07-01', 800_000);
  await payment(old, catalyst, '2024-12-31', 1_000_000);
  // One fixed-price listing published in 2025 (the listing figures' records).
  await server.db.insert(listings).values({
    organisationId: institution.orgId,
    kind: 'supply',
    resultId: coating,
    pricingMode: 'fixed',
    priceFen: 2_000_000,
    title: '耐蚀涂层制备技术挂牌',
    summary: '统计下钻测试',
    field: 'new_materials',
    region: 'shenyang',
    status: 'listed',
    publishedAt: new Date('2025-03-01T02:00:00Z'),
  });
  await rollUp(server.db);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('drill-down from a figure to its records', () => {
  it('an institution goes from its 2025 total to one unit to one conversion', async () => {
    const tracked = await signedIn(institution, 1280);
    const p = tracked.page;
    try {
      await p.goto('/stats');
      await p.getByRole('heading', { name: '转化统计', level: 1 }).waitFor();
      await p.getByText('数据截至').first().waitFor();
      // The yearly row, then the year itself (by quarter).
      await p.getByRole('link', { name: '2025年转化项数：3 项，查看转化记录' }).waitFor();
      await p.locator('[role="img"][aria-label="转化项数与金额趋势图"] svg').first().waitFor();
      await axeClean(p, '/stats');
      await p.getByRole('button', { name: '2025年', exact: true }).click();
      await expect.poll(() => new URL(p.url()).searchParams.get('from'), POLL).toBe('2025-01');
      expect(new URL(p.url()).searchParams.get('grain')).toBe('quarter');
      // One unit's count links to the conversions it counts.
      await p.getByRole('link', { name: '材料学院转化项数：2 项，查看转化记录' }).click();
      await p.getByRole('heading', { name: '转化记录', level: 1 }).waitFor();
      await p.getByText('共 2 项').waitFor();
      const q = new URL(p.url()).searchParams;
      expect([q.get('from'), q.get('to'), q.get('unit')?.length]).toEqual(['2025-01', '2025-12', 36]);
      await axeClean(p, '/stats/records');
      // And one conversion opens.
      await p.getByRole('link', { name: '耐蚀涂层制备技术' }).first().click();
      await expect.poll(() => new URL(p.url()).pathname, POLL).toMatch(/^\/my\/conversions\/[0-9a-f-]{36}$/);
      await p.getByRole('heading', { level: 1 }).filter({ hasText: '耐蚀涂层' }).waitFor();
    } catch (err) {
      await tracked.saveArtifacts('stats-drilldown');
      throw err;
    } finally {
      await tracked.context.close();
    }
  }, 300_000);

  it('an institution goes from its 2025 income total to the payments behind it', async () => {
    const tracked = await signedIn(institution, 1280);
    const p = tracked.page;
    try {
      await p.goto('/stats');
      await p.getByRole('heading', { name: '转化统计', level: 1 }).waitFor();
      // The trend's 2025 row: its income received links to the payments it sums.
      await p.getByRole('link', { name: `2025年到账收入：${formatFen(2_300_000)}，查看收款记录` }).click();
      await p.getByRole('heading', { name: '收款记录', level: 1 }).waitFor();
      await p.getByText('共 3 笔').waitFor();
      await p.getByText(formatFen(2_300_000), { exact: true }).waitFor();
      const q = new URL(p.url()).searchParams;
      expect([new URL(p.url()).pathname, q.get('from'), q.get('to')]).toEqual([
        '/stats/records/income',
        '2025-01',
        '2025-12',
      ]);
      // The last day of 2025 is in, the last of 2024 is not.
      await p.getByRole('cell', { name: '2025-12-31' }).waitFor();
      expect(await p.getByRole('cell', { name: '2024-12-31' }).count()).toBe(0);
      await axeClean(p, '/stats/records/income');
      // A payment opens its conversion.
      await p.getByRole('link', { name: '加氢催化剂技术' }).first().click();
      await expect.poll(() => new URL(p.url()).pathname, POLL).toMatch(/^\/my\/conversions\/[0-9a-f-]{36}$/);
      await p.getByRole('heading', { level: 1 }).filter({ hasText: '加氢催化剂' }).waitFor();
    } catch (err) {
      await tracked.saveArtifacts('stats-income-drilldown');
      throw err;
    } finally {
      await tracked.context.close();
    }
  }, 300_000);

  it('an institution goes from its 2025 listings count to the listings, by pricing mode', async () => {
    const tracked = await signedIn(institution, 1280);
    const p = tracked.page;
    try {
      await p.goto('/stats?from=2025-01&to=2025-12');
      await p.getByRole('heading', { name: '转化统计', level: 1 }).waitFor();
      await p.getByRole('link', { name: '期间合计发布项目数：1 项，查看项目记录' }).click();
      await p.getByRole('heading', { name: '项目记录', level: 1 }).waitFor();
      await p.getByText('共 1 项').waitFor();
      await p.getByRole('cell', { name: '成果找市场 · 挂牌交易' }).waitFor();
      await axeClean(p, '/stats/records/listings');
      // Another pricing mode: none published.
      await p.getByRole('combobox', { name: '定价方式' }).click();
      await p.getByRole('option', { name: '拍卖' }).click();
      await expect.poll(() => new URL(p.url()).searchParams.get('mode'), POLL).toBe('auction');
      await p.getByText('共 0 项').waitFor();
    } catch (err) {
      await tracked.saveArtifacts('stats-listing-drilldown');
      throw err;
    } finally {
      await tracked.context.close();
    }
  }, 300_000);

  it('fits a phone: the overview stacks its charts and tables without sideways scrolling', async () => {
    const tracked = await signedIn(institution, 390);
    const p = tracked.page;
    try {
      await p.goto('/stats?from=2025-01&to=2025-12&grain=quarter');
      await p.getByRole('heading', { name: '转化统计', level: 1 }).waitFor();
      await p.getByRole('link', { name: '材料学院转化项数：2 项，查看转化记录' }).waitFor();
      await axeClean(p, '/stats-phone');
    } catch (err) {
      await tracked.saveArtifacts('stats-phone');
      throw err;
    } finally {
      await tracked.context.close();
    }
  }, 300_000);
});
