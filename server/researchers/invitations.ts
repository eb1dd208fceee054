// 措施一、十二: an institution invites its researchers (成果完成人) by e-mail; the link's single-use token
// lets them join with the role `researcher`, with a new account or the one they already have (a person
// may be a researcher of several institutions).
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { MemberActor } from '../../domain/actor.js';
import { addDuration } from '../../domain/duration.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { invitations, memberships, organisations, users, type Invitation } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Mailer } from '../../platform/mail.js';
import { verifyGuarded } from '../accounts/login-guard.js';
import { assertStrongPassword } from '../accounts/passwords.js';
import { hashPassword } from '../accounts/service.js';
import { hashToken, newToken } from '../accounts/tokens.js';

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

export function invitationStatus(
  i: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now: Date,
): InvitationStatus {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt <= now ? 'expired' : 'pending';
}

function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The link in the mail: the token rides in the fragment, which browsers never send to a server or its logs. */
export function joinLink(publicUrl: string, token: string): string {
  return `${publicUrl}/join#${token}`;
}

async function memberAlready(db: DbOrTx, organisationId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(users.email, email)));
  return !!row;
}

/**
 * Records the invitation and sends its mail in one transaction: when the mail cannot be sent, nothing
 * is kept (MAIL_SEND_FAILED) and the institution simply tries again.
 */
export async function invite(
  ctx: ServiceContext,
  mailer: Mailer,
  actor: MemberActor,
  input: { email: string; displayName: string },
): Promise<Invitation> {
  if (actor.orgKind !== 'institution') throw new AppError('WRONG_ORG_KIND');
  if (actor.orgVerification !== 'verified') throw new AppError('INVITER_NOT_VERIFIED');
  const email = normalEmail(input.email);
  const displayName = input.displayName.trim();
  const now = ctx.now();
  const token = newToken();
  return ctx.db.transaction(async (tx) => {
    if (await memberAlready(tx, actor.orgId, email)) throw new AppError('ALREADY_MEMBER');
    const [org] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, actor.orgId));
    const [row] = await tx
      .insert(invitations)
      .values({
        organisationId: actor.orgId,
        email,
        displayName,
        tokenHash: hashToken(token),
        expiresAt: addDuration(now, ctx.config.invitationTtl),
        invitedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'invitation.create',
      targetType: 'invitation',
      targetId: row!.id,
      afterStatus: 'pending',
      details: { email },
      at: now,
    });
    const expires = row!.expiresAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    try {
      await mailer.send({
        to: email,
        subject: `${org!.name}邀请您加入辽宁省科技成果转化综合服务平台`,
        text: [
          `${displayName}，您好：`,
          '',
          `${org!.name}邀请您以科研人员（成果完成人）身份加入辽宁省科技成果转化综合服务平台。`,
          '加入后，您可以查看本人参与完成的科技成果、赋权等权益，以及成果转化的奖励和报酬。',
          '',
          `请在 ${expires}（北京时间）前打开以下链接完成加入（链接仅可使用一次）：`,
          joinLink(ctx.config.publicUrl, token),
          '',
          '如您不认识该单位或并未参与其科技成果的完成，请忽略本邮件。',
        ].join('\n'),
      });
    } catch (err) {
      // The route logs the transport's error (the cause); the user reads only that nothing was sent.
      throw Object.assign(new AppError('MAIL_SEND_FAILED'), { cause: err });
    }
    return row!;
  });
}

export async function listInvitations(db: DbOrTx, organisationId: string): Promise<Invitation[]> {
  return db
    .select()
    .from(invitations)
    .where(eq(invitations.organisationId, organisationId))
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(500);
}

export async function revokeInvitation(ctx: ServiceContext, actor: MemberActor, id: string): Promise<Invitation> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.id, id),
          eq(invitations.organisationId, actor.orgId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning();
    if (!row) {
      const [exists] = await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(and(eq(invitations.id, id), eq(invitations.organisationId, actor.orgId)));
      throw new AppError(exists ? 'INVITATION_USED' : 'INVITATION_NOT_FOUND');
    }
    await writeAudit(tx, {
      actor,
      action: 'invitation.revoke',
      targetType: 'invitation',
      targetId: id,
      beforeStatus: 'pending',
      afterStatus: 'revoked',
      at: now,
    });
    return row;
  });
}

async function usableInvitation(db: DbOrTx, token: string, now: Date, lock = false) {
  const q = db
    .select({ invitation: invitations, organisationName: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  const [row] = lock ? await q.for('update', { of: invitations }) : await q;
  if (!row) throw new AppError('INVITATION_NOT_FOUND');
  const status = invitationStatus(row.invitation, now);
  if (status === 'accepted' || status === 'revoked') throw new AppError('INVITATION_USED');
  if (status === 'expired') throw new AppError('INVITATION_EXPIRED');
  return row;
}

/** What the join page shows before the person decides: who invites, whom, and whether they have an account. */
export async function lookupInvitation(ctx: ServiceContext, token: string) {
  const { invitation, organisationName } = await usableInvitation(ctx.db, token, ctx.now());
  const [account] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  return {
    organisationName,
    email: invitation.email,
    displayName: invitation.displayName,
    expiresAt: invitation.expiresAt,
    hasAccount: !!account,
  };
}

/**
 * Joins: with an existing account its password is checked (guarded like a login); otherwise an
 * account is created with the invited e-mail and the new password. Returns whom to sign in and for
 * which organisation. The invitation is used once: the membership and its acceptance commit together.
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  input: { token: string; password: string; displayName?: string },
): Promise<{ userId: string; organisationId: string }> {
  const now = ctx.now();
  const { invitation } = await usableInvitation(ctx.db, input.token, now);
  const [account] = await ctx.db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      failedLogins: users.failedLogins,
      lastFailedLoginAt: users.lastFailedLoginAt,
    })
    .from(users)
    .where(eq(users.email, invitation.email));
  const displayName = (input.displayName ?? invitation.displayName).trim();
  let newPasswordHash: string | null = null;
  if (account) {
    if (await memberAlready(ctx.db, invitation.organisationId, invitation.email)) throw new AppError('ALREADY_MEMBER');
    if (!(await verifyGuarded(ctx, account, input.password))) throw new AppError('INVALID_CREDENTIALS');
  } else {
    await assertStrongPassword(input.password, [invitation.email, displayName]);
    newPasswordHash = await hashPassword(input.password);
  }
  return ctx.db.transaction(async (tx) => {
    // Again under the row lock: of two concurrent accepts of one link exactly one joins.
    const { invitation: locked } = await usableInvitation(tx, input.token, now, true);
    let userId = account?.id;
    if (!userId) {
      const [created] = await tx
        .insert(users)
        .values({ email: locked.email, passwordHash: newPasswordHash!, displayName, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: users.id });
      // Someone registered this e-mail in between: they join with that account's password instead.
      if (!created) throw new AppError('EMAIL_TAKEN');
      userId = created.id;
    }
    const [joined] = await tx
      .insert(memberships)
      .values({ userId, organisationId: locked.organisationId, role: 'researcher', createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (!joined) throw new AppError('ALREADY_MEMBER');
    await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: userId })
      .where(and(eq(invitations.id, locked.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
    await writeAudit(tx, {
      actor: { type: 'researcher', userId, institutionId: locked.organisationId },
      action: 'invitation.accept',
      targetType: 'invitation',
      targetId: locked.id,
      beforeStatus: 'pending',
      afterStatus: 'accepted',
      details: { newAccount: !account },
      at: now,
    });
    return { userId, organisationId: locked.organisationId };
  });
}
