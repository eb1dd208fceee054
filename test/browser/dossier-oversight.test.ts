// 措施十四 in the browser: the institution keeps its contract and payment evidence on the ledger
// pages (upload, download), the counterparty reads them; the supervisory department records a 尽职免责
// determination on the institution's dossier and the institution sees it — another institution does
// not. Needs the built web app (`npm run build:web`) and Chromium.
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDossier } from '../../platform/dossier/verify.js';
import { renderPdfBuffer } from '../../platform/pdf/index.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import { launchBrowser, newTrackedPage, type TrackedPage } from '../helpers/browser.js';
import { as, createOperator, oversightMember, resultBody, verifiedMember, type Session } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { pick, typeDate } from './ui.js';

let server: TestServer;
let browser: Browser;
let inst: Session;
let otherInst: Session;
let ent: Session;
let dept: Session;
let conversionId: string;
let manifestSha256: string;
let dossierPath: string;
let contractPdf: Buffer;
let evidencePdf: Buffer;
const POLL = { timeout: 60_000, interval: 200 };
const CONTRACT_FILE = '技术许可合同（签字版）.pdf';
const EVIDENCE_FILE = '银行回单-0001.pdf';
const BASIS = `经审查档案所载评估报告、集体决策和合同，决策已履行相关程序 ${randomUUID().slice(0, 6)}`;

/** A panel of the page, found by its heading. */
const panel = (page: Page, heading: string) =>
  page.locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) });

