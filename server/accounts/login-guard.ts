// Per-account login protection, kept in PostgreSQL (users.failed_logins, users.last_failed_login_at) so
// that no header, address or api instance changes it and it works without Redis. Beside it, the
// per-client rate limit (server/accounts/routes.ts) bounds how fast one client may try at all.
import { verify } from '@node-rs/argon2';
import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { FREE_LOGIN_FAILURES, nextLoginAllowedAt } from '../../domain/login-delay.js';
import { users } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { notify } from '../notifications/service.js';

export interface GuardedUser {
  id: string;
  passwordHash: string;
  failedLogins: number;
  lastFailedLoginAt: Date | null;
}

/**
 * Checks `password` against the account, honouring its delay: an attempt before the delay has passed
 * is refused (LOGIN_DELAYED) without looking at the password, so even the right one waits. Returns
 * whether the password was right; a failure is counted, a success clears the count.
 */
export async function verifyGuarded(ctx: ServiceContext, user: GuardedUser, password: string): Promise<boolean> {
  const now = ctx.now();
  const allowedAt = nextLoginAllowedAt(user.failedLogins, user.lastFailedLoginAt);
  if (allowedAt && allowedAt > now) throw delayed(allowedAt, now);
  if (user.failedLogins >= FREE_LOGIN_FAILURES) {
    // Claim this attempt: of concurrent attempts past the free ones only the first gets to try; the
    // others see the claim's timestamp and wait like any attempt inside the delay.
    const claimed = await ctx.db
      .update(users)
      .set({ lastFailedLoginAt: now })
      .where(
        and(
          eq(users.id, user.id),
          eq(users.failedLogins, user.failedLogins),
          user.lastFailedLoginAt
            ? eq(users.lastFailedLoginAt, user.lastFailedLoginAt)
            : sql`${users.lastFailedLoginAt} is null`,
        ),
      )
      .returning({ id: users.id });
    if (claimed.length === 0) throw delayed(nextLoginAllowedAt(user.failedLogins, now)!, now);
  }
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (ok) {
    if (user.failedLogins > 0) {
      await ctx.db.update(users).set({ failedLogins: 0, lastFailedLoginAt: null }).where(eq(users.id, user.id));
    }
    return true;
  }
  await recordFailure(ctx, user.id, now);
  return false;
}

/** Counts a failure; the one that starts the delays tells the account's user (once per run of failures). */
async function recordFailure(ctx: ServiceContext, userId: string, now: Date): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1`, lastFailedLoginAt: now })
      .where(eq(users.id, userId))
      .returning({ failedLogins: users.failedLogins });
    if (row?.failedLogins === FREE_LOGIN_FAILURES) {
      await notify(
        tx,
        { userIds: [userId] },
        'login_failures',
        { listingTitle: '', count: row.failedLogins, at: now },
        now,
      );
    }
  });
}

function delayed(allowedAt: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((allowedAt.getTime() - now.getTime()) / 1000));
  return new AppError('LOGIN_DELAYED', { retryAfterSeconds });
}
