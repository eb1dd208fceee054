import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'db/migrations/', 'test-artifacts/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through platform/config.ts (loadConfig), not process.env.',
        },
      ],
    },
  },
  {
    files: ['platform/config.ts', 'test/**', 'bench/**', 'scripts/**', 'web/vite.config.ts', 'drizzle.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // domain/ is pure: no I/O libraries.
    files: ['domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['pg', 'ioredis', 'bullmq', 'fastify', '@fastify/*', 'drizzle-orm*', 'node:fs', 'node:net'] },
      ],
    },
  },
);
