// Response shapes of 科技成果转化奖励和报酬 (措施三、十二): allow-lists over the rows.
import { Type } from 'typebox';
import {
  CONVERSION_COST_KINDS,
  CONVERSION_FUNDING_SOURCES,
  REMUNERATION_ENTRY_STATUSES,
  REMUNERATION_FORMS,
} from '../../domain/constants/remuneration.js';
import type {
  ConversionCost,
  ConversionRemunerationTerms,
  RemunerationAward,
  RemunerationEntry,
  RemunerationPolicy,
} from '../../db/schema/index.js';
import { CalendarDate, DateTime, Enum, iso, Nullable, Uuid } from '../schemas.js';
import type { conversionRemuneration } from './awards.js';
import type { EntryRow } from './entries.js';

const Bp = Type.Integer({ minimum: 0, maximum: 10_000, description: '万分比（1% = 100）' });
const SignedFen = Type.Integer({ description: '金额（分）；更正或冲销为负数' });

export const RemunerationPolicyView = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  cashShareBp: Bp,
  equityShareBp: Bp,
  horizontalMinShareBp: Bp,
  horizontalJustification: Nullable(Type.String()),
  decisionId: Uuid,
  createdAt: DateTime,
});

export const policyView = (p: RemunerationPolicy) => ({
  id: p.id,
  version: p.version,
  cashShareBp: p.cashShareBp,
  equityShareBp: p.equityShareBp,
  horizontalMinShareBp: p.horizontalMinShareBp,
  horizontalJustification: p.horizontalJustification,
  decisionId: p.decisionId,
  createdAt: p.createdAt.toISOString(),
});

export const RemunerationTermsView = Type.Object({
  conversionId: Uuid,
  funding: Enum(CONVERSION_FUNDING_SOURCES),
  agreedShareBp: Nullable(Bp),
  justification: Nullable(Type.String()),
  decisionId: Uuid,
  updatedAt: DateTime,
});

export const termsView = (t: ConversionRemunerationTerms) => ({
  conversionId: t.conversionId,
  funding: t.funding,
  agreedShareBp: t.agreedShareBp,
  justification: t.justification,
  decisionId: t.decisionId,
  updatedAt: t.updatedAt.toISOString(),
});

export const ConversionCostView = Type.Object({
  id: Uuid,
  kind: Enum(CONVERSION_COST_KINDS),
  amountFen: SignedFen,
  incurredOn: CalendarDate,
  evidenceRef: Type.String(),
  documentId: Nullable(Uuid),
  note: Type.String(),
  reversesId: Nullable(Uuid),
  createdAt: DateTime,
});

export const costView = (c: ConversionCost) => ({
  id: c.id,
  kind: c.kind,
  amountFen: c.amountFen,
  incurredOn: c.incurredOn,
  evidenceRef: c.evidenceRef,
  documentId: c.documentId,
  note: c.note,
  reversesId: c.reversesId,
  createdAt: c.createdAt.toISOString(),
});

const entryProperties = {
  id: Uuid,
  awardId: Uuid,
  conversionId: Uuid,
  form: Enum(REMUNERATION_FORMS),
  position: Type.Integer(),
  memberName: Type.String(),
  linkedAccount: Type.Boolean(),
  shareBp: Bp,
  principalLeader: Type.Boolean(),
  amountFen: SignedFen,
  shares: Nullable(Type.Integer()),
  status: Enum(REMUNERATION_ENTRY_STATUSES),
  approvedAt: Nullable(DateTime),
  approvalDecisionId: Nullable(Uuid),
  paidOn: Nullable(CalendarDate),
  paidRef: Nullable(Type.String()),
  payoutDecisionId: Nullable(Uuid),
  correctsId: Nullable(Uuid),
  correctionReason: Nullable(Type.String()),
  createdAt: DateTime,
};

export const RemunerationEntryView = Type.Object(entryProperties);

export const entryView = (e: RemunerationEntry) => ({
  id: e.id,
  awardId: e.awardId,
  conversionId: e.conversionId,
  form: e.form,
  position: e.position,
  memberName: e.memberName,
  linkedAccount: e.userId !== null,
  shareBp: e.shareBp,
  principalLeader: e.principalLeader,
  amountFen: e.amountFen,
  shares: e.shares,
  status: e.status,
  approvedAt: iso(e.approvedAt),
  approvalDecisionId: e.approvalDecisionId,
  paidOn: e.paidOn,
  paidRef: e.paidRef,
  payoutDecisionId: e.payoutDecisionId,
  correctsId: e.correctsId,
  correctionReason: e.correctionReason,
  createdAt: e.createdAt.toISOString(),
});

