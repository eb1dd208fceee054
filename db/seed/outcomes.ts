// What happened around the seeded listings, so each state is backed by the rows the lifecycle
// (DESIGN §5) expects: the outcome of a matched supply listing, the claim behind it, a deal for each
// converted one, a few standing objections and claims on running notices and listings, and the
// proposals (揭榜方案) that put a demand into selecting, awarded or landed.

import { INDUSTRY_FIELD_LABELS, type IndustryField } from '../../domain/constants/listings.js';
import { type OwnershipType } from '../../domain/constants/organisations.js';
import type { NewListing, SeedPlan } from './context.js';
import type { Rng } from './random.js';
import { DAY, HOUR, type Clock, type ListingTimes } from './timeline.js';

export interface Party {
  id: string;
  name: string;
  ownershipType: OwnershipType | null;
  fields: readonly IndustryField[];
  people: { id: string; displayName: string }[];
}

type Outcomes = Pick<SeedPlan, 'claims' | 'objections' | 'deals' | 'proposals'>;

const OBJECTION_REASONS = [
  '拟交易价格明显低于同类技术近两年的市场成交价格，建议通过挂牌交易发现价格。',
  '我单位曾参与该成果前期研发并有技术合同约定，对拟受让方的独家受让安排有异议，请核实。',
  '公示材料未说明许可的地域范围和期限，拟交易价格的依据不充分。',
];

const DEAL_BASIS = {
  notice: '经单位技术转移机构审核和领导班子集体决策，按协议定价，公示期满无成立的异议，依规成交。',
  claim: '在平台挂牌期内由受让方摘牌，按挂牌价格成交，交易过程全程留痕。',
} as const;

const METHODS = [
  '机理分析与数值模拟相结合',
  '小试、中试逐级放大',
  '样机研制与台架试验',
  '数据建模与现场测试相结合',
  '正交试验与工艺参数优化',
];

const between = (rng: Rng, from: Date, to: Date): Date =>
  new Date(rng.between(from.getTime(), Math.max(from.getTime(), to.getTime())));

/**
 * Supply: a matched or converted listing records its outcome (matched_* columns, claim, deal); a few
 * running notices carry a standing objection and a few listed ones a claim.
 */
export function supplyOutcome(
  rng: Rng,
  clock: Clock,
  out: Outcomes,
  listing: NewListing & { id: string },
  times: ListingTimes,
  institution: Party,
  resultId: string,
  buyers: readonly Party[],
): void {
  const { status, pricingMode } = listing;
  const publishedAt = times.publishedAt;
  if (status === 'objection_review') {
    // 措施四: the notice ended with this objection standing; the institution has still to decide.
    const filer = rng.pick(buyers.filter((b) => b.id !== listing.counterpartyOrgId));
    out.objections.push({
      listingId: listing.id,
      organisationId: filer.id,
      filedBy: rng.pick(filer.people).id,
      reason: OBJECTION_REASONS[0]!,
      createdAt: between(rng, new Date(publishedAt!.getTime() + HOUR), new Date(times.noticeEndsAt!.getTime() - HOUR)),
    });
  }
  if (status === 'notice' && rng.chance(0.25)) {
    const filer = rng.pick(buyers.filter((b) => b.id !== listing.counterpartyOrgId));
    out.objections.push({
      listingId: listing.id,
      organisationId: filer.id,
      filedBy: rng.pick(filer.people).id,
      reason: rng.pick(OBJECTION_REASONS),
      createdAt: between(rng, new Date(publishedAt!.getTime() + HOUR), clock.ago(HOUR)),
    });
  }
  if (status === 'listed' && rng.chance(0.35)) {
    const claimant = rng.pick(buyers);
    out.claims.push({
      listingId: listing.id,
      organisationId: claimant.id,
      claimedBy: rng.pick(claimant.people).id,
      priceFen: listing.priceFen!,
      note: '我单位同意按挂牌价格受让，请安排后续签约。',
      createdAt: between(rng, new Date(publishedAt!.getTime() + HOUR), clock.ago(HOUR)),
    });
  }
  if (status !== 'matched' && status !== 'converted') return;

  let buyer: { id: string | null; name: string; ownership: OwnershipType };
  let matchedAt: Date;
  if (pricingMode === 'negotiated') {
    const registered = buyers.find((b) => b.id === listing.counterpartyOrgId);
    buyer = {
      id: registered?.id ?? null,
      name: listing.counterpartyName!,
      ownership: registered?.ownershipType ?? 'private',
    };
    matchedAt = times.noticeEndsAt!;
    listing.matchRoute = 'notice';
  } else {
    // Fixed price: exactly one claim in the window, at the listed price.
    const claimant = rng.pick(buyers);
    buyer = { id: claimant.id, name: claimant.name, ownership: claimant.ownershipType! };
    matchedAt = times.listingEndsAt!;
    out.claims.push({
      listingId: listing.id,
      organisationId: claimant.id,
      claimedBy: rng.pick(claimant.people).id,
      priceFen: listing.priceFen!,
      note: '我单位同意按挂牌价格受让。',
      createdAt: between(rng, new Date(publishedAt!.getTime() + HOUR), new Date(matchedAt.getTime() - HOUR)),
    });
    listing.matchRoute = 'claim';
  }
  listing.matchedOrgId = buyer.id;
  listing.matchedName = buyer.name;
  listing.matchedPriceFen = listing.priceFen;
  listing.matchedAt = matchedAt;
  if (status === 'converted') {
    out.deals.push({
      listingId: listing.id,
      resultId,
      institutionId: institution.id,
      counterpartyOrgId: buyer.id,
      counterpartyName: buyer.name,
      counterpartyOwnership: buyer.ownership,
      // Seeded outcomes stay with mainland parties (措施十五), none of them the institution's own subsidiary.
      counterpartyDomicile: 'mainland',
      counterpartyOwnSubsidiary: false,
      transactionType: listing.transactionTypes![0]!,
      licenseScope: listing.transactionTypes![0] === 'license' ? (listing.licenseScope ?? null) : null,
      // 措施四: at the price the match came from — the noticed agreed price or the listed price.
      amountFen: listing.priceFen!,
      priceBasis: pricingMode === 'negotiated' ? 'agreed_price' : 'listed_price',
      boundPriceFen: listing.priceFen!,
      // 措施四: appraisal may be skipped only towards a state-wholly-owned enterprise.
      appraisal:
        buyer.ownership === 'state_wholly_owned' ? 'skipped_state_owned' : rng.pick(['appraised', 'not_appraised']),
      basis: DEAL_BASIS[pricingMode === 'negotiated' ? 'notice' : 'claim'],
      recordedBy: rng.pick(institution.people).id,
      createdAt: times.convertedAt!,
    });
  }
}

