// Issue 16 items 2 and 8: an action that takes no body (include a result in the pool, submit a
// listing, approve it…) has a closed body — nothing, or `{}` — like every other route: a body with a
// field, or of another type, is a 400 in the standard shape and nothing is written. Before, such routes
// parsed and ignored any JSON and acted.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';

let t: TestContext;
let institution: Session;

beforeAll(async () => {
  t = await setupTestApp();
  const operator = await createOperator(t.app, t.database.db);
  institution = await verifiedMember(t.app, operator, 'institution');
});
afterAll(() => t.close());

async function newResult(): Promise<string> {
  const r = await as(t.app, institution)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

/** Rows an accepted include writes: the entry, its event, the statistics mark, the audit line. */
async function writes(): Promise<number> {
  const r = await t.database.db.execute<{ n: string }>(sql`
    select (select count(*) from pool_entries) + (select count(*) from outbox) + (select count(*) from stat_dirty)
         + (select count(*) from audit_log) + (select count(*) from pool_opt_outs) as n`);
  return Number(r.rows[0]!.n);
}

type Op = {
  summary?: string;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
};

describe('actions without a body', () => {
  it('every state-changing operation documents a closed body, a multipart upload or an empty one', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, Op>>;
    };
    const open: string[] = [];
    let empty = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        // Uploads (multipart/form-data) are read as a stream by their handler; their summary says so.
        if (op.summary?.includes('multipart/form-data')) continue;
        const content = op.requestBody?.content ?? {};
        const schema = content['application/json']?.schema;
        if (!schema) {
          open.push(`${method.toUpperCase()} ${path}: no body schema`);
          continue;
        }
        if (schema.additionalProperties !== false && schema.type === 'object') {
          open.push(`${method.toUpperCase()} ${path}: additional properties allowed`);
        }
        if (schema.type === 'object' && Object.keys((schema.properties as object | undefined) ?? {}).length === 0) {
          empty++;
          // The body may be left out entirely.
          expect(op.requestBody?.required, `${method} ${path}`).not.toBe(true);
        }
      }
    }
    expect(open).toEqual([]);
    expect(empty).toBeGreaterThan(10);
  });

  it.each([
    ['a field', JSON.stringify({ reason: '附带的字段' })],
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"include"'],
    ['a number', '1'],
  ])('refuses a body with %s and writes nothing', async (_what, payload) => {
    const id = await newResult();
    const before = await writes();
    const res = await as(
      t.app,
      institution,
    )({
      method: 'POST',
      url: `/api/v1/pool/results/${id}/include`,
      payload,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().requestId).toEqual(expect.any(String));
    expect(await writes()).toBe(before);
  });

  it('accepts no body at all, and an empty object (what the web app sends)', async () => {
    const first = await newResult();
    const none = await as(t.app, institution)({ method: 'POST', url: `/api/v1/pool/results/${first}/include` });
    expect(none.statusCode).toBe(200);
    const second = await newResult();
    const emptyObject = await as(
      t.app,
      institution,
    )({ method: 'POST', url: `/api/v1/pool/results/${second}/include`, payload: {} });
    expect(emptyObject.statusCode).toBe(200);
  });
});
