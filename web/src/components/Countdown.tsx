import { Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useHydrated } from '../hydrated.js';
import { serverNow } from '../server-clock.js';

function parts(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return days > 0 ? `${days}天 ${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}

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

  // Server-rendered HTML is read later than it was made: the time left appears once the page runs.
  if (!hydrated) {
    return (
      <Typography.Text strong role="timer" aria-live="off" style={style}>
        剩余 --:--:--
      </Typography.Text>
    );
  }
  if (ended) return <Typography.Text type="secondary">已截止</Typography.Text>;
  return (
    <Typography.Text strong role="timer" aria-live="off" style={style}>
      剩余 {parts(left)}
    </Typography.Text>
  );
}
