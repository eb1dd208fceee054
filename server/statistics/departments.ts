// 措施十三 oversight: operators create the supervisory departments (主管部门) and the provincial science
// department (省科技厅), give them accounts and link each supervisory department to the institutions it
// oversees. Institutions keep their internal units (院系 / 研究所 / 科室) for the unit figures.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { OperatorActor, Actor } from '../../domain/actor.js';
import type { DepartmentScope } from '../../domain/constants/organisations.js';
import { AppError } from '../../domain/errors.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { memberships, organisations, orgUnits, oversightLinks, results, users } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import { hashPassword } from '../accounts/service.js';

export interface Department {
  id: string;
  name: string;
  scope: DepartmentScope;
  institutions: { id: string; name: string }[];
}

export async function listDepartments(db: DbOrTx): Promise<Department[]> {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, scope: organisations.departmentScope })
    .from(organisations)
    .where(eq(organisations.kind, 'department'))
    .orderBy(asc(organisations.name));
  const links = await db
    .select({ departmentId: oversightLinks.departmentId, id: organisations.id, name: organisations.name })
    .from(oversightLinks)
    .innerJoin(organisations, eq(organisations.id, oversightLinks.institutionId))
    .orderBy(asc(organisations.name));
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    scope: d.scope ?? 'supervisory',
    institutions: links.filter((l) => l.departmentId === d.id).map(({ id, name }) => ({ id, name })),
  }));
}

export async function createDepartment(
  db: Db,
  actor: OperatorActor,
  input: { name: string; scope: DepartmentScope },
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({
        kind: 'department',
        name: input.name.trim(),
        departmentScope: input.scope,
        verificationStatus: 'verified',
        verifiedAt: now,
        verifiedBy: actor.userId,
      })
      .returning({ id: organisations.id });
    await writeAudit(tx, {
      actor,
      action: 'department.create',
      targetType: 'organisation',
      targetId: org!.id,
      details: { name: input.name.trim(), scope: input.scope },
      at: now,
    });
    return org!.id;
  });
}

async function requireDepartment(tx: DbOrTx, id: string) {
  const [d] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id), eq(organisations.kind, 'department')));
  if (!d) throw new AppError('DEPARTMENT_NOT_FOUND');
  return d;
}

/** Adds an account to a department; the operator hands the initial password over in person. */
export async function addDepartmentMember(
  db: Db,
  actor: OperatorActor,
  departmentId: string,
  input: { email: string; displayName: string; password: string },
  now: Date,
): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await requireDepartment(tx, departmentId);
    const email = input.email.trim().toLowerCase();
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw new AppError('EMAIL_TAKEN');
    const [user] = await tx
      .insert(users)
      .values({ email, passwordHash, displayName: input.displayName.trim() })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ userId: user!.id, organisationId: departmentId, role: 'admin' });
    await writeAudit(tx, { actor, action: 'department.member_add', targetType: 'user', targetId: user!.id, at: now });
    return user!.id;
  });
}

export async function linkInstitution(
  db: Db,
  actor: OperatorActor,
  departmentId: string,
  institutionId: string,
  linked: boolean,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const department = await requireDepartment(tx, departmentId);
    if (department.departmentScope === 'provincial') throw new AppError('INVALID_STATE');
    const [institution] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, institutionId), eq(organisations.kind, 'institution')));
    if (!institution) throw new AppError('ORG_NOT_FOUND');
    if (linked) {
      await tx
        .insert(oversightLinks)
        .values({ departmentId, institutionId, createdBy: actor.userId })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(oversightLinks)
        .where(and(eq(oversightLinks.departmentId, departmentId), eq(oversightLinks.institutionId, institutionId)));
    }
    await writeAudit(tx, {
      actor,
      action: linked ? 'department.link' : 'department.unlink',
      targetType: 'organisation',
      targetId: departmentId,
      details: { institutionId },
      at: now,
    });
  });
}

export async function listOrgUnits(db: DbOrTx, organisationId: string) {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.organisationId, organisationId))
    .orderBy(asc(orgUnits.name));
}

export async function createOrgUnit(
  db: Db,
  actor: Actor & { orgId: string },
  name: string,
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [unit] = await tx
      .insert(orgUnits)
      .values({ organisationId: actor.orgId, name: name.trim() })
      .onConflictDoNothing()
      .returning({ id: orgUnits.id });
    if (!unit) throw new AppError('ORG_UNIT_NAME_TAKEN');
    await writeAudit(tx, {
      actor,
      action: 'org_unit.create',
      targetType: 'organisation',
      targetId: actor.orgId,
      details: { orgUnitId: unit.id, name: name.trim() },
      at: now,
    });
    return unit.id;
  });
}

/** Which internal unit a result comes from (措施十三 unit figures). */
export async function setResultUnit(
  db: Db,
  actor: Actor & { orgId: string },
  resultId: string,
  orgUnitId: string | null,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [result] = await tx
      .select({ id: results.id, institutionId: results.institutionId, orgUnitId: results.orgUnitId })
      .from(results)
      .where(eq(results.id, resultId))
      .for('update');
    if (!result || result.institutionId !== actor.orgId) throw new AppError('RESULT_NOT_FOUND');
    if (orgUnitId) {
      const [unit] = await tx
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(and(eq(orgUnits.id, orgUnitId), eq(orgUnits.organisationId, actor.orgId)));
      if (!unit) throw new AppError('ORG_UNIT_NOT_FOUND');
    }
    await tx
      .update(results)
      .set({ orgUnitId, updatedAt: sql`now()` })
      .where(eq(results.id, resultId));
    await writeAudit(tx, {
      actor,
      action: 'result.set_unit',
      targetType: 'result',
      targetId: resultId,
      details: { from: result.orgUnitId, to: orgUnitId },
      at: now,
    });
  });
}
