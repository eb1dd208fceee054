import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from './credit-code.js';
import { AppError } from './errors.js';
import { checkIdentity, type IdentityInput } from './organisations.js';

const first17 = '91210100MA0TE0T01';
const CODE = first17 + creditCodeCheckChar(first17);

function code(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const mainland: IdentityInput = { kind: 'enterprise', domicile: 'mainland', creditCode: CODE, region: 'shenyang' };
const hk: IdentityInput = {
  kind: 'enterprise',
  domicile: 'hk_macao_taiwan',
  registrationNumber: '3158462',
  countryOrRegion: '中国香港',
};
const abroad: IdentityInput = {
  kind: 'enterprise',
  domicile: 'abroad',
  registrationNumber: 'HRB 12345',
  countryOrRegion: '德国',
};

// 措施十五: domicile is recorded apart from ownership; mainland organisations register with their
// credit code as before, the others with their own registration number and country or region.
describe('an organisation’s identity by domicile', () => {
  it.each([
    ['a mainland enterprise with its credit code', mainland, 'ok'],
    [
      'a mainland enterprise with a bad credit code',
      { ...mainland, creditCode: CODE.slice(0, 17) + 'X' },
      'INVALID_CREDIT_CODE',
    ],
    ['a mainland enterprise without a city', { ...mainland, region: null }, 'VALIDATION_FAILED'],
    [
      'a mainland enterprise with a foreign registration number too',
      { ...mainland, registrationNumber: '123' },
      'VALIDATION_FAILED',
    ],
    ['a Hong Kong enterprise with its registration number', hk, 'ok'],
    ['an enterprise registered abroad', abroad, 'ok'],
    [
      'a Hong Kong enterprise without a registration number',
      { ...hk, registrationNumber: '' },
      'REGISTRATION_NUMBER_REQUIRED',
    ],
    ['an enterprise abroad without a country', { ...abroad, countryOrRegion: ' ' }, 'REGISTRATION_NUMBER_REQUIRED'],
    ['a Hong Kong enterprise naming 德国', { ...hk, countryOrRegion: '德国' }, 'VALIDATION_FAILED'],
    ['an enterprise abroad giving a credit code', { ...abroad, creditCode: CODE }, 'VALIDATION_FAILED'],
    ['an enterprise abroad giving a Liaoning city', { ...abroad, region: 'dalian' as const }, 'VALIDATION_FAILED'],
    ['a registration number of one character', { ...abroad, registrationNumber: 'X' }, 'VALIDATION_FAILED'],
    ['an institution in the mainland', { ...mainland, kind: 'institution' as const }, 'ok'],
    ['an institution abroad', { ...abroad, kind: 'institution' as const }, 'INSTITUTION_MUST_BE_MAINLAND'],
  ] as const)('%s → %s', (_n, input, want) => {
    expect(code(() => checkIdentity(input))).toBe(want);
  });

  it('normalises what it stores', () => {
    expect(checkIdentity({ ...mainland, creditCode: ` ${CODE.toLowerCase()} ` })).toEqual({
      domicile: 'mainland',
      creditCode: CODE,
      registrationNumber: null,
      countryOrRegion: null,
      region: 'shenyang',
    });
    expect(checkIdentity({ ...abroad, registrationNumber: ' hrb 12345 ' })).toEqual({
      domicile: 'abroad',
      creditCode: null,
      registrationNumber: 'HRB 12345',
      countryOrRegion: '德国',
      region: null,
    });
  });
});
