// Request ids: a well-formed incoming X-Request-Id is kept, anything else is replaced by a UUID; the id
// is returned, is in error bodies and is stamped on the outbox events the request wrote.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { createOperator, resultBody, supplyBody, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let institution: Session;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  t = await setupTestApp({ REGISTER_RATE_LIMIT: '1000' });
  const operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
});

afterAll(() => t.close());

describe('X-Request-Id', () => {
  it.each([
    ['kept when well formed', 'edge-7f3a.91:b@lb1', 'edge-7f3a.91:b@lb1'],
    ['replaced when it has spaces', 'a b', null],
    ['replaced when too long', 'x'.repeat(129), null],
    ['replaced when it has quotes or newlines', 'a"b', null],
  ])('is %s', async (_label, incoming, kept) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'x-request-id': incoming } });
    const id = res.headers['x-request-id'];
    if (kept) expect(id).toBe(kept);
    else expect(id).toMatch(UUID);
    expect(res.json().requestId).toBe(id);
  });

  it('is a fresh UUID per request without one', async () => {
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'GET', url: '/healthz' }),
      t.app.inject({ method: 'GET', url: '/healthz' }),
    ]);
    expect(a.headers['x-request-id']).toMatch(UUID);
    expect(b.headers['x-request-id']).toMatch(UUID);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('is stamped on the outbox events the request wrote', async () => {
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/results',
      headers: { cookie: `jb_sid=${institution.cookie}`, 'x-csrf-token': institution.csrf },
      payload: resultBody(),
    });
    expect(create.statusCode).toBe(201);
    const listing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/listings',
      headers: { cookie: `jb_sid=${institution.cookie}`, 'x-csrf-token': institution.csrf },
      payload: supplyBody(create.json().id),
    });
    expect(listing.statusCode).toBe(201);
    const id = listing.json().id as string;
    const submit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/listings/${id}/submit`,
      headers: { cookie: `jb_sid=${institution.cookie}`, 'x-csrf-token': institution.csrf, 'x-request-id': 'trace-42' },
    });
    expect(submit.statusCode).toBe(200);
    const rows = await t.database.db.execute<{ request_id: string | null }>(
      sql`select request_id from outbox where topic = 'listing.submit' and payload->>'listingId' = ${id}`,
    );
    expect(rows.rows.map((r) => r.request_id)).toEqual(['trace-42']);
  });
});
