// Search in the browser: a visitor searches 企业找技术 from the header box by keyword, narrows by a
// facet, opens a result and sees its 相关推荐. Listings are indexed by the real worker from their
// published events. Needs the built web app (`npm run build:web`) and Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newTrackedPage } from '../helpers/browser.js';
import { as, createOperator, PASSWORD, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply, ok, waitFor } from '../helpers/lifecycle.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { clickNav, login, toast, withPages } from './ui.js';

let server: TestServer;
let browser: Browser;
let operator: Session;
const POLL = { timeout: 60_000 };

const DEMAND = '钠离子电池正极材料中试工艺需求';
const OTHER_FIELD_DEMAND = '电池包壳体焊接机器人需求';
const SUPPLY = '钠离子电池层状氧化物正极材料制备技术';

async function approvedDemand(session: Session, body: Record<string, unknown>): Promise<string> {
  const app = server.t.app;
  const draft = await ok<{ id: string }>(
    as(
      app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/listings',
      payload: {
        kind: 'demand',
        region: 'shenyang',
        priceFen: 20_000_000,
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        ...body,
      },
    }),
    201,
  );
  await ok(as(app, session)({ method: 'POST', url: `/api/v1/listings/${draft.id}/submit` }));
  await ok(as(app, operator)({ method: 'POST', url: `/api/v1/operator/listings/${draft.id}/approve` }));
  return draft.id;
}

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  const app = server.t.app;
  operator = await createOperator(app, server.db);
  const ent = await verifiedMember(app, operator, 'enterprise');
  const inst = await verifiedMember(app, operator, 'institution');
  await approvedDemand(ent, {
    title: DEMAND,
    summary: '寻求钠离子电池层状氧化物正极材料的中试工艺，提升循环寿命与压实密度。',
    field: 'new_energy',
  });
  await approvedDemand(ent, {
    title: OTHER_FIELD_DEMAND,
    summary: '动力电池包铝合金壳体的机器人激光焊接工作站，节拍 90 秒。',
    field: 'robotics_automation',
  });
  await approvedSupply(app, inst, operator, {
    title: SUPPLY,
    summary: '层状氧化物正极材料的钠离子电池中试工艺包，循环寿命 3000 次。',
  });
  // The worker indexes what the relay published.
  await waitFor(
    () => ok<{ total: number }>(app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('电池')}` })),
    (r) => r.total === 3,
    30_000,
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('search in the browser', () => {
  it('finds a demand by keyword and facet, opens it and shows its matches', async () => {
    const tracked = await newTrackedPage(browser, server.url);
    const p = tracked.page;
    try {
      await p.goto('/');
      const box = p.getByRole('combobox', { name: '搜索项目' });
      await box.waitFor(POLL);
      await box.fill('电池');
      // Suggestions (titles) appear; Enter still searches what was typed.
      await p.getByRole('option', { name: SUPPLY }).waitFor(POLL);
      await box.press('Enter');
      await p.waitForURL(/\/search\?q=%E7%94%B5%E6%B1%A0$/, POLL);
      const results = p.getByRole('list', { name: '搜索结果' });
      await results.getByRole('link', { name: SUPPLY }).waitFor(POLL);

      // Facets with counts: choosing 企业找技术 then 新能源 narrows to the one demand.
      const kinds = p.getByRole('group', { name: '项目类型' });
      await kinds.getByRole('button', { name: /企业找技术\s*2/ }).click();
      await p.waitForURL(/kind=demand/, POLL);
      await results.getByRole('link', { name: SUPPLY }).waitFor({ state: 'detached', ...POLL });
      await p
        .getByRole('group', { name: '行业领域' })
        .getByRole('button', { name: /新能源\s*1/ })
        .click();
      await p.waitForURL(/field=new_energy/, POLL);
      await results.getByRole('link', { name: OTHER_FIELD_DEMAND }).waitFor({ state: 'detached', ...POLL });
      await expect.poll(() => results.getByRole('listitem').count(), POLL).toBe(1);
      // The keyword is highlighted as a <mark>, not as HTML from the server.
      expect(await results.locator('mark').first().textContent()).toBe('电池');
      expect(new URL(p.url()).searchParams.get('q')).toBe('电池');

      // Reloading keeps every choice (all in the URL).
      await p.reload();
      await results.getByRole('link', { name: DEMAND }).waitFor(POLL);
      expect(
        await p.getByRole('group', { name: '项目类型' }).getByRole('button', { pressed: true }).textContent(),
      ).toContain('企业找技术');

      // Open the demand: its 相关推荐 lists the supply with the matched terms.
      await results.getByRole('link', { name: DEMAND }).click();
      await p.getByRole('heading', { name: DEMAND, level: 1 }).waitFor(POLL);
      const related = p.getByRole('list', { name: '相关推荐' });
      await related.getByRole('link', { name: SUPPLY }).waitFor(POLL);
      expect(await related.getByText(/匹配度 \d+%/).count()).toBe(1);
      await related.getByText('钠离子', { exact: true }).first().waitFor(POLL);
    } catch (err) {
      await tracked.saveArtifacts('search-keyword-facet-matches');
      throw err;
    } finally {
      await tracked.context.close();
    }
  }, 300_000);

  it('closes the header suggestions when Enter searches, also when they arrive after it (issue 25)', async () => {
    await withPages(browser, server.url, 'search-suggest-enter', ['visitor'], async ({ visitor: p }) => {
      await p!.goto('/');
      const box = p!.getByRole('combobox', { name: '搜索项目' });
      // The box is a lazy chunk loaded after the shell: slow on a loaded machine.
      await box.waitFor({ timeout: 90_000 });
      const option = p!.getByRole('option', { name: SUPPLY });
      const results = p!.getByRole('list', { name: '搜索结果' });
      // Suggestions open while typing; Enter searches, and the list closes over the results page.
      await box.fill('电池');
      await option.waitFor(POLL);
      await box.press('Enter');
      await p!.waitForURL(/\/search\?q=%E7%94%B5%E6%B1%A0$/, POLL);
      await results.getByRole('link', { name: SUPPLY }).waitFor(POLL);
      await option.waitFor({ state: 'hidden', ...POLL });
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      expect(await box.inputValue()).toBe('电池');
      // Enter before the suggestions have come: once they come, they stay closed.
      const suggested = p!.waitForResponse((r) => r.url().includes('/search/suggest') && r.url().includes('%E9%92%A0'));
      await box.fill('钠离子');
      await box.press('Enter');
      await p!.waitForURL(/\/search\?q=%E9%92%A0%E7%A6%BB%E5%AD%90$/, POLL);
      await suggested;
      await results.getByRole('link', { name: DEMAND }).waitFor(POLL);
      expect(await p!.getByRole('option').filter({ visible: true }).count()).toBe(0);
      expect(await box.getAttribute('aria-expanded')).toBe('false');
    });
  }, 240_000);

  it('explains an empty page and offers a query that finds something (issue 21)', async () => {
    await withPages(browser, server.url, 'search-empty-page', ['visitor'], async ({ visitor: p }) => {
      await p!.goto(`/search?q=${encodeURIComponent('钠离子电池 饕餮')}`);
      const help = p!.getByLabel('无结果说明');
      await help.getByText('没有公开项目包含：饕餮').waitFor(POLL);
      await help.getByRole('button', { name: /去掉「饕餮」：钠离子电池（2 项）/ }).click();
      const results = p!.getByRole('list', { name: '搜索结果' });
      await results.getByRole('link', { name: SUPPLY }).waitFor(POLL);
      await results.getByRole('link', { name: DEMAND }).waitFor(POLL);
    });
  }, 300_000);

  it('an operator adds a thesaurus entry from a zero-result query; the next search finds it (issue 21)', async () => {
    await withPages(browser, server.url, 'search-thesaurus', ['visitor', 'operator'], async (pages) => {
      const visitor = pages.visitor!;
      const op = pages.operator!;
      await visitor.goto(`/search?q=${encodeURIComponent('貔貅')}`);
      // The first search of a fresh server under a loaded machine can be slow.
      await visitor.getByText('没有公开项目包含：貔貅').waitFor({ timeout: 60_000 });

      await login(op, operator.email, PASSWORD);
      await clickNav(op, '检索词库');
      await op.getByRole('heading', { name: '检索词库' }).waitFor(POLL);
      await op.getByRole('tab', { name: /无结果检索词/ }).click();
      await op.getByRole('button', { name: '为「貔貅」新增词条' }).click();
      const dialog = op.getByRole('dialog', { name: '新增同义词条' });
      const words = dialog.getByRole('textbox', { name: /^词语/ });
      expect(await words.inputValue()).toBe('貔貅');
      await words.fill('貔貅、钠离子电池');
      await dialog.getByLabel('原因').fill('无结果检索词：貔貅');
      await dialog.getByRole('button', { name: '保存' }).click();
      await toast(op, '词条已新增，下一次检索即生效');
      await op.getByRole('tab', { name: '同义词库' }).click();
      await op.getByPlaceholder('查找词语').fill('貔貅');
      await op.getByPlaceholder('查找词语').press('Enter');
      await op.getByRole('button', { name: '修改 貔貅、钠离子电池' }).waitFor(POLL);
      await op
        .getByRole('list', { name: '最近修改' })
        .getByText(/新增：无结果检索词：貔貅/)
        .waitFor(POLL);

      // No re-index: the same query now finds the listings about 钠离子电池.
      await visitor.goto(`/search?q=${encodeURIComponent('貔貅')}&r=1`);
      await visitor.getByRole('list', { name: '搜索结果' }).getByRole('link', { name: SUPPLY }).waitFor(POLL);
    });
  });
});
