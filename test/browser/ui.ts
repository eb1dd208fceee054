// Small steps the browser tests share. Fields are found by their visible label (getByLabel), so a
// test also proves every input it touches is labelled.
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newTrackedPage, type TrackedPage } from '../helpers/browser.js';

// Per step: generous, since a loaded machine renders slowly; a passing step never waits it out.
export const TIMEOUT = 30_000;

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
}

/**
 * The page header once it knows the session (`data-session="ready"`, set by AppLayout), signed in
 * (any role) or, with `role: 'anonymous'`, signed out. Its menus are then the viewer's.
 */
export function readyHeader(page: Page, role?: string) {
  const viewer = role ? `[data-role="${role}"]` : ':not([data-role="anonymous"])';
  return page.locator(`header[data-session="ready"]${viewer}`);
}

export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: TIMEOUT });
  await readyHeader(page).waitFor({ timeout: TIMEOUT });
  // The URL changes at once, but the router shows the login page until the next page (a lazy
  // chunk) has loaded; only then does the header see the new path, and that closes any menu opened
  // meanwhile. So this waits for the login form to go.
  await page.getByRole('button', { name: '登录', exact: true }).waitFor({ state: 'detached', timeout: TIMEOUT });
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
 * role's menu (我的 / 运营管理) holding it first. Waits for the header to know the session, so the
 * viewer's menus are there when it looks.
 */
export async function clickNav(page: Page, label: string): Promise<void> {
  await page.locator('header[data-session="ready"]').waitFor({ timeout: TIMEOUT });
  const drawerButton = page.getByRole('button', { name: '打开导航菜单' });
  if (await drawerButton.isVisible()) {
    await drawerButton.click();
    return page.getByRole('dialog').getByRole('link', { name: label, exact: true }).click();
  }
  const nav = page.getByRole('navigation', { name: '主导航' });
  const link = nav.getByRole('link', { name: label, exact: true, includeHidden: true });
  // A link under a menu: open the menu (the list item holding it) first. On a loaded machine a late
  // render of the page can close the menu again between opening and clicking (seen in the repeat
  // loop at load 25–40, cause not yet found); then it is opened again, as `pick` does for a select.
  const menu = nav
    .getByRole('listitem', { includeHidden: true })
    .filter({ has: page.getByRole('link', { name: label, exact: true, includeHidden: true }) })
    .locator(':scope > button');
  for (let attempt = 1; ; attempt++) {
    if (!(await link.isVisible()) && (await menu.count()) > 0 && (await menu.getAttribute('aria-expanded')) === 'false')
      await menu.click();
    const clicked = await link.click({ timeout: 5_000 }).then(
      () => true,
      (err: unknown) => {
        if (attempt >= 4) throw err;
        return false;
      },
    );
    if (clicked) return;
  }
}
