// Loaded before every test file (vitest.config.ts `setupFiles`). Production hashes passwords with
// OWASP's argon2id baseline (19 MiB, 2 passes: server/accounts/service.ts), ~250 ms a hash on the
// loaded 2-core CI machine, and the suite registers and signs in well over a thousand users. Tests
// hash with the same algorithm at its smallest cost; verification reads the cost from the stored
// hash, so every path (register, login, change password, the unknown-e-mail dummy) runs unchanged.
import { vi } from 'vitest';

vi.mock('@node-rs/argon2', async (importOriginal) => {
  const argon2 = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...argon2,
    hash: (password: string | Uint8Array, options?: Parameters<typeof argon2.hash>[1]) =>
      argon2.hash(password, { ...options, memoryCost: 1024, timeCost: 1 }),
  };
});
