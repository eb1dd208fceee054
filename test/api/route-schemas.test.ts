// Route schemas compile on a route's first request (server/plugins/schema-compilers.ts), not at start:
// this compiles every one of the whole app's, so a schema that cannot compile fails here, not on a
// user's first request. And a deferred validator still answers its 400 as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';

let t: TestContext;

beforeAll(async () => {
  t = await setupTestApp();
});

afterAll(() => t.close());

describe('deferred route schemas', () => {
  it('every route’s validators and serializers compile', () => {
    expect(() => t.app.compileRouteSchemas()).not.toThrow();
  });

  it('a deferred validator refuses bad input with its errors', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 42, password: 'x', extra: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'extra', rule: 'additionalProperties' }],
    });
  });
});
