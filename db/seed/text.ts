// Builds the paragraph descriptions of seeded listings from a topic, its organisation and the
// listing's terms, so two listings never read the same.

import {
  IP_TYPE_LABELS,
  type IpType,
  type Maturity,
  type OwnershipMode,
  type SecurityClass,
} from '../../domain/constants/results.js';
import {
  type IndustryField,
  type PricingMode,
  type SupportKind,
  type TransactionType,
} from '../../domain/constants/listings.js';
import { FIELD_MARKET, MATURITY_PHRASES, PROJECT_TERMS, SUPPORT_PHRASES, TRANSACTION_PHRASES } from './phrases.js';
import type { Rng } from './random.js';

export interface Topic {
  title: string;
  summary: string;
  detail: string;
  /** Demand topics: key of the posting enterprise. */
  owner: string | null;
}

export function parseTopic(line: string): Topic {
  const [title, summary, detail, owner] = line.split('|');
  if (!title || !summary || !detail) throw new Error(`seed: malformed topic "${line.slice(0, 30)}…"`);
  return { title, summary, detail, owner: owner ?? null };
}

/** The maturity a result's own text implies (so "已在5艘散货船上运行" is not labelled 实验室阶段). */
export function maturityOf(topic: Topic): Maturity {
  const text = topic.summary + topic.detail;
  if (/已在.{0,20}(应用|运行|试点)|示范|业绩|挂网|生产线|批量生产|年产/.test(text)) return 'industrialised';
  if (/中试|放大|工业试制|工业验证|吨级|百公斤级/.test(text)) return 'pilot';
  if (/样机|样件|样品|流片|硅验证|离体|动物实验|临床|验证/.test(text)) return 'prototype';
  return 'lab';
}

/** Amount in fen as 万元 text: 50_000_000 → "50". */
export function wanText(fen: number): string {
  const wan = fen / 1_000_000;
  return Number.isInteger(wan) ? String(wan) : wan.toFixed(1);
}

/** 转让 / 转让或许可 / 转让、许可或作价投资. */
function joinTypes(types: readonly TransactionType[]): string {
  const words = types.map((t) => TRANSACTION_PHRASES[t]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join('、')}或${words[words.length - 1]}`;
}

function ipSentence(types: readonly IpType[]): string {
  const counts = new Map<IpType, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  const granted = [...counts]
    .filter(([t]) => t !== 'technical_secret')
    .map(([t, n]) => `${IP_TYPE_LABELS[t]}${n}项`)
    .join('、');
  const secret = counts.get('technical_secret');
  return (granted ? `已取得${granted}` : '') + (secret ? `${granted ? '，' : ''}另有技术秘密${secret}项` : '') + '。';
}

export interface SupplyText {
  topic: Topic;
  field: IndustryField;
  institutionName: string;
  leader: string;
  years: number;
  maturity: Maturity;
  ipTypes: IpType[];
  ownership: OwnershipMode;
  teamShareBp: number;
  longTermUseStartsOn: string | null;
  longTermUseEndsOn: string | null;
  separatelyManaged: boolean;
  securityClass: SecurityClass;
  pricingMode: PricingMode;
  transactionTypes: TransactionType[];
  priceFen: number | null;
  counterpartyName: string | null;
}

export function supplyDescription(rng: Rng, s: SupplyText): string {
  const parts: string[] = [s.topic.summary, s.topic.detail];
  parts.push(`该成果由${s.institutionName}${s.leader}团队历时${s.years}年完成，${MATURITY_PHRASES[s.maturity]}。`);
  parts.push(ipSentence(s.ipTypes));
  parts.push(rng.pick(FIELD_MARKET[s.field]));
  if (s.ownership === 'co_owned') {
    parts.push(`单位已对该成果实施赋权，由单位与成果完成人团队共同所有，团队持有${s.teamShareBp / 100}%份额。`);
  } else if (s.ownership === 'long_term_use') {
    parts.push(`单位已赋予成果完成人团队长期使用权，期限自${s.longTermUseStartsOn}至${s.longTermUseEndsOn}。`);
  }
  if (s.separatelyManaged) parts.push('该成果实行单列管理，转化方式和价格由单位自主决定。');
  if (s.securityClass === 'restricted') parts.push('成果涉及国家利益，仅面向境内单位转化，洽谈前需签署保密承诺。');
  const types = joinTypes(s.transactionTypes);
  const price = s.priceFen === null ? null : wanText(s.priceFen);
  switch (s.pricingMode) {
    case 'negotiable':
      parts.push(`欢迎有意向的企业联系洽谈，可采用${types}方式合作，价格面议。`);
      break;
    case 'negotiated': {
      const first = s.transactionTypes[0] ?? 'transfer';
      const deal =
        first === 'equity'
          ? `拟以该成果作价${price}万元向${s.counterpartyName}投资入股`
          : first === 'license'
            ? `拟以${price}万元许可${s.counterpartyName}实施该成果`
            : `拟以${price}万元将该成果转让给${s.counterpartyName}`;
      parts.push(`经双方协商，${deal}，现依规公示成果名称和拟交易价格，公示期内如有异议可通过平台提出。`);
      break;
    }
    case 'fixed':
      parts.push(
        `挂牌价格${price}万元，交易方式为${types}，符合条件的企业可在挂牌期内摘牌；两家及以上摘牌的，将以挂牌价为起始价组织竞价。`,
      );
      break;
    case 'auction':
      parts.push(`拟通过公开拍卖方式${types}，起拍价${price}万元，具体规则以拍卖公告为准。`);
      break;
  }
  return parts.join('');
}

export interface DemandText {
  topic: Topic;
  profile: string;
  months: number;
  supportSought: SupportKind[];
  /** Null: the budget is negotiable (榜额面议). */
  budgetFen: number | null;
  instalments: number;
}

export function demandDescription(rng: Rng, d: DemandText): string {
  const parts = [d.profile, d.topic.summary, d.topic.detail];
  parts.push(rng.pick(PROJECT_TERMS).replace('{months}', String(d.months)));
  if (d.supportSought.length > 0) {
    parts.push(`除资金投入外，希望获得${d.supportSought.map((k) => SUPPORT_PHRASES[k]).join('、')}等方面的支持。`);
  }
  if (d.budgetFen === null) {
    parts.push('榜额面议，将根据揭榜方案的技术路线和工作量与揭榜单位协商确定。');
  } else {
    parts.push(
      d.instalments > 1
        ? `榜额${wanText(d.budgetFen)}万元，按研发进度分${d.instalments}期支付。`
        : `榜额${wanText(d.budgetFen)}万元，验收合格后一次性支付。`,
    );
  }
  return parts.join('');
}
