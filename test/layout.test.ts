// The layout rules (docs/architecture.md) fail the build when broken: the import rule and max-lines
// through ESLint (run by `npm run lint`), import circles through madge (`npm run check:circular`).
// Each rule is shown refusing a violation and accepting its lawful neighbour.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import madge from 'madge';
import { afterAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('import rule', () => {
  const cases: Array<[string, string, boolean]> = [
    // [file, import, refused?]
    ['server/auctions/x.ts', '../../workers/auctions.js', true],
    ['server/app-extra.ts', '../workers/main.js', true],
    ['server/auctions/x.ts', '../../platform/queues.js', false],
    ['platform/x.ts', '../server/auctions/service.js', true],
    ['platform/x.ts', '../workers/main.js', true],
    ['platform/x.ts', '../db/client.js', false],
    ['workers/x.ts', '../server/auctions/routes.js', true],
    ['workers/x.ts', '../server/pool/paylater-routes.js', true],
    ['workers/x.ts', '../server/pool/views.js', true],
    ['workers/x.ts', '../server/plugins/session.js', true],
    ['workers/x.ts', '../server/app.js', true],
    ['workers/x.ts', '../server/auctions/service.js', false],
    ['workers/x.ts', '../platform/outbox.js', false],
    ['domain/x.ts', '../db/client.js', true],
    ['domain/x.ts', '../platform/config.js', true],
    ['domain/x.ts', './errors.js', false],
    ['db/schema/x.ts', '../../server/schemas.js', true],
    ['search/x.ts', '../platform/config.js', true],
    ['web/src/x.ts', '../../server/schemas.js', true],
    ['web/src/x.ts', '../../domain/errors.js', false],
    ['web/src/x.ts', '../../server/contract.js', true],
  ];
  // web/src uses typescript-eslint's rule (it tells type-only imports apart).
  const restricted = (ids: string[]) =>
    ids.includes('no-restricted-imports') || ids.includes('@typescript-eslint/no-restricted-imports');
  it.each(cases)('%s importing %s: refused=%s', async (file, spec, refused) => {
    const ids = await ruleIds(file, `import { x } from '${spec}';\nexport const y = x;\n`);
    expect(restricted(ids)).toBe(refused);
  });

  it('lets web/src import the API contract as types, and nothing else of server/', async () => {
    const typeOnly = (spec: string) => `import type { x } from '${spec}';\nexport type Y = typeof x;\n`;
    expect(restricted(await ruleIds('web/src/x.ts', typeOnly('../../server/contract.js')))).toBe(false);
    expect(restricted(await ruleIds('web/src/x.ts', typeOnly('../../server/listings/views.js')))).toBe(true);
  });

  it('domain/ may not import I/O libraries', async () => {
    expect(await ruleIds('domain/x.ts', `import pg from 'pg';\nexport const y = pg;\n`)).toContain(
      'no-restricted-imports',
    );
  });
});

describe('max-lines', () => {
  const file = (lines: number) =>
    Array.from({ length: lines }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
  it.each([
    'server/x.ts',
    'workers/x.ts',
    'domain/x.ts',
    'search/x.ts',
    'platform/x.ts',
    'db/schema/x.ts',
    'web/src/x.ts',
  ])('%s: 400 lines pass, 401 fail', async (path) => {
    expect(await ruleIds(path, file(400))).not.toContain('max-lines');
    expect(await ruleIds(path, file(401))).toContain('max-lines');
  });
  it('tests are exempt', async () => {
    expect(await ruleIds('domain/x.test.ts', file(401))).not.toContain('max-lines');
  });
});

describe('import circles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jb-circle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('madge finds a circle, and none in the source tree', async () => {
    writeFileSync(join(dir, 'a.ts'), `import { b } from './b.js';\nexport const a = () => b;\n`);
    writeFileSync(join(dir, 'b.ts'), `import { a } from './a.js';\nexport const b = () => a;\n`);
    writeFileSync(join(dir, 'c.ts'), `import { a } from './a.js';\nexport const c = a;\n`);
    const options = { fileExtensions: ['ts', 'tsx'], tsConfig: 'tsconfig.json' };
    const fixture = await madge(dir, options);
    expect(fixture.circular()).toHaveLength(1);
    const tree = await madge(
      ['server', 'workers', 'domain', 'platform', 'search', 'db', 'scripts', 'web/src'],
      options,
    );
    expect(tree.circular()).toEqual([]);
  });
});
