// The first script of every page (index.html): small, so it costs a phone nothing.
//
// The app shell (a signed-in user, a members' page) needs the app at once: main.tsx is loaded now.
// A server-rendered public page (#ssr-state) is already readable and its links are real <a href>:
// what the app adds is interaction (filters, the search box's suggestions, pagination in place,
// client-side navigation). Loading antd and hydrating cost a phone several seconds of a blocked main
// thread (issue 24: 1.2–2 s of total blocking time on a 4× slowed CPU), during which the page it is
// already showing would not answer taps anyway. So the app is loaded at the visitor's first
// interaction with the page (a tap, a key, focus, a mouse moving over it), and fetched ahead into
// the browser's cache once the page has loaded and the network is idle, so that first interaction
// waits for evaluation and hydration only, not for the download.
//
// What the visitor does before hydration is not lost:
// - a link is followed by the browser itself (the server renders the next page too);
// - a click on anything else (a button, a filter) is held and given again to the same element once
//   React has hydrated it;
// - text typed into the header's search box is taken over by the box (HeaderSearchBox.tsx).
import { SSR_STATE_ID } from './ssr-state.js';
import { COUNTDOWN_END_ATTRIBUTE, SERVER_TIME_ATTRIBUTE, timeLeft } from './time-left.js';

/** Where the server lists the app's scripts to fetch ahead (server/web/pages.ts). */
const PREFETCH_ID = 'app-prefetch';
/** What counts as the first interaction. */
const TRIGGERS = ['pointerdown', 'keydown', 'touchstart', 'focusin', 'mouseover', 'wheel'] as const;

const start = () => import('./main.js');

/** React marks every element it has hydrated (or rendered) with its fiber; before that, it is markup. */
const hydrated = (el: Element | null) => !!el && Object.keys(el).some((k) => k.startsWith('__reactFiber$'));

function later(run: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 5_000 });
  else setTimeout(run, 1_000);
}

/** Puts the app's scripts in the HTTP cache (no evaluation, no compilation on the main thread). */
function prefetch(): void {
  const list = document.getElementById(PREFETCH_ID)?.textContent;
  if (!list) return;
  for (const href of JSON.parse(list) as string[]) {
    const link = document.createElement('link');
    link.rel = 'prefetch';
    link.as = 'script';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
}

/** Gives a held click back to its element once React has hydrated it (gives up after a minute). */
function replay(target: Element): void {
  const deadline = Date.now() + 60_000;
  const attempt = () => {
    if (!target.isConnected || Date.now() > deadline) return;
    if (!hydrated(target)) {
      setTimeout(attempt, 50);
      return;
    }
    const init = { bubbles: true, cancelable: true, composed: true, view: window, button: 0 };
    target.dispatchEvent(new PointerEvent('pointerdown', init));
    target.dispatchEvent(new MouseEvent('mousedown', init));
    if (target instanceof HTMLElement) target.focus({ preventScroll: true });
    target.dispatchEvent(new PointerEvent('pointerup', init));
    target.dispatchEvent(new MouseEvent('mouseup', init));
    target.dispatchEvent(new MouseEvent('click', init));
  };
  attempt();
}

/**
 * Ticks the server-rendered countdowns (Countdown.tsx) until React has taken each over: the time left
 * to object, claim or respond is what a visitor came to read, and must not wait for a first tap. The
 * server's clock at rendering (on #root) stands in for the app's server clock until then.
 */
function tickCountdowns(root: HTMLElement): void {
  const rendered = Number(root.getAttribute(SERVER_TIME_ATTRIBUTE));
  const offset = Number.isFinite(rendered) && rendered > 0 ? rendered - performance.timeOrigin : 0;
  const tick = () => {
    const pending = [...root.querySelectorAll(`[${COUNTDOWN_END_ATTRIBUTE}]`)].filter((el) => !hydrated(el));
    for (const el of pending) {
      const left = Date.parse(el.getAttribute(COUNTDOWN_END_ATTRIBUTE) ?? '') - (Date.now() + offset);
      if (!Number.isNaN(left)) el.textContent = left > 0 ? `剩余 ${timeLeft(left)}` : '已截止';
    }
    return pending.length > 0;
  };
  if (!tick()) return;
  const timer = setInterval(() => {
    if (!tick()) clearInterval(timer);
  }, 1000);
}

function deferred(): void {
  let started = false;
  let loaded = false;
  const held: Element[] = [];
  const root = document.getElementById('root');
  if (root) tickCountdowns(root);

  // Parts of the page hydrate one after another (each lazily loaded page part when its code has
  // come), so this stays on: a click on server markup React has not taken over yet is held.
  document.addEventListener(
    'click',
    (e) => {
      const target = e.target instanceof Element ? e.target : null;
      if (!target || !root?.contains(target) || hydrated(target)) return;
      // A link works without the app; anything else waits for it.
      if (target.closest('a[href]')) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (loaded) replay(target);
      else held.push(target);
    },
    true,
  );

  const go = () => {
    if (started) return;
    started = true;
    for (const type of TRIGGERS) document.removeEventListener(type, go, true);
    void start().then(() => {
      loaded = true;
      for (const target of held.splice(0)) replay(target);
    });
  };
  for (const type of TRIGGERS) document.addEventListener(type, go, { capture: true, passive: true });

  if (document.readyState === 'complete') later(prefetch);
  else window.addEventListener('load', () => later(prefetch), { once: true });
}

if (document.getElementById(SSR_STATE_ID)) deferred();
else void start();
