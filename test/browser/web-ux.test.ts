// Issue 25 in the browser, for every role at 1366, 1280 and 390 px: every navigation entry is on
// screen (in the header line or in the role's menu; in the drawer on a phone), each main page has one
// h1, no sideways scrolling, no serious or critical axe violation and no console error; on a phone
// every table action is inside the viewport. Screenshots of each page go to test-artifacts/web-ux/.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { login, TIMEOUT } from './ui.js';

type RoleName = 'anonymous' | 'enterprise' | 'institution' | 'operator';

const LINE = ['首页', '企业找技术', '成果找市场', '公示栏', '先用后付成果池'];
const MENU: Record<RoleName, { group: string; items: string[] } | null> = {
  anonymous: null,
  enterprise: { group: '我的', items: ['我的项目', '我的机构', '我的摘牌', '先用后付'] },
  institution: { group: '我的', items: ['我的项目', '我的成果', '我的机构', '我的揭榜', '先用后付', '成果入池'] },
  operator: { group: '运营管理', items: ['项目审核', '机构认证', '登记地复核', '逾期款项', '检索词库'] },
};
const PAGES: Record<RoleName, string[]> = {
  anonymous: [
    '/',
    '/demands',
    '/supply',
    '/notices',
    '/pool',
    '/pool/editions',
    '/login',
    '/register',
    '/no-such-page',
  ],
  enterprise: ['/my/listings', '/my/organisation', '/my/claims', '/my/paylater', '/my/listings/new?kind=demand'],
  institution: ['/my/listings', '/my/results', '/my/proposals', '/my/pool', '/my/organisation'],
  operator: [
    '/operator/listings',
    '/operator/organisations',
    '/operator/domicile-review',
    '/operator/paylater',
    '/operator/search',
  ],
};
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

  // Rows with actions: a supply listing waiting for review (operator: 通过/驳回), a demand draft.
  const inst = as(app, institution);
  const result = await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  pendingTitle = '一个名字相当长的待审核成果转让项目，用来检验手机上的操作按钮';
  const supply = await inst({
    method: 'POST',
    url: '/api/v1/listings',
    payload: supplyBody(result.json().id, { title: pendingTitle }),
  });
  await inst({ method: 'POST', url: `/api/v1/listings/${supply.json().id}/submit` });
  await as(app, enterprise)({ method: 'POST', url: '/api/v1/listings', payload: demandBody() });
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withRole(role: RoleName, width: number, body: (page: Page, errors: () => string[]) => Promise<void>) {
  const tracked = await newTrackedPage(browser, server.url, { width, height: width < 500 ? 844 : 900 });
  tracked.page.setDefaultTimeout(TIMEOUT);
  // The browser logs every failed request as an error; the one expected failure is the session probe
  // (GET /api/v1/me answers 401 to a visitor). Everything else logged as an error counts.
  const errors: string[] = [];
  tracked.page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/status of 401/.test(m.text()) && m.location().url.endsWith('/api/v1/me')) return;
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
  await page.screenshot({
    path: `${SHOTS}/${role}-${width}-${path.replace(/[^\w]+/g, '_') || 'home'}.png`,
    fullPage: true,
  });
  expect(await page.locator('h1:visible').count(), `${path}: one h1`).toBe(1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(page), `${path} at ${width} px`).toEqual([]);
  // Every action of every table row is on screen.
  const actions = page.locator('.responsive-table-card button, .responsive-table-card a, .ant-table-row button');
  for (let i = 0; i < (await actions.count()); i++) {
    const a = actions.nth(i);
    await a.scrollIntoViewIfNeeded();
    await horizontallyInside(page, a, `${path}: ${await a.innerText()}`);
  }
}

describe('every role, every width', () => {
  for (const role of ['anonymous', 'enterprise', 'institution', 'operator'] as const) {
    for (const width of [1366, 1280, 390]) {
      it(`${role} at ${width} px: navigation fits, main pages pass`, { timeout: 240_000 }, async () => {
        await withRole(role, width, async (page, errors) => {
          await page.goto('/');
          await page.locator('h1').first().waitFor();
          await checkHeader(page, role);
          // The full page checks at 1280 and 390 (1366 only adds room to the header).
          if (width !== 1366) for (const path of PAGES[role]) await checkPage(page, role, path);
          expect(errors()).toEqual([]);
        });
      });
    }
  }
});

describe('phone layouts', () => {
  it('shows the operator 通过 and 驳回 for a pending listing inside a 390 px screen', { timeout: 60_000 }, async () => {
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
  it('reads prices the one way on pages', { timeout: 60_000 }, async () => {
    await withRole('enterprise', 1280, async (page) => {
      await page.goto('/my/listings');
      // demandBody: 50,000,000 分 = 50 万元.
      await page.getByText('50 万元').first().waitFor();
      expect(await page.getByText(/500,000\.00 元|50\.0000/).count()).toBe(0);
    });
  });
});

describe('eligibility', () => {
  it(
    'tells an unverified enterprise it cannot submit a demand before it starts typing',
    { timeout: 60_000 },
    async () => {
      const unverified = await register(server.t.app, enterpriseRegistration());
      const tracked = await newTrackedPage(browser, server.url);
      try {
        await login(tracked.page, unverified.email, PASSWORD);
        await tracked.page.goto('/my/listings/new?kind=demand');
        await tracked.page.getByRole('alert').filter({ hasText: '机构认证通过后才能提交' }).waitFor();
      } finally {
        await tracked.context.close();
      }
    },
  );
});
