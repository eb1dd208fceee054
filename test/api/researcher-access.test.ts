// Issue 18: "every route's refused-role tests gain the researcher role". Rather than a row in each
// table, every operation of /docs/json is called as a researcher: each route that is not public, not
// the researcher's own account and not a researcher route refuses with 403 FORBIDDEN and writes
// nothing — and a route added later is covered without editing this file. Public reads answer a
// researcher exactly as they answer an anonymous caller (no owner's view through the institution).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TEXT } from '../../server/openapi/operations.js';
import type { Access } from '../../server/plugins/session.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import {
  as,
  createOperator,
  researcherSession,
  resultBody,
  supplyBody,
  verifiedMember,
  type Session,
} from '../helpers/factories.js';

let t: TestContext;
let researcher: Session;
let ids: { result: string; draft: string };

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_LIMIT: '100000' });
  const operator = await createOperator(t.app, t.database.db);
  const institution = await verifiedMember(t.app, operator, 'institution');
  researcher = await researcherSession(t.app, institution, t.config.mail.dir);
  const inst = as(t.app, institution);
  const result = (await inst({ method: 'POST', url: '/api/v1/results', payload: resultBody() })).json().id;
  const draft = (await inst({ method: 'POST', url: '/api/v1/listings', payload: supplyBody(result) })).json().id;
  ids = { result, draft };
}, 180_000);
afterAll(() => t.close());

type Operation = { description?: string };

function accessOf(op: Operation): Access {
  const text = op.description?.match(/\*\*权限\*\*：(.+?)。/)?.[1];
  const access = (Object.keys(ACCESS_TEXT) as Access[]).find((a) => ACCESS_TEXT[a] === text);
  if (!access) throw new Error(`no access in: ${op.description}`);
  return access;
}

/** Row counts of every table but the audit trail (a refusal writes nothing at all here). */
async function counts(): Promise<Record<string, number>> {
  const r = await t.database.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of r.rows) {
    const n = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_name)}`,
    );
    out[table_name] = n.rows[0]!.n;
  }
  return out;
}

describe('a researcher on every operation', () => {
  it('is refused wherever the route is not theirs, and nothing is written', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const before = await counts();
    const refused: string[] = [];
    const allowed: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const access = accessOf(op);
        const tag = `${method.toUpperCase()} ${path}`;
        if (access === 'public' || access === 'account' || access === 'researcher') {
          allowed.push(tag);
          continue;
        }
        const url = path.replace(/\{[^}]+\}/g, ids.result);
        const res = await as(
          t.app,
          researcher,
        )({
          method: method.toUpperCase() as 'GET',
          url,
          ...(method === 'get' ? {} : { payload: {} }),
        });
        expect([tag, res.statusCode, res.json().error?.code]).toEqual([tag, 403, 'FORBIDDEN']);
        refused.push(tag);
      }
    }
    expect(refused.length).toBeGreaterThan(100);
    expect(allowed).toContain('GET /api/v1/me');
    expect(await counts()).toEqual(before);
  });

  it("sees a public read as anyone does: not the institution's draft", async () => {
    const anonymous = await as(t.app, null)({ method: 'GET', url: `/api/v1/listings/${ids.draft}` });
    const own = await as(t.app, researcher)({ method: 'GET', url: `/api/v1/listings/${ids.draft}` });
    expect(anonymous.statusCode).toBe(404);
    expect(own.statusCode).toBe(anonymous.statusCode);
  });
});
