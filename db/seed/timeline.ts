// Timestamps for seeded listings, relative to the seeding clock, so every row looks like it went
// through the state machine of DESIGN.md §5: a public listing has published_at, and the deadline of
// its current state (expires_at, notice_ends_at, listing_ends_at, deadline, selection_ends_at) lies
// in the future, so no timer fires the moment the demo starts.

import type { DemandStatus, PricingMode, SupplyStatus } from '../../domain/constants/listings.js';
import { addDuration, type Duration } from '../../domain/duration.js';
import type { Rng } from './random.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface SeedPeriods {
  notice: Duration;
  /** 措施四: the institution's decision after a notice with a standing objection. */
  objectionDecision: Duration;
  listing: Duration;
  showcase: Duration;
  selection: Duration;
}

export interface ListingTimes {
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
  /** When an operator approved (public states) or rejected it; null otherwise. */
  decidedAt: Date | null;
  noticeEndsAt: Date | null;
  objectionDecisionEndsAt: Date | null;
  listingEndsAt: Date | null;
  expiresAt: Date | null;
  selectionEndsAt: Date | null;
  deadline: Date | null;
  /** Supply in state `converted`: when the deal was recorded. */
  convertedAt: Date | null;
  /** Demand: when the enterprise awarded a proposal, and when both sides confirmed landing. */
  awardedAt: Date | null;
  landedAt: Date | null;
}

/** Published listings of running states fall within this window before now. */
const RECENT_WINDOW = 60 * DAY;

export class Clock {
  constructor(
    readonly now: Date,
    readonly periods: SeedPeriods,
  ) {}

  ago(ms: number): Date {
    return new Date(this.now.getTime() - ms);
  }

  ahead(ms: number): Date {
    return new Date(this.now.getTime() + ms);
  }

  /** Length of a period measured from now (calendar units make it depend on the date). */
  span(period: Duration): number {
    return addDuration(this.now, period).getTime() - this.now.getTime();
  }

  /** How long ago a listing whose `period` is still running started: strictly inside the period. */
  runningOffset(rng: Rng, period: Duration): number {
    return rng.between(0.05, 0.9) * Math.min(this.span(period), RECENT_WINDOW);
  }

