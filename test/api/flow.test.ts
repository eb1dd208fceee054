// Registration → verification → draft → submit → reject → edit → resubmit → approve, through the API.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  institutionRegistration,
  register,
  resultBody,
  supplyBody,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let operator: Session;

beforeAll(async () => {
  t = await setupTestApp();
  operator = await createOperator(t.app, t.database.db);
});
afterAll(() => t.close());

describe('the moderation flow of a supply listing', () => {
  it('goes from registration to an approved, publicly visible listing with a full audit trail', async () => {
    const inst = await register(t.app, institutionRegistration());
    const member = as(t.app, inst);
    const op = as(t.app, operator);
    const anon = as(t.app, null);

    const me = await member({ method: 'GET', url: '/api/v1/me' });
    expect(me.json().organisation.verificationStatus).toBe('pending_verification');

    // An unverified institution may register results and draft, but not submit.
    const result = await member({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
    expect(result.statusCode).toBe(201);
    const draft = await member({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(result.json().id) });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id as string;
    expect(draft.json().status).toBe('draft');
    const early = await member({ method: 'POST', url: `/api/v1/listings/${id}/submit` });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('ORG_NOT_VERIFIED');

    const queue = await op({ method: 'GET', url: '/api/v1/operator/organisations' });
    expect(queue.json().items.map((o: { id: string }) => o.id)).toContain(inst.orgId);
    expect((await op({ method: 'POST', url: `/api/v1/operator/organisations/${inst.orgId}/verify` })).statusCode).toBe(
      200,
    );

    expect((await member({ method: 'POST', url: `/api/v1/listings/${id}/submit` })).json().status).toBe(
      'pending_review',
    );
    // Not public while pending.
    expect((await anon({ method: 'GET', url: `/api/v1/listings/${id}` })).statusCode).toBe(404);

    const rejected = await op({
      method: 'POST',
      url: `/api/v1/operator/listings/${id}/reject`,
      payload: { reasonCode: 'incomplete_information', reasonText: '请补充技术成熟度说明和专利授权证明。' },
    });
    expect(rejected.json().status).toBe('rejected');
    const seen = await member({ method: 'GET', url: `/api/v1/listings/${id}` });
    expect(seen.json().rejectionText).toBe('请补充技术成熟度说明和专利授权证明。');

    const edited = await member({
      method: 'PATCH',
      url: `/api/v1/listings/${id}`,
      payload: { description: '中试线已稳定运行 18 个月，附专利证书。', version: seen.json().version },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().status).toBe('draft');
    expect((await member({ method: 'POST', url: `/api/v1/listings/${id}/submit` })).json().status).toBe(
      'pending_review',
    );

    const approved = await op({ method: 'POST', url: `/api/v1/operator/listings/${id}/approve` });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('listed');
    // 措施四: the half-month claim window starts at approval.
    const window = Date.parse(approved.json().listingEndsAt) - Date.parse(approved.json().publishedAt);
    expect(window).toBe(15 * 86_400_000);

    const pub = await anon({ method: 'GET', url: `/api/v1/listings/${id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().rejectionText).toBeNull();
    const list = await anon({ method: 'GET', url: '/api/v1/listings?kind=supply&field=new_energy' });
    expect(list.json().items.map((l: { id: string }) => l.id)).toContain(id);

    const trail = await op({ method: 'GET', url: `/api/v1/operator/listings/${id}/audit` });
    expect(trail.json().items.map((a: { action: string }) => a.action)).toEqual([
      'listing.create',
      'listing.submit',
      'listing.reject',
      'listing.edit',
      'listing.submit',
      'listing.approve',
    ]);
  });
});

describe('organisation verification', () => {
  it('rejects with a reason, and a corrected profile returns to the queue', async () => {
    const ent = await register(t.app, institutionRegistration());
    const op = as(t.app, operator);
    const rejected = await op({
      method: 'POST',
      url: `/api/v1/operator/organisations/${ent.orgId}/reject`,
      payload: { reason: '营业执照信息与信用代码不一致' },
    });
    expect(rejected.json()).toMatchObject({
      verificationStatus: 'rejected',
      verificationNote: '营业执照信息与信用代码不一致',
    });
    const mine = await as(t.app, ent)({ method: 'GET', url: '/api/v1/my/organisation' });
    expect(mine.json().organisation.verificationNote).toBe('营业执照信息与信用代码不一致');
    expect(mine.json().members).toHaveLength(1);
    const fixed = await as(
      t.app,
      ent,
    )({ method: 'PATCH', url: '/api/v1/my/organisation', payload: { address: '沈阳市浑南区创新路 1 号' } });
    expect(fixed.json().verificationStatus).toBe('pending_verification');
    const trail = await op({ method: 'GET', url: `/api/v1/operator/organisations/${ent.orgId}/audit` });
    expect(trail.json().items.map((a: { action: string }) => a.action)).toEqual([
      'organisation.register',
      'organisation.reject_verification',
      'organisation.update_profile',
    ]);
  });

  it('keeps the audit log append-only', async () => {
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
  });
});
