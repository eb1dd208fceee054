// Supply listings (成果找市场): one per listable result of a verified institution in a status mix
// that keeps every screen busy, plus older finished listings of results offered again, plus drafts
// of the institution still waiting for verification. Classified (涉密) results are never listed.

import { randomUUID } from 'node:crypto';
import type { LicenceScope, PricingMode, SupplyStatus, TransactionType } from '../../domain/constants/listings.js';
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
import { EXTERNAL_COUNTERPARTIES } from './organisations.data.js';
import { supplyOutcome } from './outcomes.js';
import { REJECTION_TEXTS } from './phrases.js';
import { Rng } from './random.js';
import type { ResultRef } from './results.js';
import { supplyDescription } from './text.js';
import { DAY, supplyTimes } from './timeline.js';

// The primary listing of each result of a verified institution.
const SUPPLY_PLAN: ReadonlyArray<readonly [SupplyStatus, number]> = [
  ['showcase', 34],
  ['notice', 12],
  // 措施四: a notice that ended with a standing objection, awaiting the institution's decision.
  ['objection_review', 1],
  ['listed', 14],
  ['matched', 7],
  ['converted', 5],
  ['draft', 7],
  ['pending_review', 11],
  ['rejected', 5],
];
// Older, finished listings of results that have since been offered again.
const HISTORIC_PLAN = expand<readonly [SupplyStatus, PricingMode]>([
  [['expired', 'negotiable'], 5],
  [['expired', 'fixed'], 3],
  [['withdrawn', 'negotiable'], 3],
  [['withdrawn', 'fixed'], 1],
]);
const RUNNING: readonly SupplyStatus[] = ['showcase', 'notice', 'listed'];

const LICENCE_SCOPE_MIX: ReadonlyArray<readonly [LicenceScope, number]> = [
  ['non_exclusive', 6],
  ['sole', 2],
  ['exclusive', 2],
];

const TRANSACTION_SETS: ReadonlyArray<readonly [TransactionType[], number]> = [
  [['transfer', 'license'], 25],
  [['license'], 20],
  [['transfer'], 20],
  [['transfer', 'license', 'equity'], 15],
  [['license', 'equity'], 10],
  [['equity'], 5],
  [['transfer', 'equity'], 5],
];

