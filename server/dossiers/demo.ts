// Demo data for 措施十四 (scripts/start.ts, after the demo seed): on the demo institution's converted
// result, documents (appraisal report, decision minutes, contract, payment evidence) and decision
// records citing them; one exported dossier that verifies; an operator's determination on it. Goes
// through the same services as the product, so the files are in the configured storage and the
// hashes are real. Fictional organisations only (db/seed).
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { MemberActor, OperatorActor } from '../../domain/actor.js';
import { conversions, memberships, organisations, payments, results, users } from '../../db/schema/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { verifyDossier } from '../../platform/dossier/verify.js';
import { renderPdfBuffer } from '../../platform/pdf/index.js';
import type { DocumentStorage } from '../../platform/storage/index.js';
import { recordDecision } from './decisions.js';
import { recordDetermination } from './determinations.js';
import { uploadDocument } from './documents.js';
import { exportDossier } from './export.js';

export interface DemoDossier {
  resultId: string;
  manifestSha256: string;
  documents: number;
  decisions: number;
}

async function firstUser(ctx: ServiceContext, email: string) {
  const [row] = await ctx.db
    .select({ userId: users.id, orgId: memberships.organisationId, kind: organisations.kind })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.email, email));
  return row ?? null;
}

const pdf = (title: string, lines: string[]) => renderPdfBuffer({ content: [{ text: title, bold: true }, ...lines] });

/**
 * Seeds the dossier of `institutionEmail`'s first converted result and its determination by
 * `operatorEmail`. Returns null when the demo data has no such result (nothing is written then).
 */
export async function seedDemoDossier(
  ctx: ServiceContext,
  storage: DocumentStorage,
  institutionEmail: string,
  operatorEmail: string,
): Promise<DemoDossier | null> {
  const inst = await firstUser(ctx, institutionEmail);
  const op = await firstUser(ctx, operatorEmail);
  if (!inst || inst.kind !== 'institution' || !op || op.kind !== 'operator') return null;
  const actor: MemberActor = {
    type: 'member',
    userId: inst.userId,
    orgId: inst.orgId,
    orgKind: 'institution',
    orgVerification: 'verified',
  };
  const operator: OperatorActor = { type: 'operator', userId: op.userId, orgId: op.orgId };
  const [target] = await ctx.db
    .select({ resultId: results.id, title: results.title, conversionId: conversions.id })
    .from(conversions)
    .innerJoin(results, eq(results.id, conversions.resultId))
    .where(and(eq(conversions.institutionId, inst.orgId), isNotNull(conversions.resultId)))
    .orderBy(asc(conversions.createdAt))
    .limit(1);
  if (!target) return null;
  const [payment] = await ctx.db
    .select({ id: payments.id, amountFen: payments.amountFen, receivedOn: payments.receivedOn })
    .from(payments)
    .where(eq(payments.conversionId, target.conversionId))
    .orderBy(asc(payments.receivedOn))
    .limit(1);

  const upload = async (
    subject: { type: 'result' | 'conversion' | 'payment'; id: string },
    kind: Parameters<typeof uploadDocument>[3]['kind'],
    filename: string,
    body: Buffer,
  ) =>
    uploadDocument(ctx, storage, actor, {
      subjectType: subject.type,
      subjectId: subject.id,
      kind,
      filename,
      file: Readable.from([body]),
    });

  const appraisal = await upload(
    { type: 'result', id: target.resultId },
    'appraisal_report',
    '资产评估报告（示例）.pdf',
    await pdf('资产评估报告（示例）', [
      `评估对象：科技成果“${target.title}”的使用权`,
      '评估机构：虚构资产评估有限公司（示例）',
      '评估基准日：本报告仅为演示数据，不具有任何效力',
    ]),
  );
  const minutes = await upload(
    { type: 'result', id: target.resultId },
    'decision_minutes',
    '院长办公会纪要（示例）.pdf',
    await pdf('院长办公会会议纪要（示例）', [
      `议题：科技成果“${target.title}”转化方案`,
      '决定：同意以协议定价方式转化，价格不低于评估值，并在本单位公示。',
      '本纪要仅为演示数据。',
    ]),
  );
  const contract = await upload(
    { type: 'conversion', id: target.conversionId },
    'contract',
    '技术合同（示例）.pdf',
    await pdf('技术合同（示例）', [`标的：科技成果“${target.title}”`, '本合同仅为演示数据。']),
  );
  const evidence = payment
    ? await upload(
        { type: 'payment', id: payment.id },
        'payment_evidence',
        '银行回单（示例）.pdf',
        await pdf('银行回单（示例）', [`到账日期：${payment.receivedOn}`, '本回单仅为演示数据。']),
      )
    : null;

  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await recordDecision(
      tx,
      actor,
      inst.orgId,
      {
        subjectType: 'result',
        subjectId: target.resultId,
        decisionType: 'pricing',
        summary: '以协议定价方式转化，价格不低于评估值，并在本单位公示',
        details: { pricingMode: 'negotiated', appraisal: 'appraised' },
        decidedByRole: '成果转化办公室主任',
        decisionBody: '院长办公会',
        meetingDate: at.toISOString().slice(0, 10),
        procedure: '成果转化办公室提出方案，委托评估机构评估，院长办公会审议通过，在平台公示',
        basis: '措施四：科研单位自主选择协议定价；评估报告（见附件）作为定价参考',
        documentIds: [appraisal.id, minutes.id],
      },
      at,
    );
    await recordDecision(
      tx,
      actor,
      inst.orgId,
      {
        subjectType: 'conversion',
        subjectId: target.conversionId,
        decisionType: 'contract',
        summary: '签订技术合同',
        decidedByRole: '成果转化办公室主任',
        decisionBody: '院长办公会',
        procedure: '按院长办公会决定签订合同，报技术合同登记点认定登记',
        basis: '院长办公会纪要（见附件）',
        documentIds: [minutes.id, contract.id],
      },
      at,
    );
    if (evidence && payment) {
      await recordDecision(
        tx,
        actor,
        inst.orgId,
        {
          subjectType: 'payment',
          subjectId: payment.id,
          decisionType: 'payment_confirmation',
          summary: '确认收到合同首期款',
          decidedByRole: '财务处经办人',
          basis: '银行回单（见附件）',
          documentIds: [evidence.id],
        },
        at,
      );
    }
  });

  // Export the result's dossier, check it as anyone holding the file would, and determine on it.
  const out = await exportDossier(ctx, storage, actor, { kind: 'result', resultId: target.resultId });
  await mkdir(ctx.config.documents.spoolDir, { recursive: true });
  const file = join(ctx.config.documents.spoolDir, `demo-dossier-${randomUUID()}.zip`);
  try {
    await pipeline(out.stream, createWriteStream(file));
    const { manifestSha256 } = await out.done;
    const report = await verifyDossier(file);
    if (!report.ok || report.manifestSha256 !== manifestSha256) {
      throw new Error(`demo dossier does not verify: ${JSON.stringify(report.problems)}`);
    }
    await recordDetermination(ctx, operator, {
      dossierSha256: manifestSha256,
      conclusion: 'exempt',
      determinedOn: at.toISOString().slice(0, 10),
      basis:
        '（演示数据）决策经院长办公会审议，定价有评估报告支持并经公示，合同与收款凭证齐全：勤勉尽责、履行了相关程序、未发现牟取非法利益',
    });
    return {
      resultId: target.resultId,
      manifestSha256,
      documents: evidence ? 4 : 3,
      decisions: evidence ? 3 : 2,
    };
  } finally {
    await rm(file, { force: true });
  }
}
