// The ledger api's shapes (issue 17): the server's schemas as types (server/contract.ts), never retyped.
import type { Static } from 'typebox';
import type * as C from '../../../../server/contract.js';

export type ConversionSummary = Static<typeof C.ConversionSummary>;
export type ConversionDetail = Static<typeof C.ConversionDetail>;
export type Contract = Static<typeof C.LedgerContract>;
export type ScheduleLine = Static<typeof C.ScheduleLine>;
export type LedgerPayment = Static<typeof C.LedgerPayment>;
export type DueLine = Static<typeof C.DueLine>;
export type IncomeReport = Static<typeof C.IncomeReport>;
export type CounterpartyOption = Static<typeof C.CounterpartyOption>;
export type RegisterRow = Static<typeof C.RegisterRow>;
