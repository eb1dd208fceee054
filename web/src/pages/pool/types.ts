// The pay-later pool and licence api's shapes (措施五): the server's schemas as types
// (server/contract.ts), never retyped.
import type { Static } from 'typebox';
import type * as C from '../../../../server/contract.js';

export type PoolItem = Static<typeof C.PoolItem>;
export type PoolStatus = Static<typeof C.PoolStatus>;
export type Edition = Static<typeof C.PoolEdition>;
export type EditionItem = Static<typeof C.PoolEditionItem>;
export type Terms = Static<typeof C.PayLaterTerms>;
export type Application = Static<typeof C.PayLaterApplicationSummary>;
export type ApplicationDetail = Static<typeof C.PayLaterApplicationDetail>;
export type Payment = Static<typeof C.PayLaterPayment>;
export type Licence = Static<typeof C.PayLaterLicence>;
export type OverduePayment = Static<typeof C.OverduePayment>;
