import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CO_OWNER_PARTIES, OWNERSHIP_MODES, SECURITY_CLASSES } from './constants/results.js';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code.js';
import { addDuration, parseDuration } from './duration.js';
import { AppError } from './errors.js';
import {
  checkIpItems,
  checkResultOwnership,
  earliestLongTermUseEnd,
  shanghaiDate,
  type CoOwner,
  type ResultOwnershipInput,
} from './results.js';

const base: ResultOwnershipInput = {
  ownership: 'institution',
  coOwners: [],
  longTermUseStartsOn: null,
  longTermUseEndsOn: null,
  securityClass: 'public',
  separatelyManaged: false,
};
const TODAY = '2026-03-01';

function code(input: Partial<ResultOwnershipInput>, today = TODAY): string {
  try {
    checkResultOwnership({ ...base, ...input }, today);
    return 'ok';
  } catch (err) {
    return (err as AppError).code;
  }
}

const inst = (shareBp: number): CoOwner => ({ name: '北辰工业大学', shareBp, party: 'institution' });
const team = (shareBp: number, name = '张伟'): CoOwner => ({ name, shareBp, party: 'team' });
const longTerm = (startsOn: string, endsOn: string) => ({
  ownership: 'long_term_use' as const,
  longTermUseStartsOn: startsOn,
  longTermUseEndsOn: endsOn,
});

describe('措施一 / 措施十五: result ownership', () => {
  it.each([
    ['institution-owned public result', {}, 'ok'],
    [
      'co-owned by the institution and the team, 100 %',
      { ownership: 'co_owned', coOwners: [inst(3000), team(7000)] },
      'ok',
    ],
    [
      'co-owned, shares total 99.99 %',
      { ownership: 'co_owned', coOwners: [inst(3000), team(6999)] },
      'SHARES_MUST_TOTAL_100',
    ],
    [
      'co-owned, shares total 100.01 %',
      { ownership: 'co_owned', coOwners: [inst(3001), team(7000)] },
      'SHARES_MUST_TOTAL_100',
    ],
    ['co-owned without co-owners', { ownership: 'co_owned' }, 'CO_OWNER_INSTITUTION_REQUIRED'],
    // 措施一: 科研单位与成果完成人（团队）成为共同所有权人 — today a team holding 100 % was accepted.
    [
      'co-owned by the team alone',
      { ownership: 'co_owned', coOwners: [team(6000), team(4000, '刘洋')] },
      'CO_OWNER_INSTITUTION_REQUIRED',
    ],
    [
      'co-owned, the institution at 0 %',
      { ownership: 'co_owned', coOwners: [inst(0), team(10000)] },
      'CO_OWNER_INSTITUTION_REQUIRED',
    ],
    [
      'co-owned, the institution listed twice',
      { ownership: 'co_owned', coOwners: [inst(2000), inst(2000), team(6000)] },
      'CO_OWNER_INSTITUTION_REQUIRED',
    ],
    ['co-owned by the institution alone', { ownership: 'co_owned', coOwners: [inst(10000)] }, 'CO_OWNERS_REQUIRED'],
    ['long-term use for exactly 10 years', longTerm('2020-01-01', '2030-01-01'), 'ok'],
    ['long-term use from 29 February, 10 years to 28 February', longTerm('2024-02-29', '2034-02-28'), 'ok'],
    ['long-term use one day short of 10 years', longTerm('2020-01-02', '2030-01-01'), 'LONG_TERM_USE_TOO_SHORT'],
    // Today only a stated term of ≥ 10 years was checked, never the dates themselves.
    ['long-term use whose dates span 9 years', longTerm('2026-01-01', '2035-01-01'), 'LONG_TERM_USE_TOO_SHORT'],
    ['long-term use that ended yesterday', longTerm('2016-02-28', '2026-02-28'), 'LONG_TERM_USE_ENDED'],
    ['long-term use that ends today', longTerm('2016-03-01', '2026-03-01'), 'ok'],
    [
      'long-term use without a start',
      { ownership: 'long_term_use', longTermUseEndsOn: '2040-01-01' },
      'LONG_TERM_USE_TERMS_REQUIRED',
    ],
    ['long-term use without terms', { ownership: 'long_term_use' }, 'LONG_TERM_USE_TERMS_REQUIRED'],
    [
      'restricted and co-owned',
      { securityClass: 'restricted', ownership: 'co_owned', coOwners: [inst(5000), team(5000)] },
      'SECURITY_CLASS_FORBIDS_GRANT',
    ],
    [
      'classified and long-term use',
      { securityClass: 'classified', ...longTerm('2026-01-01', '2036-01-01') },
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

  it('clears what the ownership mode does not use, and any review flag', () => {
    const r = checkResultOwnership({ ...base, ...longTerm('2020-01-01', '2031-01-01'), coOwners: [team(100)] }, TODAY);
    expect(r).toMatchObject({ coOwners: [], rightsReview: null, longTermUseStartsOn: '2020-01-01' });
    expect(checkResultOwnership({ ...base, longTermUseEndsOn: '2040-01-01' }, TODAY).longTermUseEndsOn).toBeNull();
  });

  it('accepts a long-term use right exactly when it spans ≥ 10 calendar years and has not ended (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }),
        fc.integer({ min: -400, max: 400 }),
        (start, days) => {
          const startsOn = start.toISOString().slice(0, 10);
          const tenYears = earliestLongTermUseEnd(startsOn);
          const endsOn = new Date(Date.parse(tenYears) + days * 86_400_000).toISOString().slice(0, 10);
          const got = code(longTerm(startsOn, endsOn));
          const want = endsOn < tenYears ? 'LONG_TERM_USE_TOO_SHORT' : endsOn < TODAY ? 'LONG_TERM_USE_ENDED' : 'ok';
          expect(got).toBe(want);
        },
      ),
    );
  });

  it('never accepts a sensitive result that is granted or separately managed, nor a co-ownership without the institution (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OWNERSHIP_MODES),
        fc.constantFrom(...SECURITY_CLASSES),
        fc.boolean(),
        fc.array(
          fc.record({ shareBp: fc.integer({ min: 0, max: 10_000 }), party: fc.constantFrom(...CO_OWNER_PARTIES) }),
          {
            maxLength: 4,
          },
        ),
        (ownership, securityClass, separatelyManaged, owners) => {
          const input = {
            ...base,
            ownership,
            securityClass,
            separatelyManaged,
            coOwners: owners.map((o, i) => ({ ...o, name: `成员${i}` })),
            ...(ownership === 'long_term_use' ? longTerm('2026-01-01', '2038-01-01') : {}),
          };
          let accepted = true;
          try {
            checkResultOwnership(input, TODAY);
          } catch {
            accepted = false;
          }
          if (accepted && securityClass !== 'public') {
            expect(ownership).toBe('institution');
            expect(separatelyManaged).toBe(false);
          }
          if (accepted && ownership === 'co_owned') {
            expect(owners.reduce((a, b) => a + b.shareBp, 0)).toBe(10_000);
            expect(owners.filter((o) => o.party === 'institution' && o.shareBp > 0)).toHaveLength(1);
            expect(owners.some((o) => o.party === 'team' && o.shareBp > 0)).toBe(true);
          }
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
