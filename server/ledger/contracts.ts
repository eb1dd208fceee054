// A conversion's contract over its life: sign (draft → effective), complete, terminate; registration
// details. Each change locks the conversion, is audited with who and why, and keeps the result's
// `converted` in step (record.ts syncResultConverted).
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { checkConversionExportControl } from '../../domain/export-control.js';
import * as rules from '../../domain/ledger.js';
import { shanghaiDate } from '../../domain/results.js';
import type { Tx } from '../../db/client.js';
import { contracts, conversions, scheduleItems, type Contract, type Conversion } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { isUniqueViolation } from '../lifecycle/parties.js';
import { exportControlOf } from '../results/export-control.js';
import { syncResultConverted } from './record.js';
import { contractDecision } from '../../domain/decisions.js';
import { recordProductDecision } from '../dossiers/product-decisions.js';

/** Locks a conversion and its contract for a change by the institution; others learn nothing. */
export async function lockConversion(
  tx: Tx,
  actor: Actor,
  conversionId: string,
): Promise<{ conversion: Conversion; contract: Contract }> {
  const [row] = await tx
    .select({ conversion: conversions, contract: contracts })
    .from(conversions)
    .innerJoin(contracts, eq(contracts.conversionId, conversions.id))
    .where(eq(conversions.id, conversionId))
    .for('update');
  if (!row) throw new AppError('CONVERSION_NOT_FOUND');
  if (actor.type === 'researcher') throw new AppError('CONVERSION_NOT_FOUND');
  if (actor.type !== 'system' && actor.type !== 'operator' && actor.orgId !== row.conversion.institutionId) {
    // A counterparty may read it but not change it; anyone else does not learn it exists.
    throw new AppError(actor.orgId === row.conversion.counterpartyOrgId ? 'FORBIDDEN' : 'CONVERSION_NOT_FOUND');
  }
  if (actor.type === 'operator') throw new AppError('FORBIDDEN');
  return row;
}

export interface ContractTransitionInput {
  action: rules.ContractAction;
  /** `sign`: the signing day when the draft has none. */
  signedOn: string | null;
  /** Why (required to terminate; recorded in the audit row in every case). */
  reason: string | null;
}

export async function transitionContract(
  ctx: ServiceContext,
  actor: Actor,
  conversionId: string,
  input: ContractTransitionInput,
): Promise<Contract> {
  return ctx.db.transaction(async (tx) => {
    const { conversion, contract } = await lockConversion(tx, actor, conversionId);
    const now = ctx.now();
    const today = shanghaiDate(now);
    const signedOn = contract.signedOn ?? input.signedOn;
    if (input.action === 'sign' && signedOn && signedOn > today) throw new AppError('CONTRACT_SIGNED_DATE_INVALID');
    const to = rules.contractTransition(contract.status, input.action, { signedOn, reason: input.reason });
    // 措施十五: signing with a party registered outside the mainland needs the export-control review first.
    if (input.action === 'sign') {
      checkConversionExportControl({
        toStatus: to,
        hasResult: conversion.resultId !== null,
        domicile: conversion.counterpartyDomicile,
        confirmed: (await exportControlOf(tx, conversion.resultId)) !== null,
      });
    }
    const [updated] = await tx
      .update(contracts)
      .set({
        status: to,
        signedOn,
        ...(to === 'terminated' ? { terminatedOn: today, terminationReason: input.reason!.trim() } : {}),
        version: contract.version + 1,
        updatedAt: now,
      })
      .where(eq(contracts.conversionId, conversionId))
      .returning();
    // A terminated contract expects nothing more.
    if (to === 'terminated') {
      await tx.update(scheduleItems).set({ status: 'cancelled' }).where(eq(scheduleItems.conversionId, conversionId));
    }
    await tx
      .update(conversions)
      .set({ updatedAt: now, version: conversion.version + 1 })
      .where(eq(conversions.id, conversionId));
    await writeAudit(tx, {
      actor,
      action: `contract.${input.action}`,
      targetType: 'conversion',
      targetId: conversionId,
      beforeStatus: contract.status,
      afterStatus: to,
      reason: input.reason?.trim() || null,
      details: { signedOn },
      at: now,
    });
    await recordProductDecision(
      tx,
      actor,
      { type: 'contract', id: conversionId },
      contractDecision(input.action, contract.status, to, input.reason),
      now,
    );
    await emit(tx, 'contract.status_changed', {
      conversionId,
      institutionId: conversion.institutionId,
      counterpartyOrgId: conversion.counterpartyOrgId,
      from: contract.status,
      to,
    });
    await syncResultConverted(tx, actor, conversion.resultId, now, conversionId);
    return updated!;
  });
}

export interface RegistrationInput {
  registrationNo: string;
  registeredOn: string;
  contractNo: string | null;
  reason: string | null;
  version: number;
}

/** 技术合同认定登记: the institution records the registration number and day (unique per institution). */
export async function registerContract(
  ctx: ServiceContext,
  actor: Actor,
  conversionId: string,
  input: RegistrationInput,
): Promise<Contract> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const { conversion, contract } = await lockConversion(tx, actor, conversionId);
      if (contract.version !== input.version) throw new AppError('VERSION_CONFLICT');
      if (contract.status === 'draft' || contract.status === 'terminated') {
        throw new AppError('INVALID_STATE', { status: contract.status });
      }
      const now = ctx.now();
      rules.checkContract(
        { ...contract, registrationNo: input.registrationNo, registeredOn: input.registeredOn },
        conversion.transactionType,
        shanghaiDate(now),
      );
      const [updated] = await tx
        .update(contracts)
        .set({
          registrationNo: input.registrationNo.trim(),
          registeredOn: input.registeredOn,
          contractNo: input.contractNo?.trim() || contract.contractNo,
          version: contract.version + 1,
          updatedAt: now,
        })
        .where(eq(contracts.conversionId, conversionId))
        .returning();
      await writeAudit(tx, {
        actor,
        action: 'contract.register',
        targetType: 'conversion',
        targetId: conversionId,
        reason: input.reason?.trim() || null,
        details: {
          before: { registrationNo: contract.registrationNo, registeredOn: contract.registeredOn },
          after: { registrationNo: input.registrationNo.trim(), registeredOn: input.registeredOn },
        },
        at: now,
      });
      return updated!;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'contracts_registration_key')) throw new AppError('REGISTRATION_NO_TAKEN');
    throw err;
  }
}
