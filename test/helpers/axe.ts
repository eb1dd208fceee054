// axe-core injected into the page (the package's own browser bundle; @axe-core/playwright 4.14
// needs Node 22). Returns the serious and critical violations, one line each, so a failing
// assertion reads as the list of what to fix.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: Array<{
    id: string;
    impact: string | null;
    help: string;
    nodes: Array<{ target: string[]; failureSummary?: string }>;
  }>;
}

export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, not as an inline <script>: the page's CSP (issue 16)
  // refuses inline scripts without its nonce, and the test's instrument is not the app.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // An element fading in or out is measured at its momentary opacity: a success toast caught
    // mid-animation read as 3.4:1 contrast (ledger-flow on a loaded machine). Wait for every finite
    // animation and transition to end (spinners loop forever and are left running).
    const finite = document
      .getAnimations()
      .filter((a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    const axe = (window as unknown as { axe: { run(ctx: object, opts: object): Promise<unknown> } }).axe;
    // Toasts (antd message / notification) are left out: they close on their own timer, so one may
    // start fading while axe runs; their colours are antd's defaults, not the app's.
    return (await axe.run(
      { exclude: [['.ant-message'], ['.ant-notification']] },
      { resultTypes: ['violations'] },
    )) as AxeResult;
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
          .join(' | ')}`,
    );
}
