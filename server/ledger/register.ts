// 措施二、三 单列管理: per institution, the separately managed results and the assets their conversions
// formed — a transfer, a licence, an equity stake, and what is still receivable — with current status;
// and, by 措施六, the agreed returns (约定收益) of results the institution granted to their teams, a
// contingent asset of the institution. A query over the ledger and the grants, not a table of its own.
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  ASSET_KIND_LABELS,
  CONTRACT_STATUS_LABELS,
  EQUITY_STAKE_STATUS_LABELS,
  type AssetKind,
  type ContractStatus,
  type ConversionType,
  type EquityStakeStatus,
} from '../../domain/constants/ledger.js';
import type { DbOrTx } from '../../db/client.js';
import {
  contracts,
  conversions,
  equityStakes,
  payments,
  results,
  rightsGrants,
  royaltyReports,
} from '../../db/schema/index.js';
import type { ExportColumn } from '../../platform/exports.js';
import { yuan } from './exports.js';

export interface RegisterRow {
  resultId: string;
  resultTitle: string;
  conversionId: string | null;
  assetKind: AssetKind | null;
  counterpartyName: string | null;
  contractStatus: ContractStatus | null;
  amountFen: number | null;
  receivedFen: number;
  receivableFen: number;
  company: string | null;
  stakeBp: number | null;
  shares: number | null;
  valuationFen: number | null;
  equityStatus: EquityStakeStatus | null;
  /** 措施六 约定收益: the institution's agreed share of the company's future equity gains. */
  agreedReturnBp: number | null;
}

function assetKind(type: ConversionType): AssetKind {
  return type === 'equity'
    ? 'equity'
    : type === 'license'
      ? 'licence'
      : type === 'transfer'
        ? 'transfer'
        : 'receivable';
}

/** The register of one institution: every separately managed result, one row per conversion (or one empty row). */
export async function assetRegister(db: DbOrTx, institutionId: string): Promise<RegisterRow[]> {
  const rows = await db
    .select({
      resultId: results.id,
      resultTitle: results.title,
      conversionId: conversions.id,
      transactionType: conversions.transactionType,
      counterpartyName: conversions.counterpartyName,
      contractStatus: contracts.status,
      amountFen: contracts.amountFen,
      royaltiesFen: sql<string>`(select coalesce(sum(${royaltyReports.royaltyFen}), 0) from ${royaltyReports} where ${royaltyReports.conversionId} = ${conversions.id})`,
      receivedFen: sql<string>`(select coalesce(sum(${payments.amountFen}), 0) from ${payments} where ${payments.conversionId} = ${conversions.id})`,
      company: equityStakes.companyName,
      stakeBp: equityStakes.stakeBp,
      shares: equityStakes.shares,
      valuationFen: equityStakes.valuationFen,
      equityStatus: equityStakes.status,
    })
    .from(results)
    .leftJoin(conversions, eq(conversions.resultId, results.id))
    .leftJoin(contracts, eq(contracts.conversionId, conversions.id))
    .leftJoin(equityStakes, eq(equityStakes.conversionId, conversions.id))
    .where(and(eq(results.institutionId, institutionId), eq(results.separatelyManaged, true)))
    .orderBy(asc(results.title), asc(conversions.createdAt));
  const register: RegisterRow[] = rows.map((r) => {
    const received = Number(r.receivedFen);
    // Equity is paid in shares: nothing receivable in cash; a terminated contract expects nothing more.
    const expected =
      r.amountFen === null ||
      r.transactionType === 'equity' ||
      r.contractStatus === 'terminated' ||
      r.contractStatus === 'draft'
        ? 0
        : r.amountFen + Number(r.royaltiesFen);
    return {
      resultId: r.resultId,
      resultTitle: r.resultTitle,
      conversionId: r.conversionId,
      assetKind: r.transactionType ? assetKind(r.transactionType) : null,
      counterpartyName: r.counterpartyName,
      contractStatus: r.contractStatus,
      amountFen: r.amountFen,
      receivedFen: received,
      receivableFen: Math.max(0, expected - received),
      company: r.company,
      stakeBp: r.stakeBp,
      shares: r.shares,
      valuationFen: r.valuationFen,
      equityStatus: r.equityStatus,
      agreedReturnBp: null,
    };
  });
  return [...register, ...(await agreedReturns(db, institutionId))];
}

/** 措施六 赋权 + 约定收益, once the team accepted: the institution's contingent assets. */
async function agreedReturns(db: DbOrTx, institutionId: string): Promise<RegisterRow[]> {
  const rows = await db
    .select({
      resultId: results.id,
      resultTitle: results.title,
      company: rightsGrants.companyName,
      agreedReturnBp: rightsGrants.agreedReturnBp,
    })
    .from(rightsGrants)
    .innerJoin(results, eq(results.id, rightsGrants.resultId))
    .where(
      and(
        eq(rightsGrants.institutionId, institutionId),
        eq(rightsGrants.kind, 'agreed_return'),
        eq(rightsGrants.status, 'accepted'),
      ),
    )
    .orderBy(asc(results.title), asc(rightsGrants.createdAt));
  return rows.map((r) => ({
    resultId: r.resultId,
    resultTitle: r.resultTitle,
    conversionId: null,
    assetKind: 'agreed_return',
    counterpartyName: null,
    contractStatus: null,
    amountFen: null,
    receivedFen: 0,
    receivableFen: 0,
    company: r.company,
    stakeBp: null,
    shares: null,
    valuationFen: null,
    equityStatus: null,
    agreedReturnBp: r.agreedReturnBp,
  }));
}

export const REGISTER_COLUMNS: readonly ExportColumn<RegisterRow>[] = [
  { header: '成果名称', width: 40, value: (r) => r.resultTitle },
  { header: '资产类型', width: 10, value: (r) => (r.assetKind ? ASSET_KIND_LABELS[r.assetKind] : '尚未转化') },
  { header: '受让方/被投资企业', width: 28, value: (r) => r.company ?? r.counterpartyName },
  { header: '合同状态', width: 12, value: (r) => (r.contractStatus ? CONTRACT_STATUS_LABELS[r.contractStatus] : null) },
  { header: '合同金额（元）', width: 16, value: (r) => (r.amountFen === null ? null : yuan(r.amountFen)) },
  { header: '已收款（元）', width: 16, value: (r) => yuan(r.receivedFen) },
  { header: '应收款（元）', width: 16, value: (r) => yuan(r.receivableFen) },
  { header: '持股比例（%）', width: 12, value: (r) => (r.stakeBp === null ? null : `${yuan(r.stakeBp)}`) },
  { header: '持股数量（股）', width: 14, value: (r) => r.shares },
  { header: '作价金额（元）', width: 16, value: (r) => (r.valuationFen === null ? null : yuan(r.valuationFen)) },
  { header: '股权状态', width: 10, value: (r) => (r.equityStatus ? EQUITY_STAKE_STATUS_LABELS[r.equityStatus] : null) },
  {
    header: '约定收益比例（%）',
    width: 14,
    value: (r) => (r.agreedReturnBp === null ? null : yuan(r.agreedReturnBp)),
  },
];
