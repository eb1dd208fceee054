import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';
import { isAtLeastHalfMonth } from './periods.js';

// 措施四: 半个月内无人摘牌 — fifteen days, whatever unit the configuration uses.
describe('half a month', () => {
  it.each([
    ['P15D', true],
    ['P14D', false],
    ['P14DT23H59M59S', false],
    ['PT360H', true],
    ['PT359H', false],
    ['P2W', false],
    ['P3W', true],
    ['P1M', true],
    ['P1Y', true],
    ['PT2S', false],
  ])('%s → %s', (text, want) => {
    expect(isAtLeastHalfMonth(parseDuration(text)!)).toBe(want);
  });
});
