import { lt } from 'drizzle-orm';
import type { Job } from 'bullmq';
import type { Db } from '../db/client.js';
import { sessions } from '../db/schema/index.js';
import type { JobPayloads } from './queues.js';

export async function processMaintenance(db: Db, job: Job<JobPayloads['maintenance']>): Promise<{ purged: number }> {
  switch (job.data.task) {
    case 'purge-sessions': {
      const purged = await db
        .delete(sessions)
        .where(lt(sessions.expiresAt, new Date()))
        .returning({ t: sessions.tokenHash });
      return { purged: purged.length };
    }
  }
}
