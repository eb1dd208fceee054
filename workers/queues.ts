// The typed job registry: every queue's name and payload type, in one place. Payloads carry ids,
// never row snapshots; job ids are deterministic and free of ':' (BullMQ refuses it).
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TimerKind } from '../domain/constants.js';

export interface JobPayloads {
  /** Periodic housekeeping: purge expired sessions. */
  maintenance: { task: 'purge-sessions' };
  /**
   * A listing deadline (domain/timers.ts): job id `<kind prefix>-<listing id>`, delayed to the
   * deadline. The handler re-reads the row; the payload is only which row and which deadline.
   */
  timers: { kind: TimerKind; listingId: string };
}

export type QueueName = keyof JobPayloads;
export const QUEUE_NAMES = ['maintenance', 'timers'] as const satisfies readonly QueueName[];

/** Each queue's tuning, in one place. */
export const QUEUE_SETTINGS: Record<QueueName, { concurrency: number; defaultJobOptions: JobsOptions }> = {
  maintenance: {
    concurrency: 1,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: 100,
      removeOnFail: 500,
    },
  },
  timers: {
    // Each firing is one short transaction whose time is mostly waiting on PostgreSQL (statements and
    // the commit's WAL flush); 16 in parallel let commits group, measured best in bench/timers.ts.
    concurrency: 16,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      // Removed on completion, so the same deterministic id can be scheduled again (a renewed showcase).
      removeOnComplete: true,
      removeOnFail: 1_000,
    },
  },
};

export type Queues = { [N in QueueName]: Queue<JobPayloads[N], unknown, string> };

export function createQueues(connection: Redis, prefix: string): Queues {
  const make = <N extends QueueName>(name: N) =>
    new Queue<JobPayloads[N], unknown, string>(name, {
      connection,
      prefix,
      defaultJobOptions: QUEUE_SETTINGS[name].defaultJobOptions,
    });
  return { maintenance: make('maintenance'), timers: make('timers') };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