function proposalText(rng: Rng, institution: Party, field: IndustryField, title: string) {
  const leader = rng.pick(institution.people).displayName;
  const months = rng.pick([6, 8, 10, 12, 18]);
  const middle = Math.max(3, Math.round(months * 0.6));
  return {
    team: `${institution.name}${leader}团队，成员${rng.int(5, 12)}人，其中高级职称${rng.int(2, 5)}人。`,
    approach:
      `团队长期从事${INDUSTRY_FIELD_LABELS[field]}方向研究，已获相关授权发明专利${rng.int(3, 15)}项。` +
      `针对“${title}”，拟先开展现场调研和问题诊断，明确关键影响因素；再采用${rng.pick(METHODS)}的方法提出技术方案并完成实验室验证；` +
      '最后在企业现场开展验证，确保达到榜单提出的各项指标。',
    timeline: `第1–2个月：现场调研与方案细化；第3–${middle}个月：关键技术攻关与实验室验证；第${middle + 1}–${months}个月：现场验证、指标测试与验收。`,
  };
}

/** Demand: proposals from institutions working in the field — none for expired ones (no responder). */
export function demandProposals(
  rng: Rng,
  clock: Clock,
  out: Outcomes,
  listing: NewListing & { id: string },
  times: ListingTimes,
  field: IndustryField,
  institutions: readonly Party[],
): void {
  const { status } = listing;
  let count = 0;
  if (status === 'open') count = rng.chance(0.4) ? rng.int(1, 2) : 0;
  else if (status === 'selecting' || status === 'awarded' || status === 'landed') count = rng.int(1, 3);
  if (count === 0) return;
  const inField = institutions.filter((i) => i.fields.includes(field));
  const pool = inField.length >= count ? inField : institutions;
  const chosen = rng.sample(pool, count);
  const winner = status === 'awarded' || status === 'landed' ? rng.int(0, chosen.length - 1) : -1;
  const until = times.deadline! < clock.now ? times.deadline! : clock.ago(HOUR);
  chosen.forEach((institution, i) => {
    const submittedBy = rng.pick(institution.people).id;
    const createdAt = between(rng, new Date(times.publishedAt!.getTime() + DAY), new Date(until.getTime() - HOUR));
    // A negotiable budget (榜额面议): the institutions quote what their approach costs.
    const budgetWan = listing.priceFen != null ? listing.priceFen / 1_000_000 : rng.int(10, 60) * 5;
    const decided = winner >= 0;
    out.proposals.push({
      listingId: listing.id,
      organisationId: institution.id,
      submittedBy,
      ...proposalText(rng, institution, field, listing.title!),
      quoteFen: Math.max(1, Math.round(budgetWan * rng.between(0.7, 1))) * 1_000_000,
      status: !decided ? 'submitted' : i === winner ? 'awarded' : 'not_selected',
      decidedAt: decided ? times.awardedAt : null,
      ...(status === 'landed' && i === winner
        ? {
            enterpriseConfirmedAt: times.landedAt,
            enterpriseConfirmedBy: listing.createdBy,
            institutionConfirmedAt: new Date(times.landedAt!.getTime() - rng.between(HOUR, 3 * DAY)),
            institutionConfirmedBy: submittedBy,
          }
        : {}),
      createdAt,
      updatedAt: decided ? times.awardedAt! : createdAt,
    });
  });
}
