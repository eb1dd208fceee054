// `npm run auction:verify <auctionId>` recomputes an auction's bid record against the database;
// `npm run auction:verify -- --file record.json` checks a record downloaded from
// GET /api/v1/auctions/:id/record. Prints OK, or the first bad seq and why; exits 1 if bad.
import { readFileSync } from 'node:fs';
import { verifyRecord, type RecordBid, type RecordTerms } from '../domain/auction-record.js';
import { createDatabase } from '../db/client.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { storedRecord } from '../server/auctions/reads.js';

const REASONS: Record<string, string> = {
  seq_gap: '序号不连续',
  malformed: '字段格式错误',
  hash_mismatch: '哈希值与重新计算的结果不符',
  head_mismatch: '最终哈希与拍卖记录的哈希头不符（记录被截断或改写）',
  end_mismatch: '延时后的结束时间与规则不符',
  final_end_mismatch: '拍卖结束时间与出价记录不符',
  final_price_mismatch: '当前价与最后一次出价不符',
  winner_mismatch: '买受人与最后一次出价者不符',
  terms_malformed: '拍卖条件格式错误',
};

function explain(reason: string): string {
  if (reason.startsWith('rule:')) return `出价不符合竞价规则（${reason.slice(5)}）`;
  return REASONS[reason] ?? reason;
}

async function load(args: string[]): Promise<{ terms: RecordTerms; bids: RecordBid[] }> {
  const fileAt = args.indexOf('--file');
  if (fileAt >= 0) {
    const path = args[fileAt + 1];
    if (!path) throw new Error('usage: auction-verify --file <record.json>');
    const record = JSON.parse(readFileSync(path, 'utf8')) as { auction: RecordTerms; bids: RecordBid[] };
    return { terms: record.auction, bids: record.bids };
  }
  const id = args.find((a) => !a.startsWith('-'));
  if (!id) throw new Error('usage: auction-verify <auctionId> | --file <record.json>');
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, 1);
  try {
    return await storedRecord(database.db, id);
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  let record: { terms: RecordTerms; bids: RecordBid[] };
  try {
    record = await load(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `无法读取拍卖记录: ${(err as Error).message}`);
    return 2;
  }
  const verdict = verifyRecord(record.terms, record.bids);
  console.log(`拍卖 ${record.terms.id}：${record.bids.length} 次出价，状态 ${record.terms.status}`);
  if (verdict.ok) {
    console.log(`哈希链与竞价规则复核通过，最终哈希 ${verdict.head}`);
    console.log('OK');
    return 0;
  }
  console.log(`复核失败：第 ${verdict.atSeq} 次出价 — ${explain(verdict.reason)}`);
  console.log(`FAILED at seq ${verdict.atSeq}: ${verdict.reason}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
