// Issue 3, flow 2: an institution creates a result and a fixed-price supply listing, the operator
// rejects it with a reason, the institution sees the reason, edits, resubmits, and the operator
// approves it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { createOperator, PASSWORD, verifiedMember, type Session } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { login, pick, settled, toast, typeDate, withPages, clickNav } from './ui.js';

let server: TestServer;
let browser: Browser;
let operator: Session;
let institution: Session;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  operator = await createOperator(server.t.app, server.db);
  institution = await verifiedMember(server.t.app, operator, 'institution');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('supply listing with a rejection round', () => {
  it(
    'creates a result and a fixed-price listing, is rejected with a reason, fixes it and is approved',
    { timeout: 480_000 },
    async () => {
      const resultTitle = `钠离子电池硬碳负极材料制备技术${Date.now() % 10000}`;
      const listingTitle = `钠离子电池硬碳负极技术挂牌转让${Date.now() % 10000}`;
      const reasonText = '请补充专利权人信息及共有方的赋权协议。';

      await withPages(browser, server.url, 'supply-flow', ['institution', 'operator'], async (p) => {
        const inst = p.institution!;
        const op = p.operator!;

        // --- The institution registers a result: co-owned (措施一) with shares that must total 100 %.
        await login(inst, institution.email, PASSWORD);
        await clickNav(inst, '我的成果');
        await inst.getByRole('link', { name: '登记成果' }).click();
        await inst.waitForURL('**/my/results/new');
        await inst.getByLabel('成果名称').fill(resultTitle);
        await inst.getByLabel('成果简介').fill('以生物质为前驱体制备硬碳负极，首效达到90%，可用于储能型钠离子电池。');
        await pick(inst, '行业领域', '新能源');
        await pick(inst, '成熟度', '中试阶段');
        await inst.getByLabel('成果完成人').fill('陈明、王芳');

        // 措施十五: a classified result cannot be 赋权; the form says so and disables the option.
        await inst.getByRole('radio', { name: '涉密' }).check();
        await inst.getByText('措施十五：涉及国家利益或涉密的成果不得赋权').waitFor();
        await expect.poll(() => inst.getByRole('radio', { name: '赋权共有' }).isDisabled()).toBe(true);
        await inst.getByRole('radio', { name: '普通' }).check();

        // 措施一: 科研单位与成果完成人（团队）成为共同所有权人 — the institution's own share beside the team's.
        await inst.getByRole('radio', { name: '赋权共有' }).check();
        await inst.getByLabel('本单位份额').fill('60');
        await inst.getByRole('button', { name: '添加共有方' }).click();
        await inst.getByLabel('共有方1名称').fill('陈明团队');
        await inst.getByLabel('共有方1份额').fill('30');
        await inst.getByRole('button', { name: '添加知识产权' }).click();
        await pick(inst, '第1项类型', '发明专利');
        await inst.getByLabel('第1项编号').fill('ZL202110456789.1');
        await inst.getByLabel('第1项名称').fill('一种生物质硬碳负极材料的制备方法');
        await typeDate(inst, '第1项授权日', '2021-06-01');
        await inst.getByRole('button', { name: '登记成果', exact: true }).click();
        await inst.getByText('各方份额之和须为100%，当前为90%').waitFor();
        await inst.getByLabel('共有方1份额').fill('40');
        await inst.getByRole('button', { name: '登记成果', exact: true }).click();
        await toast(inst, '成果已登记');
        await inst.waitForURL('**/my/results');

        // --- A fixed-price (挂牌交易) supply listing for it.
        await inst.getByRole('link', { name: `为 ${resultTitle} 发布成果找市场项目` }).click();
        await inst.waitForURL('**/my/listings/new?kind=supply*');
        await inst.getByText(resultTitle).first().waitFor();
        // The result's name, summary and field are filled in once its details have loaded (issue 25); typing
        // before that would land in front of the filled-in name.
        await expect.poll(() => inst.getByLabel('项目名称').inputValue()).toBe(resultTitle);
        await inst.getByLabel('项目名称').fill(listingTitle);
        await inst.getByLabel('项目摘要').fill('硬碳负极中试工艺包整体转让，含工艺文件和设备清单。');
        await inst.getByLabel('成果介绍').fill('团队可提供一年技术指导。');
        await pick(inst, '行业领域', '新能源');
        await inst.getByRole('radio', { name: '挂牌交易' }).check();
        await inst.getByText(/挂牌期（半个月）内符合条件的受让方可摘牌/).waitFor();
        await inst.getByLabel('价格（万元）').fill('80');
        await inst.getByRole('button', { name: '保存并提交审核' }).click();
        await toast(inst, '已提交审核');
        await inst.waitForURL('**/my/listings');
        await expect
          .poll(() => inst.getByRole('row').filter({ hasText: listingTitle }).textContent())
          .toContain('待审核');

        // --- The operator rejects it with a reason code and text.
        await login(op, operator.email, PASSWORD);
        await op.goto('/operator/listings');
        const row = op.getByRole('row').filter({ hasText: listingTitle });
        await row.getByRole('button', { name: `驳回 ${listingTitle}` }).click();
        const dialog = op.getByRole('dialog');
        await pick(op, '驳回原因', '知识产权权属不清');
        await dialog.getByLabel('具体说明').fill(reasonText);
        await dialog.getByRole('button', { name: '驳回', exact: true }).click();
        await toast(op, '已驳回');

        // --- The institution sees the reason where it works, edits and resubmits.
        await inst.reload();
        await inst.getByText('有 1 个项目未通过审核').waitFor();
        const mine = inst.getByRole('row').filter({ hasText: listingTitle });
        await expect.poll(() => mine.textContent()).toContain('已驳回');
        await expect
          .poll(() => mine.getByTestId('rejection-reason').textContent())
          .toContain(`知识产权权属不清——${reasonText}`);
        await mine.getByRole('link', { name: `编辑 ${listingTitle}` }).click();
        await inst.getByText('审核未通过：知识产权权属不清').waitFor();
        await inst.getByText(reasonText).waitFor();
        await inst
          .getByLabel('项目摘要')
          .fill('硬碳负极中试工艺包整体转让，含工艺文件和设备清单；专利为本单位与陈明团队按60:40共有。');
        await inst.getByRole('button', { name: '保存并提交审核' }).click();
        await toast(inst, '已提交审核');
        await expect
          .poll(() => inst.getByRole('row').filter({ hasText: listingTitle }).textContent())
          .toContain('待审核');

        // --- The operator approves; the listing is now 挂牌中 with its 摘牌 window running.
        await op.goto('/operator/listings');
        await settled(op);
        // A clean CI run once (1 of 4 full runs today) showed the confirmation open 60 s after its 通过
        // was clicked, no request made and no toast: the click did not reach the popover. The cause is
        // not found; the operator — like a person — clicks again while the confirmation is still open and
        // nothing is pending (a pending 通过 is a loading button, which ignores clicks, so no second approval).
        const again = op.getByRole('row').filter({ hasText: listingTitle });
        await again.getByRole('button', { name: `通过 ${listingTitle}` }).click();
        const confirm = op
          .locator('.ant-popover:not(.ant-popover-hidden)')
          .getByRole('button', { name: '通过', exact: true });
        const approved = op.locator('.ant-message').getByText('已审核通过');
        await confirm.click();
        await expect
          .poll(
            async () => {
              if (await approved.isVisible()) return true;
              if (await confirm.isVisible()) await confirm.click({ timeout: 2_000 }).catch(() => undefined);
              return approved.isVisible();
            },
            { interval: 2_000 },
          )
          .toBe(true);

        await inst.reload();
        await inst.getByRole('link', { name: listingTitle }).click();
        await inst.getByRole('heading', { name: listingTitle }).waitFor();
        await inst.getByText('挂牌中').first().waitFor();
        await inst.getByText(/^摘牌截止：/).waitFor();
        await inst.getByText('80 万元').first().waitFor();
        await inst.getByText('ZL202110456789.1').waitFor();

        // The operator's audit trail shows the whole round.
        await op.goto('/operator/listings?status=listed');
        await op.getByRole('row').filter({ hasText: listingTitle }).getByRole('button', { name: '审计记录' }).click();
        const trail = op.getByRole('dialog');
        await trail.getByText('审核驳回').waitFor();
        await trail.getByText('审核通过').waitFor();
      });
    },
  );
});
