import { hash, verify } from '@node-rs/argon2';
import { and, eq, ne } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type {
  Affiliation,
  Domicile,
  InstitutionType,
  OwnershipType,
  Region,
  SizeClass,
} from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import { checkIdentity } from '../../domain/organisations.js';
import type { Db } from '../../db/client.js';
import { memberships, organisations, sessions, users } from '../../db/schema/index.js';
import { verifyGuarded } from './login-guard.js';
import { assertStrongPassword } from './passwords.js';
import { writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, yet a login stays well under 100 ms here.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
// Verified against when the e-mail is unknown, so response time does not reveal which e-mails exist.
let dummyHash: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export interface RegisterInput {
  kind: 'enterprise' | 'institution';
  email: string;
  password: string;
  displayName: string;
  phone?: string;
  organisation: {
    name: string;
    /** 措施十五: where it is registered; mainland by default. */
    domicile?: Domicile;
    /** Mainland: the 统一社会信用代码. */
    creditCode?: string;
    /** Outside the mainland: its own registration number and country or region. */
    registrationNumber?: string;
    countryOrRegion?: string;
    region?: Region;
    address?: string;
    description?: string;
    contactName: string;
    contactPhone: string;
    website?: string;
    sizeClass?: SizeClass;
    ownershipType?: OwnershipType;
    institutionType?: InstitutionType;
    affiliation?: Affiliation;
  };
}

function uniqueViolation(err: unknown): string | null {
  const cause =
    (err as { cause?: { code?: string; constraint?: string } }).cause ??
    (err as { code?: string; constraint?: string });
  return cause?.code === '23505' ? (cause.constraint ?? 'unique') : null;
}

export async function register(
  ctx: ServiceContext,
  input: RegisterInput,
): Promise<{ userId: string; organisationId: string }> {
  const o = input.organisation;
  const identity = checkIdentity({
    kind: input.kind,
    domicile: o.domicile ?? 'mainland',
    creditCode: o.creditCode,
    registrationNumber: o.registrationNumber,
    countryOrRegion: o.countryOrRegion,
    region: o.region,
  });
  if (input.kind === 'enterprise' && (!o.sizeClass || !o.ownershipType)) {
    throw new AppError('VALIDATION_FAILED', [
      { path: '/organisation/sizeClass', message: '企业须填写规模和所有制类型' },
    ]);
  }
  if (input.kind === 'institution' && (!o.institutionType || !o.affiliation)) {
    throw new AppError('VALIDATION_FAILED', [
      { path: '/organisation/institutionType', message: '科研单位须填写单位类型和隶属关系' },
    ]);
  }
  await assertStrongPassword(input.password, [input.email, input.displayName, o.name]);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [org] = await tx
        .insert(organisations)
        .values({
          kind: input.kind,
          name: o.name.trim(),
          ...identity,
          address: o.address ?? '',
          description: o.description ?? '',
          contactName: o.contactName,
          contactPhone: o.contactPhone,
          website: o.website ?? '',
          sizeClass: input.kind === 'enterprise' ? o.sizeClass : null,
          ownershipType: input.kind === 'enterprise' ? o.ownershipType : null,
          institutionType: input.kind === 'institution' ? o.institutionType : null,
          affiliation: input.kind === 'institution' ? o.affiliation : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: organisations.id });
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email.trim().toLowerCase(),
          passwordHash,
          displayName: input.displayName.trim(),
          phone: input.phone ?? '',
          createdAt: now,
        })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ userId: user!.id, organisationId: org!.id, role: 'admin', createdAt: now });
      const actor: Actor = {
        type: 'member',
        userId: user!.id,
        orgId: org!.id,
        orgKind: input.kind,
        orgVerification: 'pending_verification',
      };
      await writeAudit(tx, {
        actor,
        action: 'organisation.register',
        targetType: 'organisation',
        targetId: org!.id,
        afterStatus: 'pending_verification',
        at: now,
      });
      return { userId: user!.id, organisationId: org!.id };
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'users_email_key') throw new AppError('EMAIL_TAKEN');
    if (constraint === 'organisations_credit_code_key') throw new AppError('CREDIT_CODE_TAKEN');
    if (constraint === 'organisations_registration_key') throw new AppError('REGISTRATION_NUMBER_TAKEN');
    throw err;
  }
}

/**
 * Checks credentials; the same error whether the e-mail is unknown or the password wrong. An account
 * with repeated failures makes its next attempt wait (login-guard.ts), whatever the client's address.
 */
export async function authenticate(ctx: ServiceContext, email: string, password: string): Promise<string> {
  const [user] = await ctx.db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      failedLogins: users.failedLogins,
      lastFailedLoginAt: users.lastFailedLoginAt,
    })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verify(await dummyHash, password).catch(() => false);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verifyGuarded(ctx, user, password))) throw new AppError('INVALID_CREDENTIALS');
  return user.id;
}

/**
 * A signed-in user's new password: the current one is required (and guarded like a login), the new
 * one must be strong; every other session of the user ends, the one in use stays.
 */
export async function changePassword(
  ctx: ServiceContext,
  actor: Actor,
  currentTokenHash: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (actor.type !== 'member' && actor.type !== 'operator' && actor.type !== 'researcher') {
    throw new AppError('UNAUTHENTICATED');
  }
  const [user] = await ctx.db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      passwordHash: users.passwordHash,
      failedLogins: users.failedLogins,
      lastFailedLoginAt: users.lastFailedLoginAt,
    })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) throw new AppError('USER_NOT_FOUND');
  if (!(await verifyGuarded(ctx, user, input.currentPassword))) throw new AppError('WRONG_CURRENT_PASSWORD');
  await assertStrongPassword(input.newPassword, [user.email, user.displayName]);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, failedLogins: 0, lastFailedLoginAt: null }).where(eq(users.id, user.id));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, currentTokenHash)))
      .returning({ tokenHash: sessions.tokenHash });
    await writeAudit(tx, {
      actor,
      action: 'user.password_change',
      targetType: 'user',
      targetId: user.id,
      details: { sessionsEnded: ended.length },
      at: now,
    });
  });
}

/**
 * Operators are never self-registered: this is called by the seed and by `npm run operator:create`.
 * Creates the platform's operator organisation on first use.
 */
export async function createOperator(
  db: Db,
  input: { email: string; password: string; displayName: string; organisationName?: string },
): Promise<{ userId: string; organisationId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    let [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.kind, 'operator'))
      .limit(1);
    if (!org) {
      [org] = await tx
        .insert(organisations)
        .values({
          kind: 'operator',
          name: input.organisationName ?? '辽宁省科技成果转化综合服务平台运营中心',
          verificationStatus: 'verified',
          verifiedAt: new Date(),
        })
        .returning({ id: organisations.id });
    }
    const [user] = await tx
      .insert(users)
      .values({ email: input.email.trim().toLowerCase(), passwordHash, displayName: input.displayName })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ userId: user!.id, organisationId: org!.id, role: 'admin' });
    await writeAudit(tx, {
      actor: { type: 'system' },
      action: 'operator.create',
      targetType: 'user',
      targetId: user!.id,
      at: new Date(),
    });
    return { userId: user!.id, organisationId: org!.id };
  });
}
export * from './sessions.js';
