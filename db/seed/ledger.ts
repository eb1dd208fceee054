// The demo conversion ledger (docs/ledger.md): every seeded deal and landed demand project becomes a
// conversion with its contract; schedules with paid and overdue instalments; an off-platform licence
// with a royalty report; an equity stake (作价投资). All organisations are the seed's fictional ones.
import { randomUUID } from 'node:crypto';
import type { ConversionType } from '../../domain/constants/ledger.js';
import { equalInstalments } from '../../domain/ledger-money.js';
import { addDays } from '../../domain/pool.js';
import { shanghaiDate } from '../../domain/results.js';
import type { contracts, conversions, equityStakes, payments, royaltyReports, scheduleItems } from '../schema/index.js';
import type { NewResult, SeedContext } from './context.js';
import type { Directory } from './directory.js';
import type { ResultRef } from './results.js';
import { DAY } from './timeline.js';

type NewConversion = typeof conversions.$inferInsert & { id: string };
type NewContract = typeof contracts.$inferInsert;
type NewScheduleItem = typeof scheduleItems.$inferInsert & { id: string };
type NewPayment = typeof payments.$inferInsert;

export interface LedgerRows {
  conversions: NewConversion[];
  contracts: NewContract[];
  scheduleItems: NewScheduleItem[];
  payments: NewPayment[];
  royaltyReports: (typeof royaltyReports.$inferInsert)[];
  equityStakes: (typeof equityStakes.$inferInsert)[];
}

export function emptyLedger(): LedgerRows {
  return { conversions: [], contracts: [], scheduleItems: [], payments: [], royaltyReports: [], equityStakes: [] };
}

const contractType = (t: ConversionType) => (t === 'equity' ? 'transfer' : t);

/**
 * Two instalments for a contract signed `signedOn` (40 % a month after, 60 % four months after):
 * the first paid when due, the second paid too if its day has passed — except for `overdue`, left
 * unpaid so the demo shows an overdue line.
 */
function instalments(
  out: LedgerRows,
  c: NewConversion,
  amountFen: number,
  signedOn: string,
  today: string,
  payer: string,
  overdue: boolean,
) {
  const first = Math.round((amountFen * 4) / 10);
  const parts = [first, amountFen - first];
  const dues = [addDays(signedOn, 30), addDays(signedOn, 120)];
  parts.forEach((amount, i) => {
    const id = randomUUID();
    const dueOn = dues[i]!;
    const paid = dueOn <= today && !(overdue && i === 1);
    out.scheduleItems.push({
      id,
      conversionId: c.id,
      seq: i + 1,
      kind: 'instalment',
      amountFen: amount,
      dueOn,
      status: paid ? 'paid' : 'open',
    });
    if (paid) {
      out.payments.push({
        conversionId: c.id,
        institutionId: c.institutionId,
        resultId: c.resultId ?? null,
        scheduleItemId: id,
        amountFen: amount,
        receivedOn: dueOn,
        payerName: payer,
        evidenceRef: `银行回单 ${dueOn.replaceAll('-', '')}-${i + 1}`,
      });
    }
  });
}

