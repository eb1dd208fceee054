// Issue 4, browser flows with the real worker; periods are an hour on the injectable clock, which the
// test moves past each end before running the worker's reconciler (no step races a real deadline):
// (a) a negotiated supply listing is publicly noticed (公示栏), objected to; at the notice's end the
//     institution decides to list it (措施四 可), it is claimed by its counterparty (a mainland 外资
//     enterprise: no export control, 措施十五 is about domicile) alone → matched at the agreed price, and
//     the institution records the deal, whose form shows the binding price and refuses another (措施四);
//     the owner's bell counts the objection's notification live;
// (b) a demand collects a proposal until its deadline, is awarded, both sides confirm landing and an
//     operator confirms the reward post-subsidy eligibility (措施八);
// (c) a 面议 showcase gets an inquiry, expires and is renewed; the owner reads its inbox and marks it
//     read; an operator dismisses an abusive objection.
// Listings are created and approved through the api; everything the pages do runs in Chromium.
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { as, createOperator, demandBody, PASSWORD, verifiedMember, type Session } from '../helpers/factories.js';
import {
  approvedSupply,
  HOUR,
  ok,
  passTime,
  testClock,
  verifiedEnterprise,
  waitForStatus,
} from '../helpers/lifecycle.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { confirmPopover, login, pick, toast, withPages, clickNav } from './ui.js';

let server: TestServer;
let browser: Browser;
let operator: Session;

const clock = testClock();

