import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'domain/**/*.test.ts', 'search/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/helpers/cheap-argon2.ts'],
    // Each file has its own database and Redis prefix, so files run in parallel.
    fileParallelism: true,
    maxWorkers: 2,
    // Generous bounds: they only cap a failure, and on a loaded shared machine (load 20+ on 2 cores)
    // starting a server, a worker and a browser can take minutes. No test waits for them to pass.
    // At load 60 (2 cores shared by a dozen suites) a browser file's setup took over 180 s.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // expect.poll waits for a state; its default bound (1 s) is a real deadline that a loaded machine
    // misses. A passing poll returns as soon as the state is there, so the bound only caps a failure.
    expect: { poll: { timeout: 60_000, interval: 100 } },
    env: { NODE_ENV: 'test' },
  },
});
