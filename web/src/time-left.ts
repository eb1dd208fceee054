// "Time left" as a countdown shows it (Countdown.tsx), shared with the first script (boot.ts), which
// ticks a server-rendered countdown until the app has taken the page over.

/** `N天 hh:mm:ss`, or `hh:mm:ss` under a day; never negative. */
export function timeLeft(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return days > 0 ? `${days}天 ${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** The attribute a server-rendered countdown carries: its end (ISO), for boot.ts to tick. */
export const COUNTDOWN_END_ATTRIBUTE = 'data-countdown-end';
/** The attribute on #root with the server's clock (epoch ms) when it rendered the page. */
export const SERVER_TIME_ATTRIBUTE = 'data-server-time';
