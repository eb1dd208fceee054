import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OWNERSHIP_MODES, SECURITY_CLASSES } from './constants/results.js';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code.js';
import { addDuration, parseDuration } from './duration.js';
import { AppError } from './errors.js';
import { checkIpItems, checkResultOwnership, shanghaiDate, type ResultOwnershipInput } from './results.js';

const base: ResultOwnershipInput = {
  ownership: 'institution',
  coOwners: [],
  longTermUseYears: null,
  longTermUseEndsOn: null,
  securityClass: 'public',
  separatelyManaged: false,
};

function code(input: Partial<ResultOwnershipInput>): string {
  try {
    checkResultOwnership({ ...base, ...input });
    return 'ok';
  } catch (err) {
    return (err as AppError).code;
  }
}

describe('措施一 / 措施十五: result ownership', () => {
  it.each([
    ['institution-owned public result', {}, 'ok'],
    [
      'co-owned, shares total 100 %',
      {
        ownership: 'co_owned',
        coOwners: [
          { name: '单位', shareBp: 3000 },
          { name: '团队', shareBp: 7000 },
        ],
      },
      'ok',
    ],
    [
      'co-owned, shares total 99.99 %',
      {
        ownership: 'co_owned',
        coOwners: [
          { name: '单位', shareBp: 3000 },
          { name: '团队', shareBp: 6999 },
        ],
      },
      'SHARES_MUST_TOTAL_100',
    ],
    [
      'co-owned, shares total 100.01 %',
      {
        ownership: 'co_owned',
        coOwners: [
          { name: '单位', shareBp: 3001 },
          { name: '团队', shareBp: 7000 },
        ],
      },
      'SHARES_MUST_TOTAL_100',
    ],
    ['co-owned without co-owners', { ownership: 'co_owned' }, 'CO_OWNERS_REQUIRED'],
    [
      'long-term use for 10 years',
      { ownership: 'long_term_use', longTermUseYears: 10, longTermUseEndsOn: '2036-01-01' },
      'ok',
    ],
    [
      'long-term use for 9 years',
      { ownership: 'long_term_use', longTermUseYears: 9, longTermUseEndsOn: '2035-01-01' },
      'LONG_TERM_USE_TOO_SHORT',
    ],
    ['long-term use without terms', { ownership: 'long_term_use' }, 'LONG_TERM_USE_TERMS_REQUIRED'],
    [
      'restricted and co-owned',
      { securityClass: 'restricted', ownership: 'co_owned', coOwners: [{ name: '团队', shareBp: 10000 }] },
      'SECURITY_CLASS_FORBIDS_GRANT',
    ],
    [
      'classified and long-term use',
      {
        securityClass: 'classified',
        ownership: 'long_term_use',
        longTermUseYears: 10,
        longTermUseEndsOn: '2036-01-01',
      },
      'SECURITY_CLASS_FORBIDS_GRANT',
    ],
    [
      'restricted and separately managed',
      { securityClass: 'restricted', separatelyManaged: true },
      'SECURITY_CLASS_FORBIDS_SEPARATE',
    ],
    ['public and separately managed', { separatelyManaged: true }, 'ok'],
  ] as const)('%s → %s', (_name, input, want) => {
    expect(code(input as Partial<ResultOwnershipInput>)).toBe(want);
  });

  it('never accepts a sensitive result that is granted or separately managed (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OWNERSHIP_MODES),
        fc.constantFrom(...SECURITY_CLASSES),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 }),
        (ownership, securityClass, separatelyManaged, shares) => {
          const input = {
            ...base,
            ownership,
            securityClass,
            separatelyManaged,
            coOwners: shares.map((shareBp, i) => ({ name: `成员${i}`, shareBp })),
            longTermUseYears: 12,
            longTermUseEndsOn: '2038-01-01',
          };
          let accepted = true;
          try {
            checkResultOwnership(input);
          } catch {
            accepted = false;
          }
          if (accepted && securityClass !== 'public') {
            expect(ownership).toBe('institution');
            expect(separatelyManaged).toBe(false);
          }
          if (accepted && ownership === 'co_owned') expect(shares.reduce((a, b) => a + b, 0)).toBe(10_000);
        },
      ),
    );
  });

  it('refuses IP grant dates in the future (Asia/Shanghai calendar)', () => {
    // 2026-03-01T17:00Z is already 2026-03-02 in Shanghai.
    const today = shanghaiDate(new Date('2026-03-01T17:00:00Z'));
    expect(today).toBe('2026-03-02');
    expect(() =>
      checkIpItems([{ type: 'invention_patent', number: 'ZL1', grantDate: '2026-03-02' }], today),
    ).not.toThrow();
    expect(() => checkIpItems([{ type: 'invention_patent', number: 'ZL1', grantDate: '2026-03-03' }], today)).toThrow(
      AppError,
    );
  });
});

describe('统一社会信用代码', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91110000600037341L', true],
    ['91350100M000100Y44', false],
    ['91350100M000100Y4', false],
    ['91350100M000100I43', false],
  ])('%s → %s', (c, ok) => expect(isValidCreditCode(c)).toBe(ok));

  it('accepts lower case and surrounding spaces', () => expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true));

  it('finds every single-character typo (property)', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }),
        fc.integer({ min: 0, max: 16 }),
        fc.constantFrom(...alphabet),
        (chars, pos, replacement) => {
          const body = '91' + '210100' + chars.slice(8).join('');
          const valid = body + creditCodeCheckChar(body);
          expect(isValidCreditCode(valid)).toBe(true);
          const typo = body.slice(0, pos) + replacement + body.slice(pos + 1);
          if (typo !== body && /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(typo)) {
            expect(isValidCreditCode(typo + valid[17])).toBe(false);
          }
        },
      ),
    );
  });
});

describe('ISO-8601 durations', () => {
  it.each([
    ['P15D', 15 * 86_400_000],
    ['PT2S', 2000],
    ['PT5M', 300_000],
    ['P1W', 7 * 86_400_000],
    ['P1DT1H', 25 * 3_600_000],
    ['PT0.5S', 500],
  ])('%s', (text, ms) => {
    const from = new Date('2026-01-10T00:00:00Z');
    expect(addDuration(from, parseDuration(text)!).getTime() - from.getTime()).toBe(ms);
  });

  it.each(['', 'P', 'PT', '15D', 'P15', 'PT-1S', 'P1.5D', 'abc'])('rejects %j', (text) =>
    expect(parseDuration(text)).toBeNull(),
  );

  it('adds calendar months', () => {
    expect(addDuration(new Date('2026-01-15T00:00:00Z'), parseDuration('P1M')!).toISOString()).toBe(
      '2026-02-15T00:00:00.000Z',
    );
  });
});
