// The wording of the auction and pay-later notifications (issues 6 and 7), table-driven; and every
// kind has a title and a body whatever the optional params.
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from './constants/notifications.js';
import { formatShanghai, notificationText, type NotificationParams } from './notifications.js';

const T = '高精度伺服电机控制算法';
const at = new Date('2026-03-16T08:00:00Z'); // 16:00 in Shanghai

const cases: Array<[string, NotificationKind, Omit<NotificationParams, 'listingTitle'>, string]> = [
  [
    'scheduled, to a bidder: its own 竞买号',
    'auction_scheduled',
    { alias: 'K2748', priceFen: 1_000_000, at },
    `项目“${T}”转入拍卖，您的竞买号为 K2748，起拍价 1 万元，开始时间 2026-03-16 16:00。`,
  ],
  [
    'scheduled, to the seller',
    'auction_scheduled',
    { priceFen: 1_000_000, at },
    `您的项目“${T}”将于 2026-03-16 16:00 开始拍卖，起拍价 1 万元；开始前可设置加价幅度和保留价。`,
  ],
  [
    'started, to a bidder',
    'auction_started',
    { alias: 'K2748', priceFen: 1_000_000, at },
    `项目“${T}”的拍卖已开始，您的竞买号为 K2748，起拍价 1 万元，当前截止时间 2026-03-16 16:00（临近截止时出价将延时）。`,
  ],
  [
    'started, to the seller',
    'auction_started',
    { priceFen: 1_000_000, at },
    `项目“${T}”的拍卖已开始，起拍价 1 万元，当前截止时间 2026-03-16 16:00（临近截止时出价将延时）。`,
  ],
  [
    'outbid',
    'auction_outbid',
    { priceFen: 1_020_000 },
    `您在项目“${T}”拍卖中的出价已被超越，当前价 1.02 万元，可进入竞价室继续出价。`,
  ],
  [
    'won',
    'auction_won',
    { alias: 'K2748', priceFen: 1_020_000, closeResult: 'sold' },
    `您（竞买号 K2748）以 1.02 万元 竞得项目“${T}”，请留意后续签约安排。`,
  ],
  [
    'closed, to another bidder: the winning alias only',
    'auction_closed',
    { alias: 'K2748', priceFen: 1_020_000, closeResult: 'sold' },
    `项目“${T}”的拍卖已结束，成交价 1.02 万元，竞得竞买号 K2748。`,
  ],
  [
    'closed, to the seller: the winner by name',
    'auction_closed',
    { alias: 'K2748', orgName: '沈北精密机床有限公司', priceFen: 1_020_000, closeResult: 'sold' },
    `项目“${T}”的拍卖已结束，成交价 1.02 万元，竞得方：沈北精密机床有限公司（竞买号 K2748）。`,
  ],
  ['closed without bids', 'auction_closed', { closeResult: 'no_bids' }, `项目“${T}”的拍卖已结束：无人出价，流拍。`],
  [
    'closed below the reserve',
    'auction_closed',
    { closeResult: 'reserve_not_met', priceFen: null },
    `项目“${T}”的拍卖已结束：未达保留价，流拍。`,
  ],
  [
    'terminated by a take-down',
    'auction_closed',
    { closeResult: 'taken_down' },
    `项目“${T}”的拍卖已结束：项目已被平台下架，拍卖终止。`,
  ],
  [
    'one result pooled by the scan',
    'pool_included',
    { poolReason: 'auto_3y', count: 1 },
    `成果“${T}”已纳入先用后付成果池（取得知识产权满三年未转化），中小微企业可申请先使用后付费许可。`,
  ],
  [
    'several results pooled by one scan',
    'pool_included',
    { poolReason: 'auto_3y', count: 12 },
    `成果“${T}”等 12 项成果已纳入先用后付成果池（取得知识产权满三年未转化），中小微企业可申请先使用后付费许可。`,
  ],
  ['removed: converted', 'pool_removed', { poolReason: 'converted' }, `成果“${T}”已移出先用后付成果池：成果已转化。`],
  [
    'removed, mixed reasons',
    'pool_removed',
    { count: 3, poolReason: null },
    `成果“${T}”等 3 项成果已移出先用后付成果池。`,
  ],
  [
    'applied',
    'paylater_applied',
    { orgName: '沈北精密机床有限公司' },
    `沈北精密机床有限公司申请以先使用后付费方式许可使用成果“${T}”，请在先用后付申请中答复（接受、还价或拒绝）。`,
  ],
  [
    'the institution accepts',
    'paylater_updated',
    { orgName: '北辰工业大学', action: 'accept', by: 'institution' },
    `北辰工业大学接受了您对成果“${T}”的先用后付申请，许可已生效。`,
  ],
  [
    'the enterprise accepts the counter',
    'paylater_updated',
    { orgName: '沈北精密机床有限公司', action: 'accept', by: 'enterprise' },
    `沈北精密机床有限公司接受了您对成果“${T}”提出的还价条件，许可已生效。`,
  ],
  [
    'the institution counters',
    'paylater_updated',
    { orgName: '北辰工业大学', action: 'counter', by: 'institution', text: '提成比例调整为 3%' },
    `北辰工业大学对您就成果“${T}”提出的先用后付申请提出了还价条件，请查看并答复：提成比例调整为 3%`,
  ],
  [
    'the institution declines, with its reason',
    'paylater_updated',
    { orgName: '北辰工业大学', action: 'decline', by: 'institution', text: '该成果已有独占许可意向' },
    `北辰工业大学拒绝了您对成果“${T}”的先用后付申请：该成果已有独占许可意向`,
  ],
  [
    'the enterprise declines the counter',
    'paylater_updated',
    { orgName: '沈北精密机床有限公司', action: 'decline', by: 'enterprise' },
    `沈北精密机床有限公司拒绝了您对成果“${T}”提出的还价条件。`,
  ],
  [
    'the enterprise withdraws',
    'paylater_updated',
    { orgName: '沈北精密机床有限公司', action: 'withdraw', by: 'enterprise' },
    `沈北精密机床有限公司撤回了对成果“${T}”的先用后付申请。`,
  ],
  [
    'licence activated',
    'paylater_licence_activated',
    { orgName: '沈北精密机床有限公司' },
    `成果“${T}”的先使用后付费许可已生效（被许可方：沈北精密机床有限公司），付款计划可在许可详情中查看。`,
  ],
  [
    'first sales',
    'paylater_sales_reported',
    { orgName: '沈北精密机床有限公司', day: '2026-05-01' },
    `沈北精密机床有限公司报告了成果“${T}”的首次销售（2026-05-01），付款计划已按此更新。`,
  ],
  [
    'due soon: a fee',
    'paylater_payment_due',
    { priceFen: 5_000_000, paymentKind: 'fee', day: '2026-06-01' },
    `成果“${T}”的许可费 5 万元将于 2026-06-01 到期，请按时支付。`,
  ],
  [
    'due soon: a royalty, amount unknown',
    'paylater_payment_due',
    { priceFen: null, paymentKind: 'royalty', day: '2027-05-01' },
    `成果“${T}”的销售提成将于 2027-05-01 到期，请按时支付。`,
  ],
  [
    'overdue',
    'paylater_payment_overdue',
    { orgName: '沈北精密机床有限公司', priceFen: 5_000_000, paymentKind: 'fee', day: '2026-06-01' },
    `被许可方沈北精密机床有限公司应于 2026-06-01 支付的成果“${T}”许可费 5 万元已逾期未付。`,
  ],
  [
    'received',
    'paylater_payment_received',
    { priceFen: 5_000_000, paymentKind: 'fee', day: '2026-05-20', settled: false },
    `成果“${T}”的许可费 5 万元 已确认收款（2026-05-20）。`,
  ],
  [
    'received, the last one',
    'paylater_payment_received',
    { priceFen: 120_000, paymentKind: 'royalty', day: '2027-05-02', settled: true },
    `成果“${T}”的销售提成 1,200.00 元 已确认收款（2027-05-02），全部款项已结清，许可履行完毕。`,
  ],
];

