// A paid reward through the real API (措施十二): an institution with a reward policy, a researcher on a
// result's team, a conversion with one received payment, the reward computed, approved and paid.
import type { FastifyInstance } from 'fastify';
import { as, researcherSession, resultBody, verifiedMember, type Session } from './factories.js';

async function ok<T = Record<string, unknown>>(p: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const res = await p;
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}

export const todayShanghai = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function paidRewardWorld(app: FastifyInstance, operator: Session, mailDir: string) {
  const institution = await verifiedMember(app, operator, 'institution');
  const researcher = await researcherSession(app, institution, mailDir, { displayName: '周晓明' });
  const inst = as(app, institution);
  const result = await ok<{ id: string }>(
    inst({ method: 'POST', url: '/api/v1/results', payload: resultBody({ title: '虚构高效催化剂制备技术' }) }),
  );
  await ok(
    inst({
      method: 'PUT',
      url: `/api/v1/results/${result.id}/team`,
      payload: {
        members: [
          { name: '周晓明', roleInWork: '项目负责人', shareBp: 6000, userId: researcher.userId },
          { name: '孙悦', roleInWork: '主要完成人', shareBp: 4000 },
        ],
      },
    }),
  );
  const conversion = await ok<{ id: string }>(
    inst({
      method: 'POST',
      url: '/api/v1/ledger/conversions',
      payload: {
        resultId: result.id,
        counterpartyName: '辽宁虚构化工有限公司',
        counterpartyOwnership: 'private',
        transactionType: 'transfer',
        appraisal: 'appraised',
        basis: '第三方评估报告（虚构）',
        evidenceRef: '转让合同 HT-DEMO-001',
        contract: {
          title: '虚构高效催化剂制备技术转让合同',
          amountFen: 20_000_000,
          technologyAmountFen: 20_000_000,
          paymentMethods: ['lump_sum'],
          signedOn: '2026-02-01',
        },
        effective: true,
        schedule: [],
      },
    }),
  );
  await ok(
    inst({
      method: 'PUT',
      url: '/api/v1/remuneration/policy',
      payload: {
        cashShareBp: 7000,
        equityShareBp: 7000,
        horizontalMinShareBp: 9000,
        decisionBody: '科技成果转化领导小组',
        basis: '本单位科技成果转化管理办法（虚构）',
      },
    }),
  );
  await ok(
    inst({
      method: 'POST',
      url: `/api/v1/ledger/conversions/${conversion.id}/payments`,
      payload: {
        amountFen: 20_000_000,
        receivedOn: '2026-02-10',
        payerName: '辽宁虚构化工有限公司',
        evidenceRef: '回单 01',
      },
    }),
  );
  await ok(
    inst({
      method: 'POST',
      url: `/api/v1/remuneration/conversions/${conversion.id}/costs`,
      payload: { kind: 'appraisal', amountFen: 1_000_000, incurredOn: '2026-01-20', evidenceRef: '评估费发票 0001' },
    }),
  );
  const summary = await ok<{ uncomputedPayments: { id: string }[] }>(
    inst({ method: 'GET', url: `/api/v1/remuneration/conversions/${conversion.id}` }),
  );
  const award = await ok<{ entries: { id: string }[] }>(
    inst({ method: 'POST', url: `/api/v1/remuneration/payments/${summary.uncomputedPayments[0]!.id}/award` }),
  );
  const entryIds = award.entries.map((e) => e.id);
  const decision = { decisionBody: '校长办公会', basis: '奖励方案经公示无异议（虚构）' };
  await ok(inst({ method: 'POST', url: '/api/v1/remuneration/entries/approve', payload: { entryIds, ...decision } }));
  await ok(
    inst({
      method: 'POST',
      url: '/api/v1/remuneration/entries/pay',
      payload: {
        entryIds,
        paidOn: todayShanghai(),
        paidRef: '发放批次 F-DEMO-01',
        ...decision,
        decisionBody: '财务处',
      },
    }),
  );
  return { institution, researcher, conversionId: conversion.id };
}
