// Issue 3, flow 1: an enterprise registers, an operator verifies it, the enterprise posts a demand,
// the operator approves it, and an anonymous visitor finds it through the browse filters and opens it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import {
  as,
  createOperator,
  creditCode,
  demandBody,
  PASSWORD,
  uniqueEmail,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { login, pick, toast, typeDate, withPages, clickNav } from './ui.js';

let server: TestServer;
let browser: Browser;
let operator: Session;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  operator = await createOperator(server.t.app, server.db);
  // Another enterprise's open demand in a different field and region, which the filters must hide.
  const other = await verifiedMember(server.t.app, operator, 'enterprise');
  const create = await as(
    server.t.app,
    other,
  )({
    method: 'POST',
    url: '/api/v1/listings',
    payload: demandBody({ title: '创新药物缓释制剂工艺需求', field: 'biomedicine', region: 'shenyang' }),
  });
  expect(create.statusCode).toBe(201);
  const id = create.json().id as string;
  expect((await as(server.t.app, other)({ method: 'POST', url: `/api/v1/listings/${id}/submit` })).statusCode).toBe(
    200,
  );
  expect(
    (await as(server.t.app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${id}/approve` })).statusCode,
  ).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A wall-clock time in Shanghai `days` from now, as typed into the picker. */
function shanghaiInDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 10)} 18:00`;
}

describe('demand listing, from registration to a visitor', () => {
  it('registers, is verified, posts and gets approved, and is found through the filters', async () => {
    const email = uniqueEmail('ent-ui');
    const orgName = `沈阳精密机床有限公司${Date.now() % 100000}`;
    const title = `高温合金叶片精密铸造缺陷检测技术${Date.now() % 10000}`;

    await withPages(browser, server.url, 'demand-flow', ['enterprise', 'operator', 'visitor'], async (p) => {
      const ent = p.enterprise!;
      const op = p.operator!;
      const visitor = p.visitor!;

      // --- The enterprise registers, with inline validation of the credit code.
      await ent.goto('/register');
      await ent.getByRole('radio', { name: '企业', exact: true }).check();
      await ent.getByLabel('邮箱').fill(email);
      await ent.getByLabel('姓名').fill('赵工');
      await ent.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await ent.getByLabel('确认密码').fill(PASSWORD);
      await ent.getByLabel('企业名称').fill(orgName);
      const good = creditCode('enterprise');
      // Same shape, wrong check character.
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      await ent.getByLabel('统一社会信用代码').fill(bad);
      await ent.getByLabel('统一社会信用代码').blur();
      await ent.getByText('统一社会信用代码无效，请核对18位代码及校验位').waitFor();
      await ent.getByLabel('统一社会信用代码').fill(good);
      await expect.poll(() => ent.getByText('统一社会信用代码无效，请核对18位代码及校验位').count()).toBe(0);
      await pick(ent, '所在地区', '大连市');
      await pick(ent, '企业规模', '小型企业');
      await pick(ent, '企业性质', '民营');
      await ent.getByLabel('联系人').fill('赵工');
      await ent.getByLabel('联系电话').fill('13800001111');
      await ent.getByRole('button', { name: '注册', exact: true }).click();
      await ent.waitForURL('**/my/organisation');
      await ent.getByText('机构认证审核中').first().waitFor();

      // --- The operator verifies it from the queue.
      await login(op, operator.email, PASSWORD);
      await op.goto('/operator/organisations');
      const orgRow = op.getByRole('row').filter({ hasText: orgName });
      await orgRow.waitFor();
      await expect.poll(() => orgRow.textContent()).toContain(good);
      await orgRow.getByRole('button', { name: `通过认证 ${orgName}` }).click();
      await op
        .locator('.ant-popover:not(.ant-popover-hidden)')
        .getByRole('button', { name: '通过', exact: true })
        .click();
      await toast(op, '已通过认证');
      await expect.poll(() => op.getByRole('row').filter({ hasText: orgName }).count()).toBe(0);

      // --- The enterprise posts a demand and submits it.
      await ent.reload();
      await ent.getByText('机构已通过认证').waitFor();
      await clickNav(ent, '我的项目');
      await ent.getByRole('link', { name: '发布技术需求' }).click();
      await ent.waitForURL('**/my/listings/new?kind=demand');
      await ent.getByLabel('项目名称').fill(title);
      await ent
        .getByLabel('项目摘要')
        .fill('航空发动机高温合金叶片铸造后需无损检测内部缩松、夹杂等缺陷，要求检出率不低于99%。');
      await ent.getByLabel('需求详情').fill('现有X射线检测效率低，希望引入AI图像识别，单件检测时间不超过2分钟。');
      await pick(ent, '行业领域', '新材料');
      // The region and contact come from the organisation's profile.
      await expect.poll(() => ent.getByLabel('联系人').inputValue()).toBe('赵工');
      await ent.getByLabel('榜额（万元）').fill('120');
      await typeDate(ent, '揭榜截止时间', shanghaiInDays(30));
      await ent.getByRole('checkbox', { name: '研发' }).check();
      await ent.getByRole('button', { name: '保存并提交审核' }).click();
      await toast(ent, '已提交审核');
      await ent.waitForURL('**/my/listings');
      const myRow = ent.getByRole('row').filter({ hasText: title });
      await expect.poll(() => myRow.textContent()).toContain('待审核');

      // --- The operator approves it; the queue shows how long it waited.
      await op.goto('/operator/listings');
      const queueRow = op.getByRole('row').filter({ hasText: title });
      await queueRow.waitFor();
      await expect.poll(() => queueRow.textContent()).toContain('分钟');
      await queueRow.getByRole('button', { name: `通过 ${title}` }).click();
      await op
        .locator('.ant-popover:not(.ant-popover-hidden)')
        .getByRole('button', { name: '通过', exact: true })
        .click();
      await toast(op, '已审核通过');
      await expect.poll(() => op.getByRole('row').filter({ hasText: title }).count()).toBe(0);

      // --- An anonymous visitor filters the demands, reloads (filters survive), and opens it.
      await visitor.goto('/');
      await visitor.getByRole('link', { name: '企业找技术' }).first().click();
      await visitor.waitForURL('**/demands');
      await visitor.getByRole('link', { name: '创新药物缓释制剂工艺需求' }).waitFor();
      await pick(visitor, '行业领域', '新材料');
      await pick(visitor, '所在地区', '大连市');
      await visitor.waitForURL(
        (u) => u.searchParams.get('field') === 'new_materials' && u.searchParams.get('region') === 'dalian',
      );
      await visitor.getByRole('link', { name: title }).waitFor();
      await expect.poll(() => visitor.getByRole('link', { name: '创新药物缓释制剂工艺需求' }).count()).toBe(0);
      await visitor.reload();
      await visitor.getByRole('link', { name: title }).waitFor();
      await visitor.getByText('共 1 个项目').waitFor();
      await visitor.getByRole('link', { name: title }).click();
      await visitor.getByRole('heading', { name: title }).waitFor();
      await visitor.getByText('揭榜中').first().waitFor();
      await visitor.getByText(orgName).waitFor();
      await visitor.getByText(/^揭榜截止：/).waitFor();
      await expect.poll(() => visitor.getByRole('timer').textContent()).toMatch(/^剩余 \d+天 \d{2}:\d{2}:\d{2}$/);
      await visitor.getByText('120 万元').waitFor();
    });
  });
});
