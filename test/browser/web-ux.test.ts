// Issue 25 in the browser, for every role at 1366, 1280 and 390 px: every navigation entry is on
// screen (in the header line or in the role's menu; in the drawer on a phone), each main page has one
// h1, no sideways scrolling, no serious or critical axe violation and no console error; on a phone
// every table action is inside the viewport; no two elements share an id (labels point at one field)
// and no raw code (snake_case) shows as text. Screenshots of each page go to test-artifacts/web-ux/.
// Then the lists and forms of item 6: live listings first, the next pool edition explained, a new
// listing prefilled from its result, an auction that has not started.
import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listings, organisations } from '../../db/schema/index.js';
import { auctionListing } from '../helpers/auctions.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import { launchBrowser, newTrackedPage } from '../helpers/browser.js';
import {
  as,
  createOperator,
  demandBody,
  enterpriseRegistration,
  PASSWORD,
  register,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { login, pick, TIMEOUT } from './ui.js';

type RoleName = 'anonymous' | 'enterprise' | 'institution' | 'operator';

const LINE = ['首页', '企业找技术', '成果找市场', '公示栏', '先用后付成果池'];
const MENU: Record<RoleName, { group: string; items: string[] } | null> = {
  anonymous: null,
  enterprise: { group: '我的', items: ['我的项目', '我的机构', '我的摘牌', '先用后付', '转化台账', '应付款项'] },
  institution: {
    group: '我的',
    items: [
      '我的项目',
      '我的成果',
      '我的机构',
      '我的揭榜',
      '先用后付',
      '成果入池',
      '转化台账',
      '转化收入',
      '单列管理登记表',
      '尽职免责档案',
    ],
  },
  operator: {
    group: '运营管理',
    items: ['项目审核', '机构认证', '登记地复核', '逾期款项', '转化逾期款项', '尽职免责认定', '检索词库'],
  },
};
// Filled in beforeAll: a public supply listing, a public demand, a listing whose auction has not
// started and its auction, a result of the institution.
const ids = { supply: '', demand: '', pending: '', auctionListing: '', auction: '', result: '' };
const PAGES = (role: RoleName): string[] =>
  ({
    anonymous: [
      '/',
      '/demands',
      '/supply',
      `/listings/${ids.supply}`,
      `/listings/${ids.auctionListing}`,
      '/search?q=技术',
      '/notices',
      '/pool',
      '/pool/editions',
      '/login',
      '/register',
      '/no-such-page',
    ],
    enterprise: [
      '/my/listings',
      '/my/organisation',
      '/my/claims',
      '/my/paylater',
      '/my/listings/new?kind=demand',
      `/listings/${ids.demand}`,
      `/auctions/${ids.auction}`,
      '/notifications',
    ],
    institution: [
      '/my/listings',
      '/my/results',
      '/my/results/new',
      `/my/listings/new?kind=supply&resultId=${ids.result}`,
      '/my/proposals',
      '/my/pool',
      '/my/paylater',
      '/my/organisation',
      `/listings/${ids.supply}`,
      '/notifications',
    ],
    operator: [
      '/operator/listings',
      '/operator/organisations',
      '/operator/domicile-review',
      '/operator/paylater',
      '/operator/search',
      `/listings/${ids.pending}`,
      '/notifications',
    ],
  })[role];
const SHOTS = 'test-artifacts/web-ux';

let server: TestServer;
let browser: Browser;
const sessions: Partial<Record<RoleName, Session>> = {};
let pendingTitle: string;

beforeAll(async () => {
  server = await startTestServer({ env: { REGISTER_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  const app = server.t.app;
  const operator = await createOperator(app, server.db);
  const enterprise = await verifiedMember(app, operator, 'enterprise');
  const institution = await verifiedMember(app, operator, 'institution');
  Object.assign(sessions, { operator, enterprise, institution });

  // Rows with actions: two supply listings waiting for review (operator: 通过/驳回, each row with its
  // own reason dialogs), a demand draft.
  const inst = as(app, institution);
  const op = as(app, operator);
  const result = await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  ids.result = result.json().id;
  pendingTitle = '一个名字相当长的待审核成果转让项目，用来检验手机上的操作按钮';
  const supply = await inst({
    method: 'POST',
    url: '/api/v1/listings',
    payload: supplyBody(result.json().id, { title: pendingTitle }),
  });
  ids.pending = supply.json().id;
  await inst({ method: 'POST', url: `/api/v1/listings/${ids.pending}/submit` });
  const second = await inst({
    method: 'POST',
    url: '/api/v1/results',
    payload: resultBody({ title: '第二项待审核的成果' }),
  });
  const published = await inst({
    method: 'POST',
    url: '/api/v1/listings',
    payload: supplyBody(second.json().id, { title: '已公开的成果转让项目' }),
  });
  ids.supply = published.json().id;
  await inst({ method: 'POST', url: `/api/v1/listings/${ids.supply}/submit` });
  const third = await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody({ title: '第三项成果' }) });
  const another = await inst({
    method: 'POST',
    url: '/api/v1/listings',
    payload: supplyBody(third.json().id, { title: '另一个待审核的成果项目' }),
  });
  await inst({ method: 'POST', url: `/api/v1/listings/${another.json().id}/submit` });
  await op({ method: 'POST', url: `/api/v1/operator/listings/${ids.supply}/approve` });
  await as(app, enterprise)({ method: 'POST', url: '/api/v1/listings', payload: demandBody() });
  const demand = await as(
    app,
    enterprise,
  )({
    method: 'POST',
    url: '/api/v1/listings',
    payload: demandBody({ title: '已公开的技术需求项目' }),
  });
  ids.demand = demand.json().id;
  await as(app, enterprise)({ method: 'POST', url: `/api/v1/listings/${ids.demand}/submit` });
  await op({ method: 'POST', url: `/api/v1/operator/listings/${ids.demand}/approve` });
  // An ended demand: 已过期 is left out of the default browse list.
  const ended = await as(
    app,
    enterprise,
  )({
    method: 'POST',
    url: '/api/v1/listings',
    payload: demandBody({ title: '一个已经过期的技术需求' }),
  });
  await as(app, enterprise)({ method: 'POST', url: `/api/v1/listings/${ended.json().id}/submit` });
  await op({ method: 'POST', url: `/api/v1/operator/listings/${ended.json().id}/approve` });
  await server.db.update(listings).set({ status: 'expired' }).where(eq(listings.id, ended.json().id));
  // A listing priced by auction, its auction scheduled (not started).
  ({ listingId: ids.auctionListing, auctionId: ids.auction } = await auctionListing(app, institution, operator, {
    title: '尚未开拍的拍卖项目',
  }));
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withRole(role: RoleName, width: number, body: (page: Page, errors: () => string[]) => Promise<void>) {
  const tracked = await newTrackedPage(browser, server.url, { width, height: width < 500 ? 844 : 900 });
  tracked.page.setDefaultTimeout(2 * TIMEOUT);
  // The browser logs every failed request as an error; none is expected (the session check,
  // GET /api/v1/session, answers 200 to a visitor: issue 24).
  const errors: string[] = [];
  tracked.page.on('console', (m) => {
    if (m.type() !== 'error') return;
    errors.push(`${m.text()} (${m.location().url})`);
  });
  tracked.page.on('pageerror', (e) => errors.push(e.message));
  try {
    if (role !== 'anonymous') await login(tracked.page, sessions[role]!.email, PASSWORD);
    await body(tracked.page, () => errors);
  } catch (err) {
    await tracked.saveArtifacts(`web-ux-${role}-${width}`);
    throw err;
  } finally {
    await tracked.context.close();
  }
}

/** The element's box lies inside the viewport horizontally (and, when given, inside `within`). */
async function horizontallyInside(page: Page, el: ReturnType<Page['locator']>, label: string) {
  const box = await el.boundingBox();
  expect(box, `${label} has no box`).not.toBeNull();
  const width = page.viewportSize()!.width;
  expect(box!.x, `${label} starts left of the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${label} ends right of the screen (${width} px)`).toBeLessThanOrEqual(width + 0.5);
}

async function checkHeader(page: Page, role: RoleName) {
  const width = page.viewportSize()!.width;
  const nav = page.getByRole('navigation', { name: '主导航' });
  const menu = MENU[role];
  if (width < 768) {
    await page.getByRole('button', { name: '打开导航菜单' }).click();
    const drawer = page.getByRole('dialog');
    // The drawer slides in from the left: measure once it has arrived.
    const first = drawer.getByRole('link', { name: LINE[0]!, exact: true });
    await expect.poll(async () => (await first.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
    for (const label of [...LINE, ...(menu?.items ?? [])]) {
      await horizontallyInside(page, drawer.getByRole('link', { name: label, exact: true }), label);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    return;
  }
  const navBox = (await nav.boundingBox())!;
  const inNav = async (el: ReturnType<Page['locator']>, label: string) => {
    await horizontallyInside(page, el, label);
    const box = (await el.boundingBox())!;
    // The nav must not be cut off by (or run under) the search box and the account on its right.
    expect(box.x + box.width, `${label} overflows the navigation`).toBeLessThanOrEqual(navBox.x + navBox.width + 0.5);
  };
  for (const label of LINE) await inNav(nav.getByRole('link', { name: label, exact: true }), label);
  if (!menu) {
    expect(await nav.getByRole('button').count()).toBe(0);
    return;
  }
  const group = nav.getByRole('button', { name: menu.group });
  await inNav(group, menu.group);
  await group.click();
  await expect.poll(() => group.getAttribute('aria-expanded')).toBe('true');
  for (const label of menu.items) {
    const link = nav.getByRole('link', { name: label, exact: true });
    await link.waitFor();
    await horizontallyInside(page, link, label);
  }
  await page.keyboard.press('Escape');
  await expect.poll(() => group.getAttribute('aria-expanded')).toBe('false');
}

async function checkPage(page: Page, role: RoleName, path: string) {
  const width = page.viewportSize()!.width;
  await page.goto(path);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-skeleton')
    .first()
    .waitFor({ state: 'detached', timeout: TIMEOUT })
    // A page without skeletons has nothing to wait for; the screenshot is taken either way.
    .catch((err: unknown) => {
      if (!(err instanceof Error && err.name === 'TimeoutError')) throw err;
    });
  // caret 'initial': Playwright's default hides the caret with an injected <style>, which the CSP refuses.
  await page.screenshot({
    caret: 'initial',
    path: `${SHOTS}/${role}-${width}-${path.replace(/[^\w]+/g, '_') || 'home'}.png`,
    fullPage: true,
  });
  expect(await page.locator('h1:visible').count(), `${path}: one h1`).toBe(1);
  // A label points at one field: no id twice in the page (dialogs rendered ahead included).
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  expect(duplicates, `${path}: ids used more than once`).toEqual([]);
  // Human labels, never codes: no snake_case word in the page's text.
  const codes = (await page.locator('body').innerText()).match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? [];
  expect(codes, `${path}: codes shown as text`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(page), `${path} at ${width} px`).toEqual([]);
  // Every action of every table row is on screen.
  // Visible ones: a server-rendered page carries a table and its cards until hydrated, CSS shows one.
  const actions = page
    .locator('.responsive-table-card button, .responsive-table-card a, .ant-table-row button')
    .filter({ visible: true });
  for (let i = 0; i < (await actions.count()); i++) {
    const a = actions.nth(i);
    await a.scrollIntoViewIfNeeded();
    await horizontallyInside(page, a, `${path}: ${await a.innerText()}`);
  }
}

describe('every role, every width', () => {
  for (const role of ['anonymous', 'enterprise', 'institution', 'operator'] as const) {
    for (const width of [1366, 1280, 390]) {
      it(`${role} at ${width} px: navigation fits, main pages pass`, { timeout: 480_000 }, async () => {
        await withRole(role, width, async (page, errors) => {
          await page.goto('/');
          await page.locator('h1').first().waitFor();
          await checkHeader(page, role);
          // The full page checks at 1280 and 390 (1366 only adds room to the header).
          if (width !== 1366) for (const path of PAGES(role)) await checkPage(page, role, path);
          expect(errors()).toEqual([]);
        });
      });
    }
  }
});

describe('phone layouts', () => {
  it('shows the operator 通过 and 驳回 for a pending listing inside a 390 px screen', async () => {
    await withRole('operator', 390, async (page) => {
      await page.goto('/operator/listings');
      for (const name of [`通过 ${pendingTitle}`, `驳回 ${pendingTitle}`]) {
        const button = page.getByRole('button', { name, exact: true });
        await button.scrollIntoViewIfNeeded();
        await horizontallyInside(page, button, name);
      }
    });
  });
});

describe('money', () => {
  it('reads prices the one way on pages', async () => {
    await withRole('enterprise', 1280, async (page) => {
      await page.goto('/my/listings');
      // demandBody: 50,000,000 分 = 50 万元.
      await page.getByText('50 万元').first().waitFor();
      expect(await page.getByText(/500,000\.00 元|50\.0000/).count()).toBe(0);
    });
  });
});

describe('eligibility', () => {
  it('tells an unverified enterprise it cannot submit a demand before it starts typing', async () => {
    const unverified = await register(server.t.app, enterpriseRegistration());
    const tracked = await newTrackedPage(browser, server.url);
    try {
      await login(tracked.page, unverified.email, PASSWORD);
      await tracked.page.goto('/my/listings/new?kind=demand');
      await tracked.page.getByRole('alert').filter({ hasText: '机构认证通过后才能提交' }).waitFor();
    } finally {
      await tracked.context.close();
    }
  });
});

describe('lists and forms', () => {
  // These pages load lazily; on a shared machine under load 15 s is not always enough.
  it('lists live listings by default and the ended ones on request', async () => {
    await withRole('anonymous', 1280, async (page, errors) => {
      await page.goto('/demands');
      await page.getByText('已公开的技术需求项目').first().waitFor();
      expect(await page.getByText('一个已经过期的技术需求').count()).toBe(0);
      await pick(page, '项目阶段', '已结束');
      await page.getByText('一个已经过期的技术需求').first().waitFor();
      expect(await page.getByText('已公开的技术需求项目').count()).toBe(0);
      await pick(page, '项目阶段', '全部');
      await page.getByText('一个已经过期的技术需求').first().waitFor();
      // Live first: the live demand comes before the expired one (published after it).
      const text = await page.locator('#main').innerText();
      expect(text.indexOf('已公开的技术需求项目')).toBeGreaterThanOrEqual(0);
      expect(text.indexOf('已公开的技术需求项目')).toBeLessThan(text.indexOf('一个已经过期的技术需求'));
      expect(errors()).toEqual([]);
    });
  });

  it('explains the next pool edition instead of 尚未发布', async () => {
    await withRole('anonymous', 1280, async (page) => {
      await page.goto('/pool/editions');
      const note = page.getByTestId('next-edition');
      await note.waitFor();
      expect(await note.innerText()).toMatch(
        /第 1 期将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? 发布；成果池目前有 \d+ 项成果/,
      );
      expect(await page.getByText('尚未发布', { exact: true }).count()).toBe(0);
    });
  });

  it('prefills a new listing from the chosen result', async () => {
    await withRole('institution', 1280, async (page) => {
      await page.goto(`/my/listings/new?kind=supply&resultId=${ids.result}`);
      const title = page.getByLabel('项目名称');
      await expect.poll(() => title.inputValue(), { timeout: 2 * TIMEOUT }).toBe(resultBody().title);
      await expect
        .poll(() => page.getByLabel('项目摘要').inputValue(), { timeout: 2 * TIMEOUT })
        .toBe(resultBody().summary);
      // Another result replaces what the first one filled in; typed text would stay.
      await pick(page, '关联成果', '第二项待审核的成果');
      await expect.poll(() => title.inputValue(), { timeout: 2 * TIMEOUT }).toBe('第二项待审核的成果');
    });
  });

  it('shows an auction that has not started as 即将开始 with its start time, on its page and its cards', async () => {
    await withRole('anonymous', 1280, async (page) => {
      await page.goto(`/listings/${ids.auctionListing}`);
      const tag = page.locator('[data-auction-status]');
      await tag.waitFor();
      expect(await tag.innerText()).toMatch(/^即将开始（\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? 开拍）$/);
      expect(await page.getByText('拍卖中', { exact: true }).count()).toBe(0);
      // The browse card and the home page's latest list say the same, not the listing state's 拍卖中.
      for (const path of ['/supply', '/']) {
        await page.goto(path);
        // The one auction listing of this server is the only tag of an auction's state on the page.
        const cardTag = page.locator('[data-auction-status]');
        await cardTag.waitFor();
        expect(await cardTag.getAttribute('data-auction-status'), path).toBe('scheduled');
        expect(await cardTag.innerText(), path).toMatch(/^即将开始（\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? 开拍）$/);
        expect(await page.getByText('拍卖中', { exact: true }).count(), path).toBe(0);
      }
    });
  });

  it('offers the no-appraisal option for a registered state-wholly-owned buyer, 受让方性质 shown once', async () => {
    const app = server.t.app;
    const reg = enterpriseRegistration();
    const buyer = await verifiedMember(app, sessions.operator!, 'enterprise', {
      organisation: { ...reg.organisation, ownershipType: 'state_wholly_owned', sizeClass: 'large' },
    });
    const inst = as(app, sessions.institution!);
    const result = await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
    const listing = await inst({
      method: 'POST',
      url: '/api/v1/listings',
      payload: supplyBody(result.json().id, { title: '向国有全资企业转让的成果', transactionTypes: ['transfer'] }),
    });
    const id = listing.json().id as string;
    await inst({ method: 'POST', url: `/api/v1/listings/${id}/submit` });
    await as(app, sessions.operator!)({ method: 'POST', url: `/api/v1/operator/listings/${id}/approve` });
    // The buyer's claim and the listing window are other tests' business; here the listing is matched
    // with the registered state-wholly-owned enterprise at the listed price.
    const [org] = await server.db.select().from(organisations).where(eq(organisations.id, buyer.orgId));
    await server.db
      .update(listings)
      .set({
        status: 'matched',
        matchRoute: 'claim',
        matchedAt: new Date(),
        matchedOrgId: buyer.orgId,
        matchedName: org!.name,
        matchedPriceFen: 80_000_000,
      })
      .where(eq(listings.id, id));
    await withRole('institution', 1280, async (page, errors) => {
      await page.goto(`/listings/${id}`);
      const deal = page.locator('section', { has: page.getByRole('heading', { name: '登记成交' }) });
      await deal.getByText('国有全资', { exact: true }).waitFor();
      expect(await deal.getByText('受让方性质', { exact: true }).count()).toBe(1);
      const skip = page.getByRole('radio', { name: '向国有全资企业转化，不进行资产评估' });
      await expect.poll(() => skip.isEnabled(), { timeout: 2 * TIMEOUT }).toBe(true);
      await skip.check();
      await expect.poll(() => skip.isChecked(), { timeout: 2 * TIMEOUT }).toBe(true);
      expect(errors()).toEqual([]);
    });
  });

  it('ties each reason box to its own label in every row', async () => {
    await withRole('operator', 1280, async (page) => {
      await page.goto('/operator/listings');
      await page.getByRole('button', { name: `驳回 ${pendingTitle}`, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      // getByLabel resolves through the label's for/id: exactly one box, inside this dialog.
      await dialog.getByLabel('具体说明').fill('请补充成果的权属证明材料');
      expect(await page.getByLabel('具体说明').count()).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Escape');
    });
  });
});
