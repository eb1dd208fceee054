import { Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useHydrated } from '../hydrated.js';
import { serverNow } from '../server-clock.js';
import { COUNTDOWN_END_ATTRIBUTE, timeLeft } from '../time-left.js';

/**
 * A ticking "time left" until `target` by the server's clock (a PC's clock may be off); calls onEnd
 * once when it passes (e.g. to refetch the status).
 */
export function Countdown({
  target,
  onEnd,
  size = 'large',
}: {
  target: string;
  onEnd?: () => void;
  /** `small` for a table cell. */
  size?: 'large' | 'small';
}) {
  const end = new Date(target).getTime();
  const [now, setNow] = useState(() => serverNow());
  const left = end - now;
  const ended = left <= 0;
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  useEffect(() => {
    if (ended) {
      onEndRef.current?.();
      return;
    }
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, [ended]);

  const hydrated = useHydrated();
  const style = { fontVariantNumeric: 'tabular-nums', fontSize: size === 'small' ? 14 : 20 } as const;

  // Server-rendered HTML is read later than it was made, so the time left is not in it: the page's
  // first script (boot.ts) ticks this placeholder by the end it carries until the app takes over,
  // which on a public page waits for the visitor's first interaction. What it wrote is not a
  // hydration mismatch (suppressHydrationWarning): the next render replaces it.
  if (!hydrated) {
    const end = { [COUNTDOWN_END_ATTRIBUTE]: target };
    return (
      <Typography.Text strong role="timer" aria-live="off" style={style}>
        <span {...end} suppressHydrationWarning>
          剩余 --:--:--
        </span>
      </Typography.Text>
    );
  }
  if (ended) return <Typography.Text type="secondary">已截止</Typography.Text>;
  return (
    <Typography.Text strong role="timer" aria-live="off" style={style}>
      剩余 {timeLeft(left)}
    </Typography.Text>
  );
}
