import { describe, expect, it } from 'vitest';
import { LISTING_STATUSES, type ListingStatus } from './constants/listings.js';
import { TIMER_KINDS } from './constants/lifecycle.js';
import { checkTimer, pendingTimer, TIMED_STATUSES, timerJobId, TIMERS, type TimedColumns } from './timers.js';

const now = new Date('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const ID = '3f0c6a8e-2b7d-4c1e-9a55-0e2f6b7c8d9a';

function row(status: ListingStatus, dueMs = 1000): TimedColumns {
  const d = at(dueMs);
  return {
    status,
    noticeEndsAt: d,
    objectionDecisionEndsAt: d,
    listingEndsAt: d,
    expiresAt: d,
    deadline: d,
    selectionEndsAt: d,
  };
}

describe('which deadline runs in which status', () => {
  it.each(LISTING_STATUSES)('%s', (status) => {
    const t = pendingTimer(row(status));
    const kind = TIMER_KINDS.find((k) => TIMERS[k].status === status);
    expect(t).toEqual(kind ? { kind, dueAt: at(1000) } : null);
    expect(TIMED_STATUSES.includes(status)).toBe(!!kind);
  });

  it('no timer without a deadline', () => {
    expect(pendingTimer({ ...row('notice'), noticeEndsAt: null })).toBeNull();
  });
});

describe('a timer acts only on its status, once its deadline passed', () => {
  const cases = TIMER_KINDS.flatMap((k) => LISTING_STATUSES.map((s) => [k, s] as const));
  it.each(cases)('%s on a listing in %s', (kind, status) => {
    const matches = TIMERS[kind].status === status;
    expect(checkTimer(kind, row(status, -1), now)).toEqual(
      matches ? { due: true, dueAt: at(-1) } : { due: false, reason: 'stale' },
    );
    expect(checkTimer(kind, row(status, 0), now).due).toBe(matches);
    expect(checkTimer(kind, row(status, 1), now)).toEqual(
      matches ? { due: false, notBefore: at(1) } : { due: false, reason: 'stale' },
    );
  });
});

describe('job ids', () => {
  it.each(TIMER_KINDS)('%s: deterministic, without ":", never all digits', (kind) => {
    const id = timerJobId(kind, ID);
    expect(id).toBe(timerJobId(kind, ID));
    expect(id).not.toContain(':');
    expect(id).not.toMatch(/^\d+$/);
    expect(id.endsWith(ID)).toBe(true);
  });

  it('differ between kinds', () => {
    expect(new Set(TIMER_KINDS.map((k) => timerJobId(k, ID))).size).toBe(TIMER_KINDS.length);
    expect(timerJobId('notice_end', ID)).toBe(`notice-end-${ID}`);
  });
});
