// Headless Chromium (Debian's package) driven by playwright-core. On failure a test saves a
// screenshot and the page's console log under test-artifacts/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  console: string[];
  /** Saves a screenshot and the console log named after the test. */
  saveArtifacts(name: string): Promise<void>;
}

export async function newTrackedPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 900 },
): Promise<TrackedPage> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  return {
    page,
    context,
    console: log,
    async saveArtifacts(name: string) {
      const dir = 'test-artifacts';
      mkdirSync(dir, { recursive: true });
      const safe = name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_').slice(0, 100);
      await page
        .screenshot({ path: `${dir}/${safe}.png`, fullPage: true, caret: 'initial' })
        .catch((err: unknown) => log.push(`screenshot failed: ${String(err)}`));
      writeFileSync(`${dir}/${safe}.console.log`, log.join('\n'));
    },
  };
}
