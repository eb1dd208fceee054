// 措施六 权益让渡（资源占用费）: the one-time fee the team owes for the institution's remaining share is a
// receivable of the conversion ledger — a transfer conversion to the team, effective on acceptance,
// with one instalment due on the decided day. Payments, reminders, overdue flags and income then
// run through the ledger's own machinery (server/ledger/), not a parallel one.
import type { Result, RightsGrant } from '../../db/schema/index.js';
import type { Tx } from '../../db/client.js';
import * as rules from '../../domain/ledger.js';
import { shanghaiDate } from '../../domain/results.js';
import { insertConversion } from '../ledger/record.js';

export async function recordResourceFee(
  tx: Tx,
  g: RightsGrant,
  r: Result,
  names: { institution: string; team: string },
  now: Date,
): Promise<string> {
  const today = shanghaiDate(now);
  const fee = g.feeFen!;
  const conversion = await insertConversion(
    tx,
    { type: 'system' },
    {
      route: 'off_platform',
      origin: null,
      institutionId: g.institutionId,
      resultId: r.id,
      listingId: null,
      proposalId: null,
      paylaterLicenceId: null,
      counterpartyOrgId: null,
      counterpartyName: names.team,
      counterpartyCreditCode: null,
      counterpartyOwnership: null,
      counterpartyDomicile: 'mainland',
      counterpartyOwnSubsidiary: null,
      transactionType: 'transfer',
      licenseScope: null,
      binding: rules.conversionBinding({ route: 'off_platform' }),
      // 措施六: the fee is the institution's own decision; its basis is the decision's.
      appraisal: 'not_appraised',
      basis: `措施六：剩余权益让渡给成果完成人团队，一次性收取资源占用费（${g.decisionBody} ${g.decidedOn} 决定：${g.basis}）`,
      evidenceRef: `赋权决定 ${g.id}`,
      classifiedApprovalRef: null,
      confidentialityAgreementRef: null,
      intermediary: null,
      contract: {
        contractType: null,
        title: `“${r.title}”剩余权益让渡（资源占用费）`,
        contractNo: null,
        sellerName: names.institution,
        sellerCreditCode: null,
        buyerName: names.team,
        buyerCreditCode: null,
        amountFen: fee,
        technologyAmountFen: fee,
        paymentMethods: ['lump_sum'],
        royaltyBp: null,
        royaltyBase: null,
        signedOn: today,
        termStartsOn: null,
        termEndsOn: null,
        registrationNo: null,
        registeredOn: null,
      },
      status: 'effective',
      schedule: [{ kind: 'instalment', amountFen: fee, dueOn: g.feeDueOn! < today ? today : g.feeDueOn! }],
      equity: null,
    },
    now,
    '措施六：权益让渡经成果完成人团队接受，登记资源占用费应收款',
  );
  return conversion.id;
}
