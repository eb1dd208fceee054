// Auction timers (DESIGN §3, §5): BullMQ jobs are wake-up calls, PostgreSQL is the truth.
//   start / close   `auction-start-<id>` / `auction-close-<id>`, delayed to starts_at / ends_at. The
//                   handler locks the row and acts only if the time has come and the state still
//                   matches, so running twice is harmless; one that fires early (the end moved by a
//                   late bid, and the reschedule was lost) re-delays itself to the current instant.
//   sweep           every AUCTION_SWEEP_INTERVAL: starts and closes anything overdue, jobs or not.
//   reconcile       at boot and every minute: re-adds the wake-ups of every scheduled and live
//                   auction, so a Redis flush loses nothing.
// `auction.scheduled` outbox events (createAuction) arrive on the events channel and schedule the
// start at once; the reconciler covers any that were missed.
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DependencyHealth } from '../platform/dependency-health.js';
import { watchRedis } from '../platform/redis.js';
import type { Db } from '../db/client.js';
import type { AuctionSignals } from '../server/auctions/signals.js';
import { closeAuction } from '../server/auctions/closing.js';
import { pendingTimers, startAuction, sweepOverdue } from '../server/auctions/timers.js';
import { eventsChannel, type PublishedEvent } from '../platform/outbox.js';
import { scheduleAuctionTimer, type JobPayloads, type Queues } from '../platform/queues.js';

export async function processAuctionJob(
  db: Db,
  signals: AuctionSignals,
  queue: Queues['auctions'],
  job: Job<JobPayloads['auctions']>,
  token: string | undefined,
): Promise<unknown> {
  const data = job.data;
  switch (data.action) {
    case 'start': {
      const r = await startAuction(db, signals, data.auctionId);
      if (!r.started && r.reason === 'AUCTION_NOT_STARTED' && r.startsAt && token) {
        await job.moveToDelayed(r.startsAt.getTime(), token);
        throw new DelayedError();
      }
      return r;
    }
    case 'close': {
      const r = await closeAuction(db, signals, data.auctionId);
      if (!r.closed && r.reason === 'AUCTION_NOT_ENDED' && token) {
        await job.moveToDelayed(r.endsAt.getTime(), token);
        throw new DelayedError();
      }
      return r.closed ? { closed: true, result: r.summary.result } : r;
    }
    case 'sweep':
      return sweepOverdue(db, signals);
    case 'reconcile':
      return reconcileAuctionTimers(db, queue);
  }
}

export async function reconcileAuctionTimers(db: Db, queue: Queues['auctions']): Promise<{ ensured: number }> {
  const rows = await pendingTimers(db);
  for (const r of rows) {
    if (r.status === 'scheduled') await scheduleAuctionTimer(queue, 'start', r.id, r.startsAt);
    await scheduleAuctionTimer(queue, 'close', r.id, r.endsAt);
  }
  return { ensured: rows.length };
}

/** Schedules the start of auctions created elsewhere (the listing lifecycle) as soon as they commit. */
export async function listenForScheduledAuctions(
  redis: Redis,
  prefix: string,
  queue: Queues['auctions'],
  health: DependencyHealth,
  log?: Logger,
): Promise<() => Promise<void>> {
  const sub = watchRedis(redis.duplicate(), health, 'auction-listener');
  sub.on('message', (_channel: string, raw: string) => {
    let event: PublishedEvent;
    try {
      event = JSON.parse(raw) as PublishedEvent;
    } catch (err) {
      log?.warn({ err, raw: raw.slice(0, 200) }, 'unreadable event on the events channel');
      return;
    }
    if (event.topic !== 'auction.scheduled') return;
    const { auctionId, startsAt, endsAt } = event.payload as { auctionId: string; startsAt: string; endsAt: string };
    // A failure (Redis down) is repaired by the auction reconciler within a minute.
    const failed = (err: unknown) =>
      log?.warn({ err, auctionId }, 'auction timer not scheduled; the auction reconciler adds it');
    void scheduleAuctionTimer(queue, 'start', auctionId, new Date(startsAt)).catch(failed);
    void scheduleAuctionTimer(queue, 'close', auctionId, new Date(endsAt)).catch(failed);
  });
  await sub.subscribe(eventsChannel(prefix));
  return async () => {
    await sub.quit().catch((err: unknown) => log?.debug({ err }, 'auction listener already closed'));
  };
}
