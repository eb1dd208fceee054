// What a notification says. Pure: the service decides who receives it and stores it in the same
// transaction as the change; this file only words it (Chinese, for users).

import { CLOSE_RESULT_LABELS, type CloseResult } from './auction-protocol.js';
import { LISTING_STATUS_LABELS, type ListingStatus } from './constants/listings.js';
import { MATCH_ROUTE_LABELS, type MatchRoute } from './constants/lifecycle.js';
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from './constants/notifications.js';
import {
  PAYMENT_KIND_LABELS,
  POOL_REASON_LABELS,
  POOL_REMOVAL_REASON_LABELS,
  type PayLaterParty,
  type PaymentKind,
  type PoolReason,
  type PoolRemovalReason,
} from './constants/pool.js';
import { formatFen } from './money.js';
import type { ApplicationAction } from './paylater.js';

export interface NotificationText {
  title: string;
  body: string;
}

/**
 * A notification as it leaves the server (list pages and live pushes alike): the stored row minus
 * nothing private, since it is the user's own. The web app reads the same type.
 */
export interface NotificationMessage {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  listingId: string | null;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

/** What the server sends on GET /api/v1/live (server/notifications/routes.ts, live.ts). */
export type LiveMessage =
  | { type: 'hello'; serverTime: string; unreadCount: number }
  | { type: 'notification'; notification: NotificationMessage }
  | { type: 'read'; ids?: string[]; all?: true; unreadCount: number }
  | { type: 'pong'; serverTime: string };

/** Every `type` of LiveMessage, for the AsyncAPI check (test/api/asyncapi.test.ts). */
export const LIVE_MESSAGE_TYPES = [
  'hello',
  'notification',
  'read',
  'pong',
] as const satisfies readonly LiveMessage['type'][];
export const liveMessageTypesComplete: Exclude<LiveMessage['type'], (typeof LIVE_MESSAGE_TYPES)[number]> extends never
  ? true
  : never = true;

export interface NotificationParams {
  listingTitle: string;
  /** Free text quoted in the body: a rejection reason, an objection, an answer… */
  text?: string | null;
  orgName?: string | null;
  to?: ListingStatus | null;
  route?: MatchRoute | null;
  priceFen?: number | null;
  at?: Date | null;
  count?: number | null;
  alias?: string | null;
  /** How an auction ended (auction_closed). */
  closeResult?: CloseResult | null;
  /** Why a result entered or left the pay-later pool. */
  poolReason?: PoolReason | PoolRemovalReason | null;
  /** The negotiation move a paylater_updated reports; `orgName` is who made it. */
  action?: ApplicationAction | null;
  /** Which side made the move (the institution answers applications; the enterprise answers counters). */
  by?: PayLaterParty | null;
  /** A calendar day (YYYY-MM-DD, Asia/Shanghai): a due day, a first-sales day, a receipt day. */
  day?: string | null;
  paymentKind?: PaymentKind | null;
  /** The last payment of a licence is in (paylater_payment_received). */
  settled?: boolean | null;
}

const POOL_REASON_TEXT: Record<PoolReason | PoolRemovalReason, string> = {
  ...POOL_REASON_LABELS,
  ...POOL_REMOVAL_REASON_LABELS,
};

/** An instant in Asia/Shanghai, "2026-03-16 16:00". */
export function formatShanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function notificationText(kind: NotificationKind, p: NotificationParams): NotificationText {
  const t = `“${p.listingTitle}”`;
  const quote = p.text ? `：${p.text}` : '';
  const status = p.to ? LISTING_STATUS_LABELS[p.to] : '';
  const price = p.priceFen != null ? formatFen(p.priceFen) : '';
  const at = p.at ? formatShanghai(p.at) : '';
  const title = NOTIFICATION_KIND_LABELS[kind];
  switch (kind) {
    case 'listing_approved':
      return { title, body: `您发布的项目${t}已通过审核，当前状态：${status}。` };
    case 'listing_rejected':
      return { title, body: `您提交的项目${t}未通过审核${quote}` };
    case 'listing_taken_down':
      return p.text
        ? { title, body: `您发布的项目${t}已被平台下架${quote}` }
        : { title, body: `您参与的项目${t}已被平台下架，相关公示、挂牌或揭榜程序终止。` };
    case 'objection_filed':
      return { title, body: `${p.orgName ?? '有单位'}对公示中的项目${t}提出异议${quote}` };
    case 'objection_responded':
      return { title, body: `项目${t}的发布单位已答复您的异议${quote}` };
    case 'objection_withdrawn':
      return { title, body: `${p.orgName ?? '异议单位'}已撤回对项目${t}的异议。` };
    case 'objection_dismissed':
      return { title, body: `您对项目${t}提出的异议已被平台驳回${quote}` };
    case 'notice_ended':
      return p.to === 'objection_review'
        ? {
            title,
            body: `项目${t}公示期满，存在异议；发布单位须在 ${at} 前决定挂牌交易、调整价格重新公示或撤回，逾期未决定的项目撤回。`,
          }
        : { title, body: `项目${t}公示期满无异议，按协议价 ${price} 与${p.orgName ?? '拟受让方'}成交。` };
    // 措施四: the institution's choice after a standing objection; `to` is where it sent the listing.
    case 'objection_decided':
      if (p.to === 'listed') {
        return { title, body: `发布单位决定将存在异议的项目${t}按公示价格 ${price} 挂牌交易，摘牌截止：${at}。` };
      }
      if (p.to === 'notice') {
        return { title, body: `发布单位调整了项目${t}的拟交易价格，以 ${price} 重新公示，公示截止：${at}。` };
      }
      return { title, body: `发布单位决定撤回存在异议的项目${t}${quote || '。'}` };
    case 'objection_decision_lapsed':
      return { title, body: `项目${t}在异议处理期限内（${at}）未作决定，已撤回，不转入挂牌交易。` };
    case 'claim_received':
      return { title, body: `${p.orgName ?? '有企业'}已按挂牌价摘牌项目${t}。` };
    case 'window_ended':
      if (p.to === 'matched') {
        return {
          title,
          body: `项目${t}挂牌期满，${p.route ? MATCH_ROUTE_LABELS[p.route] : '已成交'}：${p.orgName ?? ''}，成交价 ${price}。`,
        };
      }
      if (p.to === 'auction') {
        return {
          title,
          body: `项目${t}挂牌期满，共有 ${p.count ?? 0} 个竞买方，转入拍卖${at ? `，起拍价 ${price}，开始时间 ${at}` : ''}。`,
        };
      }
      return { title, body: `项目${t}挂牌期满，无人摘牌，已下架。` };
    // With `alias`: to a bidder, its own 竞买号 (the others' stay hidden); without: to the seller.
    case 'auction_scheduled':
      return p.alias
        ? { title, body: `项目${t}转入拍卖，您的竞买号为 ${p.alias}，起拍价 ${price}，开始时间 ${at}。` }
        : { title, body: `您的项目${t}将于 ${at} 开始拍卖，起拍价 ${price}；开始前可设置加价幅度和保留价。` };
    case 'inquiry_received':
      return { title, body: `${p.orgName ?? '有企业'}咨询了您展示的项目${t}${quote}` };
    case 'showcase_expired':
      return { title, body: `您展示的项目${t}已到期下架，可在项目页面续期。` };
    case 'proposal_received':
      return { title, body: `${p.orgName ?? '有单位'}对您发布的需求${t}提交了揭榜方案。` };
    case 'proposal_withdrawn':
      return { title, body: `${p.orgName ?? '揭榜单位'}撤回了对需求${t}的揭榜方案。` };
    case 'demand_deadline_reached':
      return p.to === 'selecting'
        ? { title, body: `需求${t}已截止，共收到 ${p.count ?? 0} 份揭榜方案，进入评选，评选截止：${at}。` }
        : { title, body: `需求${t}已截止，未收到揭榜方案，已过期。` };
    case 'proposal_awarded':
      return { title, body: `您对需求${t}提交的揭榜方案已中榜。` };
    case 'proposal_not_selected':
      return { title, body: `您对需求${t}提交的揭榜方案未入选。` };
    case 'selection_expired':
      return { title, body: `需求${t}评选期满未定榜，已过期。` };
    case 'landing_confirmed':
      return { title, body: `${p.orgName ?? '合作方'}已确认需求${t}的揭榜项目落地，请您确认。` };
    case 'demand_landed':
      return { title, body: `需求${t}的揭榜项目已经双方确认落地。` };
    case 'reward_confirmed':
      return { title, body: `项目${t}已落地转化，确认具备奖励性后补助资格（措施八）${quote}` };
    case 'deal_landed':
      return {
        title,
        body: `${p.orgName ?? '受让企业'}已确认成交项目${t}落地实施，可申请确认奖励性后补助资格（措施八）。`,
      };
    case 'deal_recorded':
      return { title, body: `项目${t}已登记成交，成交金额 ${price}，成果状态为已转化。` };
    // `text` names the deadline (e.g. 公示期满), `at` is when it falls.
    case 'deadline_approaching':
      return { title, body: `项目${t}的${p.text ?? '截止时间'}即将到来：${at}。` };
    // `orgName` is the other side's organisation, `text` the matched terms.
    case 'match_found':
      return { title, body: `${p.orgName ?? '平台'}发布的${t}与您的项目高度匹配${quote}` };
    case 'auction_started':
      return {
        title,
        body: `项目${t}的拍卖已开始${p.alias ? `，您的竞买号为 ${p.alias}` : ''}，起拍价 ${price}，当前截止时间 ${at}（临近截止时出价将延时）。`,
      };
    // Only to the bidder who just lost the lead; who outbid it is not said (DESIGN §9: aliases only).
    // No end time: with the soft close every later bid may move it, and the room counts it down live.
    case 'auction_outbid':
      return { title, body: `您在项目${t}拍卖中的出价已被超越，当前价 ${price}，可进入竞价室继续出价。` };
    case 'auction_won':
      return {
        title,
        body: `您${p.alias ? `（竞买号 ${p.alias}）` : ''}以 ${price} 竞得项目${t}，请留意后续签约安排。`,
      };
    // `orgName` (the winner's organisation) is given to the seller and operators only, who may see it
    // after the close (DESIGN §9); other bidders get the winning 竞买号.
    case 'auction_closed': {
      if (p.closeResult && p.closeResult !== 'sold') {
        return { title, body: `项目${t}的拍卖已结束：${CLOSE_RESULT_LABELS[p.closeResult]}。` };
      }
      const winner = p.orgName
        ? `，竞得方：${p.orgName}${p.alias ? `（竞买号 ${p.alias}）` : ''}`
        : p.alias
          ? `，竞得竞买号 ${p.alias}`
          : '';
      return price
        ? { title, body: `项目${t}的拍卖已结束，成交价 ${price}${winner}。` }
        : { title, body: `项目${t}的拍卖已结束，未成交（流拍）。` };
    }
    // `count` > 1: `listingTitle` is the first of several results changed by one scan.
    case 'pool_included': {
      const what = (p.count ?? 1) > 1 ? `成果${t}等 ${p.count} 项成果` : `成果${t}`;
      const why = p.poolReason ? `（${POOL_REASON_TEXT[p.poolReason]}）` : '';
      return { title, body: `${what}已纳入先用后付成果池${why}，中小微企业可申请先使用后付费许可。` };
    }
    case 'pool_removed': {
      const what = (p.count ?? 1) > 1 ? `成果${t}等 ${p.count} 项成果` : `成果${t}`;
      const why = p.poolReason ? `：${POOL_REASON_TEXT[p.poolReason]}` : '';
      return { title, body: `${what}已移出先用后付成果池${why}。` };
    }
    case 'paylater_applied':
      return {
        title,
        body: `${p.orgName ?? '有企业'}申请以先使用后付费方式许可使用成果${t}，请在先用后付申请中答复（接受、还价或拒绝）。`,
      };
    // One negotiation move, told to the other side; `orgName` made it.
    case 'paylater_updated': {
      const who = p.orgName ?? '对方';
      switch (p.action) {
        case 'accept':
          return {
            title,
            body: `${who}接受了您${p.by === 'enterprise' ? '对成果' + t + '提出的还价条件' : '对成果' + t + '的先用后付申请'}，许可已生效。`,
          };
        case 'counter':
          return { title, body: `${who}对您就成果${t}提出的先用后付申请提出了还价条件，请查看并答复${quote}` };
        case 'decline':
          return {
            title,
            body: `${who}拒绝了您${p.by === 'enterprise' ? '对成果' + t + '提出的还价条件' : '对成果' + t + '的先用后付申请'}${quote || '。'}`,
          };
        case 'withdraw':
          return { title, body: `${who}撤回了对成果${t}的先用后付申请。` };
        default:
          return { title, body: `成果${t}的先用后付申请有新进展${quote}` };
      }
    }
    case 'paylater_licence_activated':
      return {
        title,
        body: `成果${t}的先使用后付费许可已生效${p.orgName ? `（被许可方：${p.orgName}）` : ''}，付款计划可在许可详情中查看。`,
      };
    case 'paylater_sales_reported':
      return {
        title,
        body: `${p.orgName ?? '被许可企业'}报告了成果${t}的首次销售${p.day ? `（${p.day}）` : ''}，付款计划已按此更新。`,
      };
    case 'paylater_payment_due':
      return {
        title,
        body: `成果${t}的${kindOf(p)}${price ? ` ${price}` : ''}将于 ${p.day ?? at} 到期，请按时支付。`,
      };
    // To the licensee, the licensor and operators alike: `orgName` names the licensee.
    case 'paylater_payment_overdue':
      return {
        title,
        body: `${p.orgName ? `被许可方${p.orgName}` : ''}应于 ${p.day ?? at} 支付的成果${t}${kindOf(p)}${price ? ` ${price}` : ''}已逾期未付。`,
      };
    case 'paylater_payment_received':
      return {
        title,
        body: `成果${t}的${kindOf(p)} ${price} 已确认收款${p.day ? `（${p.day}）` : ''}${p.settled ? '，全部款项已结清，许可履行完毕' : ''}。`,
      };
    // Issue 17 (item 3): a contract instalment of the ledger; `orgName` names the paying counterparty.
    case 'ledger_payment_due':
      return {
        title,
        body: `合同${t}的应付款项${price ? ` ${price}` : ''}将于 ${p.day ?? at} 到期，请按时支付。`,
      };
    case 'ledger_payment_overdue':
      return {
        title,
        body: `${p.orgName ? `${p.orgName}` : '合同相对方'}应于 ${p.day ?? at} 支付的合同${t}款项${price ? ` ${price}` : ''}已逾期未付。`,
      };
    // 措施一、六: `listingTitle` is the result's title here, `text` the decision or the answer.
    case 'grant_received':
      return {
        title,
        body: `单位就成果${t}作出决定${quote}。请在“我的权益”中接受或拒绝；全体关联成员接受后权属方才变更。`,
      };
    case 'grant_answered':
      return { title, body: `成果${t}的赋权（权益让渡）决定${quote}` };
    case 'formality_open':
      return {
        title,
        body: `成果${t}的权属变更手续尚未办结${quote}。请在成果的“赋权与权益让渡”页登记提交和核准情况。`,
      };
    case 'login_failures':
      return {
        title,
        body: `您的账号已连续 ${p.count ?? 0} 次登录失败（最近一次 ${at}）。此后每次尝试须等待的时间逐次加长；如非本人操作，请登录后修改密码。`,
      };
  }
}

function kindOf(p: NotificationParams): string {
  return p.paymentKind ? PAYMENT_KIND_LABELS[p.paymentKind] : '许可费';
}
