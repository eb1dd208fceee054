// Issue 16, items 3 and 6 (web): a signed-in enterprise changes its password from the header's user
// area (wrong current password and weak new password refused with the api's Chinese message), then
// signs in with the new one; an anonymous visitor on a listing page reads why contact details are
// hidden and finds no phone number in the page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { createOperator, PASSWORD, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply } from '../helpers/lifecycle.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { login, logout, readyHeader, toast, withPages } from './ui.js';

const NEW_PASSWORD = 'Tiexi-Foundry-Lathe-4817';
const PHONE = '13912345678';

let server: TestServer;
let browser: Browser;
let operator: Session;
let enterprise: Session;
let listingId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  operator = await createOperator(server.t.app, server.db);
  enterprise = await verifiedMember(server.t.app, operator, 'enterprise');
  const institution = await verifiedMember(server.t.app, operator, 'institution');
  const listing = await approvedSupply(server.t.app, institution, operator, { contactPhone: PHONE });
  listingId = listing.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('change password page', () => {
  it('refuses a wrong current password and a weak new one, then changes it', async () => {
    await withPages(browser, server.url, 'account-password', ['enterprise'], async ({ enterprise: page }) => {
      await login(page!, enterprise.email, PASSWORD);
      // Reached from the header's user area, beside 退出登录.
      await readyHeader(page!, 'enterprise').getByRole('link', { name: '修改密码' }).click();
      await page!.getByRole('heading', { name: '修改密码' }).waitFor();
      // The rule is shown before anything is typed.
      await page!.getByText('至少 10 个字符，且不能是常见密码、拼音词、生日或简单数字组合', { exact: false }).waitFor();
      expect(await seriousA11yViolations(page!)).toEqual([]);

      const form = page!.getByRole('form', { name: '修改密码' });
      const submit = form.getByRole('button', { name: '修改密码' });
      const fill = async (current: string, next: string) => {
        await page!.getByLabel('当前密码').fill(current);
        await page!.getByLabel('新密码', { exact: true }).fill(next);
        await page!.getByLabel('确认新密码').fill(next);
        await submit.click();
      };

      await fill('not-my-password-1', NEW_PASSWORD);
      await form.getByRole('alert').filter({ hasText: '当前密码不正确' }).waitFor();
      expect(await page!.getByText('WRONG_CURRENT_PASSWORD').count()).toBe(0);

      await fill(PASSWORD, 'woaini1314520');
      await form.getByRole('alert').filter({ hasText: '密码强度不足' }).waitFor();
      expect(await page!.getByText('PASSWORD_TOO_WEAK').count()).toBe(0);

      await fill(PASSWORD, NEW_PASSWORD);
      await toast(page!, '密码已修改');
      // The form is cleared and the earlier error gone.
      await expect.poll(() => page!.getByLabel('当前密码').inputValue()).toBe('');
      expect(await page!.getByLabel('新密码', { exact: true }).inputValue()).toBe('');
      expect(await form.getByRole('alert').count()).toBe(0);

      // The new password logs in.
      await logout(page!);
      await login(page!, enterprise.email, NEW_PASSWORD);
      await readyHeader(page!, 'enterprise').waitFor();
    });
  });
});

describe('listing contact details', () => {
  it('tells an anonymous visitor why contact details are hidden', async () => {
    await withPages(browser, server.url, 'account-contact', ['visitor'], async ({ visitor: page }) => {
      await page!.goto(`/listings/${listingId}`);
      await readyHeader(page!, 'anonymous').waitFor();
      await page!.getByText('联系方式仅向已认证机构的登录成员显示，依据个人信息保护法的最小必要原则').waitFor();
      const html = await page!.content();
      expect(html).not.toContain(PHONE);
      expect(html).not.toContain('李老师');
      expect(await seriousA11yViolations(page!)).toEqual([]);
    });
  });
});
