// A small world for the lifecycle route tests: one listing in each state a route acts on, with the
// default (long) periods so nothing moves while the tests run.
import { sql } from 'drizzle-orm';
import type { TestContext } from './app.js';
import {
  as,
  createOperator,
  enterpriseRegistration,
  institutionRegistration,
  register,
  supplyBody,
  verifiedMember,
  type Session,
} from './factories.js';
import { approvedDemand, approvedSupply, ok, proposalBody } from './lifecycle.js';

export type Who =
  | 'anonymous'
  | 'operator'
  | 'enterprise'
  | 'otherEnterprise'
  | 'institution'
  | 'otherInstitution'
  | 'unverifiedEnterprise'
  | 'unverifiedInstitution';

export interface World {
  s: Record<Exclude<Who, 'anonymous'>, Session>;
  ids: {
    notice: string;
    listed: string;
    showcase: string;
    demand: string;
    draft: string;
    objection: string;
    proposal: string;
    notification: string;
  };
}

export async function buildWorld(t: TestContext): Promise<World> {
  const operator = await createOperator(t.app, t.database.db);
  const s = {
    operator,
    enterprise: await verifiedMember(t.app, operator, 'enterprise'),
    otherEnterprise: await verifiedMember(t.app, operator, 'enterprise'),
    institution: await verifiedMember(t.app, operator, 'institution'),
    otherInstitution: await verifiedMember(t.app, operator, 'institution'),
    unverifiedEnterprise: await register(t.app, enterpriseRegistration()),
    unverifiedInstitution: await register(t.app, institutionRegistration()),
  };
  const notice = await approvedSupply(t.app, s.institution, operator, {
    pricingMode: 'negotiated',
    priceFen: 1_000_000,
    counterpartyName: '某拟受让公司',
  });
  const listed = await approvedSupply(t.app, s.institution, operator);
  const showcase = await approvedSupply(t.app, s.institution, operator, { pricingMode: 'negotiable', priceFen: null });
  const demand = await approvedDemand(t.app, s.enterprise, operator, new Date(Date.now() + 30 * 86_400_000));
  const draft = await ok<{ id: string }>(
    as(
      t.app,
      s.institution,
    )({
      method: 'POST',
      url: '/api/v1/listings',
      payload: supplyBody(listed.resultId),
    }),
    201,
  );
  const objection = await ok<{ id: string }>(
    as(
      t.app,
      s.otherEnterprise,
    )({
      method: 'POST',
      url: `/api/v1/listings/${notice.id}/objections`,
      payload: { reason: '价格明显偏低，请说明依据' },
    }),
    201,
  );
  const proposal = await ok<{ id: string }>(
    as(
      t.app,
      s.otherInstitution,
    )({
      method: 'POST',
      url: `/api/v1/listings/${demand.id}/proposals`,
      payload: proposalBody(),
    }),
    201,
  );
  const inbox = await ok<{ items: Array<{ id: string }> }>(
    as(t.app, s.institution)({ method: 'GET', url: '/api/v1/notifications' }),
  );
  return {
    s,
    ids: {
      notice: notice.id,
      listed: listed.id,
      showcase: showcase.id,
      demand: demand.id,
      draft: draft.id,
      objection: objection.id,
      proposal: proposal.id,
      notification: inbox.items[0]!.id,
    },
  };
}

/** Every row any lifecycle route could write, plus listing versions: unchanged after a refusal. */
export async function lifecycleWrites(t: TestContext): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from audit_log) + (select count(*) from outbox) + (select count(*) from objections)
         + (select count(*) from claims) + (select count(*) from inquiries) + (select count(*) from proposals)
         + (select count(*) from conversions) + (select count(*) from export_control_confirmations)
         + (select count(*) from reward_confirmations) + (select count(*) from notifications)
         + (select count(*) from notifications where read_at is not null) + (select count(*) from auctions)
         + (select coalesce(sum(version), 0) from listings)
         + (select count(*) from objections where response_text is not null or status <> 'standing')
         + (select count(*) from proposals where status <> 'submitted') as n`);
  return Number(r.rows[0]!.n);
}
