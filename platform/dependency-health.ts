// One structured log line per state change of a dependency (PostgreSQL, Redis): "down" once, "still
// down" at most every 30 s while it stays down, "back" when it answers again. A Redis outage makes
// every client, queue and worker report the same refused connection many times a second; they all
// report here instead of logging each error (issue "Resilience": the log flood of an outage).
import type { Logger } from 'pino';

export const STILL_DOWN_EVERY_MS = 30_000;

export interface DependencyHealth {
  readonly name: string;
  /** Whether the last report was a failure. */
  readonly down: boolean;
  /** A failure was observed (an error event, a refused command). */
  failed(err: unknown, context?: Record<string, unknown>): void;
  /** The dependency answered (a `ready` event, a successful command). */
  recovered(): void;
}

function describe(err: unknown): { code?: string; message: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? { code, message: err.message } : { message: err.message };
  }
  return { message: String(err) };
}

/** `now` is injectable so the rate of "still down" lines is testable without waiting 30 s. */
export function dependencyHealth(name: string, log: Logger, now: () => number = Date.now): DependencyHealth {
  let downSince: number | null = null;
  let lastLine = 0;
  let failures = 0;
  return {
    name,
    get down() {
      return downSince !== null;
    },
    failed(err, context) {
      const t = now();
      failures++;
      if (downSince === null) {
        downSince = t;
        lastLine = t;
        failures = 1;
        log.error({ dependency: name, state: 'down', error: describe(err), ...context }, `${name} unreachable`);
        return;
      }
      if (t - lastLine >= STILL_DOWN_EVERY_MS) {
        lastLine = t;
        log.error(
          {
            dependency: name,
            state: 'still_down',
            downForMs: t - downSince,
            failures,
            error: describe(err),
            ...context,
          },
          `${name} still unreachable`,
        );
      }
    },
    recovered() {
      if (downSince === null) return;
      const t = now();
      log.info({ dependency: name, state: 'back', downForMs: t - downSince, failures }, `${name} reachable again`);
      downSince = null;
      failures = 0;
    },
  };
}