  /** 23:59:59 Asia/Shanghai of the day the instant falls on: how deadlines are usually set. */
  endOfShanghaiDay(at: Date): Date {
    const shanghaiMidnight = Math.floor((at.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    return new Date(shanghaiMidnight + DAY - 1000);
  }

  notAfterNow(at: Date): Date {
    return at.getTime() < this.now.getTime() ? at : this.ago(HOUR);
  }
}

function blank(createdAt: Date): ListingTimes {
  return {
    createdAt,
    updatedAt: createdAt,
    submittedAt: null,
    publishedAt: null,
    decidedAt: null,
    noticeEndsAt: null,
    objectionDecisionEndsAt: null,
    listingEndsAt: null,
    expiresAt: null,
    selectionEndsAt: null,
    deadline: null,
    convertedAt: null,
    awardedAt: null,
    landedAt: null,
  };
}

/** A listing approved at `publishedAt`: submitted a few hours to days before, drafted before that. */
function published(rng: Rng, publishedAt: Date): ListingTimes {
  const submittedAt = new Date(publishedAt.getTime() - rng.between(3 * HOUR, 72 * HOUR));
  const createdAt = new Date(submittedAt.getTime() - rng.between(1 * DAY, 10 * DAY));
  return { ...blank(createdAt), submittedAt, publishedAt, decidedAt: publishedAt, updatedAt: publishedAt };
}

/** States before publication, common to both kinds. */
function unpublished(rng: Rng, clock: Clock, status: 'draft' | 'pending_review' | 'rejected'): ListingTimes {
  switch (status) {
    case 'draft': {
      const createdAt = clock.ago(rng.between(2 * HOUR, 20 * DAY));
      return { ...blank(createdAt), updatedAt: clock.notAfterNow(new Date(createdAt.getTime() + rng.between(0, DAY))) };
    }
    case 'pending_review': {
      // Spread over the last days so the moderation queue shows different waiting times.
      const submittedAt = clock.ago(rng.between(1 * HOUR, 6 * DAY));
      const createdAt = new Date(submittedAt.getTime() - rng.between(2 * HOUR, 5 * DAY));
      return { ...blank(createdAt), submittedAt, updatedAt: submittedAt };
    }
    case 'rejected': {
      const submittedAt = clock.ago(rng.between(2 * DAY, 15 * DAY));
      const decidedAt = new Date(submittedAt.getTime() + rng.between(3 * HOUR, 40 * HOUR));
      const createdAt = new Date(submittedAt.getTime() - rng.between(1 * DAY, 6 * DAY));
      return { ...blank(createdAt), submittedAt, decidedAt, updatedAt: decidedAt };
    }
  }
}

export function supplyTimes(rng: Rng, clock: Clock, status: SupplyStatus, mode: PricingMode): ListingTimes {
  const { periods } = clock;
  switch (status) {
    case 'draft':
    case 'pending_review':
    case 'rejected':
      return unpublished(rng, clock, status);
    case 'showcase': {
      const t = published(rng, clock.ago(clock.runningOffset(rng, periods.showcase)));
      return { ...t, expiresAt: addDuration(t.publishedAt!, periods.showcase) };
    }
    case 'notice': {
      const t = published(rng, clock.ago(clock.runningOffset(rng, periods.notice)));
      return { ...t, noticeEndsAt: addDuration(t.publishedAt!, periods.notice) };
    }
    case 'listed': {
      const t = published(rng, clock.ago(clock.runningOffset(rng, periods.listing)));
      return { ...t, listingEndsAt: addDuration(t.publishedAt!, periods.listing) };
    }
    case 'objection_review': {
      // 措施四: the notice ended with a standing objection; the institution's decision is still due.
      const noticeEndsAt = clock.ago(clock.runningOffset(rng, periods.objectionDecision));
      const t = published(rng, new Date(noticeEndsAt.getTime() - clock.span(periods.notice)));
      return {
        ...t,
        noticeEndsAt,
        objectionDecisionEndsAt: addDuration(noticeEndsAt, periods.objectionDecision),
        updatedAt: noticeEndsAt,
      };
    }
    case 'matched':
    case 'converted': {
      const extra = status === 'matched' ? rng.between(2 * DAY, 40 * DAY) : rng.between(20 * DAY, 80 * DAY);
      let t: ListingTimes;
      let closedAt: Date;
      if (mode === 'negotiated') {
        // 措施四: notice ran its course without a standing objection → matched with the named party.
        t = published(rng, clock.ago(clock.span(periods.notice) + extra));
        t.noticeEndsAt = addDuration(t.publishedAt!, periods.notice);
        closedAt = t.noticeEndsAt;
      } else {
        // Fixed price: one claim in the listing window → matched when the window closed.
        t = published(rng, clock.ago(clock.span(periods.listing) + extra));
        t.listingEndsAt = addDuration(t.publishedAt!, periods.listing);
        closedAt = t.listingEndsAt;
      }
      t.updatedAt = clock.notAfterNow(closedAt);
      if (status === 'converted') {
        t.convertedAt = clock.notAfterNow(new Date(closedAt.getTime() + rng.between(3 * DAY, 15 * DAY)));
        t.updatedAt = t.convertedAt;
      }
      return t;
    }
    case 'expired': {
      const period = mode === 'fixed' ? periods.listing : periods.showcase;
      const t = published(rng, clock.ago(clock.span(period) + rng.between(3 * DAY, 60 * DAY)));
      const end = addDuration(t.publishedAt!, period);
      if (mode === 'fixed') t.listingEndsAt = end;
      else t.expiresAt = end;
      t.updatedAt = clock.notAfterNow(end);
      return t;
    }
    case 'withdrawn': {
      const t = published(rng, clock.ago(rng.between(20 * DAY, 120 * DAY)));
      t.updatedAt = new Date(t.publishedAt!.getTime() + rng.between(3 * DAY, 15 * DAY));
      return t;
    }
    default:
      throw new Error(`seed: no timeline for supply status ${status}`);
  }
}

export function demandTimes(rng: Rng, clock: Clock, status: DemandStatus): ListingTimes {
  const { periods } = clock;
  switch (status) {
    case 'draft': {
      const t = unpublished(rng, clock, status);
      t.deadline = rng.chance(0.3) ? null : clock.endOfShanghaiDay(clock.ahead(rng.between(30 * DAY, 120 * DAY)));
      return t;
    }
    case 'pending_review':
    case 'rejected': {
      const t = unpublished(rng, clock, status);
      t.deadline = clock.endOfShanghaiDay(clock.ahead(rng.between(20 * DAY, 90 * DAY)));
      return t;
    }
    case 'open': {
      const t = published(rng, clock.ago(rng.between(1 * DAY, 50 * DAY)));
      t.deadline = clock.endOfShanghaiDay(clock.ahead(rng.between(10 * DAY, 90 * DAY)));
      return t;
    }
    case 'selecting': {
      // The deadline passed recently; the selection period is still running.
      const deadline = clock.ago(rng.between(0.1, 0.9) * Math.min(clock.span(periods.selection), 14 * DAY));
      const t = published(rng, new Date(deadline.getTime() - rng.between(25 * DAY, 60 * DAY)));
      t.deadline = deadline;
      t.selectionEndsAt = addDuration(deadline, periods.selection);
      t.updatedAt = deadline;
      return t;
    }
    case 'expired': {
      const deadline = clock.endOfShanghaiDay(clock.ago(rng.between(20 * DAY, 50 * DAY)));
      const t = published(rng, new Date(deadline.getTime() - rng.between(30 * DAY, 60 * DAY)));
      t.deadline = deadline;
      t.updatedAt = deadline;
      return t;
    }
    case 'awarded':
    case 'landed': {
      const deadline = clock.endOfShanghaiDay(
        status === 'awarded' ? clock.ago(rng.between(15 * DAY, 40 * DAY)) : clock.ago(rng.between(70 * DAY, 120 * DAY)),
      );
      const t = published(rng, new Date(deadline.getTime() - rng.between(30 * DAY, 60 * DAY)));
      t.deadline = deadline;
      t.selectionEndsAt = addDuration(deadline, periods.selection);
      // Awarded within the selection period.
      const window = Math.min(clock.span(periods.selection), 10 * DAY);
      t.awardedAt = new Date(deadline.getTime() + rng.between(0.2, 0.9) * window);
      t.updatedAt = t.awardedAt;
      if (status === 'landed') {
        t.landedAt = clock.notAfterNow(new Date(t.awardedAt.getTime() + rng.between(30 * DAY, 50 * DAY)));
        t.updatedAt = t.landedAt;
      }
      return t;
    }
    case 'withdrawn': {
      const t = published(rng, clock.ago(rng.between(10 * DAY, 40 * DAY)));
      t.deadline = clock.endOfShanghaiDay(new Date(t.publishedAt!.getTime() + rng.between(45 * DAY, 90 * DAY)));
      t.updatedAt = new Date(t.publishedAt!.getTime() + rng.between(1 * DAY, 8 * DAY));
      return t;
    }
    default:
      throw new Error(`seed: no timeline for demand status ${status}`);
  }
}
