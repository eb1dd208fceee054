// One error type for every refusal the product can give. The code is stable (clients switch on it);
// the message is what a user reads; the HTTP status is mapped here, in one place.

const ERRORS = {
  VALIDATION_FAILED: [400, '提交的数据不符合要求'],
  MALFORMED_REQUEST: [400, '请求格式错误'],
  INVALID_CREDIT_CODE: [400, '统一社会信用代码无效，请核对18位代码及校验位'],
  UNAUTHENTICATED: [401, '请先登录'],
  INVALID_CREDENTIALS: [401, '邮箱或密码错误'],
  CSRF_TOKEN_INVALID: [403, '页面已过期，请刷新后重试'],
  FORBIDDEN: [403, '您无权执行此操作'],
  WRONG_ORG_KIND: [403, '您所在机构的类型不能执行此操作'],
  ORG_NOT_VERIFIED: [403, '机构尚未通过认证，暂不能提交审核'],
  NOT_FOUND: [404, '请求的资源不存在'],
  ORG_NOT_FOUND: [404, '机构不存在'],
  USER_NOT_FOUND: [404, '用户不存在'],
  RESULT_NOT_FOUND: [404, '科技成果不存在'],
  LISTING_NOT_FOUND: [404, '项目不存在'],
  EMAIL_TAKEN: [409, '该邮箱已被注册'],
  CREDIT_CODE_TAKEN: [409, '该统一社会信用代码已被注册'],
  INVALID_STATE: [409, '当前状态下不能执行此操作'],
  ALREADY_VERIFIED: [409, '该机构已通过认证'],
  VERSION_CONFLICT: [409, '内容已被他人修改，请刷新后重试'],
  SHARES_MUST_TOTAL_100: [422, '赋权共有各方份额之和必须为100%'],
  CO_OWNERS_REQUIRED: [422, '赋权共有须至少登记一名成果完成人（团队）'],
  LONG_TERM_USE_TOO_SHORT: [422, '长期使用权期限不得少于10年'],
  LONG_TERM_USE_TERMS_REQUIRED: [422, '长期使用权须填写期限和到期日'],
  SECURITY_CLASS_FORBIDS_GRANT: [422, '涉及国家安全或涉密的成果不得赋权'],
  SECURITY_CLASS_FORBIDS_SEPARATE: [422, '涉及国家安全或涉密的成果不得单列管理'],
  RESULT_CLASSIFIED: [422, '涉密成果不得公开挂牌'],
  RESULT_NOT_OWNED: [422, '只能为本单位的科技成果发布挂牌'],
  RESULT_REQUIRED: [422, '成果找市场项目必须关联一项本单位的科技成果'],
  COUNTERPARTY_REQUIRED: [422, '协议定价须填写拟受让方'],
  PRICE_REQUIRED: [422, '该定价方式须填写价格'],
  DEADLINE_REQUIRED: [422, '企业找技术项目须填写揭榜截止时间'],
  DEADLINE_IN_PAST: [422, '揭榜截止时间必须晚于当前时间'],
  TRANSACTION_TYPE_REQUIRED: [422, '请至少选择一种交易方式（转让、许可或作价投资）'],
  PRICING_MODE_REQUIRED: [422, '成果找市场项目须选择定价方式'],
  FIELD_NOT_ALLOWED: [422, '该字段不适用于此类项目'],
  GRANT_DATE_IN_FUTURE: [422, '授权日期不能晚于今天'],
  // Auctions (DESIGN §5). Bid refusals are 409: the auction's current state refuses them, not the request's form.
  AUCTION_NOT_FOUND: [404, '拍卖不存在'],
  // Registration, deposits (保证金) and idempotent bids.
  AUCTION_REGISTRATION_CLOSED: [409, '本场拍卖不接受报名或报名已截止'],
  AUCTION_ALREADY_REGISTERED: [409, '贵单位已报名本场拍卖'],
  SELLER_CANNOT_BID: [403, '卖方不能参加本场拍卖'],
  DEPOSIT_NOT_CONFIRMED: [403, '保证金尚未确认，暂不能出价'],
  PARTICIPANT_NOT_FOUND: [404, '竞买人不存在'],
  IDEMPOTENCY_KEY_REUSED: [409, '该出价标识已被其他竞买人使用，请刷新页面后重试'],
  AUCTION_TERMS_LOCKED: [409, '拍卖已开始，不能再修改拍卖条件'],
  NOT_A_PARTICIPANT: [403, '您不是本场拍卖的竞买人'],
  AUCTION_NOT_STARTED: [409, '拍卖尚未开始'],
  AUCTION_ENDED: [409, '拍卖已结束'],
  AUCTION_NOT_ENDED: [409, '拍卖尚未结束'],
  ALREADY_LEADING: [409, '您已是最高出价者'],
  BID_TOO_LOW: [409, '出价过低'],
  RATE_LIMITED: [429, '操作过于频繁，请稍后再试'],
  INTERNAL: [500, '服务器内部错误，请稍后再试'],
  UNAVAILABLE: [503, '服务暂时不可用'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown, message?: string) {
    const [status, defaultMessage] = ERRORS[code];
    super(message ?? defaultMessage);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export function errorStatus(code: ErrorCode): number {
  return ERRORS[code][0];
}

export function errorMessage(code: ErrorCode): string {
  return ERRORS[code][1];
}

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];