beforeAll(async () => {
  server = await startTestServer({
    workers: true,
    now: clock.now,
    env: {
      NOTICE_PERIOD: 'PT1H',
      LISTING_PERIOD: 'PT1H',
      SHOWCASE_PERIOD: 'PT1H',
      SELECTION_PERIOD: 'P1D',
      TIMER_RECONCILE_INTERVAL: 'PT1H',
    },
  });
  browser = await launchBrowser();
  operator = await createOperator(server.t.app, server.db);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The period running now ends: the clock passes it and the worker's reconciler fires what is due. */
async function periodEnds(): Promise<void> {
  await passTime(clock, server.workers!, HOUR + 1_000);
}

async function orgName(s: Session): Promise<string> {
  const me = await ok<{ organisation: { name: string } }>(
    as(server.t.app, s)({ method: 'GET', url: '/api/v1/my/organisation' }),
  );
  return me.organisation.name;
}

async function unread(s: Session): Promise<number> {
  const [row] = await server.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, s.userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The unread count the header's bell announces. */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  const m = /(\d+) 条未读/.exec(label);
  return m ? Number(m[1]) : 0;
}

/** Reloads until the listing page shows `status` (the worker moves it; the page may be a tick behind). */
async function reloadUntil(page: Page, status: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        return page.locator('.ant-tag').filter({ hasText: status }).count();
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBeGreaterThan(0);
}

describe('negotiated supply: notice → objection → the institution lists it → claim → matched → deal', () => {
  it('runs the public notice, the claim window and the deal in the browser', async () => {
    const inst = await verifiedMember(server.t.app, operator, 'institution');
    const objector = await verifiedMember(server.t.app, operator, 'enterprise');
    const cp = await verifiedEnterprise(server.t.app, operator, { ownershipType: 'foreign' });
    const title = `精密减速器齿形修形技术协议转让${Date.now() % 10000}`;

    await withPages(browser, server.url, 'lifecycle-supply', ['inst', 'objector', 'cp'], async (p) => {
      const ip = p.inst!;
      const op = p.objector!;
      const cpp = p.cp!;
      await login(ip, inst.email, PASSWORD);
      await login(op, objector.email, PASSWORD);
      await login(cpp, cp.email, PASSWORD);

      // The listing goes public only now, so the notice period is spent in the browser.
      const listing = await approvedSupply(server.t.app, inst, operator, {
        title,
        pricingMode: 'negotiated',
        priceFen: 3_000_000,
        counterpartyOrgId: cp.orgId,
      });
      expect(listing.status).toBe('notice');

      // The owner watches its listing; the bell settles on the current unread count.
      await ip.goto(`/listings/${listing.id}`);
      await ip.getByRole('heading', { name: title }).waitFor();
      const before = await unread(inst);
      await expect.poll(() => bellCount(ip)).toBe(before);

      // --- 公示栏: the listing with its proposed price, counterparty and a live countdown.
      await op.getByRole('link', { name: '公示栏' }).click();
      await op.waitForURL('**/notices');
      const row = op.getByRole('row').filter({ hasText: title });
      await expect.poll(() => row.textContent()).toContain('3 万元');
      await expect.poll(() => row.textContent()).toContain(await orgName(cp));
      const timer = row.getByRole('timer');
      const first = await timer.textContent();
      await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(first);

      // --- An objection: too short is refused in Chinese and keeps the text; then filed.
      await row.getByRole('link', { name: title }).click();
      await op.getByRole('heading', { name: title }).waitFor();
      await op.getByLabel('异议理由').fill('太低');
      await op.getByRole('button', { name: '提交异议' }).click();
      await op.getByText('异议理由至少5个字').waitFor();
      await expect.poll(() => op.getByLabel('异议理由').inputValue()).toBe('太低');
      await op.getByLabel('异议理由').fill('拟交易价格明显低于同类减速器技术的市场价格，请说明定价依据。');
      await op.getByRole('button', { name: '提交异议' }).click();
      await toast(op, '异议已提交');
      await op.getByText('异议成立', { exact: true }).waitFor();

      // The owner's bell counts the objection's notification without a reload (a deadline reminder
      // may arrive too: the bell must match the inbox, and have grown).
      await expect
        .poll(
          async () => {
            const shown = await bellCount(ip);
            return shown > before && shown === (await unread(inst));
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      await ip.getByTestId('notification-bell').click();
      await ip.locator('.ant-dropdown').getByText('收到异议').first().waitFor();
      await ip.keyboard.press('Escape');

      // --- The owner answers the objection.
      await ip.reload();
      await ip.getByRole('button', { name: '答复异议' }).click();
      await ip.getByLabel('答复内容').fill('定价依据第三方评估报告，已在附件中补充。');
      await ip.getByRole('button', { name: '提交答复' }).click();
      await toast(ip, '答复已提交');
      await ip.getByText(/发布单位答复/).waitFor();

      // --- The notice ends with a standing objection: the listing waits for the institution's
      // decision (措施四: 存在异议的，可在技术市场挂牌交易 — a choice, not the default).
      await periodEnds();
      await waitForStatus(server.t, listing.id, 'objection_review', 5_000);
      await reloadUntil(ip, '异议待决定');
      const decision = ip.locator('section', { has: ip.getByRole('heading', { name: '异议处理决定' }) });
      await decision.getByText(/公示期满存在异议，待发布单位于 .* 前作出决定/).waitFor();
      await decision.getByRole('timer').waitFor();
      // The counterparty sees that the decision is pending, without the form.
      await cpp.goto(`/listings/${listing.id}`);
      await cpp.getByText('拟受让方和异议单位将收到发布单位的决定通知。').waitFor();
      expect(await cpp.getByRole('button', { name: '提交决定' }).count()).toBe(0);
      // A revised price must differ from the noticed one; then the institution lists it instead.
      await decision.getByRole('button', { name: '提交决定' }).click();
      await decision.getByText('请选择处理决定').waitFor();
      await decision.getByRole('radio', { name: /调整拟交易价格，重新公示/ }).check();
      await ip.getByLabel('新的拟交易价格（万元）').fill('3');
      await decision.getByRole('button', { name: '提交决定' }).click();
      await decision.getByText('新的拟交易价格须与原公示价格不同').waitFor();
      await decision.getByRole('radio', { name: /在技术市场挂牌交易/ }).check();
      await ip.getByLabel('决定说明（选填）').fill('异议认为价格偏低，依规挂牌交易以检验价格。');
      await decision.getByRole('button', { name: '提交决定' }).click();
      await toast(ip, '已转入挂牌交易');
      await ip.getByText('挂牌中').first().waitFor();
      await waitForStatus(server.t, listing.id, 'listed', 5_000);
      await cpp.goto(`/listings/${listing.id}`);
      await cpp.getByText('挂牌中').first().waitFor();
      const claimPanel = cpp.locator('section', { has: cpp.getByRole('heading', { name: '摘牌' }) });
      await claimPanel.getByRole('timer').waitFor();
      await cpp.getByRole('button', { name: '摘牌', exact: true }).click();
      await confirmPopover(cpp, '确认摘牌');
      await toast(cpp, '摘牌成功');
      await cpp.getByText('本企业已摘牌').waitFor();
      await clickNav(cpp, '我的摘牌');
      await cpp.waitForURL('**/my/claims');
      await expect.poll(() => cpp.getByRole('row').filter({ hasText: title }).textContent()).toContain('3 万元');

      // --- The only claimant is the counterparty itself: matched at the agreed price (措施四).
      await periodEnds();
      await waitForStatus(server.t, listing.id, 'matched', 5_000);
      await reloadUntil(ip, '已成交');
      await ip.getByText('挂牌期满无人摘牌，按协议价成交').waitFor();

      // --- The deal. A 外资 counterparty registered in the mainland is domestic: no export-control
      // step (措施十五 turns on domicile). The form says which price binds (措施四) and refuses another.
      const deal = ip.locator('section', { has: ip.getByRole('heading', { name: '登记成交' }) });
      await deal.getByText('中国境内（内地）').waitFor();
      expect(await deal.getByText('出口管制审查说明').count()).toBe(0);
      await deal.getByTestId('binding-price').getByText('成交金额须为公示的协议价 3 万元').waitFor();
      await deal
        .getByText(/半个月内无人摘牌，按协议定价交易/)
        .first()
        .waitFor();
      await expect.poll(() => ip.getByLabel('成交金额（万元）').inputValue()).toBe('3');
      await ip.getByLabel('成交金额（万元）').fill('2.5');
      // 措施四: skipping the appraisal is only for a state-wholly-owned counterparty.
      await expect
        .poll(() => ip.getByRole('radio', { name: '向国有全资企业转化，不进行资产评估' }).isDisabled())
        .toBe(true);
      await ip.getByRole('button', { name: '登记成交' }).click();
      await ip.getByText('请选择交易方式').waitFor();
      await ip.getByText('请选择资产评估决定').waitFor();
      await deal.getByText(/成交金额须为公示的协议价 3 万元：/).waitFor();
      await ip.getByLabel('成交金额（万元）').fill('3');
      await pick(ip, '交易方式', '转让');
      await ip.getByRole('radio', { name: '已进行资产评估' }).check();
      await ip.getByLabel('定价与评估依据').fill('公示期异议经挂牌无其他受让方，按协议价成交。');
      await ip.getByRole('button', { name: '登记成交' }).click();
      await toast(ip, '成交已登记，成果已转化');
      await ip.getByRole('heading', { name: '成交记录' }).waitFor();
      await ip.getByText('已转化').first().waitFor();
      await waitForStatus(server.t, listing.id, 'converted', 5_000);
    });
  });
});

describe('demand: proposal → award → landed', () => {
  it('collects a proposal, awards it, and both sides confirm landing', async () => {
    const ent = await verifiedMember(server.t.app, operator, 'enterprise');
    const inst = await verifiedMember(server.t.app, operator, 'institution');
    const instName = await orgName(inst);
    const title = `风电齿轮箱轴承早期故障诊断需求${Date.now() % 10000}`;

    await withPages(browser, server.url, 'lifecycle-demand', ['ent', 'inst', 'operator'], async (p) => {
      const ep = p.ent!;
      const ip = p.inst!;
      const opp = p.operator!;
      await login(ep, ent.email, PASSWORD);
      await login(ip, inst.email, PASSWORD);
      await login(opp, operator.email, PASSWORD);

      const deadline = new Date(clock.now().getTime() + HOUR);
      const member = as(server.t.app, ent);
      const draft = await ok<{ id: string }>(
        member({ method: 'POST', url: '/api/v1/listings', payload: demandBody({ title, deadline }) }),
        201,
      );
      await ok(member({ method: 'POST', url: `/api/v1/listings/${draft.id}/submit` }));
      await ok(as(server.t.app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${draft.id}/approve` }));

      // --- The institution proposes; a quote left out is refused and nothing typed is lost.
      await ip.goto(`/listings/${draft.id}`);
      await ip.getByRole('heading', { name: title }).waitFor();
      await ip.getByLabel('团队').fill('机械工程学院故障诊断团队（教授 1 名、博士 3 名）');
      await ip.getByLabel('技术方案').fill('基于振动与声发射信号融合的深度学习诊断模型，部署在边缘网关。');
      await ip.getByLabel('进度安排').fill('3 个月建模，3 个月现场验证');
      await ip.getByRole('button', { name: '提交方案' }).click();
      await ip.getByText('请填写报价').waitFor();
      await expect.poll(() => ip.getByLabel('进度安排').inputValue()).toBe('3 个月建模，3 个月现场验证');
      await ip.getByLabel('报价（万元）').fill('60');
      await ip.getByRole('button', { name: '提交方案' }).click();
      await toast(ip, '揭榜方案已提交');
      await ip.getByText('本单位的方案').waitFor();
      await clickNav(ip, '我的揭榜');
      await ip.waitForURL('**/my/proposals');
      await expect.poll(() => ip.getByRole('row').filter({ hasText: title }).textContent()).toContain('已提交');

      // --- The deadline passes (worker): selecting. The enterprise reads the proposal and awards it.
      await periodEnds();
      await waitForStatus(server.t, draft.id, 'selecting', 5_000);
      await ep.goto(`/listings/${draft.id}`);
      await ep.getByText('评选中').first().waitFor();
      await ep.getByText('基于振动与声发射信号融合的深度学习诊断模型').waitFor();
      await ep.getByRole('button', { name: '定榜', exact: true }).click();
      await ep.getByText('请至少选定一个方案').waitFor();
      await ep.getByRole('checkbox', { name: new RegExp(`选定 ${instName}`) }).check();
      await ep.getByRole('button', { name: '定榜', exact: true }).click();
      await confirmPopover(ep, '确认定榜');
      await toast(ep, '已定榜');
      await ep.getByText('已定榜').first().waitFor();

      // --- Landing: the enterprise confirms, then the institution; the demand is landed.
      await ep.getByRole('button', { name: `确认落地 ${instName}` }).click();
      await confirmPopover(ep, '确认落地');
      await toast(ep, '已确认项目落地');
      await ip.goto(`/listings/${draft.id}`);
      await ip.getByText('需求企业已确认落地', { exact: false }).waitFor();
      await ip.getByRole('button', { name: `确认落地 ${instName}` }).click();
      await confirmPopover(ip, '确认落地');
      await toast(ip, '已确认项目落地');
      await ip.getByText('已落地').first().waitFor();
      await waitForStatus(server.t, draft.id, 'landed', 5_000);

      // --- 措施八: the operator confirms the reward post-subsidy eligibility.
      await opp.goto(`/listings/${draft.id}`);
      await opp.getByLabel('确认说明').fill('已核验双方落地确认及技术合同。');
      await opp.getByRole('button', { name: '确认奖励资格' }).click();
      await toast(opp, '已确认奖励性后补助资格');
      await ep.reload();
      await ep.getByText(/已确认具备奖励性后补助资格/).waitFor();
    });
  });
});

describe('showcase inquiry and renewal, the inbox, an operator dismissing an objection', () => {
  it('inquires, expires, renews; marks notifications read; dismisses an objection', async () => {
    const inst = await verifiedMember(server.t.app, operator, 'institution');
    const ent = await verifiedMember(server.t.app, operator, 'enterprise');
    const title = `医用钛合金增材制造工艺面议${Date.now() % 10000}`;

    await withPages(browser, server.url, 'lifecycle-showcase', ['inst', 'ent', 'operator'], async (p) => {
      const ip = p.inst!;
      const ep = p.ent!;
      const opp = p.operator!;
      await login(ip, inst.email, PASSWORD);
      await login(ep, ent.email, PASSWORD);
      await login(opp, operator.email, PASSWORD);
      const showcase = await approvedSupply(server.t.app, inst, operator, {
        title,
        pricingMode: 'negotiable',
        priceFen: null,
      });
      expect(showcase.status).toBe('showcase');

      // --- An inquiry: bad input is explained in Chinese and nothing typed is lost.
      await ep.goto(`/listings/${showcase.id}`);
      await ep.getByRole('heading', { name: title }).waitFor();
      await ep.getByLabel('咨询内容').fill('价格？');
      await ep.getByLabel('联系人').fill('赵工');
      await ep.getByLabel('联系电话').fill('电话');
      await ep.getByRole('button', { name: '发送咨询' }).click();
      await ep.getByText('咨询内容至少5个字').waitFor();
      await ep.getByText('电话号码只能包含数字、+、- 和空格，5至20位').waitFor();
      await expect.poll(() => ep.getByLabel('联系人').inputValue()).toBe('赵工');
      await ep.getByLabel('咨询内容').fill('希望了解独占许可的费用区间和技术指导安排。');
      await ep.getByLabel('联系电话').fill('13700000000');
      await ep.getByRole('button', { name: '发送咨询' }).click();
      await toast(ep, '咨询已发送给发布单位');
      await ep.getByText('本企业的咨询').waitFor();

      // --- The owner's inbox: the inquiry is unread; mark it read, then everything.
      await ip.goto('/notifications');
      await ip.getByRole('heading', { name: '站内通知' }).waitFor();
      const item = ip.locator('.ant-list-item').filter({ hasText: '收到咨询' }).first();
      await item.waitFor();
      await expect.poll(() => bellCount(ip)).toBe(await unread(inst));
      const before = await bellCount(ip);
      expect(before).toBeGreaterThan(0);
      await item.getByRole('button', { name: '标为已读' }).click();
      await expect.poll(() => bellCount(ip)).toBe(before - 1);
      await ip.getByRole('button', { name: '全部标记为已读' }).click();
      await toast(ip, '已全部标记为已读');
      await expect.poll(() => bellCount(ip)).toBe(0);
      expect(await unread(inst)).toBe(0);

      // --- The owner reads the inquiry on the listing; the showcase expires and is renewed.
      await ip.goto(`/listings/${showcase.id}`);
      await ip.getByText('收到的咨询（1）').waitFor();
      await ip.getByText('希望了解独占许可的费用区间和技术指导安排。').waitFor();
      await periodEnds();
      await waitForStatus(server.t, showcase.id, 'expired', 5_000);
      await reloadUntil(ip, '已过期');
      await ip.getByRole('button', { name: '续期展示' }).click();
      await confirmPopover(ip, '续期');
      await toast(ip, '已重新展示');
      await ip.getByText('展示中').first().waitFor();
      await waitForStatus(server.t, showcase.id, 'showcase', 5_000);

      // --- An abusive objection, dismissed by an operator with a reason.
      const notice = await approvedSupply(server.t.app, inst, operator, {
        pricingMode: 'negotiated',
        priceFen: 2_000_000,
        counterpartyName: '某拟受让公司',
      });
      await ok(
        as(
          server.t.app,
          ent,
        )({
          method: 'POST',
          url: `/api/v1/listings/${notice.id}/objections`,
          payload: { reason: '无理由反对，随便提出异议' },
        }),
        201,
      );
      await opp.goto(`/listings/${notice.id}`);
      await opp.getByRole('button', { name: '驳回异议' }).click();
      await opp.getByRole('button', { name: '确认驳回' }).click();
      await opp.getByText('请填写驳回理由').waitFor();
      await opp.getByLabel('驳回理由').fill('异议未说明任何事实和依据，属恶意异议。');
      await opp.getByRole('button', { name: '确认驳回' }).click();
      await toast(opp, '异议已驳回');
      await opp.getByText('平台驳回理由：异议未说明任何事实和依据，属恶意异议。').waitFor();
    });
  });
});