/** `refused`: the one API refusal the test provokes on purpose (the browser logs its status). */
async function withPage(
  session: Session,
  name: string,
  fn: (t: TrackedPage) => Promise<void>,
  width = 1280,
  refused?: number,
) {
  const tracked = await newTrackedPage(browser, server.url, { width, height: 900 });
  await (tracked.context as BrowserContext).addCookies([
    { name: 'jb_sid', value: session.cookie, url: server.url, httpOnly: true, sameSite: 'Lax' },
  ]);
  tracked.page.setDefaultTimeout(60_000);
  try {
    await fn(tracked);
    const errors = tracked.console.filter((l) => l.startsWith('[error]') || l.startsWith('[pageerror]'));
    expect(errors.filter((l) => !(refused && l.includes(`status of ${refused}`)))).toEqual([]);
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
  otherInst = await verifiedMember(app, op, 'institution');
  ent = await verifiedMember(app, op, 'enterprise');
  dept = await oversightMember(app, op, 'supervisory', [inst.orgId]);
  contractPdf = await renderPdfBuffer({ content: ['技术许可合同'] });
  evidencePdf = await renderPdfBuffer({ content: ['银行回单'] });
  const r = await as(app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  expect(r.statusCode, r.body).toBe(201);
  const c = await as(
    app,
    inst,
  )({
    method: 'POST',
    url: '/api/v1/ledger/conversions',
    payload: {
      resultId: r.json().id,
      counterpartyName: '辽宁示例装备有限公司',
      counterpartyOrgId: ent.orgId,
      counterpartyOwnership: 'private',
      transactionType: 'license',
      licenseScope: 'non_exclusive',
      appraisal: 'appraised',
      basis: '第三方评估报告（评估值 50 万元），校技术转移委员会审议通过',
      evidenceRef: '许可合同 HT-2026-001',
      contract: {
        title: '高镍正极材料技术普通许可合同',
        amountFen: 50_000_000,
        technologyAmountFen: 48_000_000,
        paymentMethods: ['lump_sum'],
        signedOn: '2026-03-01',
      },
      effective: true,
      schedule: [],
    },
  });
  expect(c.statusCode, c.body).toBe(201);
  conversionId = c.json().id;
  const p = await as(
    app,
    inst,
  )({
    method: 'POST',
    url: `/api/v1/ledger/conversions/${conversionId}/payments`,
    payload: {
      payerName: '辽宁示例装备有限公司',
      evidenceRef: '银行回单 0001',
      amountFen: 10_000_000,
      receivedOn: '2026-04-02',
    },
  });
  expect(p.statusCode, p.body).toBe(201);
  // The dossier the department examines: exported by the institution, verified, its hash taken.
  const zip = await as(app, inst)({ method: 'GET', url: `/api/v1/results/${r.json().id}/dossier` });
  expect(zip.statusCode).toBe(200);
  dossierPath = join(tmpdir(), `jb-dossier-${randomUUID()}.zip`);
  await writeFile(dossierPath, zip.rawPayload);
  const report = await verifyDossier(dossierPath);
  expect(report.ok).toBe(true);
  manifestSha256 = report.manifestSha256!;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('documents on the ledger pages', () => {
  it('the institution uploads the signed contract and a payment’s evidence, and downloads them', async () => {
    await withPage(
      inst,
      'ledger-documents',
      async ({ page }) => {
        await page.goto(`/my/conversions/${conversionId}`);
        await panel(page, '合同文件').getByText('尚无文件').waitFor();

        await page.getByLabel('合同文件：选择文件').setInputFiles({
          name: CONTRACT_FILE,
          mimeType: 'application/pdf',
          buffer: contractPdf,
        });
        await panel(page, '合同文件').getByRole('button', { name: '上传' }).click();
        const contractTable = panel(page, '合同文件');
        await contractTable.getByRole('link', { name: CONTRACT_FILE }).waitFor();
        expect(await contractTable.textContent()).toContain('合同');

        // A renamed file is refused with the server's Chinese reason, and nothing is listed.
        await page.getByLabel('转化决策文件：选择文件').setInputFiles({
          name: '会议纪要.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('MZ not a pdf at all, an executable renamed'),
        });
        await panel(page, '转化决策文件').getByRole('button', { name: '上传' }).click();
        await expect.poll(() => page.locator('main').textContent(), POLL).toContain('不接受此类文件');
        expect(await panel(page, '转化决策文件').textContent()).toContain('尚无文件');

        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 60_000 }),
          contractTable.getByRole('link', { name: CONTRACT_FILE }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(CONTRACT_FILE);
        const saved = join(tmpdir(), `jb-download-${randomUUID()}.pdf`);
        await download.saveAs(saved);
        expect((await readFile(saved)).equals(contractPdf)).toBe(true);

        // The payment's evidence, in its own dialog.
        await page.getByRole('button', { name: /收款的凭证文件/ }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText('尚无文件').waitFor();
        await pick(page, '付款凭证：文件类别', '付款凭证');
        await dialog.getByLabel('付款凭证：选择文件').setInputFiles({
          name: EVIDENCE_FILE,
          mimeType: 'application/pdf',
          buffer: evidencePdf,
        });
        await dialog.getByRole('button', { name: '上传' }).click();
        await dialog.getByRole('link', { name: EVIDENCE_FILE }).waitFor();
        expect(await seriousA11yViolations(page)).toEqual([]);
      },
      1280,
      422,
    );
  }, 300_000);

  it('the counterparty reads the documents but has nothing to upload with', async () => {
    await withPage(
      ent,
      'ledger-documents-counterparty',
      async ({ page }) => {
        await page.goto(`/my/conversions/${conversionId}`);
        await panel(page, '合同文件').getByText(CONTRACT_FILE).waitFor();
        expect(await page.getByLabel('合同文件：选择文件').count()).toBe(0);
        await page.getByRole('button', { name: /收款的凭证文件/ }).click();
        await page.getByRole('dialog').getByText(EVIDENCE_FILE).waitFor();
        expect(await page.getByRole('dialog').getByRole('button', { name: '上传' }).count()).toBe(0);
      },
      390,
    );
  }, 300_000);
});

describe('the supervisory department’s determination', () => {
  it('is recorded on its page, seen by the institution, not by another institution', async () => {
    await withPage(dept, 'oversight-determination', async ({ page }) => {
      await page.goto('/');
      // The department finds the page in its own menu.
      await page.getByRole('button', { name: '我的', exact: true }).click();
      await page.getByRole('link', { name: '尽职免责认定' }).click();
      await page.waitForURL(/\/oversight\/determinations$/, POLL);
      await page.getByRole('heading', { name: '尽职免责认定', level: 1 }).waitFor();
      // It verifies the file the institution handed over, and goes on from there to its determination.
      await page.goto('/dossiers/verify');
      await page.getByLabel('档案文件（ZIP）').setInputFiles(dossierPath);
      await page.getByRole('button', { name: '开始校验' }).click();
      await expect.poll(() => page.locator('main').textContent(), POLL).toContain('档案完整');
      await page.getByRole('link', { name: '对此档案作出认定' }).click();
      await page.waitForURL(/\/oversight\/determinations\?sha=/, POLL);
      await expect.poll(() => page.getByLabel('档案清单 SHA-256').inputValue(), POLL).toBe(manifestSha256);
      await page.getByLabel(/予以免责/).check();
      await typeDate(page, '认定日期', '2026-12-01');
      await page.getByLabel('认定依据').fill(BASIS);
      await page.getByRole('button', { name: '记录认定' }).click();
      await expect.poll(() => page.locator('main').textContent(), POLL).toContain(BASIS);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
    await withPage(inst, 'oversight-determination-seen', async ({ page }) => {
      await page.goto('/my/dossier?tab=determinations');
      await expect.poll(() => page.locator('main').textContent(), POLL).toContain(BASIS);
      expect(await page.locator('main').textContent()).toContain('予以免责');
    });
    await withPage(otherInst, 'oversight-determination-other', async ({ page }) => {
      await page.goto('/my/dossier?tab=determinations');
      await page.getByText('尚无尽职免责认定').waitFor();
      expect(await page.locator('main').textContent()).not.toContain(BASIS);
    });
  }, 300_000);
});
