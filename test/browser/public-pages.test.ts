// Issue 24: public pages rendered on the server and hydrated in the browser. Without JavaScript a
// listing page already carries its title, price, head and structured data, and never the contact
// phone; with JavaScript the same HTML becomes the app at the visitor's first interaction (no
// hydration warnings, client-side navigation, dates the same in any browser time zone, a click
// before hydration not lost) on every public page; the phone header is laid out by the server as
// it is after hydration; a visitor's page logs no console error; robots.txt, the sitemap,
// compression and caching of assets.
import { brotliDecompressSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '../../domain/money.js';
import { launchBrowser, newTrackedPage } from '../helpers/browser.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply } from '../helpers/lifecycle.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
let inst: Session;
let listing: { id: string; title: string; priceFen: number; contactPhone: string };

const PHONE = '13912345678';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const operator = await createOperator(server.t.app, server.db);
  inst = await verifiedMember(server.t.app, operator, 'institution');
  const l = await approvedSupply(server.t.app, inst, operator, {
    title: '高精度数控机床主轴热误差补偿技术',
    priceFen: 123_450_000,
    contactPhone: PHONE,
  });
  listing = { id: l.id, title: String(l.title), priceFen: Number(l.priceFen), contactPhone: PHONE };
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Hydration problems React reports on the console (recoverable errors, mismatches). */
const HYDRATION = /hydrat|did not match|server rendered|Minified React error #4(18|19|23|25)/i;

/** React has taken over the element (its fiber key); before hydration it is the server's markup. */
function hydratedOf(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(
    (sel) => Object.keys(document.querySelector(sel) ?? {}).some((k) => k.startsWith('__reactFiber$')),
    selector,
  );
}

/**
 * The visitor's first interaction (the mouse moving over the page) loads the app and hydrates the
 * server's HTML (web/src/boot.ts); resolves once the page's h1 — inside the lazily loaded page — is
 * React's.
 */
async function interactAndHydrate(page: Page): Promise<void> {
  expect(await hydratedOf(page, '#root > *')).toBe(false);
  await page.mouse.move(5, 5);
  await page.mouse.move(40, 40);
  await page.waitForFunction(() =>
    Object.keys(document.querySelector('#main h1') ?? {}).some((k) => k.startsWith('__reactFiber$')),
  );
}

describe('a listing page without JavaScript', () => {
  it('has its title, price, head and structured data in the HTML, and no contact phone', async () => {
    const res = await fetch(`${server.url}/listings/${listing.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const price = formatFen(listing.priceFen);
    expect(html).toContain(`<title>${listing.title} - 辽宁揭榜挂帅</title>`);
    // In the rendered body (the h1 and the facts), not only in the head.
    const body = html.slice(html.indexOf('<div id="root"'));
    expect(body).toMatch(new RegExp(`<h1[^>]*>${listing.title}</h1>`));
    expect(body).toContain(price);
    expect(body).toContain('联系方式仅向已认证机构的登录成员显示');
    expect(html).not.toContain(PHONE);
    expect(html).toContain(`<link rel="canonical" href="http://localhost:`);
    expect(html).toMatch(new RegExp(`<link rel="canonical" href="[^"]+/listings/${listing.id}"`));
    expect(html).toMatch(new RegExp(`<meta name="description" content="成果找市场 · [^"]*${price}[^"]*"`));
    const ld = /<script[^>]*type="application\/ld\+json"[^>]*>(.*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(ld ?? 'null')).toMatchObject({
      '@type': 'Product',
      name: listing.title,
      offers: { price: (listing.priceFen / 100).toFixed(2), priceCurrency: 'CNY' },
    });
    // antd's styles for the first paint, with the response's nonce like every other tag.
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(html).toMatch(/<style[^>]*data-rc-order|<style[^>]*data-css-hash|\.ant-card/);
    for (const tag of html.match(/<(script|style)\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('is a 404 for a listing that does not exist, and the shell for a signed-in member', async () => {
    const missing = await fetch(`${server.url}/listings/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<div id="root"></div>');
    const member = await fetch(`${server.url}/listings/${listing.id}`, {
      headers: { cookie: `jb_sid=${inst.cookie}` },
    });
    expect(member.status).toBe(200);
    expect(await member.text()).toContain('<div id="root"></div>');
  });

  it('renders the home page and the browse list with their listings', async () => {
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).toContain('最新科技成果');
    expect(home).toContain(listing.title);
    const supply = await (await fetch(`${server.url}/supply`)).text();
    expect(supply).toContain('<title>成果找市场 - 辽宁揭榜挂帅</title>');
    expect(supply).toContain(`href="/listings/${listing.id}"`);
    expect(supply).toContain('"@type":"ItemList"');
    expect(supply).not.toContain(PHONE);
  });
});

describe('session check', () => {
  it('answers 200 with no session for a visitor, and the session for a member', async () => {
    const visitor = await server.t.app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ session: null });
    const forged = await server.t.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: 'jb_sid=forged' },
    });
    expect(forged.statusCode).toBe(200);
    expect(forged.json()).toEqual({ session: null });
    const member = await as(server.t.app, inst)({ method: 'GET', url: '/api/v1/session' });
    expect(member.statusCode).toBe(200);
    expect(member.json().session.user.email).toBe(inst.email);
  });
});

describe('findable and light', () => {
  it('serves robots.txt and a paged sitemap with the public listing', async () => {
    const robots = await (await fetch(`${server.url}/robots.txt`)).text();
    expect(robots).toContain('Disallow: /api/');
    expect(robots).toMatch(/Sitemap: http:\/\/localhost:\d+\/sitemap\.xml/);
    const index = await (await fetch(`${server.url}/sitemap.xml`)).text();
    expect(index).toContain('<sitemapindex');
    expect(index).toContain('/sitemap-listings.xml?page=1');
    const page = await (await fetch(`${server.url}/sitemap-listings.xml?page=1`)).text();
    expect(page).toContain(`/listings/${listing.id}</loc>`);
    expect((await fetch(`${server.url}/sitemap-listings.xml?page=0`)).status).toBe(400);
  });

  it('compresses pages and JSON, and caches fingerprinted assets for good', async () => {
    const res = await fetch(`${server.url}/listings/${listing.id}`, { headers: { 'accept-encoding': 'br' } });
    // fetch decodes on its own; the header says what travelled.
    expect(res.headers.get('content-encoding')).toBe('br');
    // JSON above the 1 KiB threshold (the listing's detail) travels gzipped when brotli is not offered.
    const detail = `${server.url}/api/v1/listings/${listing.id}`;
    const plain = await fetch(detail, { headers: { 'accept-encoding': 'identity' } });
    expect((await plain.text()).length).toBeGreaterThan(1024);
    const api = await fetch(detail, { headers: { 'accept-encoding': 'gzip' } });
    expect(api.headers.get('content-encoding')).toBe('gzip');
    const html = await res.text();
    const script = /<script[^>]*type="module"[^>]*src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    // The precompressed copy is the asset itself.
    const raw = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
    const http = await import('node:http');
    const brBytes = await new Promise<Buffer>((resolve, reject) => {
      http
        .get(`${server.url}${script}`, { headers: { 'accept-encoding': 'br' } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve(Buffer.concat(chunks)));
        })
        .on('error', reject);
    });
    expect(brotliDecompressSync(brBytes).toString()).toBe(await raw.text());
  });
});

describe('in the browser', () => {
  it('hydrates the listing page without warnings, in any time zone, and navigates client-side', async () => {
    const tracked = await newTrackedPage(browser, server.url);
    // Another browser time zone: dates must still read in Asia/Shanghai, as the server wrote them.
    await tracked.context.close();
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    // A loaded shared machine: navigation waits for states, not for a quiet CPU.
    page.setDefaultTimeout(120_000);
    page.setDefaultNavigationTimeout(120_000);
    const log: string[] = [];
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    try {
      const html = await (await fetch(`${server.url}/listings/${listing.id}`)).text();
      const published = /发布时间<\/span>.*?<span[^>]*>(\d{4}-\d{2}-\d{2} \d{2}:\d{2})</.exec(html)?.[1];
      expect(published).toBeTruthy();
      await page.goto(`/listings/${listing.id}`);
      await page.getByRole('heading', { level: 1, name: listing.title }).waitFor();
      await page.getByText(published!).first().waitFor();
      // Not hydrated before the visitor does anything; hydrated (React attached to the server's DOM)
      // once they do.
      await page.waitForLoadState('load');
      await interactAndHydrate(page);
      await page.getByText(published!).first().waitFor();
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
      // Interactive: a link is handled by the router, the document stays the same.
      await page.getByRole('link', { name: '成果找市场' }).first().click();
      await page.waitForURL('**/supply');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
      expect(log.filter((l) => HYDRATION.test(l))).toEqual([]);
      expect(log.filter((l) => l.startsWith('[error]') || l.startsWith('[pageerror]'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // The other public pages: each is server-rendered, hydrates at the first interaction without a
  // warning or a console error, and is then the app (a header link navigates client-side).
  // inst.orgId is known once beforeAll has run: the paths are made in the tests.
  const OTHER_PAGES: Array<[string, () => string]> = [
    ['search', () => `/search?q=${encodeURIComponent('机床')}`],
    ['notice board', () => '/notices'],
    ['pool', () => '/pool'],
    ['pool editions', () => '/pool/editions'],
    ["an institution's disclosure", () => `/institutions/${inst.orgId}/disclosure`],
  ];
  for (const [name, pathOf] of OTHER_PAGES) {
    it(`hydrates ${name} at the first interaction, without warnings, and navigates client-side`, async () => {
      const path = pathOf();
      const html = await (await fetch(`${server.url}${path}`)).text();
      // Server-rendered (not the empty shell).
      expect(html).toContain('id="ssr-state"');
      expect(html).not.toContain('<div id="root"></div>');
      const tracked = await newTrackedPage(browser, server.url);
      const { page } = tracked;
      page.setDefaultTimeout(120_000);
      page.setDefaultNavigationTimeout(120_000);
      try {
        await page.goto(path);
        await page.locator('#main h1').first().waitFor();
        await page.waitForLoadState('load');
        await interactAndHydrate(page);
        await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
        await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '成果找市场' }).click();
        await page.waitForURL('**/supply');
        await page.getByRole('heading', { level: 1, name: '成果找市场' }).waitFor();
        expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
        const problems = tracked.console.filter((l) => /^\[(error|pageerror)\]/.test(l) || HYDRATION.test(l));
        expect(problems).toEqual([]);
      } catch (err) {
        await tracked.saveArtifacts(`public-pages-hydrate-${name}`);
        throw err;
      } finally {
        await tracked.context.close();
      }
    }, 300_000);
  }

  it('lays the phone header out on the server as after hydration (390 px), and keeps a tap made before it', async () => {
    const tracked = await newTrackedPage(browser, server.url, { width: 390, height: 844 });
    const { page } = tracked;
    page.setDefaultTimeout(120_000);
    page.setDefaultNavigationTimeout(120_000);
    const boxes = () =>
      page.evaluate(() =>
        ['header', 'header a[href="/"]', 'header button[aria-label="打开导航菜单"]', '#main h1'].map((sel) => {
          const el = document.querySelector(sel);
          const r = el?.getBoundingClientRect();
          return { sel, box: r && el!.checkVisibility() ? [r.x, r.y, r.width, r.height].map(Math.round) : null };
        }),
      );
    try {
      await page.goto('/supply');
      await page.locator('#main h1').waitFor();
      await page.waitForLoadState('load');
      // The server's markup, before any script: the phone header (menu button and search button
      // shown, the header line's links not), no sideways scrolling.
      const nav = page.getByRole('navigation', { name: '主导航' });
      expect(await nav.count()).toBe(0);
      await page.getByRole('button', { name: '打开导航菜单' }).waitFor();
      await page.getByRole('button', { name: '搜索项目' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      const before = await boxes();
      expect(before.every((b) => b.box !== null)).toBe(true);
      await interactAndHydrate(page);
      expect(await boxes()).toEqual(before);

      // A tap on a button before hydration is given to it once hydrated: the drawer opens.
      await page.goto('/');
      await page.locator('#main h1').waitFor();
      await page.waitForLoadState('load');
      expect(await hydratedOf(page, '#root > *')).toBe(false);
      await page.getByRole('button', { name: '打开导航菜单' }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('link', { name: '成果找市场' }).waitFor();
      const problems = tracked.console.filter((l) => /^\[(error|pageerror)\]/.test(l) || HYDRATION.test(l));
      expect(problems).toEqual([]);
    } catch (err) {
      await tracked.saveArtifacts('public-pages-phone-header');
      throw err;
    } finally {
      await tracked.context.close();
    }
  }, 300_000);

  it("a visitor's home page hydrates and logs no console error", async () => {
    const tracked = await newTrackedPage(browser, server.url, { width: 390, height: 844 });
    try {
      const sessionChecks: number[] = [];
      tracked.page.on('response', (r) => {
        if (r.url().includes('/api/v1/me') || r.url().includes('/api/v1/session')) sessionChecks.push(r.status());
      });
      await tracked.page.goto('/');
      await tracked.page.getByRole('link', { name: listing.title }).first().waitFor();
      await tracked.page.waitForLoadState('load');
      await interactAndHydrate(tracked.page);
      await tracked.page.waitForLoadState('networkidle');
      expect(sessionChecks.every((s) => s === 200)).toBe(true);
      const problems = tracked.console.filter((l) => /^\[(error|pageerror)\]/.test(l) || HYDRATION.test(l));
      expect(problems).toEqual([]);
    } catch (err) {
      await tracked.saveArtifacts('public-pages-home');
      throw err;
    } finally {
      await tracked.context.close();
    }
  });
});
