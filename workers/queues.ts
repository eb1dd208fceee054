// The typed job registry: every queue's name and payload type, in one place. Payloads carry ids,
// never row snapshots; job ids are deterministic and free of ':' (BullMQ refuses it).
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/** The pay-later pool's jobs (措施五): schedulers for the scan, editions and the timer reconciler, and payment timers. */
export type PoolJob =
  /** Daily: include newly eligible results, remove those no longer eligible. */
  | { task: 'scan' }
  /** Per period: scan, then publish the period's edition (the period is the job's scheduled time). */
  | { task: 'edition' }
  /** At boot and every minute: (re)create the payment timers due within a day. */
  | { task: 'reconcile-timers' }
  /** A wake-up call for one payment: the handler re-reads the row and acts only if still due. */
  | { task: 'payment-timer'; timer: 'reminder' | 'overdue'; paymentId: string };

export interface JobPayloads {
  /** Periodic housekeeping: purge expired sessions. */
  maintenance: { task: 'purge-sessions' };
  pool: PoolJob;
}

export type QueueName = keyof JobPayloads;
export const QUEUE_NAMES = ['maintenance', 'pool'] as const satisfies readonly QueueName[];

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
  pool: {
    concurrency: 2,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 10_000 },
      // Completed timers are dropped at once, so the reconciler can re-create a timer whose handler
      // found it early ('not_yet'); the deterministic id still refuses duplicates while one waits.
      removeOnComplete: true,
      removeOnFail: 1000,
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
  return { maintenance: make('maintenance'), pool: make('pool') };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
