import { useEffect, useState } from 'react';
import { serverNow } from '../../server-clock.js';

/** The server's current time, refreshed every `everyMs`, so waiting times in the queues keep growing. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

const DAY = 86_400_000;

/** Amber after three days in a queue, red after a week. */
export function waitingColor(ms: number): string | undefined {
  if (ms > 7 * DAY) return '#cf1322';
  if (ms > 3 * DAY) return '#d46b08';
  return undefined;
}
