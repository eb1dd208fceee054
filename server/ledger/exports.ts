// The institution's contract export for a period (技术合同认定登记 practice) and the 单列管理 asset
// register export, through the shared helper (platform/exports.ts). Rows are read through a
// server-side cursor so an institution with 100,000 contracts streams in constant memory
// (bench/ledger.ts measures it).
import { sql } from 'drizzle-orm';
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
import type { Db } from '../../db/client.js';
import { cursorBatches, openReadConnection, type ReadConnection } from '../../db/cursor.js';
import { AppError } from '../../domain/errors.js';
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
  /** The contract's payment methods, comma-separated (as the cursor reads them: see contractRows). */
  paymentMethods: string;
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
  {
    header: '支付方式',
    width: 16,
    value: (r) =>
      r.paymentMethods
        .split(',')
        .map((m) => PAYMENT_METHOD_LABELS[m as PaymentMethod] ?? m)
        .join('、'),
  },
  { header: '签订日期', width: 12, value: (r) => r.signedOn },
  { header: '期限起', width: 12, value: (r) => r.termStartsOn },
  { header: '期限止', width: 12, value: (r) => r.termEndsOn },
  { header: '合同状态', width: 12, value: (r) => CONTRACT_STATUS_LABELS[r.status] },
  { header: '已收款（元）', width: 16, value: (r) => yuan(r.receivedFen) },
  { header: '转化记录ID', width: 38, value: (r) => r.conversionId },
];

/**
 * Contract exports streaming at once per api process, each on a connection of its own (outside the
 * pool of 10, so downloads never hold what the API's requests wait for; README "Running the parts
 * separately" counts them), and how long a further one waits for its turn before it is refused.
 */
export const EXPORT_CONNECTIONS = 2;

/**
 * A connection for one export, or EXPORT_BUSY once EXPORT_CONNECTIONS have been streaming for `waitMs`
 * (EXPORT_WAIT, 10 s by default).
 */
export async function exportConnection(db: Db, waitMs: number): Promise<ReadConnection> {
  const connection = await openReadConnection(db, { max: EXPORT_CONNECTIONS, waitMs });
  if (!connection) throw new AppError('EXPORT_BUSY');
  return connection;
}

/** Rows per FETCH: large enough that a round trip is noise, small enough to bound memory. */
const BATCH = 2_000;

/**
 * A download that stops being read holds its snapshot and a pool connection; past this PostgreSQL
 * ends the session (the download fails) rather than hold them for ever.
 */
const EXPORT_IDLE_TIMEOUT = '2min';

/**
 * The institution's contracts signed in the range (drafts without a signing day are left out), in
 * signing order: one query read through a server-side cursor (db/cursor.ts), so the export is one
 * snapshot of the ledger, planned once, with no query per row or per batch. Each table is read once
 * for the whole institution and hash-joined: its contracts (contracts_institution_signed_idx), their
 * conversions (conversions_institution_idx) and what each has received, summed index-only in one pass
 * over payments_institution_conversion_idx; then one in-memory sort into signing order. (Looking the
 * conversion and the payments up per contract cost 4-5 buffer visits a row: the 96,904 contracts
 * of bench:ledger's large institution read 431,653 buffers that way, against 10,032 this way.) The
 * contract, its conversion and its payments carry the same institution (denormalised from the
 * conversion when each row is written, server/ledger/record.ts and payments.ts). Read on `source`:
 * the route's own connection (exportConnection), closed when the rows end.
 */
export async function* contractRows(
  source: Db | ReadConnection,
  institutionId: string,
  range: IncomeRange,
): AsyncGenerator<ContractExportRow> {
  const query = sql`
    select ct.conversion_id as "conversionId", cv.route, cv.transaction_type as "transactionType",
      ct.contract_type as "contractType", ct.title, ct.contract_no as "contractNo",
      ct.registration_no as "registrationNo", ct.registered_on::text as "registeredOn",
      ct.seller_name as "sellerName", ct.seller_credit_code as "sellerCreditCode",
      ct.buyer_name as "buyerName", ct.buyer_credit_code as "buyerCreditCode",
      ct.amount_fen::float8 as "amountFen", ct.technology_amount_fen::float8 as "technologyAmountFen",
      array_to_string(ct.payment_methods, ',') as "paymentMethods", ct.signed_on::text as "signedOn",
      ct.term_starts_on::text as "termStartsOn", ct.term_ends_on::text as "termEndsOn", ct.status,
      coalesce(received.fen, 0)::float8 as "receivedFen"
    from contracts ct
      join conversions cv on cv.id = ct.conversion_id and cv.institution_id = ct.institution_id
      left join (
        select p.conversion_id, sum(p.amount_fen) as fen from payments p
        where p.institution_id = ${institutionId} group by p.conversion_id
      ) received on received.conversion_id = ct.conversion_id
    where ct.institution_id = ${institutionId} and ct.signed_on is not null
      ${range.from ? sql`and ct.signed_on >= ${range.from}::date` : sql``}
      ${range.to ? sql`and ct.signed_on <= ${range.to}::date` : sql``}
    order by ct.signed_on, ct.conversion_id`;
  // Rows go out as pg parses them, with no per-row conversion: amounts as float8 (exact for whole 分
  // below 2^53; pg parses float8 to numbers) and payment methods as one string (pg's text[] parser was
  // a third of the export's allocation, and a converted copy of each row another fifth). Less garbage
  // per row, less of it promoted to old space while the download runs (docs/ledger.md "Exports").
  for await (const batch of cursorBatches<ContractExportRow>(source, query, {
    batch: BATCH,
    idleTimeout: EXPORT_IDLE_TIMEOUT,
    // The sort into signing order and the hashes, in memory for 100,000 contracts (~45 MB sorted).
    workMem: '64MB',
  }))
    yield* batch;
}

export function contractFileName(institutionName: string, range: IncomeRange, ext: string): string {
  return `${institutionName}技术合同台账_${range.from ?? '起'}_${range.to ?? '今'}.${ext}`;
}
