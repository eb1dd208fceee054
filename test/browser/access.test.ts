// Issue 3, flow 3: a signed-in enterprise cannot open the operator console. Also: an anonymous visitor
// is sent to log in first, API refusals are shown as their Chinese message, and at phone width the
// navigation collapses into a drawer.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { createOperator, PASSWORD, verifiedMember, type Session } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { login, logout, withPages } from './ui.js';

let server: TestServer;
let browser: Browser;
let operator: Session;
let enterprise: Session;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  operator = await createOperator(server.t.app, server.db);
  enterprise = await verifiedMember(server.t.app, operator, 'enterprise');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('operator console access', () => {
  it('refuses a signed-in enterprise', async () => {
    await withPages(browser, server.url, 'access-enterprise', ['enterprise'], async ({ enterprise: page }) => {
      await login(page!, enterprise.email, PASSWORD);
      await expect.poll(() => page!.getByRole('button', { name: '我的' }).count()).toBe(1);
      expect(await page!.getByRole('button', { name: '运营管理' }).count()).toBe(0);

      for (const path of ['/operator', '/operator/organisations']) {
        await page!.goto(path);
        await page!.getByText('无权访问').waitFor();
        await page!.getByText('运营管理后台仅限平台运营人员使用').waitFor();
        expect(await page!.getByRole('tab', { name: '项目审核' }).count()).toBe(0);
        expect(await page!.getByRole('table').count()).toBe(0);
      }

      // After logging out, member pages ask for a login again.
      await logout(page!);
      await page!.goto('/my/listings');
      await page!.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/my/listings');
    });
  });

  it('sends an anonymous visitor to log in, then back to the console', async () => {
    await withPages(browser, server.url, 'access-anonymous', ['visitor'], async ({ visitor: page }) => {
      await page!.goto('/operator/organisations');
      await page!.waitForURL(
        (u) => u.pathname === '/login' && u.searchParams.get('next') === '/operator/organisations',
      );

      // A wrong password is refused with the api's Chinese message, not JSON.
      await page!.getByLabel('邮箱').fill(operator.email);
      await page!.getByLabel('密码').fill('wrong-password-1');
      await page!.getByRole('button', { name: '登录', exact: true }).click();
      await page!.getByRole('alert').filter({ hasText: '邮箱或密码错误' }).waitFor();
      expect(await page!.getByText('INVALID_CREDENTIALS').count()).toBe(0);

      await page!.getByLabel('密码').fill(PASSWORD);
      await page!.getByRole('button', { name: '登录', exact: true }).click();
      await page!.waitForURL('**/operator/organisations');
      await page!.getByRole('tab', { name: '机构认证', selected: true }).waitFor();
    });
  });

  it('collapses the navigation into a drawer at phone width', async () => {
    await withPages(
      browser,
      server.url,
      'access-phone',
      ['phone'],
      async ({ phone: page }) => {
        await login(page!, enterprise.email, PASSWORD);
        await page!.goto('/supply');
        await page!.getByRole('heading', { name: '成果找市场' }).waitFor();
        // The horizontal menu is replaced by a button that opens the drawer.
        expect(await page!.getByRole('link', { name: '我的项目' }).count()).toBe(0);
        await page!.getByRole('button', { name: '打开导航菜单' }).click();
        const drawer = page!.getByRole('dialog');
        await drawer.getByRole('link', { name: '我的项目' }).click();
        await page!.waitForURL('**/my/listings');
        await page!.getByRole('heading', { name: '我的项目' }).waitFor();
        // Navigating closed the drawer.
        await expect.poll(() => page!.getByRole('dialog').count()).toBe(0);
        // The page does not scroll sideways.
        const overflow = await page!.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      },
      { width: 390, height: 844 },
    );
  });
});
