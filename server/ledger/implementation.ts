// 措施八 (落地): the enterprise that is a conversion's counterparty confirms that the technology is
// implemented in it. Off-platform and pay-later conversions are confirmed here, on the conversion; a
// deal and a landed demand through their listing and proposal (server/lifecycle/rewards.ts,
// demands.ts), where the operator's reward post-subsidy confirmation follows. Rules: domain/ledger.ts
// checkConfirmImplementation.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { canSeeConversion, checkConfirmImplementation } from '../../domain/ledger.js';
import { contracts, conversions, results, type Conversion } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';

export async function confirmImplementation(
  ctx: ServiceContext,
  actor: Actor,
  conversionId: string,
  note: string | null,
): Promise<Conversion> {
  return ctx.db.transaction(async (tx) => {
    // The conversion row is locked: two members confirming at once record one confirmation.
    const [row] = await tx
      .select({ conversion: conversions, status: contracts.status, securityClass: results.securityClass })
      .from(conversions)
      .innerJoin(contracts, eq(contracts.conversionId, conversions.id))
      .leftJoin(results, eq(results.id, conversions.resultId))
      .where(eq(conversions.id, conversionId))
      .for('update', { of: conversions });
    // Whoever may not see the conversion does not learn that it exists.
    if (
      !row ||
      !canSeeConversion(
        {
          institutionId: row.conversion.institutionId,
          counterpartyOrgId: row.conversion.counterpartyOrgId,
          intermediaryOrgId: row.conversion.intermediaryOrgId,
          securityClass: row.securityClass,
        },
        actor,
      )
    ) {
      throw new AppError('CONVERSION_NOT_FOUND');
    }
    const c = row.conversion;
    checkConfirmImplementation(
      {
        route: c.route,
        counterpartyOrgId: c.counterpartyOrgId,
        contractStatus: row.status,
        implementationConfirmed: c.landingConfirmedAt !== null,
      },
      actor,
    );
    if (actor.type !== 'member') throw new AppError('FORBIDDEN');
    const now = ctx.now();
    const [updated] = await tx
      .update(conversions)
      .set({ landingConfirmedAt: now, landingConfirmedBy: actor.userId, updatedAt: now, version: c.version + 1 })
      .where(eq(conversions.id, conversionId))
      .returning();
    await writeAudit(tx, {
      actor,
      action: 'conversion.implementation_confirm',
      targetType: 'conversion',
      targetId: conversionId,
      reason: note?.trim() || null,
      details: { route: c.route },
      at: now,
    });
    await emit(tx, 'conversion.implemented', {
      conversionId,
      institutionId: c.institutionId,
      counterpartyOrgId: c.counterpartyOrgId,
      route: c.route,
    });
    return updated!;
  });
}
