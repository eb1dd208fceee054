// The worker's PostgreSQL pool covers every job slot it runs at once, plus the relay and the
// reconciler (scripts/start.ts sizes the pool with workerConnections()).
import { describe, expect, it } from 'vitest';
import { QUEUE_NAMES, QUEUE_SETTINGS, workerConnections } from '../workers/queues.js';

describe('the worker pool size', () => {
  it('is at least the sum of every queue concurrency, plus the relay and the reconciler', () => {
    const slots = QUEUE_NAMES.reduce((n, q) => n + QUEUE_SETTINGS[q].concurrency, 0);
    expect(workerConnections()).toBe(slots + 2);
    // The busiest queues alone would exhaust the default pool of 10.
    expect(workerConnections()).toBeGreaterThan(
      QUEUE_SETTINGS.timers.concurrency + QUEUE_SETTINGS.auctions.concurrency,
    );
  });
});
