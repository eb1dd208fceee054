// One error type for every refusal the product can give. The code is stable (clients switch on it);
// the message is what a user reads; the HTTP status is mapped here, in one place.

const ERRORS = {
  VALIDATION_FAILED: [400, '提交的数据不符合要求'],
  MALFORMED_REQUEST: [400, '请求格式错误'],
  PAYLOAD_TOO_LARGE: [413, '提交的数据过大'],
  URI_TOO_LONG: [414, '请求地址过长'],
  UNSUPPORTED_MEDIA_TYPE: [415, '请以 JSON 格式提交数据'],
  HEADERS_TOO_LARGE: [431, '请求头过大'],
  INVALID_CREDIT_CODE: [400, '统一社会信用代码无效，请核对18位代码及校验位'],
  UNAUTHENTICATED: [401, '请先登录'],
  INVALID_CREDENTIALS: [401, '邮箱或密码错误'],
  PASSWORD_TOO_WEAK: [422, '密码强度不足：请使用至少 10 个字符，且不要使用常见密码、拼音词语、生日或简单数字组合'],
  WRONG_CURRENT_PASSWORD: [403, '当前密码不正确'],
  LOGIN_DELAYED: [429, '该账号近期多次登录失败，请稍后再试'],
  CSRF_TOKEN_INVALID: [403, '页面已过期，请刷新后重试'],
  FORBIDDEN: [403, '您无权执行此操作'],
  // 措施十四: the institution's own trail is read by its admins.
  ORG_ADMIN_REQUIRED: [403, '仅本单位管理员可以查看本单位的操作记录'],
  WRONG_ORG_KIND: [403, '您所在机构的类型不能执行此操作'],
  ORG_NOT_VERIFIED: [403, '机构尚未通过认证，暂不能提交审核'],
  NOT_FOUND: [404, '请求的资源不存在'],
  ORG_NOT_FOUND: [404, '机构不存在'],
  USER_NOT_FOUND: [404, '用户不存在'],
  RESULT_NOT_FOUND: [404, '科技成果不存在'],
  LISTING_NOT_FOUND: [404, '项目不存在'],
  EMAIL_TAKEN: [409, '该邮箱已被注册'],
  CREDIT_CODE_TAKEN: [409, '该统一社会信用代码已被注册'],
  REGISTRATION_NUMBER_TAKEN: [409, '该国家或地区的登记注册号已被注册'],
  // 措施十五: domicile (登记地), separate from ownership.
  REGISTRATION_NUMBER_REQUIRED: [422, '中国境外（含港澳台）登记的机构须填写登记注册号和所在国家或地区'],
  INSTITUTION_MUST_BE_MAINLAND: [422, '科研单位须为在中国境内（内地）登记的单位，请填写统一社会信用代码'],
  DOMICILE_REVIEW_NOT_PENDING: [409, '该机构不在登记地复核名单中'],
  INVALID_STATE: [409, '当前状态下不能执行此操作'],
  ALREADY_VERIFIED: [409, '该机构已通过认证'],
  VERSION_CONFLICT: [409, '内容已被他人修改，请刷新后重试'],
  SHARES_MUST_TOTAL_100: [422, '赋权共有各方份额之和必须为100%'],
  CO_OWNERS_REQUIRED: [422, '赋权共有须至少登记一名份额大于0的成果完成人（团队）'],
  CO_OWNER_INSTITUTION_REQUIRED: [
    422,
    '赋权共有须登记本单位（科研单位）为共同所有权人，且份额大于0（措施一：科研单位与成果完成人（团队）成为共同所有权人）',
  ],
  LONG_TERM_USE_TOO_SHORT: [422, '长期使用权期限（起始日至到期日）不得少于10年'],
  LONG_TERM_USE_TERMS_REQUIRED: [422, '长期使用权须填写起始日期和到期日'],
  LONG_TERM_USE_ENDED: [422, '长期使用权到期日已过；请延长期限，或将权属改为单位所有或赋权共有'],
  SECURITY_CLASS_FORBIDS_GRANT: [422, '涉及国家安全或涉密的成果不得赋权'],
  SECURITY_CLASS_FORBIDS_SEPARATE: [422, '涉及国家安全或涉密的成果不得单列管理'],
  RESULT_CLASSIFIED: [422, '涉密成果不得公开挂牌'],
  RESULT_NOT_OWNED: [422, '只能为本单位的科技成果发布挂牌'],
  RESULT_REQUIRED: [422, '成果找市场项目必须关联一项本单位的科技成果'],
  COUNTERPARTY_REQUIRED: [422, '协议定价须填写拟受让方'],
  PRICE_REQUIRED: [422, '该定价方式须填写价格'],
  BUDGET_REQUIRED: [422, '企业找技术项目须填写榜额，或明确选择榜额面议'],
  LICENCE_SCOPE_REQUIRED: [422, '提供许可的，须选择许可范围（独占许可、排他许可或普通许可）'],
  LICENCE_SCOPE_MISMATCH: [422, '成交的许可范围须为项目发布的许可范围'],
  RESULT_EXCLUSIVELY_OFFERED: [
    409,
    '该成果已在另一个项目中提供转让、作价投资、独占许可或排他许可，同一成果同时只能有一个此类项目',
  ],
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
  // Listing lifecycle (DESIGN §5): notice and objections, the listing window, showcase, demand, deal.
  OWN_LISTING: [403, '不能对本机构发布的项目执行此操作'],
  COUNTERPARTY_NOT_ELIGIBLE: [422, '指定的拟受让方须为平台上已认证的企业'],
  NOT_IN_NOTICE: [409, '该项目不在公示期内'],
  NOTICE_ENDED: [409, '公示期已结束，不能再提出或处理异议'],
  OBJECTION_NOT_FOUND: [404, '异议不存在'],
  OBJECTION_EXISTS: [409, '贵单位已对该项目提出过异议'],
  OBJECTION_NOT_STANDING: [409, '该异议已撤回或已被驳回'],
  OBJECTION_ALREADY_ANSWERED: [409, '该异议已答复，不能重复答复'],
  COUNTERPARTY_CANNOT_OBJECT: [403, '拟受让方不能对本项目的公示提出异议'],
  NOT_AWAITING_OBJECTION_DECISION: [409, '该项目当前不在等待异议处理决定的状态'],
  OBJECTION_DECISION_ENDED: [409, '异议处理决定期限已过，项目已撤回'],
  NEW_PRICE_REQUIRED: [422, '重新公示须填写新的拟交易价格（与原公示价格不同）'],
  NOT_LISTED: [409, '该项目当前不在挂牌期，不能摘牌'],
  LISTING_WINDOW_CLOSED: [409, '挂牌期已结束，不能再摘牌'],
  ALREADY_CLAIMED: [409, '贵单位已摘牌，每个单位限摘牌一次'],
  NOT_IN_SHOWCASE: [409, '该项目当前不在展示期，不能咨询'],
  DEMAND_NOT_OPEN: [409, '该需求当前不接受揭榜'],
  DEMAND_DEADLINE_PASSED: [409, '揭榜已截止'],
  PROPOSAL_NOT_FOUND: [404, '揭榜方案不存在'],
  PROPOSAL_EXISTS: [409, '贵单位已提交过揭榜方案'],
  PROPOSAL_NOT_ACTIVE: [409, '该揭榜方案已撤回或已评选'],
  NOT_SELECTING: [409, '该需求当前不在评选期'],
  SELECTION_ENDED: [409, '评选期已结束'],
  PROPOSAL_NOT_AWARDABLE: [422, '所选方案须为本需求下已提交且未撤回的方案'],
  PROPOSAL_NOT_AWARDED: [409, '该方案未中榜，不能确认落地'],
  LANDING_ALREADY_CONFIRMED: [409, '您已确认过该项目落地'],
  NOT_LANDED: [409, '项目尚未落地，不能确认奖励性后补助资格'],
  REWARD_ALREADY_CONFIRMED: [409, '已确认过该项目的奖励性后补助资格'],
  NOT_MATCHED: [409, '项目尚未成交，不能执行此操作'],
  NOT_CONVERTED: [409, '项目尚未登记成交，不能确认落地'],
  PRICE_MISMATCH: [422, '成交金额须为成交所依据的价格'],
  OWN_SUBSIDIARY_NOT_STATE_OWNED: [422, '本单位的全资子企业应为国有全资企业，请核对受让方性质'],
  TRANSACTION_TYPE_NOT_OFFERED: [422, '交易方式须为该项目提供的方式之一'],
  APPRAISAL_SKIP_NOT_ALLOWED: [422, '仅向国有全资企业转化时可不进行资产评估'],
  COUNTERPARTY_OWNERSHIP_REQUIRED: [422, '受让方未在平台注册，请填写其所有制类型'],
  COUNTERPARTY_OWNERSHIP_FIXED: [422, '受让方已在平台注册，所有制类型以其认证信息为准，不能另行填写'],
  COUNTERPARTY_DOMICILE_REQUIRED: [422, '受让方未在平台注册，请填写其登记地'],
  COUNTERPARTY_DOMICILE_FIXED: [422, '受让方已在平台注册，登记地以其认证信息为准，不能另行填写'],
  EXPORT_CONTROL_REQUIRED: [422, '受让方在中国境外（含港澳台）登记，须先完成技术出口管制审查确认（措施十五）'],
  EXPORT_CONTROL_ALREADY_CONFIRMED: [409, '已确认过该成果的技术出口管制审查'],
  NOTIFICATION_NOT_FOUND: [404, '通知不存在'],
  // Pay-later pool and licences (措施五, 措施十五).
  POOL_RESULT_NOT_IN_POOL: [404, '该成果不在先用后付成果池中'],
  POOL_EDITION_NOT_FOUND: [404, '成果池发布期次不存在'],
  POOL_SECURITY_EXCLUDED: [422, '涉及国家利益或涉密的成果不得纳入先用后付成果池'],
  POOL_RESULT_CONVERTED: [422, '已转化的成果不纳入先用后付成果池'],
  POOL_ALREADY_IN: [409, '该成果已在先用后付成果池中'],
  POOL_ALREADY_OPTED_OUT: [409, '该成果已申请不纳入先用后付成果池'],
  PAYLATER_ORG_NOT_VERIFIED: [403, '企业须通过平台认证后才能申请先使用后付费许可'],
  PAYLATER_SME_ONLY: [
    403,
    '先使用后付费许可仅面向中小微企业（措施五）；大型企业可通过挂牌交易、协议定价等方式受让或许可该成果',
  ],
  PAYLATER_FEE_REQUIRED: [422, '请填写许可费金额或销售提成比例（至少一项）'],
  PAYLATER_APPLICATION_NOT_FOUND: [404, '先用后付申请不存在'],
  PAYLATER_APPLICATION_OPEN: [409, '您已就该成果提交申请，请等待科研单位答复'],
  PAYLATER_LICENCE_NOT_FOUND: [404, '先用后付许可不存在'],
  PAYLATER_PAYMENT_NOT_FOUND: [404, '付款计划不存在'],
  PAYMENT_ALREADY_PAID: [409, '该笔款项已登记收款'],
  PAYMENT_AMOUNT_REQUIRED: [422, '销售提成款须填写实收金额'],
  PAYMENT_DATE_INVALID: [422, '收款日期须在签约日之后且不晚于今天'],
  FIRST_SALES_NOT_APPLICABLE: [409, '该许可的支付时间不以首次销售为起算点，或首次销售日期已登记'],
  FIRST_SALES_DATE_INVALID: [422, '首次销售日期须在签约日之后且不晚于今天'],
  // Conversion ledger (转化台账): conversions, contracts, schedules, payments, equity (措施二、四、五、八、十五).
  CONVERSION_NOT_FOUND: [404, '转化记录不存在'],
  SCHEDULE_ITEM_NOT_FOUND: [404, '付款计划项不存在'],
  CONVERSION_EXISTS: [409, '该项目已登记转化记录，不能重复登记'],
  CONTRACT_AMOUNT_INVALID: [422, '合同金额和技术交易额须为非负整数（分），且技术交易额不得超过合同金额'],
  CONTRACT_TERM_INVALID: [422, '合同期限的终止日须晚于起始日'],
  CONTRACT_SIGNED_DATE_INVALID: [422, '签订日期不得晚于今天，且须不晚于合同期限起始日'],
  CONTRACT_SIGNED_DATE_REQUIRED: [422, '合同生效前须填写签订日期'],
  PAYMENT_METHOD_REQUIRED: [422, '请至少选择一种支付方式（一次总付、分期、提成或入股）'],
  ROYALTY_RATE_REQUIRED: [422, '提成支付须填写提成比例和提成基数'],
  EQUITY_DETAILS_REQUIRED: [422, '作价投资须填写公司名称、统一社会信用代码、持股数量或比例、作价金额和日期'],
  EQUITY_ONLY_FOR_EQUITY_TYPE: [422, '入股支付方式和股权信息仅适用于作价投资'],
  SCHEDULE_SUM_MISMATCH: [422, '付款计划各期金额之和须等于合同金额（提成支付除外）'],
  SCHEDULE_EXCEEDS_AMOUNT: [422, '付款计划的固定金额之和不得超过合同金额'],
  SCHEDULE_DATE_INVALID: [422, '付款计划的到期日不得早于合同签订日，提成期的结束日不得早于开始日'],
  SCHEDULE_LOCKED: [409, '已有收款的付款计划不能整体替换；合同已终止或履行完毕的不能修改'],
  PAYMENT_EXCEEDS_OUTSTANDING: [422, '收款金额超过未收金额；如确为超额支付，请勾选“超额支付”并说明原因'],
  OVERPAYMENT_REASON_REQUIRED: [422, '超额支付须说明原因'],
  PAYMENT_BEFORE_SIGNING: [422, '收款日期不得早于合同签订日期，也不得晚于今天'],
  PAYMENT_AMOUNT_INVALID: [422, '收款金额须为正整数（分）'],
  CONTRACT_NOT_EFFECTIVE: [409, '合同尚未生效（签订）或已终止，不能登记收款'],
  REGISTRATION_NO_TAKEN: [409, '本单位已有合同使用该认定登记编号'],
  CLASSIFIED_REFERENCES_REQUIRED: [422, '涉密成果的转化须填写涉密审批备案编号和保密协议编号（措施十五）'],
  EVIDENCE_REQUIRED: [422, '平台外转化须填写证明材料（合同文本、登记证明等）的编号或说明'],
  BASIS_REQUIRED: [422, '平台外转化须说明定价和资产评估的依据（措施十四）'],
  APPRAISAL_REQUIRED: [422, '转让、许可或作价投资须说明是否进行资产评估（措施四）'],
  INTERMEDIARY_INVALID: [422, '中介须填写类型和名称，佣金金额不得超过合同金额、比例不得超过100%'],
  ROYALTY_NOT_APPLICABLE: [409, '该合同不含提成支付，或该期不是提成期'],
  ROYALTY_ALREADY_REPORTED: [409, '该提成期已报告过提成金额'],
  RESULT_NOT_CONVERTIBLE: [422, '只能为本单位的科技成果登记转化'],
  // 措施十四: documents, decision records, dossiers.
  DOCUMENT_NOT_FOUND: [404, '文件不存在'],
  DOCUMENT_TYPE_REFUSED: [422, '不接受此类文件'],
  DOCUMENT_TYPE_MISMATCH: [422, '文件内容与文件名不符'],
  DOCUMENT_TOO_LARGE: [413, '文件超过大小上限'],
  DOCUMENT_FILE_REQUIRED: [400, '请选择要上传的文件'],
  DOCUMENT_SUBJECT_NOT_FOUND: [404, '文件所属的对象不存在'],
  DECISION_BASIS_REQUIRED: [422, '请填写决策依据（措施十四：决策须有依据）'],
  DECISION_NOT_FOUND: [404, '决策记录不存在'],
  DECISION_CORRECTION_MISMATCH: [422, '更正记录须与被更正的记录属于同一对象和同一类决策'],
  DECISION_DOCUMENT_MISMATCH: [422, '决策引用的文件须属于同一单位'],
  DOSSIER_INVALID: [422, '档案文件无法读取'],
  RATE_LIMITED: [429, '操作过于频繁，请稍后再试'],
  INTERNAL: [500, '服务器内部错误，请稍后再试'],
  UNAVAILABLE: [503, '服务暂时不可用'],
  // 措施十三 statistics.
  STATS_OUT_OF_SCOPE: [403, '您只能查看本单位（或本部门主管单位）的统计数据'],
  STATS_UNIT_NEEDS_ORGANISATION: [422, '按院系查看统计时，请先选择一个单位'],
  STATS_PERIOD_INVALID: [422, '统计期间无效：起止月份须为 YYYY-MM，且起始不晚于截止、跨度不超过十年'],
  DEPARTMENT_NOT_FOUND: [404, '主管部门不存在'],
  ORG_UNIT_NOT_FOUND: [404, '院系（内设机构）不存在'],
  ORG_UNIT_NAME_TAKEN: [409, '本单位已有同名院系（内设机构）'],
  // Issue 21: the operators' thesaurus.
  THESAURUS_ENTRY_NOT_FOUND: [404, '同义词条不存在'],
  THESAURUS_ENTRY_EXISTS: [409, '已有相同的同义词条'],
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
