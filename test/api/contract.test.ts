// The API contract (issue 14): every registered route is in the OpenAPI or the AsyncAPI document and
// every documented operation is a registered route; each operation carries what a client generator
// and a newcomer need; `redocly lint` (recommended rules) finds no error and only the warnings the
// README justifies.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../domain/errors.js';
import { ApiError } from '../../server/openapi/document.js';
import { ErrorResponse } from '../../server/schemas.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const CJK = /[\u4e00-\u9fff]/;

/** Warnings the README's API section lists and justifies; anything else fails. */
const JUSTIFIED_WARNINGS = [
  'info-license #/info',
  'operation-4xx-response #/paths/~1api~1v1~1pool~1editions.atom/get/responses',
];

/** The main request bodies: each shows a client an example. */
const EXAMPLE_BODIES = [
  'postAuthRegister',
  'postAuthLogin',
  'postResults',
  'postListings',
  'patchListingsById',
  'postListingsByIdObjections',
  'postListingsByIdProposals',
  'postListingsByIdDeal',
  'postAuctionsByIdBids',
  'postPaylaterApplications',
];

let t: TestContext;
let doc: Json;
let asyncapi: Json;
/** Every route under /api (HEAD aside), as the router holds it: `GET /api/v1/listings/{id}`. */
let registered: string[];

function routesOf(tree: string): string[] {
  // printRoutes({ commonPrefix: false }) prints a tree: indentation is the nesting, each line a
  // segment with its methods.
  const out: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const path = (stack[stack.length - 1]?.path ?? '') + m[2]!;
    stack.push({ depth, path });
    if (!path.startsWith('/api/')) continue;
    for (const method of m[3]!.split(', ')) {
      if (method !== 'HEAD') out.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}

function operations(): Array<{ key: string; path: string; method: string; op: Json }> {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, path, method: m, op: item[m] })),
  );
}

beforeAll(async () => {
  t = await setupTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  asyncapi = (await t.app.inject({ method: 'GET', url: '/docs/asyncapi.json' })).json();
  registered = routesOf(t.app.printRoutes({ commonPrefix: false }));
});
afterAll(() => t.close());

describe('OpenAPI document', () => {
  it('documents every registered route, and only registered routes (websockets in AsyncAPI)', () => {
    const documented = operations().map((o) => o.key);
    const sockets = Object.values(asyncapi.channels as Json).map((c) => `GET ${c.address}`);
    expect(registered.length).toBeGreaterThan(90);
    expect(registered.filter((r) => !documented.includes(r) && !sockets.includes(r))).toEqual([]);
    expect(documented.filter((d) => !registered.includes(d))).toEqual([]);
    expect(sockets.filter((s) => !registered.includes(s))).toEqual([]);
    expect(documented.filter((d) => sockets.includes(d))).toEqual([]);
  });

  it('gives every operation an operationId, a Chinese summary, declared tags, its role and security', () => {
    const declared = new Set((doc.tags as Json[]).map((tag) => tag.name));
    const ids = new Set<string>();
    const problems: string[] = [];
    for (const { key, method, op } of operations()) {
      const say = (what: string) => problems.push(`${key}: ${what}`);
      if (!/^[a-z][A-Za-z0-9]+$/.test(op.operationId ?? '')) say('operationId');
      if (ids.has(op.operationId)) say(`duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      if (!CJK.test(op.summary ?? '')) say('Chinese summary');
      if (!op.tags?.length || op.tags.some((tag: string) => !declared.has(tag))) say(`undeclared tag ${op.tags}`);
      if (!/\*\*权限\*\*：/.test(op.description ?? '')) say('required role in the description');
      if (!Array.isArray(op.security)) say('security');
      const write = method !== 'get';
      const schemes = (op.security ?? []).flatMap((s: Json) => Object.keys(s));
      if (write && schemes.includes('session') !== schemes.includes('csrf')) say('a write must list the CSRF header');
      if (write && !/x-csrf-token/.test(op.description)) say('CSRF header in the description');
    }
    expect(problems).toEqual([]);
  });

  it('describes every response and parameter, and answers errors with the one shared error schema', () => {
    const problems: string[] = [];
    for (const { key, op } of operations()) {
      for (const p of op.parameters ?? [])
        if (!CJK.test(p.description ?? '')) problems.push(`${key}: parameter ${p.name}`);
      const statuses = Object.keys(op.responses);
      if (!statuses.some((s) => s.startsWith('2'))) problems.push(`${key}: no success response`);
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        if (!r.description || r.description === 'Default Response') problems.push(`${key} ${status}: description`);
        const schema = r.content?.['application/json']?.schema;
        if (Number(status) >= 400 && schema?.$ref !== '#/components/schemas/ApiError') {
          problems.push(`${key} ${status}: not the shared error schema`);
        }
        if (status !== '204' && !r.content) problems.push(`${key} ${status}: no body schema`);
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(doc.components.schemas.ApiError.properties)).toEqual(Object.keys(ErrorResponse.properties));
    expect(Object.keys(ApiError.properties.error.properties)).toEqual(
      Object.keys(ErrorResponse.properties.error.properties),
    );
    for (const code of ERROR_CODES) expect(doc.components.schemas.ApiError.description).toContain(`| ${code} |`);
  });

  it('shows examples of the main request bodies and names the response shapes', () => {
    const byId = new Map(operations().map((o) => [o.op.operationId as string, o.op]));
    for (const id of EXAMPLE_BODIES) {
      const media = byId.get(id)?.requestBody?.content?.['application/json'];
      expect(media?.examples ?? media?.example, id).toBeTruthy();
    }
    const listing = doc.paths['/api/v1/listings/{id}'].get.responses['200'].content['application/json'].schema;
    expect(listing).toEqual({ $ref: '#/components/schemas/ListingDetail' });
    expect(doc.components.schemas.ListingSummary.properties.organisation).toEqual({
      $ref: '#/components/schemas/OrganisationRef',
    });
  });

  it('passes redocly lint (recommended rules) with no error and only the justified warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const cli = join(process.cwd(), 'node_modules/@redocly/cli/bin/cli.js');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          cli,
          'lint',
          file,
          '--config',
          join(process.cwd(), 'redocly.yaml'),
          '--format',
          'json',
          '--max-problems',
          '1000',
        ],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      ).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
      const report = JSON.parse(stdout) as { problems: Json[] };
      const found = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location?.[0]?.pointer}: ${p.message}`);
      expect(found.filter((p) => p.startsWith('error'))).toEqual([]);
      const warnings = report.problems.map((p) => `${p.ruleId} ${p.location?.[0]?.pointer}`);
      expect(warnings.sort()).toEqual([...JUSTIFIED_WARNINGS].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
