// Small steps the browser tests share. Fields are found by their visible label (getByLabel), so a
// test also proves every input it touches is labelled.
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newTrackedPage, type TrackedPage } from '../helpers/browser.js';

// Per step: generous, since a loaded machine renders slowly (at load 35 on 2 cores a page's first
// render took over 30 s); a passing step never waits it out.
export const TIMEOUT = 60_000;

/**
 * Picks an option of an Ant Design Select found by its label. On a loaded machine a click can land
 * while the dropdown is still animating in; then the dropdown is closed and the pick tried again.
 */
export async function pick(page: Page, label: string | RegExp, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: typeof label === 'string' });
  const select = page.locator('.ant-select', { has: input });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    // The open dropdown is the one holding this input's listbox (aria-controls), so a dropdown of
    // another select still fading out is never clicked by mistake.
    await expect.poll(() => input.getAttribute('aria-controls')).toBeTruthy();
    const listId = (await input.getAttribute('aria-controls'))!;
    const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
    await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 3_000 }).toContain(option);
      // A single select closes on choosing, but its leave animation keeps the list on screen a while
      // on a loaded machine: what comes next (a click under it, an axe scan) waits for it to go.
      await expect.poll(() => dropdown.filter({ visible: true }).count(), { timeout: TIMEOUT }).toBe(0);
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** Types a date (and time) into an Ant Design DatePicker found by its label and confirms it. */
export async function typeDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
  // Enter closes the calendar, but its leave animation keeps it on screen a while on a loaded
  // machine: whatever comes next (a click under it, an axe scan of its grey cells) waits for it to go.
  await expect
    .poll(() => page.locator('.ant-picker-dropdown').filter({ visible: true }).count(), { timeout: TIMEOUT })
    .toBe(0);
}

/**
 * The page header once it knows the session (`data-session="ready"`, set by AppLayout), signed in
 * (any role) or, with `role: 'anonymous'`, signed out. Its menus are then the viewer's.
 */
export function readyHeader(page: Page, role?: string) {
  const viewer = role ? `[data-role="${role}"]` : ':not([data-role="anonymous"])';
  return page.locator(`header[data-session="ready"]${viewer}`);
}

/**
 * Waits until the page shown is the one the URL names. A navigation changes the URL at once, but
 * the router keeps showing the previous page until the next one's lazy chunk has loaded; the header
 * says which path it rendered (`data-path`), and its menus close when that changes. So a menu
 * opened before the two agree is closed again under the test: the cause of the header menus that
 * "closed by themselves" on a loaded machine.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const header = document.querySelector('header[data-session="ready"]');
      return header instanceof HTMLElement && header.dataset.path === window.location.pathname;
    },
    undefined,
    { timeout: TIMEOUT },
  );
}

export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: TIMEOUT });
  await readyHeader(page).waitFor({ timeout: TIMEOUT });
  // The login form goes as soon as the session is known (it renders a redirect), which is before
  // the next page has loaded: only the header's rendered path says the navigation is over.
  await settled(page);
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await readyHeader(page, 'anonymous').waitFor({ timeout: TIMEOUT });
  await expect
    .poll(() => page.getByRole('button', { name: '登录', exact: true }).count(), { timeout: TIMEOUT })
    .toBeGreaterThan(0);
}

/** Accepts an antd Popconfirm that the last click opened. */
export async function confirmPopover(page: Page, okText: string): Promise<void> {
  await page
    .locator('.ant-popover:not(.ant-popover-hidden)')
    .getByRole('button', { name: okText, exact: true })
    .click();
}

/** Waits for an antd `message` toast with this text. */
export async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message').getByText(text).waitFor({ timeout: TIMEOUT });
}

/**
 * Opens pages, one per actor, and on failure saves each one's screenshot and console log under
 * test-artifacts/ before rethrowing.
 */
export async function withPages(
  browser: Browser,
  baseURL: string,
  name: string,
  actors: string[],
  body: (pages: Record<string, Page>) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  const tracked: Record<string, TrackedPage> = {};
  for (const a of actors) tracked[a] = await newTrackedPage(browser, baseURL, viewport);
  const pages = Object.fromEntries(Object.entries(tracked).map(([k, t]) => [k, t.page]));
  for (const t of Object.values(tracked)) t.page.setDefaultTimeout(TIMEOUT);
  try {
    await body(pages);
  } catch (err) {
    for (const [actor, t] of Object.entries(tracked)) await t.saveArtifacts(`${name}-${actor}`);
    throw err;
  } finally {
    for (const t of Object.values(tracked)) await t.context.close();
  }
}

/**
 * Follows a link of the main navigation by its label, opening the drawer (below 1200 px) or the
 * role's menu (我的 / 运营管理) holding it first. Waits for the header to know the session (so the
 * viewer's menus are there) and for the page shown to be the URL's (so no pending navigation closes
 * the menu once open), then for the menu's open state before following the link.
 */
export async function clickNav(page: Page, label: string): Promise<void> {
  await settled(page);
  const drawerButton = page.getByRole('button', { name: '打开导航菜单' });
  if (await drawerButton.isVisible()) {
    await drawerButton.click();
    return page.getByRole('dialog').getByRole('link', { name: label, exact: true }).click();
  }
  const nav = page.getByRole('navigation', { name: '主导航' });
  const link = nav.getByRole('link', { name: label, exact: true, includeHidden: true });
  // A link under a menu: open the menu (the list item holding it) first.
  const menu = nav
    .getByRole('listitem', { includeHidden: true })
    .filter({ has: page.getByRole('link', { name: label, exact: true, includeHidden: true }) })
    .locator(':scope > button');
  if ((await menu.count()) > 0 && (await menu.getAttribute('aria-expanded')) === 'false') {
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded'), { timeout: TIMEOUT }).toBe('true');
  }
  await link.click();
}
