// Allowed values of the listing lifecycle (notice, listing window, showcase, demand, deal) and its timers.

// 措施四: an objection filed during the public notice (公示) stands unless its filer withdraws it or an
// operator dismisses it as abusive; the owner's response does not remove it.
export const OBJECTION_STATUSES = ['standing', 'withdrawn', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  standing: '异议成立',
  withdrawn: '已撤回',
  dismissed: '已驳回',
};

// 揭榜方案: submitted until the deadline; the enterprise awards one or more.
export const PROPOSAL_STATUSES = ['submitted', 'withdrawn', 'awarded', 'not_selected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  submitted: '已提交',
  withdrawn: '已撤回',
  awarded: '已中榜',
  not_selected: '未入选',
};

// 措施四 (存在异议的，可在技术市场挂牌交易): after a notice with a standing objection the institution
// chooses; 可 is a permission, so listing on the market is one choice, not the default.
export const OBJECTION_DECISIONS = ['list', 'renotice', 'withdraw'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];
export const OBJECTION_DECISION_LABELS: Record<ObjectionDecision, string> = {
  list: '在技术市场挂牌交易（按公示价格，挂牌期半个月）',
  renotice: '调整拟交易价格，重新公示',
  withdraw: '撤回项目',
};

/** How a supply listing reached `matched` (DESIGN §5). */
export const MATCH_ROUTES = ['notice', 'window_agreed', 'claim', 'auction'] as const;
export type MatchRoute = (typeof MATCH_ROUTES)[number];
export const MATCH_ROUTE_LABELS: Record<MatchRoute, string> = {
  notice: '公示无异议，按协议价成交',
  window_agreed: '挂牌期满无人摘牌，按协议价成交',
  claim: '挂牌摘牌成交',
  auction: '拍卖成交',
};

// 措施四: the deal amount is the price the match came from. `agreed_price`: the noticed agreed price
// (the notice ended without objection, or the window after an objection ended without another
// claimant); `listed_price`: a claim at the listed price; `hammer_price`: the auction's; `negotiable`:
// a 面议 showcase deal, the only free amount; `unverified`: recorded before the rule existed.
export const DEAL_PRICE_BASES = ['agreed_price', 'listed_price', 'hammer_price', 'negotiable', 'unverified'] as const;
export type DealPriceBasis = (typeof DEAL_PRICE_BASES)[number];
export const DEAL_PRICE_BASIS_LABELS: Record<DealPriceBasis, string> = {
  agreed_price: '公示的协议价',
  listed_price: '挂牌价',
  hammer_price: '拍卖成交价',
  negotiable: '面议（双方商定）',
  unverified: '规则实施前登记，未核对',
};

// 措施四: 向国有全资企业转化的，可以不进行资产评估；向非国有全资企业转化的，由单位自主决定是否进行资产评估.
export const APPRAISAL_DECISIONS = ['appraised', 'skipped_state_owned', 'not_appraised'] as const;
export type AppraisalDecision = (typeof APPRAISAL_DECISIONS)[number];
export const APPRAISAL_DECISION_LABELS: Record<AppraisalDecision, string> = {
  appraised: '已进行资产评估',
  skipped_state_owned: '向国有全资企业转化，不进行资产评估',
  not_appraised: '单位自主决定不进行资产评估',
};

/** `window`: handed over by a listing window (≥ 2 claimants, or claimants + a negotiated counterparty); `direct`: auction pricing. */
export const AUCTION_ORIGINS = ['window', 'direct'] as const;
export type AuctionOrigin = (typeof AUCTION_ORIGINS)[number];

/** Where an auction's participants came from: the listing window's claimants or the negotiated counterparty. */
export const AUCTION_PARTICIPANT_SOURCES = ['claim', 'counterparty', 'registration'] as const;
export type AuctionParticipantSource = (typeof AUCTION_PARTICIPANT_SOURCES)[number];

// ---- Timers (DESIGN §5 "Timers"): one deterministic job per (listing, deadline kind) ----

export const TIMER_KINDS = [
  'notice_end',
  'objection_decision',
  'listing_end',
  'showcase_expiry',
  'demand_deadline',
  'selection_end',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];
export const TIMER_KIND_LABELS: Record<TimerKind, string> = {
  notice_end: '公示期满',
  objection_decision: '异议处理决定期满',
  listing_end: '挂牌期满',
  showcase_expiry: '展示期满',
  demand_deadline: '揭榜截止',
  selection_end: '评选期满',
};