export function buildSupplyListings(ctx: SeedContext, dir: Directory, results: readonly ResultRef[]): void {
  const { plan, clock } = ctx;
  const rng = new Rng(SEED + 4);
  const listable = results.filter((r) => r.row.securityClass !== 'classified');
  const verified = listable.filter((r) => r.org.verified);
  const statuses = rng.shuffle(expand(SUPPLY_PLAN));
  if (statuses.length !== verified.length) throw new Error('seed: supply plan size mismatch');
  // Every field has a listing in a running public state.
  const covering = firstIndexBy(verified, (r) => r.field);
  guarantee(statuses, covering, (s) => RUNNING.includes(s));
  // The demo institution (inst01) has the listing awaiting its objection decision.
  const demo = verified.findIndex((r, i) => r.seed.key === 'inst01' && !covering.includes(i));
  const review = statuses.indexOf('objection_review');
  [statuses[demo], statuses[review]] = [statuses[review]!, statuses[demo]!];
  const historic = rng.sample(
    verified.filter((_, i) => statuses[i] !== 'converted'),
    HISTORIC_PLAN.length,
  );
  const historicPlan = rng.shuffle(HISTORIC_PLAN);

  const modeFor = (status: SupplyStatus): PricingMode => {
    switch (status) {
      case 'showcase':
        return 'negotiable';
      case 'notice':
      case 'objection_review':
        return 'negotiated';
      case 'listed':
        return 'fixed';
      case 'matched':
      case 'converted':
        return rng.weighted([
          ['negotiated', 3],
          ['fixed', 2],
        ] as const);
      default:
        return rng.weighted([
          ['negotiable', 3],
          ['negotiated', 2],
          ['fixed', 2],
          ['auction', 2],
        ] as const);
    }
  };
  // Prices in steps of 5 万元; a showcase (面议) has none.
  const priceFor = (mode: PricingMode): number | null => {
    switch (mode) {
      case 'negotiable':
        return null;
      case 'negotiated':
        return wan(rng.int(6, 160) * 5);
      case 'fixed':
        return wan(rng.int(2, 80) * 5);
      case 'auction':
        return wan(rng.int(4, 60) * 5);
    }
  };

  const add = (ref: ResultRef, status: SupplyStatus, mode: PricingMode) => {
    const times = ref.org.verified ? supplyTimes(rng, clock, status, mode) : draftAfter(rng, clock, ref.row.createdAt);
    if (times.createdAt < ref.row.createdAt) {
      ref.row.createdAt = new Date(times.createdAt.getTime() - rng.between(DAY, 30 * DAY));
      ref.row.updatedAt = ref.row.createdAt;
    }
    const transactionTypes = rng.weighted(TRANSACTION_SETS);
    // A licence says its scope; only one listing holds a result, so an exclusive one conflicts with none.
    const licenseScope = transactionTypes.includes('license') ? rng.weighted(LICENCE_SCOPE_MIX) : null;
    const priceFen = priceFor(mode);
    // 措施四 协议定价: the named counterparty, registered on the platform or not.
    let counterpartyName: string | null = null;
    let counterpartyOrgId: string | null = null;
    if (mode === 'negotiated') {
      if (rng.chance(0.55)) {
        const concluded = status === 'matched' || status === 'converted';
        const partner = concluded ? rng.pick(dir.domesticBuyers) : dir.org(rng.pick(dir.verifiedEnterprises).key);
        counterpartyName = partner.name;
        counterpartyOrgId = partner.id;
      } else {
        counterpartyName = rng.pick(EXTERNAL_COUNTERPARTIES);
      }
    }
    // Mostly the technology-transfer office, sometimes the team leader.
    const contact = rng.chance(0.7) ? ref.org.people[0]! : { displayName: ref.leader, phone: ctx.phone() };
    const rejection = status === 'rejected' ? rng.pick(REJECTION_TEXTS.supply) : null;
    const row = {
      id: randomUUID(),
      kind: 'supply',
      organisationId: ref.org.id,
      resultId: ref.row.id,
      title: ref.topic.title,
      summary: ref.topic.summary,
      description: supplyDescription(rng, {
        topic: ref.topic,
        field: ref.field,
        institutionName: ref.seed.name,
        leader: ref.leader,
        years: ref.years,
        maturity: ref.row.maturity!,
        ipTypes: ref.ipTypes,
        ownership: ref.row.ownership!,
        teamShareBp: ref.teamShareBp,
        longTermUseStartsOn: ref.row.longTermUseStartsOn ?? null,
        longTermUseEndsOn: ref.row.longTermUseEndsOn ?? null,
        separatelyManaged: ref.row.separatelyManaged ?? false,
        securityClass: ref.row.securityClass!,
        pricingMode: mode,
        transactionTypes,
        priceFen,
        counterpartyName,
      }),
      field: ref.field,
      region: ref.seed.region,
      status,
      pricingMode: mode,
      transactionTypes,
      licenseScope,
      priceFen,
      counterpartyName,
      counterpartyOrgId,
      contactName: contact.displayName,
      contactPhone: contact.phone,
      ...timeColumns(times),
      rejectionCode: rejection?.[0] ?? null,
      rejectionText: rejection?.[1] ?? null,
      createdBy: rng.pick(ref.org.people).id,
    } satisfies NewListing;
    plan.listings.push(row);
    supplyOutcome(rng, clock, plan, row, times, dir.party(ref.seed), ref.row.id, dir.domesticBuyers);
    if (status === 'converted') {
      ref.row.status = 'converted';
      ref.row.convertedAt = times.convertedAt;
      ref.row.updatedAt = times.convertedAt!;
    }
    ctx.decide(rng, dir.operators, row.id, times, rejection);
    ctx.audit('listing', row.id, status);
  };

  historic.forEach((ref, i) => add(ref, historicPlan[i]![0], historicPlan[i]![1]));
  verified.forEach((ref, i) => add(ref, statuses[i]!, modeFor(statuses[i]!)));
  // An institution awaiting verification cannot submit yet: drafts only.
  for (const ref of listable.filter((r) => !r.org.verified)) add(ref, 'draft', modeFor('draft'));

  // 措施八: one converted deal whose enterprise has confirmed implementation (落地), so operators have
  // a supply-side project to confirm for the reward post-subsidy.
  const landed = plan.deals.find((d) => d.counterpartyOrgId);
  const acquirer = landed && dir.domesticBuyers.find((b) => b.id === landed.counterpartyOrgId);
  if (landed && acquirer) {
    landed.landingConfirmedAt = clock.notAfterNow(new Date(landed.createdAt!.getTime() + 20 * DAY));
    landed.landingConfirmedBy = rng.pick(acquirer.people).id;
  }
}
