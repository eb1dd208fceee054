// Sessions: which user, acting for which of their organisations (the header's switch), as which actor.
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { DepartmentScope, MemberRole, OrgKind, VerificationStatus } from '../../domain/constants/organisations.js';
import { addDuration } from '../../domain/duration.js';
import { AppError } from '../../domain/errors.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { memberships, organisations, sessions, users, type Organisation } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { hashToken, newToken } from './tokens.js';

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
  userId: string;
  actor: Actor;
}

export async function createSession(
  ctx: ServiceContext,
  userId: string,
  userAgent: string,
  organisationId?: string,
): Promise<{ token: string; csrfToken: string; expiresAt: Date; organisationId: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const now = ctx.now();
  const expiresAt = addDuration(now, ctx.config.sessionTtl);
  const orgId = organisationId ?? (await defaultOrganisation(ctx.db, userId));
  await ctx.db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId,
      organisationId: orgId,
      csrfToken,
      createdAt: now,
      expiresAt,
      userAgent: userAgent.slice(0, 300),
    });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
  });
  return { token, csrfToken, expiresAt, organisationId: orgId };
}

/**
 * The order of a user's memberships: where they act for an organisation before where they are a
 * researcher, then the oldest first. A new session acts for the first.
 */
const MEMBERSHIP_ORDER = [
  asc(sql`${memberships.role} = 'researcher'`),
  asc(memberships.createdAt),
  asc(memberships.organisationId),
] as const;

/** A new session acts for the user's first membership (MEMBERSHIP_ORDER). */
async function defaultOrganisation(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(...MEMBERSHIP_ORDER)
    .limit(1);
  if (!row) throw new AppError('USER_NOT_FOUND');
  return row.organisationId;
}

/** The header's switch: the session acts for another of the user's organisations from now on. */
export async function switchOrganisation(db: Db, session: SessionInfo, organisationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, session.userId), eq(memberships.organisationId, organisationId)));
    if (!member) throw new AppError('MEMBERSHIP_NOT_FOUND');
    await tx.update(sessions).set({ organisationId }).where(eq(sessions.tokenHash, session.tokenHash));
  });
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

// Every authenticated request looks its session up: one named prepared statement per pool, so
// neither Node nor PostgreSQL builds and plans the three-table join again each time.
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function prepareSessionLookup(db: Db) {
  return (
    db
      .select({
        tokenHash: sessions.tokenHash,
        csrfToken: sessions.csrfToken,
        userId: sessions.userId,
        memberRole: memberships.role,
        orgId: organisations.id,
        orgKind: organisations.kind,
        orgVerification: organisations.verificationStatus,
        departmentScope: organisations.departmentScope,
      })
      .from(sessions)
      // The session's organisation; a session from before it was recorded acts for the first membership.
      .innerJoin(
        memberships,
        and(
          eq(memberships.userId, sessions.userId),
          or(isNull(sessions.organisationId), eq(memberships.organisationId, sessions.organisationId)),
        ),
      )
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now'))))
      .orderBy(...MEMBERSHIP_ORDER)
      .limit(1)
      .prepare('load_session')
  );
}

export function actorOf(row: {
  userId: string;
  memberRole: MemberRole;
  orgId: string;
  orgKind: OrgKind;
  orgVerification: VerificationStatus;
  departmentScope: DepartmentScope | null;
}): Actor {
  if (row.orgKind === 'operator') return { type: 'operator', userId: row.userId, orgId: row.orgId };
  if (row.orgKind === 'department') {
    return { type: 'oversight', userId: row.userId, orgId: row.orgId, scope: row.departmentScope ?? 'supervisory' };
  }
  // 措施一、十二: a researcher of an institution acts only for themself, never for the institution.
  if (row.memberRole === 'researcher') return { type: 'researcher', userId: row.userId, institutionId: row.orgId };
  return {
    type: 'member',
    userId: row.userId,
    orgId: row.orgId,
    orgKind: row.orgKind,
    orgVerification: row.orgVerification,
  };
}

export async function loadSession(db: Db, tokenHash: string, now: Date): Promise<SessionInfo | null> {
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const [row] = await lookup.execute({ tokenHash, now });
  if (!row) return null;
  return { tokenHash: row.tokenHash, csrfToken: row.csrfToken, userId: row.userId, actor: actorOf(row) };
}

/** What the header shows: `researcher` for a researcher membership, else the organisation's kind. */
export type SessionRole = OrgKind | 'researcher';

export interface Me {
  user: { id: string; email: string; displayName: string; phone: string };
  organisation: Organisation;
  role: SessionRole;
  memberRole: MemberRole;
  memberships: Array<{ organisationId: string; name: string; kind: OrgKind; role: MemberRole }>;
}

/** The user, the organisation the session acts for, and every organisation they may switch to. */
export async function me(db: DbOrTx, userId: string, organisationId: string): Promise<Me> {
  const rows = await db
    .select({ user: users, organisation: organisations, role: memberships.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.id, userId))
    .orderBy(...MEMBERSHIP_ORDER);
  const active = rows.find((r) => r.organisation.id === organisationId);
  if (!active) throw new AppError('USER_NOT_FOUND');
  const { id, email, displayName, phone } = active.user;
  return {
    user: { id, email, displayName, phone },
    organisation: active.organisation,
    role: active.role === 'researcher' ? 'researcher' : active.organisation.kind,
    memberRole: active.role,
    memberships: rows.map((r) => ({
      organisationId: r.organisation.id,
      name: r.organisation.name,
      kind: r.organisation.kind,
      role: r.role,
    })),
  };
}
