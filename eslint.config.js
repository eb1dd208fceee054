import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The import rule (docs/architecture.md): platform/ is the shared layer under server/ and workers/
// and imports neither; server/ never imports workers/; workers/ may use area services and platform/
// but never routes, views, plugins or the app; domain/ is pure. Patterns match relative specifiers.
const up = String.raw`^(\.\./)+`;
const layer = (...dirs) => ({
  regex: `${up}(${dirs.join('|')})/`,
  message: `may not import ${dirs.join('/, ')}/ (import rule, docs/architecture.md)`,
});
const IO_PACKAGES = ['pg', 'ioredis', 'bullmq', 'fastify', '@fastify/*', 'drizzle-orm*', 'node:fs', 'node:net'];
const restrict = (patterns, group = []) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [...(group.length ? [{ group, message: 'domain/ is pure: no I/O libraries.' }] : []), ...patterns] },
  ],
});

const PROCESS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through platform/config.ts (loadConfig), not process.env.',
};
// No silent failures (issue "Resilience"): every catch handles the error (and logs it with context)
// or rethrows it. A comment alone is not handling: an outage hidden this way is invisible to operators.
const SILENT_FAILURES = [
  {
    selector: 'CatchClause > BlockStatement[body.length=0]',
    message: 'An empty catch hides failures: log with context or rethrow.',
  },
  {
    selector:
      "CallExpression[callee.property.name=/^(catch|on|once)$/] > :matches(ArrowFunctionExpression, FunctionExpression)[body.type='BlockStatement'][body.body.length=0]",
    message: 'An empty .catch()/error handler hides failures: log with context or rethrow.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'web/dist/',
      'web/dist-ssr/',
      'db/migrations/',
      'test-artifacts/',
      'bench/out/',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', PROCESS_ENV, ...SILENT_FAILURES],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: [
      'platform/config.ts',
      'test/**',
      'bench/**',
      'scripts/**',
      'deploy/**',
      'web/vite.config.ts',
      'drizzle.config.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...SILENT_FAILURES] },
  },
  // One area, one folder: a source file past 400 lines is two files (tests, benches, seed data and
  // migrations are exempt).
  {
    files: ['server/**', 'workers/**', 'domain/**', 'search/**', 'platform/**', 'db/schema/**', 'web/src/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  { files: ['domain/**'], rules: restrict([layer('server', 'workers', 'platform', 'db', 'search')], IO_PACKAGES) },
  { files: ['platform/**'], rules: restrict([layer('server', 'workers', 'search')]) },
  { files: ['server/**'], rules: restrict([layer('workers')]) },
  { files: ['search/**', 'db/**'], rules: restrict([layer('server', 'workers', 'platform')]) },
  // The web app may read the API contract's types, and nothing else of the server: type-only imports of
  // server/contract.js (its TypeBox schemas as `Static<>` types, web/src/api/types.ts).
  {
    files: ['web/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('workers', 'platform', 'db'),
            {
              regex: String.raw`${up}server/(?!contract\.js$)`,
              message: 'web/src may import from server/ only the API contract, server/contract.js (import type).',
            },
            {
              regex: String.raw`${up}server/contract\.js$`,
              allowTypeImports: true,
              message: 'server/contract.js: `import type` only — the web app uses its schemas as types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workers/**'],
    rules: restrict([
      {
        regex: String.raw`^(\.\./)+server/(app\.js|plugins/.*|[^/]+/([^/]*-)?(routes|views)\.js)$`,
        message: 'workers/ may import area services and platform/, never routes, views, plugins or the app.',
      },
    ]),
  },
);
