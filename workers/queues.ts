// The typed job registry: every queue's name and payload type, in one place. Payloads carry ids,
// never row snapshots; job ids are deterministic and free of ':' (BullMQ refuses it).
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

export interface JobPayloads {
  /** Periodic housekeeping: purge expired sessions. */
  maintenance: { task: 'purge-sessions' };
}

export type QueueName = keyof JobPayloads;
export const QUEUE_NAMES = ['maintenance'] as const satisfies readonly QueueName[];

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
};

export type Queues = { [N in QueueName]: Queue<JobPayloads[N], unknown, string> };

export function createQueues(connection: Redis, prefix: string): Queues {
  const make = <N extends QueueName>(name: N) =>
    new Queue<JobPayloads[N], unknown, string>(name, {
      connection,
      prefix,
      defaultJobOptions: QUEUE_SETTINGS[name].defaultJobOptions,
    });
  return { maintenance: make('maintenance') };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
