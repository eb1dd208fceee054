// Issue 17 in the browser, at 1280 and at 390 px: an institution records an off-platform licence,
// sets its schedule (three instalments, all due), records two payments and sees the income; the
// enterprise it contracted with sees what it owes; the operator sees the third instalment overdue.
// Every page visited is checked with axe. Needs the built web app (`npm run build:web`) and Chromium.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/results.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import { launchBrowser, newTrackedPage, type TrackedPage } from '../helpers/browser.js';
import {
  as,
  createOperator,
  enterpriseRegistration,
  resultBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { pick, typeDate } from './ui.js';

let server: TestServer;
let browser: Browser;
let operator: Session;
let enterprise: Session;
let institution: Session;
const ENTERPRISE_NAME = `沈阳星河智能装备有限公司${randomBytes(2).toString('hex')}`;
const SHOTS = 'test-artifacts/ledger';
const POLL = { timeout: 60_000, interval: 200 };

/** A Shanghai calendar day `days` from the server's today. */
function dayFromToday(days: number): string {
  return shanghaiDate(new Date(Date.now() + days * 86_400_000));
}

async function signedIn(session: Session, width: number): Promise<TrackedPage> {
  const tracked = await newTrackedPage(browser, server.url, { width, height: 900 });
  await (tracked.context as BrowserContext).addCookies([
    { name: 'jb_sid', value: session.cookie, url: server.url, httpOnly: true, sameSite: 'Lax' },
  ]);
  // A shared, loaded machine renders slowly at times: wait generously for each state.
  tracked.page.setDefaultTimeout(60_000);
  return tracked;
}

/** No serious axe violation and no sideways scrolling (a phone shows cards, not a wide table); a screenshot for review. */
async function axeClean(page: Page, where: string): Promise<void> {
  expect(await seriousA11yViolations(page), where).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${where} scrolls sideways`).toBeLessThanOrEqual(0);
  const width = page.viewportSize()?.width ?? 0;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({
    path: `${SHOTS}/${where.replace(/[^\w-]+/g, '_')}-${width}.png`,
    fullPage: true,
    caret: 'initial',
  });
}

async function newResult(title: string, patentNo: string): Promise<void> {
  const res = await as(
    server.t.app,
    institution,
  )({
    method: 'POST',
    url: '/api/v1/results',
    payload: resultBody({
      title,
      field: 'energy_conservation',
      ipItems: [{ type: 'invention_patent', number: patentNo, grantDate: '2020-04-15' }],
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  server = await startTestServer();
  const app = server.t.app;
  operator = await createOperator(app, server.db);
  enterprise = await verifiedMember(app, operator, 'enterprise', {
    organisation: { ...enterpriseRegistration().organisation, name: ENTERPRISE_NAME },
  });
  institution = await verifiedMember(app, operator, 'institution');
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function recordLicence(p: Page, resultTitle: string, contractTitle: string): Promise<void> {
  await p.goto('/my/conversions');
  await p.getByRole('heading', { name: '转化台账', level: 1 }).waitFor();
  await axeClean(p, '/my/conversions');
  await p.getByRole('link', { name: '登记平台外转化' }).click();
  await p.getByRole('heading', { name: '登记平台外转化', level: 1 }).waitFor();
  // The role and the evidence rule are explained before the first field.
  await p.getByText('由成果所属科研单位登记').waitFor();
  await pick(p, '成果', resultTitle);
  await pick(p, '交易类型', '许可');
  await pick(p, '许可方式', '普通许可');
  await pick(p, '资产评估', '单位自主决定不进行资产评估');
  await p.getByLabel('证明材料编号').fill('档案-2026-017');
  await p.getByLabel('定价依据').fill('经单位技术转移领导小组集体决策，参照同类许可价格确定');
  // The enterprise on the platform, found by name: its name and credit code fill the party fields.
  const search = p.getByLabel('平台上的企业');
  await search.click();
  await search.fill('星河智能');
  await p.locator('.ant-select-item-option', { hasText: ENTERPRISE_NAME }).click();
  await expect.poll(() => p.getByLabel('对方名称').inputValue(), POLL).toBe(ENTERPRISE_NAME);
  await p.getByLabel('合同名称').fill(contractTitle);
  await p.getByLabel('合同金额').fill('30');
  await p.getByLabel('技术交易额').fill('30');
  await typeDate(p, '签订日期', dayFromToday(-90));
  await axeClean(p, '/my/conversions/new');
  await p.getByRole('button', { name: '登记转化' }).click();
  await p.getByRole('heading', { name: contractTitle, level: 1 }).waitFor();
  await p.getByText('已生效').first().waitFor();
}

async function setSchedule(p: Page): Promise<void> {
  await p.getByRole('button', { name: '设置付款计划' }).click();
  const dialog = p.getByRole('dialog', { name: '设置付款计划' });
  await dialog.getByLabel('第1期金额').fill('10');
  await dialog.getByRole('button', { name: '增加一期' }).click();
  await dialog.getByLabel('第2期金额').fill('10');
  await dialog.getByRole('button', { name: '增加一期' }).click();
  await dialog.getByLabel('第3期金额').fill('10');
  await typeDate(p, '第1期到期日', dayFromToday(-60));
  await typeDate(p, '第2期到期日', dayFromToday(-30));
  await typeDate(p, '第3期到期日', dayFromToday(-10));
  await dialog.getByText('固定款项合计 30 万元，合同金额 30 万元').waitFor();
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // All three are past due and unpaid.
  await expect.poll(() => p.getByText('已逾期', { exact: true }).count(), POLL).toBe(3);
}

async function recordPayment(p: Page, remainingOverdue: number): Promise<void> {
  await p.getByRole('button', { name: '登记收款' }).click();
  const dialog = p.getByRole('dialog', { name: '登记收款' });
  // The form proposes the first open instalment, its outstanding amount, today and the counterparty.
  await expect.poll(() => dialog.getByLabel('收款金额').inputValue(), POLL).toBe('10');
  await dialog.getByLabel('凭证编号').fill(`回单-${remainingOverdue}`);
  await dialog.getByRole('button', { name: '登记' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => p.getByText('已逾期', { exact: true }).count(), POLL).toBe(remainingOverdue);
}

describe('conversion ledger in the browser', () => {
  for (const width of [1280, 390]) {
    it(
      `records an off-platform licence, its schedule and payments; income, obligation and overdue show (${width} px)`,
      { timeout: 420_000 },
      async () => {
        const resultTitle = `高效换热器强化传热技术${width}`;
        const contractTitle = `强化传热技术普通许可合同${width}`;
        await newResult(resultTitle, `ZL20191099${width}.1`);
        const inst = await signedIn(institution, width);
        const ent = await signedIn(enterprise, width);
        const op = await signedIn(operator, width);
        try {
          const p = inst.page;
          await recordLicence(p, resultTitle, contractTitle);
          await setSchedule(p);
          await recordPayment(p, 2);
          await recordPayment(p, 1);
          await p.getByText('累计收款 20 万元').waitFor();
          await axeClean(p, '/my/conversions/:id');

          // Income: the two payments of this run, in this month.
          await p.goto('/my/income');
          await p.getByRole('heading', { name: '转化收入', level: 1 }).waitFor();
          await p.getByRole('table', { name: '按成果的收入' }).or(p.locator('.responsive-table').last()).waitFor();
          await p.getByText(resultTitle).waitFor();
          await expect
            .poll(() => p.locator('body').innerText(), POLL)
            .toMatch(new RegExp(`${resultTitle}[\\s\\S]*?20 万元`));
          await axeClean(p, '/my/income');

          // The enterprise sees what it owes: the third instalment, overdue.
          const e = ent.page;
          await e.goto('/my/obligations');
          await e.getByRole('heading', { name: '应付款项', level: 1 }).waitFor();
          await e.getByRole('link', { name: contractTitle }).first().waitFor();
          await e.getByText('已逾期').first().waitFor();
          await axeClean(e, '/my/obligations');
          await e.getByRole('link', { name: contractTitle }).first().click();
          await e.getByRole('heading', { name: contractTitle, level: 1 }).waitFor();
          await e.getByText('请尽快按合同约定支付').waitFor();

          // The operator sees the overdue instalment across institutions.
          const o = op.page;
          await o.goto('/operator/ledger-overdue');
          await o.getByRole('heading', { name: '转化逾期款项', level: 1 }).waitFor();
          await o.getByRole('link', { name: contractTitle }).first().waitFor();
          await axeClean(o, '/operator/ledger-overdue');
        } catch (err) {
          await inst.saveArtifacts(`ledger-${width}-institution`);
          await ent.saveArtifacts(`ledger-${width}-enterprise`);
          await op.saveArtifacts(`ledger-${width}-operator`);
          throw err;
        } finally {
          for (const t of [inst, ent, op]) await t.context.close();
        }
      },
    );
  }
});
