// Per-account login protection: after a few failures on one account, each further attempt waits a
// delay that doubles with every failure, up to a cap. A delay, not a lock: a lock would let anyone
// shut a user out by typing wrong passwords for them; a delay only slows the guessing down.

/** Failures allowed before any delay (typing mistakes). */
export const FREE_LOGIN_FAILURES = 5;
/** The first delay, doubled with each further failure. */
export const FIRST_LOGIN_DELAY_SECONDS = 15;
/** The longest delay: an attacker gets at most four guesses an hour per account. */
export const MAX_LOGIN_DELAY_SECONDS = 15 * 60;

/** Seconds the next attempt must wait after the latest of `failures` consecutive failures. */
export function loginDelaySeconds(failures: number): number {
  if (failures < FREE_LOGIN_FAILURES) return 0;
  const doublings = Math.min(failures - FREE_LOGIN_FAILURES, 16);
  return Math.min(MAX_LOGIN_DELAY_SECONDS, FIRST_LOGIN_DELAY_SECONDS * 2 ** doublings);
}

/** When the account accepts its next attempt (null: at once). */
export function nextLoginAllowedAt(failures: number, lastFailureAt: Date | null): Date | null {
  const delay = loginDelaySeconds(failures);
  if (delay === 0 || !lastFailureAt) return null;
  return new Date(lastFailureAt.getTime() + delay * 1000);
}
