import { describe, expect, it } from 'vitest';
import { TIMER_KINDS, type TimerKind } from './constants/lifecycle.js';
import { REMINDED, reminderDue, reminderLabel, reminderRecipients, type ListingParties } from './reminders.js';

const parties: ListingParties = {
  ownerOrgId: 'owner',
  counterpartyOrgId: 'counterparty',
  objectorOrgIds: ['objector-1', 'objector-2'],
  claimantOrgIds: ['claimant-1', 'claimant-2'],
  proposerOrgIds: ['proposer-1'],
};

describe('who is reminded before each deadline', () => {
  const table: Array<[TimerKind, string[]]> = [
    ['notice_end', ['owner', 'counterparty', 'objector-1', 'objector-2']],
    // 措施四: the institution must decide after a standing objection; the counterparty's deal hangs on it.
    ['objection_decision', ['owner', 'counterparty']],
    // A negotiated listing that was objected to: its counterparty's agreed deal hangs on the window.
    ['listing_end', ['owner', 'counterparty', 'claimant-1', 'claimant-2']],
    ['demand_deadline', ['owner', 'proposer-1']],
    ['selection_end', ['owner']],
    ['showcase_expiry', ['owner']],
  ];

  it('covers every timer kind', () => {
    expect(table.map(([k]) => k).sort()).toEqual([...TIMER_KINDS].sort());
    expect(Object.keys(REMINDED).sort()).toEqual([...TIMER_KINDS].sort());
  });

  it.each(table)('%s → %j', (kind, expected) => {
    expect(reminderRecipients(kind, parties)).toEqual(expected);
  });

  it.each(TIMER_KINDS)('%s: the owner alone when nobody else is involved', (kind) => {
    expect(
      reminderRecipients(kind, {
        ownerOrgId: 'owner',
        counterpartyOrgId: null,
        objectorOrgIds: [],
        claimantOrgIds: [],
        proposerOrgIds: [],
      }),
    ).toEqual(['owner']);
  });

  it('names each organisation once, even when it plays two parts', () => {
    expect(
      reminderRecipients('notice_end', { ...parties, counterpartyOrgId: 'objector-1', objectorOrgIds: ['objector-1'] }),
    ).toEqual(['owner', 'objector-1']);
  });

  it('never reminds parties of another kind of deadline', () => {
    // A claimant has nothing to do with a notice; an objector nothing with a window's end.
    expect(reminderRecipients('notice_end', parties)).not.toContain('claimant-1');
    expect(reminderRecipients('listing_end', parties)).not.toContain('objector-1');
    expect(reminderRecipients('selection_end', parties)).not.toContain('proposer-1');
  });
});

describe('when a deadline is due for its reminder', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  const lead = 86_400_000;
  const at = (ms: number) => new Date(now.getTime() + ms);
  it.each([
    ['passed', -1, false],
    ['now', 0, false],
    ['a second ahead', 1_000, true],
    ['exactly the lead ahead', lead, true],
    ['beyond the lead', lead + 1, false],
  ])('%s', (_, offset, due) => {
    expect(reminderDue(at(offset), now, lead)).toBe(due);
  });
});

it('a lead of zero reminds of nothing (REMINDER_LEAD=PT0S turns reminders off)', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  expect(reminderDue(new Date(now.getTime() + 1), now, 0)).toBe(false);
  expect(reminderDue(now, now, 0)).toBe(false);
});

describe('labels', () => {
  it.each(TIMER_KINDS)('%s has a Chinese label', (kind) => {
    expect(reminderLabel(kind)).toMatch(/[\u4e00-\u9fa5]/);
  });
});
