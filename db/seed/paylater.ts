// The demo's pay-later licence (措施五, route `paylater` in docs/ledger.md): the demo university put a
// result into the pool voluntarily, the demo enterprise applied, the terms were accepted as offered,
// and the licence's conversion carries the fee line — paid — in the ledger. The rows are the ones the
// pay-later and ledger services write on acceptance (conversionFromPayLater), built in memory.
import { randomUUID } from 'node:crypto';
import { buildSchedule } from '../../domain/paylater.js';
import { shanghaiDate } from '../../domain/results.js';
import type { payLaterApplications, payLaterLicences, payLaterOffers, poolEntries } from '../schema/index.js';
import type { SeedContext } from './context.js';
import type { Directory } from './directory.js';
import type { LedgerRows } from './ledger.js';
import type { ResultRef } from './results.js';
import { DAY } from './timeline.js';

export interface PayLaterRows {
  poolEntries: (typeof poolEntries.$inferInsert)[];
  applications: (typeof payLaterApplications.$inferInsert)[];
  offers: (typeof payLaterOffers.$inferInsert)[];
  licences: (typeof payLaterLicences.$inferInsert)[];
}

export function emptyPayLater(): PayLaterRows {
  return { poolEntries: [], applications: [], offers: [], licences: [] };
}

/** Adds the licence of `licensed` (an unconverted public result of inst01) to ent01; marks it converted. */
export function buildPayLaterLicence(
  ctx: SeedContext,
  dir: Directory,
  licensed: ResultRef,
  out: LedgerRows,
): PayLaterRows {
  const rows = emptyPayLater();
  const { clock } = ctx;
  const inst = dir.org('inst01');
  const ent = dir.org('ent01');
  const orgs = new Map(ctx.plan.organisations.map((o) => [o.id!, o]));
  const applicant = ent.people[0]!.id;
  const included = clock.ago(240 * DAY);
  const applied = clock.ago(160 * DAY);
  const signed = clock.ago(150 * DAY);
  const signedOn = shanghaiDate(signed);
  // 措施五: a fixed fee paid three months after signing, a three-year non-exclusive licence.
  const terms = {
    feeFen: 5_000_000,
    royaltyBp: null,
    paymentTiming: 'after_signing' as const,
    paymentDelayMonths: 3,
    termYears: 3,
    paymentConditions: '签约后三个月内一次性支付许可费',
  };
  const id = randomUUID();
  const applicationId = randomUUID();
  const licenceId = randomUUID();
  rows.poolEntries.push({
    resultId: licensed.row.id!,
    reason: 'voluntary',
    includedAt: included,
    includedBy: inst.people[0]!.id,
    removedAt: signed,
    removalReason: 'converted',
  });
  rows.applications.push({
    id: applicationId,
    resultId: licensed.row.id!,
    enterpriseId: ent.id,
    institutionId: inst.id,
    status: 'accepted',
    ...terms,
    termsBy: 'enterprise',
    createdBy: applicant,
    createdAt: applied,
    updatedAt: signed,
    decidedAt: signed,
  });
  rows.offers.push({
    applicationId,
    round: 1,
    party: 'enterprise',
    ...terms,
    createdBy: applicant,
    createdAt: applied,
  });
  rows.licences.push({
    id: licenceId,
    applicationId,
    resultId: licensed.row.id!,
    enterpriseId: ent.id,
    institutionId: inst.id,
    status: 'active',
    ...terms,
    signedOn,
    createdAt: signed,
    updatedAt: signed,
  });
  ctx.audit('conversion', id, 'effective');
  licensed.row.status = 'converted';
  licensed.row.convertedAt = signed;

  const entRow = orgs.get(ent.id)!;
  out.conversions.push({
    id,
    institutionId: inst.id,
    resultId: licensed.row.id,
    route: 'paylater',
    paylaterLicenceId: licenceId,
    counterpartyOrgId: ent.id,
    counterpartyName: ent.name,
    counterpartyCreditCode: entRow.creditCode ?? null,
    counterpartyOwnership: entRow.ownershipType ?? null,
    transactionType: 'license',
    licenseScope: 'non_exclusive',
    priceBasis: 'paylater_terms',
    boundPriceFen: terms.feeFen,
    appraisal: 'not_appraised',
    basis: '先使用后付费许可（措施五），按双方接受的许可条件',
    recordedBy: applicant,
    createdAt: signed,
    updatedAt: signed,
  });
  out.contracts.push({
    conversionId: id,
    institutionId: inst.id,
    contractType: 'license',
    title: `${licensed.row.title}（先使用后付费许可）`,
    sellerName: inst.name,
    sellerCreditCode: orgs.get(inst.id)?.creditCode ?? null,
    buyerName: ent.name,
    buyerCreditCode: entRow.creditCode ?? null,
    amountFen: terms.feeFen,
    technologyAmountFen: terms.feeFen,
    paymentMethods: ['lump_sum'],
    signedOn,
    termStartsOn: signedOn,
    status: 'effective',
    createdAt: signed,
    updatedAt: signed,
  });
  for (const line of buildSchedule(terms, signedOn, null)) {
    const itemId = randomUUID();
    const dueOn = line.dueOn!;
    const paid = dueOn <= shanghaiDate(clock.now);
    out.scheduleItems.push({
      id: itemId,
      conversionId: id,
      seq: line.seq,
      kind: 'instalment',
      amountFen: line.amountFen,
      dueOn,
      status: paid ? 'paid' : 'open',
    });
    if (paid)
      out.payments.push({
        conversionId: id,
        institutionId: inst.id,
        resultId: licensed.row.id ?? null,
        scheduleItemId: itemId,
        amountFen: line.amountFen!,
        receivedOn: dueOn,
        payerName: ent.name,
        evidenceRef: '银行回单（先用后付许可费）',
      });
  }
  return rows;
}
