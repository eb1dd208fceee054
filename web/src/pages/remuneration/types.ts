// 科技成果转化奖励和报酬's shapes (issue 18 step 5): the server's schemas as types, never retyped.
import type { Static } from 'typebox';
import type * as C from '../../../../server/contract.js';

export type RemunerationPolicy = Static<typeof C.RemunerationPolicy>;
export type RemunerationTerms = Static<typeof C.RemunerationTerms>;
export type ConversionCost = Static<typeof C.ConversionCost>;
export type RemunerationEntry = Static<typeof C.RemunerationEntry>;
export type RemunerationQueueItem = Static<typeof C.RemunerationQueueItem>;
export type ConversionRemuneration = Static<typeof C.ConversionRemuneration>;
export type RemunerationStatement = Static<typeof C.RemunerationStatement>;
export type RemunerationStatementItem = Static<typeof C.RemunerationStatementItem>;

/** 7000 → "70%", 3333 → "33.33%". */
export const percent = (bp: number | null | undefined) =>
  bp === null || bp === undefined ? '—' : `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
