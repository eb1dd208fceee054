import { describe, expect, it } from 'vitest';
import { ACTOR_NAMES, actors, outcome, OWNER_INST } from '../test/helpers/actors.js';
import { CONTRACT_STATUSES } from './constants/ledger.js';
import { DOMICILES, OWNERSHIP_TYPES } from './constants/organisations.js';
import { AppError } from './errors.js';
import * as rules from './export-control.js';

// 措施十五: 职务科技成果向境外开展赋权和转化，应遵守技术出口等方面相关法律法规 — 境外 is where a party is
// registered (Hong Kong, Macao and Taiwan included), not who owns it.
describe('the export-control gate at every entry point', () => {
  const cases = rules.EXPORT_CONTROL_ENTRIES.flatMap((entry) =>
    DOMICILES.flatMap((domicile) => [false, true].map((confirmed) => [entry, domicile, confirmed] as const)),
  );
  it.each(cases)('%s by a %s party, confirmed %s', (entry, domicile, confirmed) => {
    const got = outcome(() => rules.checkExportControlGate(entry, domicile, confirmed));
    expect(got).toBe(domicile !== 'mainland' && !confirmed ? 'EXPORT_CONTROL_REQUIRED' : 'ok');
  });

  it('ownership plays no part: the rule takes only the domicile', () => {
    expect(OWNERSHIP_TYPES).toContain('foreign');
    expect(rules.requiresExportControl('mainland')).toBe(false);
    expect(rules.requiresExportControl('hk_macao_taiwan')).toBe(true);
    expect(rules.requiresExportControl('abroad')).toBe(true);
  });

  it.each(rules.EXPORT_CONTROL_ENTRIES)('the refusal at %s is a clear 422 in Chinese', (entry) => {
    try {
      rules.checkExportControlGate(entry, 'abroad', false);
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).status).toBe(422);
      expect((err as AppError).message).toMatch(/技术出口/);
      expect((err as AppError).details).toEqual({ entry, domicile: 'abroad' });
    }
  });
});

describe('the institution confirms the review of its own result, once', () => {
  it.each(ACTOR_NAMES)('by %s', (a) => {
    expect(outcome(() => rules.checkConfirmExportControl(OWNER_INST, actors[a], false))).toBe(
      a === 'ownerInstitution' ? 'ok' : 'FORBIDDEN',
    );
  });
  it('twice', () => {
    expect(outcome(() => rules.checkConfirmExportControl(OWNER_INST, actors.ownerInstitution, true))).toBe(
      'EXPORT_CONTROL_ALREADY_CONFIRMED',
    );
  });
});

// 措施十五 in the ledger: a conversion with a party outside the mainland takes effect only after the
// review; a draft may be entered first, and a conversion without a result has nothing to review.
describe('a conversion takes effect with a party outside the mainland only once the result is confirmed', () => {
  const cases = CONTRACT_STATUSES.flatMap((toStatus) =>
    DOMICILES.flatMap((domicile) =>
      [false, true].flatMap((confirmed) =>
        [true, false].map((hasResult) => [toStatus, domicile, confirmed, hasResult] as const),
      ),
    ),
  );
  it.each(cases)('to %s with a %s party, confirmed %s, has a result %s', (toStatus, domicile, confirmed, hasResult) => {
    const got = outcome(() => rules.checkConversionExportControl({ toStatus, domicile, confirmed, hasResult }));
    const gated = hasResult && (toStatus === 'effective' || toStatus === 'completed');
    expect(got).toBe(gated && domicile !== 'mainland' && !confirmed ? 'EXPORT_CONTROL_REQUIRED' : 'ok');
  });

  it('says a draft may be saved meanwhile', () => {
    try {
      rules.checkConversionExportControl({
        toStatus: 'effective',
        domicile: 'hk_macao_taiwan',
        confirmed: false,
        hasResult: true,
      });
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).message).toMatch(/草拟/);
      expect((err as AppError).details).toEqual({ entry: 'conversion', domicile: 'hk_macao_taiwan' });
    }
  });
});
