import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, so waiting times in the queues keep growing. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
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
