// The institution's contract export for a period (技术合同认定登记 practice) and the 单列管理 asset
// register export, through the shared helper (platform/exports.ts). Rows are read in keyset batches
// so an institution with 100,000 contracts streams in constant memory (bench/ledger.ts measures it).
import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import {
  CONTRACT_STATUS_LABELS,
  CONTRACT_TYPE_LABELS,
  CONVERSION_ROUTE_LABELS,
  CONVERSION_TYPE_LABELS,
  PAYMENT_METHOD_LABELS,
  type ContractStatus,
  type ContractType,
  type ConversionRoute,
  type ConversionType,
  type PaymentMethod,
} from '../../domain/constants/ledger.js';
import type { DbOrTx } from '../../db/client.js';
import { contracts, conversions, payments } from '../../db/schema/index.js';
import type { ExportColumn } from '../../platform/exports.js';
import type { IncomeRange } from './income.js';

/** 分 as 元 with two decimals, exactly (no floating point). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export interface ContractExportRow {
  conversionId: string;
  route: ConversionRoute;
  transactionType: ConversionType;
  contractType: ContractType;
  title: string;
  contractNo: string | null;
  registrationNo: string | null;
  registeredOn: string | null;
  sellerName: string;
  sellerCreditCode: string | null;
  buyerName: string;
  buyerCreditCode: string | null;
  amountFen: number;
  technologyAmountFen: number;
  paymentMethods: PaymentMethod[];
  signedOn: string | null;
  termStartsOn: string | null;
  termEndsOn: string | null;
  status: ContractStatus;
  receivedFen: number;
}

export const CONTRACT_EXPORT_COLUMNS: readonly ExportColumn<ContractExportRow>[] = [
  { header: '认定登记编号', width: 20, value: (r) => r.registrationNo },
  { header: '登记日期', width: 12, value: (r) => r.registeredOn },
  { header: '合同编号', width: 18, value: (r) => r.contractNo },
  { header: '合同名称', width: 40, value: (r) => r.title },
  { header: '合同类型', width: 14, value: (r) => CONTRACT_TYPE_LABELS[r.contractType] },
  { header: '转化方式', width: 12, value: (r) => CONVERSION_TYPE_LABELS[r.transactionType] },
  { header: '来源', width: 18, value: (r) => CONVERSION_ROUTE_LABELS[r.route] },
  { header: '卖方（成果完成单位）', width: 28, value: (r) => r.sellerName },
  { header: '卖方统一社会信用代码', width: 22, value: (r) => r.sellerCreditCode },
  { header: '买方', width: 28, value: (r) => r.buyerName },
  { header: '买方统一社会信用代码', width: 22, value: (r) => r.buyerCreditCode },
  { header: '合同金额（元）', width: 16, value: (r) => yuan(r.amountFen) },
  { header: '技术交易额（元）', width: 16, value: (r) => yuan(r.technologyAmountFen) },
  { header: '支付方式', width: 16, value: (r) => r.paymentMethods.map((m) => PAYMENT_METHOD_LABELS[m]).join('、') },
  { header: '签订日期', width: 12, value: (r) => r.signedOn },
  { header: '期限起', width: 12, value: (r) => r.termStartsOn },
  { header: '期限止', width: 12, value: (r) => r.termEndsOn },
  { header: '合同状态', width: 12, value: (r) => CONTRACT_STATUS_LABELS[r.status] },
  { header: '已收款（元）', width: 16, value: (r) => yuan(r.receivedFen) },
  { header: '转化记录ID', width: 38, value: (r) => r.conversionId },
];

const BATCH = 2_000;

/**
 * The institution's contracts signed in the range (drafts without a signing day are left out), in
 * signing order, read in keyset batches of 2,000 (index contracts_institution_signed_idx).
 */
export async function* contractRows(
  db: DbOrTx,
  institutionId: string,
  range: IncomeRange,
): AsyncGenerator<ContractExportRow> {
  let after: { signedOn: string; id: string } | null = null;
  for (;;) {
    const where: SQL[] = [eq(contracts.institutionId, institutionId), sql`${contracts.signedOn} is not null`];
    if (range.from) where.push(gte(contracts.signedOn, range.from));
    if (range.to) where.push(lte(contracts.signedOn, range.to));
    // A row comparison, so the next batch starts where the index range left off (an OR of the two
    // conditions made every batch rescan the institution's earlier contracts).
    if (after) where.push(sql`(${contracts.signedOn}, ${contracts.conversionId}) > (${after.signedOn}, ${after.id})`);
    // JIT off for the batch: its cost estimate crosses the JIT threshold, and compiling each batch's
    // plan cost more than reading its 2,000 rows (bench:ledger).
    const batch = await db.transaction(async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return tx
        .select({
          conversionId: contracts.conversionId,
          route: conversions.route,
          transactionType: conversions.transactionType,
          contractType: contracts.contractType,
          title: contracts.title,
          contractNo: contracts.contractNo,
          registrationNo: contracts.registrationNo,
          registeredOn: contracts.registeredOn,
          sellerName: contracts.sellerName,
          sellerCreditCode: contracts.sellerCreditCode,
          buyerName: contracts.buyerName,
          buyerCreditCode: contracts.buyerCreditCode,
          amountFen: contracts.amountFen,
          technologyAmountFen: contracts.technologyAmountFen,
          paymentMethods: contracts.paymentMethods,
          signedOn: contracts.signedOn,
          termStartsOn: contracts.termStartsOn,
          termEndsOn: contracts.termEndsOn,
          status: contracts.status,
          receivedFen: sql<string>`(select coalesce(sum(${payments.amountFen}), 0) from ${payments} where ${payments.conversionId} = ${contracts.conversionId})`,
        })
        .from(contracts)
        .innerJoin(conversions, eq(conversions.id, contracts.conversionId))
        .where(and(...where))
        .orderBy(asc(contracts.signedOn), asc(contracts.conversionId))
        .limit(BATCH);
    });
    for (const r of batch) yield { ...r, receivedFen: Number(r.receivedFen) };
    if (batch.length < BATCH) return;
    const last = batch.at(-1)!;
    after = { signedOn: last.signedOn!, id: last.conversionId };
  }
}

export function contractFileName(institutionName: string, range: IncomeRange, ext: string): string {
  return `${institutionName}技术合同台账_${range.from ?? '起'}_${range.to ?? '今'}.${ext}`;
}
