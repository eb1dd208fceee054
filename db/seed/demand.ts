// Demand listings (企业找技术): every hand-written need, posted by the enterprise named in its topic,
// in a status mix where every enterprise, region and field has an open demand; the proposals
// (揭榜方案) that the later states need come from institutions working in the field.

import { randomUUID } from 'node:crypto';
import {
  INDUSTRY_FIELDS,
  SUPPORT_KINDS,
  type DemandStatus,
  type IndustryField,
} from '../../domain/constants/listings.js';
import {
  SEED,
  draftAfter,
  expand,
  firstIndexBy,
  guarantee,
  timeColumns,
  wan,
  type NewListing,
  type SeedContext,
} from './context.js';
import type { Directory } from './directory.js';
import type { Region } from '../../domain/constants/organisations.js';
import { ENTERPRISES, type EnterpriseSeed } from './organisations.data.js';
import { demandProposals } from './outcomes.js';
import { REJECTION_TEXTS } from './phrases.js';
import { Rng } from './random.js';
import { demandDescription, parseTopic, type Topic } from './text.js';
import { DAY, demandTimes } from './timeline.js';
import { DEMAND_TOPICS } from './topics.demand.js';

// For the demands of verified enterprises; an unverified one only has drafts.
const DEMAND_PLAN: ReadonlyArray<readonly [DemandStatus, number]> = [
  ['open', 61],
  ['selecting', 8],
  ['awarded', 2],
  ['landed', 1],
  ['expired', 6],
  ['draft', 6],
  ['pending_review', 9],
  ['rejected', 4],
  ['withdrawn', 3],
];

/** 榜额 range in 万元 by enterprise size: a micro firm does not post a 千万 budget. */
const BUDGET_RANGE_WAN: Record<EnterpriseSeed['sizeClass'], readonly [number, number]> = {
  micro: [10, 80],
  small: [20, 200],
  medium: [30, 500],
  large: [100, 1000],
};

/** Demands are posted by mainland enterprises, which have a Liaoning city. */
function regionOf(seed: EnterpriseSeed): Region {
  if (!seed.region) throw new Error(`seed: demand owner ${seed.key} has no region`);
  return seed.region;
}

interface DemandSpec {
  seed: EnterpriseSeed;
  topic: Topic;
  field: IndustryField;
}

export function buildDemandListings(ctx: SeedContext, dir: Directory): void {
  const { plan, clock } = ctx;
  const rng = new Rng(SEED + 5);
  const verified: DemandSpec[] = [];
  const pending: DemandSpec[] = [];
  for (const field of INDUSTRY_FIELDS) {
    for (const topic of DEMAND_TOPICS[field].map(parseTopic)) {
      const seed = ENTERPRISES.find((e) => e.key === topic.owner);
      if (!seed) throw new Error(`seed: demand "${topic.title}" has no known owner`);
      (seed.verified ? verified : pending).push({ seed, topic, field });
    }
  }
  const statuses = rng.shuffle(expand(DEMAND_PLAN));
  if (statuses.length !== verified.length) throw new Error('seed: demand plan size mismatch');
  // Every enterprise (and so every region) and every field has an open demand.
  guarantee(
    statuses,
    [...firstIndexBy(verified, (d) => d.seed.key), ...firstIndexBy(verified, (d) => d.field)],
    (s) => s === 'open',
  );

  const add = (d: DemandSpec, status: DemandStatus) => {
    const owner = dir.org(d.seed.key);
    const times = owner.verified ? demandTimes(rng, clock, status) : draftAfter(rng, clock, owner.createdAt);
    if (!owner.verified) times.deadline = clock.endOfShanghaiDay(clock.ahead(rng.between(40 * DAY, 100 * DAY)));
    const [low, high] = BUDGET_RANGE_WAN[d.seed.sizeClass];
    // Budgets (榜额) in steps of 5 万元, skewed towards the lower end of the range.
    const budgetFen = wan(Math.round((low + (high - low) * rng.float() ** 2) / 5) * 5);
    // 措施八: a few needs leave the budget open — said explicitly (榜额面议), never left blank.
    const negotiable = rng.chance(0.08);
    // 措施八: the support sought besides money (研发、中试、孵化、人才、金融).
    const supportSought = rng.sample(
      SUPPORT_KINDS,
      rng.weighted([
        [0, 5],
        [1, 35],
        [2, 40],
        [3, 20],
      ] as const),
    );
    const contact = rng.pick(owner.people);
    const rejection = status === 'rejected' ? rng.pick(REJECTION_TEXTS.demand) : null;
    const row = {
      id: randomUUID(),
      kind: 'demand',
      organisationId: owner.id,
      resultId: null,
      title: d.topic.title,
      summary: d.topic.summary,
      description: demandDescription(rng, {
        topic: d.topic,
        profile: d.seed.profile,
        months: rng.pick([6, 8, 10, 12, 18, 24]),
        supportSought,
        budgetFen: negotiable ? null : budgetFen,
        instalments: rng.pick([1, 2, 3]),
      }),
      field: d.field,
      region: regionOf(d.seed),
      status,
      pricingMode: null,
      transactionTypes: [],
      priceFen: negotiable ? null : budgetFen,
      budgetNegotiable: negotiable,
      supportSought,
      contactName: contact.displayName,
      contactPhone: contact.phone,
      ...timeColumns(times),
      rejectionCode: rejection?.[0] ?? null,
      rejectionText: rejection?.[1] ?? null,
      createdBy: contact.id,
    } satisfies NewListing;
    plan.listings.push(row);
    demandProposals(rng, clock, plan, row, times, d.field, dir.verifiedInstitutions);
    ctx.decide(rng, dir.operators, row.id, times, rejection);
    ctx.audit('listing', row.id, status);
  };

  verified.forEach((d, i) => add(d, statuses[i]!));
  pending.forEach((d) => add(d, 'draft'));
}
