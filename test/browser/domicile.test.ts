// 措施十五 in the browser: an enterprise registered in Hong Kong registers with its own registration
// number and place (no credit code, no Liaoning city), an operator verifies it seeing where it is
// registered, and confirms the domicile of a 外资 enterprise on the domicile review list.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { createOperator, PASSWORD, uniqueEmail, type Session } from '../helpers/factories.js';
import { verifiedEnterprise } from '../helpers/lifecycle.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { confirmPopover, login, pick, toast, withPages } from './ui.js';

let server: TestServer;
let browser: Browser;
let operator: Session;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  operator = await createOperator(server.t.app, server.db);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('registration and verification by domicile (措施十五)', () => {
  it('a Hong Kong enterprise registers with its registration number; the operator verifies it', async () => {
    const email = uniqueEmail('hk');
    const orgName = `香港澄明精密科技有限公司${randomBytes(2).toString('hex')}`;
    const number = `HK${Date.now() % 1_000_000_000}`;
    await withPages(browser, server.url, 'domicile-register', ['ent', 'op'], async (p) => {
      const ent = p.ent!;
      const op = p.op!;
      await ent.goto('/register');
      await ent.getByRole('radio', { name: '企业', exact: true }).check();
      await ent.getByLabel('邮箱').fill(email);
      await ent.getByLabel('姓名').fill('陈经理');
      await ent.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await ent.getByLabel('确认密码').fill(PASSWORD);
      await ent.getByLabel('企业名称').fill(orgName);
      // Mainland by default: the credit code; outside the mainland it gives way to the registration number.
      await ent.getByLabel('统一社会信用代码').waitFor();
      // A button-style radio: its input is hidden, so the label is clicked.
      await ent.getByText('港澳台地区', { exact: true }).click();
      await expect.poll(() => ent.getByRole('radio', { name: '港澳台地区' }).isChecked()).toBe(true);
      await expect.poll(() => ent.getByLabel('统一社会信用代码').count()).toBe(0);
      expect(await ent.getByLabel('所在地区').count()).toBe(0);
      await pick(ent, '企业规模', '小型企业');
      // Ownership is asked apart from domicile.
      await pick(ent, '企业性质', '民营');
      await ent.getByLabel('联系人').fill('陈经理');
      await ent.getByLabel('联系电话').fill('85223456789');
      await ent.getByRole('button', { name: '注册', exact: true }).click();
      await ent.getByText('请输入登记注册号').waitFor();
      await ent.getByText('请填写所在国家或地区').waitFor();
      await ent.getByLabel('登记注册号').fill(number);
      await pick(ent, '所在国家或地区', '中国香港');
      await ent.getByRole('button', { name: '注册', exact: true }).click();
      await ent.waitForURL('**/my/organisation');
      await ent.getByText('机构认证审核中').first().waitFor();
      await ent.getByText('港澳台地区').first().waitFor();
      await ent.getByText(number).waitFor();
      await ent.getByText('中国香港').first().waitFor();

      await login(op, operator.email, PASSWORD);
      await op.goto('/operator/organisations');
      const row = op.getByRole('row').filter({ hasText: orgName });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('港澳台地区');
      await expect.poll(() => row.textContent()).toContain(number);
      await expect.poll(() => row.textContent()).toContain('中国香港');
      await row.getByRole('button', { name: `通过认证 ${orgName}` }).click();
      await confirmPopover(op, '通过');
      await toast(op, '已通过认证');
      await expect.poll(() => op.getByRole('row').filter({ hasText: orgName }).count()).toBe(0);
      const [org] = (
        await server.db.execute<{ domicile: string; verification_status: string; credit_code: string | null }>(
          sql`select domicile, verification_status, credit_code from organisations where name = ${orgName}`,
        )
      ).rows;
      expect(org).toEqual({ domicile: 'hk_macao_taiwan', verification_status: 'verified', credit_code: null });
    });
  });

  it('the operator confirms the domicile of a 外资 enterprise on the review list', async () => {
    const foreign = await verifiedEnterprise(server.t.app, operator, { ownershipType: 'foreign' });
    // As the domicile migration leaves every 外资 organisation registered before it.
    await server.db.execute(sql`update organisations set domicile_review_pending = true where id = ${foreign.orgId}`);
    const [{ name }] = (
      await server.db.execute<{ name: string }>(sql`select name from organisations where id = ${foreign.orgId}`)
    ).rows as [{ name: string }];
    await withPages(browser, server.url, 'domicile-review', ['op'], async (p) => {
      const op = p.op!;
      await login(op, operator.email, PASSWORD);
      await op.goto('/operator/organisations');
      await op.getByRole('tab', { name: '登记地复核' }).click();
      await op.waitForURL('**/operator/domicile-review');
      const row = op.getByRole('row').filter({ hasText: name });
      await expect.poll(() => row.textContent()).toContain('外资');
      await row.getByRole('button', { name: `确认登记地 ${name}` }).click();
      const dialog = op.getByRole('dialog');
      await dialog.getByText(/保留统一社会信用代码/).waitFor();
      await dialog.getByLabel('核实说明（选填）').fill('营业执照登记机关为大连市市场监督管理局，属境内登记企业。');
      await dialog.getByRole('button', { name: '确认', exact: true }).click();
      await toast(op, '登记地已确认');
      await expect.poll(() => op.getByRole('row').filter({ hasText: name }).count()).toBe(0);
    });
    const [org] = (
      await server.db.execute<{ domicile: string; domicile_review_pending: boolean }>(
        sql`select domicile, domicile_review_pending from organisations where id = ${foreign.orgId}`,
      )
    ).rows;
    expect(org).toEqual({ domicile: 'mainland', domicile_review_pending: false });
  });
});