export function buildLedger(ctx: SeedContext, dir: Directory, results: readonly ResultRef[]): LedgerRows {
  const { plan, clock } = ctx;
  const out = emptyLedger();
  const today = shanghaiDate(clock.now);
  const orgs = new Map(plan.organisations.map((o) => [o.id!, o]));
  const name = (id: string | null | undefined) => (id ? (orgs.get(id)?.name ?? '') : '');
  const code = (id: string | null | undefined) => (id ? (orgs.get(id)?.creditCode ?? null) : null);

  // Route `deal`: the seeded deals; every other one has a schedule, the first of those an overdue line.
  plan.deals.forEach((d, n) => {
    const id = randomUUID();
    const signedOn = shanghaiDate(d.createdAt);
    out.conversions.push({
      id,
      institutionId: d.institutionId,
      resultId: d.resultId,
      route: 'deal',
      origin: d.priceBasis === 'agreed_price' ? 'notice' : 'claim',
      listingId: d.listingId,
      counterpartyOrgId: d.counterpartyOrgId,
      counterpartyName: d.counterpartyName,
      counterpartyCreditCode: code(d.counterpartyOrgId),
      counterpartyOwnership: d.counterpartyOwnership,
      counterpartyDomicile: d.counterpartyDomicile,
      counterpartyOwnSubsidiary: d.counterpartyOwnSubsidiary,
      transactionType: d.transactionType,
      licenseScope: d.licenseScope,
      priceBasis: d.priceBasis,
      boundPriceFen: d.boundPriceFen,
      appraisal: d.appraisal,
      basis: d.basis,
      landingConfirmedAt: d.landingConfirmedAt ?? null,
      landingConfirmedBy: d.landingConfirmedBy ?? null,
      recordedBy: d.recordedBy,
      createdAt: d.createdAt,
      updatedAt: d.createdAt,
    });
    out.contracts.push({
      conversionId: id,
      institutionId: d.institutionId,
      contractType: contractType(d.transactionType),
      title: `${plan.listings.find((l) => l.id === d.listingId)?.title ?? '技术'}合同`,
      sellerName: name(d.institutionId),
      sellerCreditCode: code(d.institutionId),
      buyerName: d.counterpartyName,
      buyerCreditCode: code(d.counterpartyOrgId),
      amountFen: d.amountFen,
      technologyAmountFen: d.amountFen,
      paymentMethods: ['instalments'],
      signedOn,
      registrationNo: n % 2 === 0 ? `2126${signedOn.slice(0, 4)}${String(1000 + n)}` : null,
      registeredOn: n % 2 === 0 ? (addDays(signedOn, 10) <= today ? addDays(signedOn, 10) : signedOn) : null,
      status: 'effective',
      createdAt: d.createdAt,
      updatedAt: d.createdAt,
    });
    if (n % 2 === 0)
      instalments(out, out.conversions.at(-1)!, d.amountFen, signedOn, today, d.counterpartyName, n === 0);
  });

  // Route `demand`: each landed 揭榜 project (both sides confirmed), a development contract in three parts.
  for (const p of plan.proposals) {
    if (p.status !== 'awarded' || !p.enterpriseConfirmedAt || !p.institutionConfirmedAt) continue;
    const listing = plan.listings.find((l) => l.id === p.listingId)!;
    p.id ??= randomUUID();
    const at = new Date(Math.max(p.enterpriseConfirmedAt.getTime(), p.institutionConfirmedAt.getTime()));
    const id = randomUUID();
    const signedOn = shanghaiDate(at);
    const ent = orgs.get(listing.organisationId)!;
    out.conversions.push({
      id,
      institutionId: p.organisationId,
      route: 'demand',
      listingId: p.listingId,
      proposalId: p.id,
      counterpartyOrgId: listing.organisationId,
      counterpartyName: ent.name,
      counterpartyCreditCode: ent.creditCode ?? null,
      counterpartyOwnership: ent.ownershipType ?? null,
      transactionType: 'development',
      priceBasis: 'proposal_quote',
      createdAt: at,
      updatedAt: at,
    });
    out.contracts.push({
      conversionId: id,
      institutionId: p.organisationId,
      contractType: 'development',
      title: `${listing.title}技术开发合同`,
      sellerName: name(p.organisationId),
      sellerCreditCode: code(p.organisationId),
      buyerName: ent.name,
      buyerCreditCode: ent.creditCode ?? null,
      amountFen: p.quoteFen,
      technologyAmountFen: p.quoteFen,
      paymentMethods: ['instalments'],
      signedOn,
      status: 'effective',
      createdAt: at,
      updatedAt: at,
    });
    instalments(out, out.conversions.at(-1)!, p.quoteFen, signedOn, today, ent.name, false);
  }

  // Route `off_platform`: the demo university licenses one result off the platform (lump sum plus a
  // 3 % royalty, one period reported and paid) and contributes another to a company (作价投资).
  const inst = dir.org('inst01');
  const ent = dir.org('ent01');
  const free = results.filter(
    (r) => r.org.id === inst.id && r.row.status !== 'converted' && r.row.securityClass === 'public',
  );
  const [licensed, invested] = [free[0], free[1]];
  const recorder = inst.people[0]!.id;
  if (licensed) {
    const signed = clock.ago(200 * DAY);
    const signedOn = shanghaiDate(signed);
    const id = randomUUID();
    markConverted(licensed.row, signed);
    out.conversions.push({
      id,
      institutionId: inst.id,
      resultId: licensed.row.id,
      route: 'off_platform',
      counterpartyOrgId: ent.id,
      counterpartyName: ent.name,
      counterpartyCreditCode: code(ent.id),
      counterpartyOwnership: orgs.get(ent.id)?.ownershipType ?? null,
      transactionType: 'license',
      licenseScope: 'non_exclusive',
      priceBasis: 'off_platform',
      appraisal: 'appraised',
      basis: '经第三方资产评估，评估值作为许可费定价参考，经校技术转移委员会审议通过',
      evidenceRef: '许可合同 SLGD-XK-2026-017；技术合同登记证明',
      intermediaryKind: 'technology_manager',
      intermediaryName: ctx.personName(),
      intermediaryCommissionBp: 500,
      // 措施八: ent01 has confirmed that the licensed technology is implemented (落地实施) in it.
      landingConfirmedAt: clock.ago(120 * DAY),
      landingConfirmedBy: ent.people[0]!.id,
      recordedBy: recorder,
      createdAt: signed,
      updatedAt: signed,
    });
    const fee = 30_000_000;
    out.contracts.push({
      conversionId: id,
      institutionId: inst.id,
      contractType: 'license',
      title: `${licensed.row.title}普通许可合同`,
      contractNo: 'SLGD-XK-2026-017',
      sellerName: inst.name,
      sellerCreditCode: code(inst.id),
      buyerName: ent.name,
      buyerCreditCode: code(ent.id),
      amountFen: fee,
      technologyAmountFen: fee,
      paymentMethods: ['instalments', 'royalty'],
      royaltyBp: 300,
      royaltyBase: '许可产品年销售额',
      signedOn,
      termStartsOn: signedOn,
      termEndsOn: addDays(signedOn, 5 * 365),
      status: 'effective',
      createdAt: signed,
      updatedAt: signed,
    });
    const parts = equalInstalments(fee, 2);
    instalments(out, out.conversions.at(-1)!, parts[0]! + parts[1]!, signedOn, today, ent.name, true);
    const royaltyId = randomUUID();
    const periodEnd = addDays(signedOn, 180);
    out.scheduleItems.push({
      id: royaltyId,
      conversionId: id,
      seq: 3,
      kind: 'royalty',
      amountFen: 1_260_000,
      dueOn: addDays(periodEnd, 15),
      periodStartsOn: signedOn,
      periodEndsOn: periodEnd,
      status: 'paid',
    });
    out.royaltyReports.push({
      conversionId: id,
      scheduleItemId: royaltyId,
      periodStartsOn: signedOn,
      periodEndsOn: periodEnd,
      salesFen: 42_000_000,
      royaltyFen: 1_260_000,
      reportedOn: addDays(periodEnd, 5),
      recordedBy: recorder,
    });
    out.payments.push({
      conversionId: id,
      institutionId: inst.id,
      resultId: licensed.row.id,
      scheduleItemId: royaltyId,
      amountFen: 1_260_000,
      receivedOn: addDays(periodEnd, 12),
      payerName: ent.name,
      evidenceRef: '银行回单（提成）',
      recordedBy: recorder,
    });
  }
  if (invested) {
    const signed = clock.ago(90 * DAY);
    const signedOn = shanghaiDate(signed);
    const id = randomUUID();
    const valuation = 800_000_000;
    markConverted(invested.row, signed);
    out.conversions.push({
      id,
      institutionId: inst.id,
      resultId: invested.row.id,
      route: 'off_platform',
      counterpartyName: '沈阳智联精工科技有限公司',
      counterpartyCreditCode: null,
      counterpartyOwnership: 'private',
      transactionType: 'equity',
      priceBasis: 'off_platform',
      appraisal: 'appraised',
      basis: '经资产评估机构评估作价，学校党委常委会审议通过（单列管理）',
      evidenceRef: '作价投资协议 SLGD-TZ-2026-003；公司章程',
      recordedBy: recorder,
      createdAt: signed,
      updatedAt: signed,
    });
    out.contracts.push({
      conversionId: id,
      institutionId: inst.id,
      contractType: 'transfer',
      title: `${invested.row.title}作价投资协议`,
      contractNo: 'SLGD-TZ-2026-003',
      sellerName: inst.name,
      sellerCreditCode: code(inst.id),
      buyerName: '沈阳智联精工科技有限公司',
      amountFen: valuation,
      technologyAmountFen: valuation,
      paymentMethods: ['equity'],
      signedOn,
      // The contribution is made and the shares registered: the agreement is performed (completed).
      status: 'completed',
      createdAt: signed,
      updatedAt: signed,
    });
    out.scheduleItems.push({
      id: randomUUID(),
      conversionId: id,
      seq: 1,
      kind: 'equity',
      amountFen: valuation,
      dueOn: signedOn,
      status: 'paid',
    });
    out.equityStakes.push({
      conversionId: id,
      institutionId: inst.id,
      companyName: '沈阳智联精工科技有限公司',
      companyCreditCode: '91210112MA7X0K2D3P',
      stakeBp: 2000,
      shares: 2_000_000,
      valuationFen: valuation,
      acquiredOn: signedOn,
    });
  }
  // 措施十五: a transfer agreed off the platform with ent21, registered in Hong Kong, saved as a draft:
  // it can be signed only once inst01 confirms the result's technology-export review.
  const abroad = dir.org('ent21');
  const pending = free[2];
  if (pending) {
    const at = clock.ago(5 * DAY);
    const id = randomUUID();
    out.conversions.push({
      id,
      institutionId: inst.id,
      resultId: pending.row.id,
      route: 'off_platform',
      counterpartyOrgId: abroad.id,
      counterpartyName: abroad.name,
      counterpartyOwnership: orgs.get(abroad.id)?.ownershipType ?? null,
      counterpartyDomicile: 'hk_macao_taiwan',
      transactionType: 'transfer',
      priceBasis: 'off_platform',
      appraisal: 'appraised',
      basis: '经第三方资产评估，拟按评估值转让；待技术出口管制审查确认后签约',
      evidenceRef: '转让合同（草拟稿）SLGD-ZR-2026-021',
      recordedBy: recorder,
      createdAt: at,
      updatedAt: at,
    });
    out.contracts.push({
      conversionId: id,
      institutionId: inst.id,
      contractType: 'transfer',
      title: `${pending.row.title}转让合同`,
      contractNo: 'SLGD-ZR-2026-021',
      sellerName: inst.name,
      sellerCreditCode: code(inst.id),
      buyerName: abroad.name,
      amountFen: 120_000_000,
      technologyAmountFen: 120_000_000,
      paymentMethods: ['lump_sum'],
      status: 'draft',
      createdAt: at,
      updatedAt: at,
    });
  }
  for (const c of out.conversions) {
    const status = out.contracts.find((k) => k.conversionId === c.id)?.status ?? 'effective';
    ctx.audit('conversion', c.id, status);
  }
  return out;
}

function markConverted(row: NewResult, at: Date) {
  row.status = 'converted';
  // 措施二: the demo university manages these two separately (单列管理), so its register shows them.
  row.separatelyManaged = true;
  row.convertedAt = at;
}
