import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import {
  addDays,
  addMonthsClamped,
  checkPoolCandidate,
  editionPeriodKey,
  heldThreeYears,
  poolAnniversary,
  poolCutoffDate,
  poolStateOf,
  shanghaiMidnight,
} from './pool.js';
import { shanghaiDate } from './results.js';

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('措施五: IP held three years', () => {
  it.each([
    // [grant date, today, held three years?]
    ['2023-06-01', '2026-06-01', true], // exactly three years ago today
    ['2023-06-02', '2026-06-01', false], // three years ago tomorrow
    ['2023-05-31', '2026-06-01', true],
    ['2024-02-29', '2027-02-27', false],
    ['2024-02-29', '2027-02-28', true], // 29 February: its anniversary in a common year is 28 February
    ['2024-02-28', '2027-02-28', true],
    ['2024-03-01', '2027-02-28', false],
    ['2025-02-28', '2028-02-28', true],
    ['2025-03-01', '2028-02-29', false],
    ['2025-02-28', '2028-02-29', true],
    ['2024-02-29', '2028-02-29', true],
  ])('granted %s, today %s → %s', (grant, today, held) => {
    expect(heldThreeYears(grant, today)).toBe(held);
  });

  it.each([
    ['2026-06-01', '2023-06-01'],
    ['2027-02-28', '2024-02-29'], // 2024-02-29 turns three on 2027-02-28
    ['2027-03-01', '2024-03-01'],
    ['2028-02-29', '2025-02-28'], // 2025 has no 29 February
    ['2028-02-28', '2025-02-28'],
    ['2100-02-28', '2097-02-28'],
    ['2003-02-28', '2000-02-29'], // 2000 was a leap year (divisible by 400)
  ])('the cutoff on %s is %s', (today, cutoff) => {
    expect(poolCutoffDate(today)).toBe(cutoff);
  });

  it('the cutoff is exactly the set of grant dates held three years (any grant date, any day)', () => {
    fc.assert(
      fc.property(day, day, (grant, today) => {
        expect(grant <= poolCutoffDate(today)).toBe(heldThreeYears(grant, today));
      }),
      { numRuns: 5000 },
    );
  });

  it('the cutoff is held three years and the day after it is not', () => {
    fc.assert(
      fc.property(day, (today) => {
        const cutoff = poolCutoffDate(today);
        expect(heldThreeYears(cutoff, today)).toBe(true);
        expect(heldThreeYears(addDays(cutoff, 1), today)).toBe(false);
      }),
    );
  });

  it('counts days in Shanghai: 16:00 UTC is already the next day', () => {
    // The anniversary of 2023-06-01 begins at 2026-05-31T16:00Z.
    expect(heldThreeYears('2023-06-01', shanghaiDate(new Date('2026-05-31T15:59:59.999Z')))).toBe(false);
    expect(heldThreeYears('2023-06-01', shanghaiDate(new Date('2026-05-31T16:00:00Z')))).toBe(true);
    expect(shanghaiMidnight('2026-06-01').toISOString()).toBe('2026-05-31T16:00:00.000Z');
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
    expect(poolAnniversary('2024-02-29')).toBe('2027-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('措施十五: what may be in the pool at all', () => {
  const code = (f: () => void) => {
    try {
      f();
      return 'ok';
    } catch (err) {
      return (err as AppError).code;
    }
  };
  it.each([
    ['public', 'active', 'ok'],
    ['restricted', 'active', 'POOL_SECURITY_EXCLUDED'],
    ['classified', 'active', 'POOL_SECURITY_EXCLUDED'],
    ['public', 'converted', 'POOL_RESULT_CONVERTED'],
  ] as const)('%s, %s → %s', (securityClass, status, want) => {
    expect(code(() => checkPoolCandidate({ securityClass, status }))).toBe(want);
  });
});

describe('edition periods', () => {
  it('keys a scheduled run by its Shanghai second', () => {
    expect(editionPeriodKey(new Date('2026-11-30T19:00:00Z'))).toBe('2026-12-01T03:00:00');
    expect(editionPeriodKey(new Date('2026-11-30T19:00:00.999Z'))).toBe('2026-12-01T03:00:00');
    expect(editionPeriodKey(new Date('2026-11-30T19:00:03Z'))).toBe('2026-12-01T03:00:03');
  });
});

describe('a result as its institution sees it', () => {
  const base = {
    securityClass: 'public',
    status: 'active',
    firstGrantDate: '2020-01-01',
    inPool: false,
    optedOut: false,
  } as const;
  it.each([
    [{}, 'awaiting_scan'],
    [{ inPool: true }, 'in_pool'],
    [{ optedOut: true }, 'opted_out'],
    [{ securityClass: 'restricted', inPool: true }, 'excluded'],
    [{ status: 'converted', inPool: true }, 'converted'],
    [{ firstGrantDate: null }, 'no_grant'],
    [{ firstGrantDate: '2025-01-01' }, 'not_yet'],
  ] as const)('%j → %s', (patch, state) => {
    expect(poolStateOf({ ...base, ...patch }, '2026-06-01').state).toBe(state);
  });
  it('says when a result will turn three', () => {
    expect(poolStateOf({ ...base, firstGrantDate: '2024-02-29' }, '2026-06-01').eligibleOn).toBe('2027-02-28');
  });
});