describe('auction and pay-later notification texts', () => {
  it.each(cases)('%s', (_, kind, params, body) => {
    const text = notificationText(kind, { listingTitle: T, ...params });
    expect(text.body).toBe(body);
    expect(text.title).toBe(NOTIFICATION_KIND_LABELS[kind]);
  });

  it('never names the winner to a bidder unless given its organisation', () => {
    const { body } = notificationText('auction_closed', {
      listingTitle: T,
      alias: 'K2748',
      priceFen: 1,
      closeResult: 'sold',
    });
    expect(body).not.toContain('竞得方');
  });

  it('words every kind, with only the title given', () => {
    // login_failures is about the account, not a listing: it never carries a title.
    for (const kind of NOTIFICATION_KINDS.filter((k) => k !== 'login_failures')) {
      const text = notificationText(kind, { listingTitle: T });
      expect(text.title).toBe(NOTIFICATION_KIND_LABELS[kind]);
      expect(text.body).toContain(T);
      expect(text.body).not.toMatch(/undefined|null|NaN/);
    }
  });

  it('formats money the one way (domain/money.ts) and instants in Shanghai time', () => {
    expect(notificationText('auction_outbid', { listingTitle: T, priceFen: 123_456_78 }).body).toContain(
      '12.345678 万元',
    );
    expect(formatShanghai(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30');
  });
});
