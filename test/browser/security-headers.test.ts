// Issue 16 items 1 and 5: helmet's headers with a nonce-based Content-Security-Policy the web app
// satisfies — no 'unsafe-inline' for scripts or styles; the shell's tags, antd's CSS-in-JS and the
// run-time styles of rc-component (web/src/csp-nonce.ts) carry the response's nonce — frame-ancestors
// 'none', nosniff, a referrer policy, no HSTS outside production; HEAD answers wherever GET does.
// In the browser: no `securitypolicyviolation` on the main pages of every role, at 1280 and 390 px,
// with the dialogs and the phone drawer (the scroll locker's style) opened.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newTrackedPage } from '../helpers/browser.js';
import {
  as,
  createOperator,
  oversightMember,
  PASSWORD,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';
import { approvedSupply } from '../helpers/lifecycle.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { login, TIMEOUT } from './ui.js';

let server: TestServer;
let browser: Browser;
let operator: Session;
let inst: Session;
let ent: Session;
let oversight: Session;
let listingId: string;
const PENDING = '等待审核的成果转让项目';

beforeAll(async () => {
  server = await startTestServer({ env: { REGISTER_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  operator = await createOperator(server.t.app, server.db);
  inst = await verifiedMember(server.t.app, operator, 'institution');
  ent = await verifiedMember(server.t.app, operator, 'enterprise');
  oversight = await oversightMember(server.t.app, operator, 'supervisory', [inst.orgId]);
  listingId = (await approvedSupply(server.t.app, inst, operator)).id;
  // A listing in the operator's queue: its 驳回 opens a dialog (Modal, with the scroll locker's style).
  const member = as(server.t.app, inst);
  const result = await member({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  const draft = await member({
    method: 'POST',
    url: '/api/v1/listings',
    payload: supplyBody(result.json().id, { title: PENDING }),
  });
  await member({ method: 'POST', url: `/api/v1/listings/${draft.json().id}/submit` });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;

describe('headers', () => {
  it('sends the policy, the nonce in the page and the other headers', async () => {
    const a = await fetch(`${server.url}/listings/${listingId}`);
    const b = await fetch(`${server.url}/`);
    const csp = a.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // Nothing inline without the nonce: neither scripts nor styles (nor style attributes).
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).toMatch(/style-src 'self' 'nonce-/);
    const nonce = NONCE.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // One nonce per response, stamped on the page's own tags and offered to antd.
    expect(NONCE.exec(b.headers.get('content-security-policy') ?? '')?.[1]).not.toBe(nonce);
    const html = await a.text();
    expect(html).toContain(`<meta name="csp-nonce" content="${nonce}"`);
    for (const tag of html.match(/<(script|style)\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // HSTS only in production (NODE_ENV=test here).
    expect(a.headers.get('strict-transport-security')).toBeNull();
    const api = await fetch(`${server.url}/api/v1/listings`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // The shell is not reachable as a file without its nonce.
    const file = await fetch(`${server.url}/index.html`);
    expect(await file.text()).toContain('name="csp-nonce"');
  });

  it('answers HEAD wherever GET answers', async () => {
    const doc = (await (await fetch(`${server.url}/docs/json`)).json()) as { paths: Record<string, { get?: unknown }> };
    const urls = ['/', '/listings', `/listings/${listingId}`, '/docs/json'];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get) continue;
      urls.push(path.replace('{number}', '1').replace(/\{[^}]+\}/g, listingId));
    }
    const mismatched: string[] = [];
    for (const url of urls) {
      const get = await fetch(`${server.url}${url}`);
      await get.arrayBuffer();
      const head = await fetch(`${server.url}${url}`, { method: 'HEAD' });
      if (head.status !== get.status) mismatched.push(`${url}: GET ${get.status}, HEAD ${head.status}`);
    }
    expect(urls.length).toBeGreaterThan(50);
    expect(mismatched).toEqual([]);
  });
});

type Role = 'anonymous' | 'enterprise' | 'institution' | 'operator' | 'oversight';

/** Each role's main pages; `then` acts on the last one (opens a dialog, the phone drawer). */
const PAGES: Record<Role, () => string[]> = {
  anonymous: () => [
    '/',
    '/supply',
    '/demands',
    `/listings/${listingId}`,
    '/search?q=技术',
    '/notices',
    '/pool',
    '/pool/editions',
    '/login',
    '/register',
    '/no-such-page',
  ],
  enterprise: () => [
    '/my/listings',
    '/my/organisation',
    '/my/claims',
    '/my/paylater',
    '/my/listings/new?kind=demand',
    `/listings/${listingId}`,
    '/notifications',
    '/account/password',
  ],
  institution: () => [
    '/my/results',
    '/my/listings',
    '/my/results/new',
    '/my/proposals',
    '/my/pool',
    '/my/paylater',
    '/my/organisation',
    `/listings/${listingId}`,
  ],
  operator: () => [
    '/operator/organisations',
    '/operator/domicile-review',
    '/operator/paylater',
    '/operator/search',
    `/listings/${listingId}`,
    '/operator/listings',
  ],
  oversight: () => ['/', '/notifications', '/account/password'],
};
const SESSIONS: Record<Exclude<Role, 'anonymous'>, () => Session> = {
  enterprise: () => ent,
  institution: () => inst,
  operator: () => operator,
  oversight: () => oversight,
};

describe('the web app under the policy', () => {
  it('refuses a style that arrives as markup (the collector sees it)', async () => {
    const tracked = await newTrackedPage(browser, server.url);
    try {
      await collectViolations(tracked.page);
      await tracked.page.goto('/login');
      await tracked.page.locator('#main, main').first().waitFor();
      await tracked.page.evaluate(() => {
        const div = document.createElement('div');
        div.innerHTML = '<style>body { background: red }</style><span style="color: red">x</span>';
        document.body.append(div);
      });
      await expect
        .poll(() => tracked.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.join('\n')))
        .toMatch(/style-src-elem[\s\S]*style-src-attr|style-src-attr[\s\S]*style-src-elem/);
    } finally {
      await tracked.context.close();
    }
  });

  for (const width of [1280, 390]) {
    for (const role of ['anonymous', 'enterprise', 'institution', 'operator', 'oversight'] as const) {
      it(`${role} at ${width} px: no CSP violation on the main pages`, { timeout: 600_000 }, async () => {
        const tracked = await newTrackedPage(browser, server.url, { width, height: width < 500 ? 844 : 900 });
        const { page } = tracked;
        page.setDefaultTimeout(2 * TIMEOUT);
        await collectViolations(page);
        const violations: string[] = [];
        const check = async (where: string) => {
          const v = await page.evaluate(() => ((window as unknown as { __csp?: string[] }).__csp ?? []).splice(0));
          violations.push(...v.map((x) => `${where}: ${x}`));
        };
        try {
          if (role !== 'anonymous') {
            await login(page, SESSIONS[role]().email, PASSWORD);
            await check('login');
          }
          for (const path of PAGES[role]()) {
            await page.goto(path);
            await page.locator('#main, main').first().waitFor();
            await page.waitForLoadState('networkidle');
            await check(path);
          }
          // Styles written at run time by dialogs and drawers (the scroll locker).
          if (width < 500) {
            await page.getByRole('button', { name: '打开导航菜单' }).click();
            await page.getByRole('dialog').waitFor();
            await check('navigation drawer');
            await page.keyboard.press('Escape');
          } else if (role === 'operator') {
            await page.getByRole('button', { name: `驳回 ${PENDING}`, exact: true }).click();
            await page.getByRole('dialog').waitFor();
            await check('reject dialog');
            await page.keyboard.press('Escape');
          }
          // antd's run-time styles were written with the nonce (the page looks styled, not bare).
          const styled = await page.evaluate(
            () => Array.from(document.querySelectorAll('style')).filter((s) => s.nonce).length,
          );
          expect(styled).toBeGreaterThan(0);
          expect(tracked.console.filter((l) => l.includes('Content Security Policy'))).toEqual([]);
          expect(violations).toEqual([]);
        } catch (err) {
          await tracked.saveArtifacts(`csp-${role}-${width}`);
          throw err;
        } finally {
          await tracked.context.close();
        }
      });
    }
  }
});

/** Records every `securitypolicyviolation` of the page's documents in window.__csp. */
async function collectViolations(page: import('playwright-core').Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
    );
  });
}