export const RemunerationQueueItem = Type.Object({
  ...entryProperties,
  incomeOn: CalendarDate,
  resultTitle: Nullable(Type.String()),
  contractTitle: Nullable(Type.String()),
});

export const queueItemView = (r: EntryRow) => ({
  ...entryView(r.entry),
  incomeOn: r.incomeOn,
  resultTitle: r.resultTitle,
  contractTitle: r.contractTitle,
});

export const RemunerationAwardView = Type.Object({
  id: Uuid,
  form: Enum(REMUNERATION_FORMS),
  paymentId: Nullable(Uuid),
  policyId: Uuid,
  funding: Enum(CONVERSION_FUNDING_SOURCES),
  shareBp: Bp,
  incomeFen: Type.Integer(),
  incomeOn: CalendarDate,
  incomeBeforeFen: Type.Integer(),
  costsFen: SignedFen,
  netIncomeFen: Type.Integer(),
  teamFen: Type.Integer(),
  teamShares: Nullable(Type.Integer()),
  createdAt: DateTime,
});

export const awardView = (a: RemunerationAward) => ({
  id: a.id,
  form: a.form,
  paymentId: a.paymentId,
  policyId: a.policyId,
  funding: a.funding,
  shareBp: a.shareBp,
  incomeFen: a.incomeFen,
  incomeOn: a.incomeOn,
  incomeBeforeFen: a.incomeBeforeFen,
  costsFen: a.costsFen,
  netIncomeFen: a.netIncomeFen,
  teamFen: a.teamFen,
  teamShares: a.teamShares,
  createdAt: a.createdAt.toISOString(),
});

export const RemunerationAwardResult = Type.Object({
  award: RemunerationAwardView,
  entries: Type.Array(RemunerationEntryView),
});

export const ConversionRemunerationView = Type.Object({
  conversionId: Uuid,
  counterpartyName: Type.String(),
  transactionType: Type.String(),
  receivedFen: Type.Integer({ description: '已到账收入（分）' }),
  costsFen: SignedFen,
  netIncomeFen: Type.Integer({ description: '净收入 = 已到账收入 − 费用（不低于 0）' }),
  cashShareBp: Nullable(Bp),
  equityShareBp: Nullable(Bp),
  policy: Nullable(RemunerationPolicyView),
  terms: Nullable(RemunerationTermsView),
  awards: Type.Array(RemunerationAwardView),
  entries: Type.Array(RemunerationEntryView),
  uncomputedPayments: Type.Array(Type.Object({ id: Uuid, amountFen: Type.Integer(), receivedOn: CalendarDate })),
  equityPending: Type.Boolean({ description: '已登记作价投资股权、尚未计算股权奖励' }),
});

export const conversionRemunerationView = (v: Awaited<ReturnType<typeof conversionRemuneration>>) => ({
  conversionId: v.conversion.id,
  counterpartyName: v.conversion.counterpartyName,
  transactionType: v.conversion.transactionType,
  receivedFen: v.receivedFen,
  costsFen: v.costsFen,
  netIncomeFen: v.netIncomeFen,
  cashShareBp: v.cashShareBp,
  equityShareBp: v.equityShareBp,
  policy: v.policy ? policyView(v.policy) : null,
  terms: v.terms ? termsView(v.terms) : null,
  awards: v.awards.map(awardView),
  entries: v.entries.map(entryView),
  uncomputedPayments: v.uncomputedPayments,
  equityPending: v.equityPending,
});

export const RemunerationStatementItem = Type.Object({
  entryId: Uuid,
  conversionId: Uuid,
  resultTitle: Type.String(),
  contractTitle: Type.String(),
  form: Enum(REMUNERATION_FORMS),
  incomeOn: CalendarDate,
  incomeFen: Type.Integer(),
  netIncomeFen: Type.Integer(),
  teamShareBp: Bp,
  memberShareBp: Bp,
  amountFen: SignedFen,
  shares: Nullable(Type.Integer()),
  status: Enum(REMUNERATION_ENTRY_STATUSES),
  paidOn: Nullable(CalendarDate),
  correction: Type.Boolean(),
  year: Type.Integer(),
});

export const RemunerationStatement = Type.Object({
  researcherName: Type.String(),
  institutionName: Type.String(),
  year: Nullable(Type.Integer()),
  conversionId: Nullable(Uuid),
  items: Type.Array(RemunerationStatementItem),
  paidCashFen: SignedFen,
  unpaidCashFen: SignedFen,
  paidShares: Type.Integer(),
  years: Type.Array(Type.Integer()),
  payTreatment: Type.String({ description: '措施十二：现金奖励在绩效工资与社会保险缴费基数中的处理（原文）' }),
});
