import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONVERSION_TYPES } from '../constants/ledger.js';
import {
  ANNUAL_REPORT_ACTIONS,
  ANNUAL_REPORT_STATUSES,
  buildAnnualReport,
  changeBp,
  reportTransition,
  type ConversionCell,
  type ReportInputs,
} from './annual-report.js';

describe('annual report status (draft → submitted → accepted)', () => {
  it.each([
    ['draft', 'submit', 'institution', 2025, { ok: true, status: 'submitted', freeze: true }],
    ['draft', 'submit', 'institution', 2026, { ok: false, code: 'ANNUAL_REPORT_YEAR_OPEN' }],
    ['submitted', 'submit', 'institution', 2025, { ok: false, code: 'ANNUAL_REPORT_STATE' }],
    ['accepted', 'submit', 'institution', 2025, { ok: false, code: 'ANNUAL_REPORT_STATE' }],
    ['draft', 'submit', 'department', 2025, { ok: false, code: 'FORBIDDEN' }],
    ['submitted', 'accept', 'department', 2025, { ok: true, status: 'accepted', freeze: false }],
    ['submitted', 'accept', 'institution', 2025, { ok: false, code: 'FORBIDDEN' }],
    ['draft', 'accept', 'department', 2025, { ok: false, code: 'ANNUAL_REPORT_STATE' }],
    ['accepted', 'accept', 'department', 2025, { ok: false, code: 'ANNUAL_REPORT_STATE' }],
    ['submitted', 'return', 'department', 2025, { ok: true, status: 'draft', freeze: false }],
    ['accepted', 'return', 'department', 2025, { ok: false, code: 'ANNUAL_REPORT_STATE' }],
    ['submitted', 'return', 'institution', 2025, { ok: false, code: 'FORBIDDEN' }],
  ] as const)('%s + %s by %s (year %i, now 2026) → %o', (status, action, by, year, expected) => {
    expect(reportTransition(status, action, by, year, 2026)).toEqual(expected);
  });

  it('every state and action has an answer, and only the three transitions succeed', () => {
    let succeeded = 0;
    for (const s of ANNUAL_REPORT_STATUSES)
      for (const a of ANNUAL_REPORT_ACTIONS)
        for (const by of ['institution', 'department'] as const)
          if (reportTransition(s, a, by, 2025, 2026).ok) succeeded += 1;
    expect(succeeded).toBe(3);
  });
});

const base = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  year: 2025,
  institutionName: '虚构理工大学',
  current: { conversions: [], income: [] },
  previous: { conversions: [], income: [] },
  rewards: null,
  equity: [],
  office: '',
  ...over,
});

describe('annual report figures (hand-computed fixture)', () => {
  const report = buildAnnualReport(
    base({
      current: {
        conversions: [
          {
            transactionType: 'transfer',
            counterparty: 'private',
            field: 'new_materials',
            count: 2,
            amountFen: 3_000_000,
          },
          {
            transactionType: 'license',
            counterparty: 'state_wholly_owned',
            field: 'new_materials',
            count: 1,
            amountFen: 500_000,
          },
          { transactionType: 'equity', counterparty: 'other', field: null, count: 1, amountFen: 10_000_000 },
          {
            transactionType: 'development',
            counterparty: 'private',
            field: 'biomedicine',
            count: 3,
            amountFen: 900_000,
          },
        ],
        income: [
          { transactionType: 'transfer', amountFen: 1_000_000 },
          { transactionType: 'development', amountFen: 300_000 },
        ],
      },
      previous: {
        conversions: [
          {
            transactionType: 'transfer',
            counterparty: 'private',
            field: 'new_materials',
            count: 1,
            amountFen: 2_000_000,
          },
        ],
        income: [{ transactionType: 'transfer', amountFen: 650_000 }],
      },
      equity: [
        {
          companyName: '虚构新材料科技有限公司',
          stakeBp: 2000,
          valuationFen: 10_000_000,
          acquiredOn: '2025-06-01',
          status: 'held',
        },
      ],
      office: '技术转移中心，专职人员6名',
    }),
  );

  it('sums 转让、许可、作价投资 with averages and year-on-year change', () => {
    expect(report.transfer.total).toMatchObject({
      count: 4,
      amountFen: 13_500_000,
      averageFen: 3_375_000,
      previousCount: 1,
      previousAmountFen: 2_000_000,
      countChangeBp: 30_000,
      amountChangeBp: 57_500,
    });
    expect(report.transfer.byType.map((l) => [l.key, l.count, l.amountFen])).toEqual([
      ['transfer', 2, 3_000_000],
      ['license', 1, 500_000],
      ['equity', 1, 10_000_000],
    ]);
    expect(report.transfer.byType[0]!.amountChangeBp).toBe(5_000);
    expect(report.transfer.byField.map((l) => [l.label, l.count])).toEqual([
      ['未填写', 1],
      ['新材料', 3],
    ]);
    expect(report.transfer.byCounterparty.map((l) => [l.key, l.count])).toEqual([
      ['state_wholly_owned', 1],
      ['private', 2],
      ['other', 1],
    ]);
  });

  it('keeps 技术开发、咨询、服务 apart, and sums income, equity and the office text', () => {
    expect(report.services.total).toMatchObject({
      count: 3,
      amountFen: 900_000,
      previousCount: 0,
      countChangeBp: null,
    });
    expect(report.income).toMatchObject({ amountFen: 1_300_000, previousAmountFen: 650_000, amountChangeBp: 10_000 });
    expect(report.equity).toMatchObject({ count: 1, valuationFen: 10_000_000 });
    expect(report.rewards).toBeNull();
    expect(report.office).toBe('技术转移中心，专职人员6名');
  });

  it.each([
    [150, 100, 5_000],
    [0, 100, -10_000],
    [100, 0, null],
    [1, 3, -6_667],
  ])('change from %i to… (%i before) is %s bp', (now, before, expected) => {
    expect(changeBp(now, before)).toBe(expected);
  });
});

describe('annual report figures add up (property)', () => {
  const cell = fc.record({
    transactionType: fc.constantFrom(...CONVERSION_TYPES),
    counterparty: fc.constantFrom('state_wholly_owned', 'state_controlled', 'private', 'foreign', 'other' as const),
    field: fc.constantFrom(null, 'new_materials', 'biomedicine', 'equipment'),
    count: fc.integer({ min: 1, max: 50 }),
    amountFen: fc.integer({ min: 0, max: 1e11 }),
  }) as fc.Arbitrary<ConversionCell>;

  it('every breakdown of section 一 sums to its total, and sections 一 and 二 hold every conversion', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), fc.array(cell, { maxLength: 30 }), (now, before) => {
        const r = buildAnnualReport(
          base({ current: { conversions: now, income: [] }, previous: { conversions: before, income: [] } }),
        );
        for (const parts of [r.transfer.byType, r.transfer.byField, r.transfer.byCounterparty]) {
          expect(parts.reduce((s, l) => s + l.count, 0)).toBe(r.transfer.total.count);
          expect(parts.reduce((s, l) => s + l.amountFen, 0)).toBe(r.transfer.total.amountFen);
          expect(parts.reduce((s, l) => s + l.previousAmountFen, 0)).toBe(r.transfer.total.previousAmountFen);
        }
        expect(r.services.byType.reduce((s, l) => s + l.count, 0)).toBe(r.services.total.count);
        const all = now.reduce((s, c) => s + c.count, 0);
        expect(r.transfer.total.count + r.services.total.count).toBe(all);
      }),
    );
  });
});
