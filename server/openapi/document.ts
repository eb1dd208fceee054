// The OpenAPI document's fixed parts: info, servers, declared tags, security schemes and the one
// error schema every 4xx/5xx response refers to. Operations are derived from the routes
// (operations.ts). A new area declares its tag here (test/api/contract.test.ts refuses undeclared ones).
import { Type } from 'typebox';
import { ERROR_CODES, errorMessage, errorStatus } from '../../domain/errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../plugins/session.js';

export const API_ERROR_ID = 'ApiError';

/** Codes the error handler sends beyond domain/errors.ts (server/plugins/errors.ts). */
const TRANSPORT_ERRORS: [string, number, string][] = [
  ['UNSUPPORTED_MEDIA_TYPE', 415, '请以 JSON 格式提交数据'],
  ['PAYLOAD_TOO_LARGE', 413, '提交的数据过大'],
];

const codeTable = [
  '| code | HTTP | message |',
  '|---|---|---|',
  ...ERROR_CODES.map((c) => `| ${c} | ${errorStatus(c)} | ${errorMessage(c)} |`),
  ...TRANSPORT_ERRORS.map(([c, s, m]) => `| ${c} | ${s} | ${m} |`),
].join('\n');

/** The shared error schema: the shape server/schemas.ts ErrorResponse serializes, documented (a test keeps them equal). */
export const ApiError = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: '稳定的错误码，客户端据此分支（见下表）' }),
      message: Type.String({ description: '给用户看的中文说明' }),
      details: Type.Optional(
        Type.Unknown({ description: '补充信息；校验失败时为 [{ path, rule, message }]，逐项列出不合要求的字段' }),
      ),
    }),
    requestId: Type.String({ description: '请求编号，反馈问题时请附上' }),
  },
  { $id: API_ERROR_ID, description: `所有错误响应的统一格式。错误码：\n\n${codeTable}` },
);

export const TAGS = [
  { name: '账户', description: '注册、登录、会话' },
  { name: '机构', description: '机构资料与认证' },
  { name: '科技成果', description: '职务科技成果登记（赋权、单列管理、安全等级）' },
  { name: '项目', description: '企业找技术 / 成果找市场：草稿、提交审核、撤回、浏览' },
  { name: '公示与异议', description: '协议定价的公示、异议、答复与驳回（措施四）' },
  { name: '挂牌与摘牌', description: '挂牌期内摘牌；期满按摘牌情况成交、转入拍卖或下架（措施四）' },
  { name: '面议咨询', description: '面议项目的咨询、到期下架与续期' },
  { name: '揭榜', description: '揭榜方案、定榜、落地确认与奖励性后补助（措施八）' },
  { name: '成交', description: '成交登记、资产评估决定与技术出口管制确认（措施四、措施十五）' },
  { name: '拍卖', description: '拍卖条件、报名与保证金、出价、竞价记录；实时竞价见 AsyncAPI 文档 /docs/asyncapi.json' },
  { name: '先用后付成果池', description: '成果池浏览、纳入与退出、按期发布（措施五）' },
  { name: '先使用后付费许可', description: '中小微企业的先使用后付费许可：申请、议定、许可与付款计划（措施五）' },
  { name: '通知', description: '站内通知；实时推送见 AsyncAPI 文档 /docs/asyncapi.json' },
  { name: '运营', description: '平台运营：认证、审核、下架、异议处理' },
  { name: '统计', description: '转化统计与评价（措施十三）：按范围的指标、主管部门、院系、开放数据' },
  {
    name: '转化台账',
    description: '转化台账：转化、合同、付款计划、到账、提成、股权与单列管理资产登记（措施二、四、五、八）',
  },
  { name: '尽职免责档案', description: '文件、决策记录、尽职免责档案导出与校验、认定（措施十四）' },
  { name: '科研人员', description: '科研人员（成果完成人）的邀请与加入、成果完成人团队（措施一、十二）' },
  {
    name: '赋权与权益让渡',
    description:
      '赋权（所有权共有、长期使用权及其延长或转为所有权）与权益让渡的决定、团队接受、权属变更手续（措施一、六、十五）',
  },
  {
    name: '转化奖励',
    description:
      '科技成果转化奖励和报酬：单位奖励政策、转化费用与净收入、按到账收入计算并拆分奖励、审批与发放、个人奖励明细（措施三、十二）',
  },
  { name: '搜索', description: '全文检索、分面筛选、输入提示与双向匹配（相关推荐）' },
];

export const openapiBase = {
  openapi: '3.0.3',
  info: {
    title: '辽宁省双向揭榜挂帅科技成果交易平台 API',
    description: [
      '企业找技术、成果找市场；公示、挂牌、拍卖与先用后付。金额单位为分，时间为 ISO-8601（UTC）。',
      '',
      `**认证**：POST /api/v1/auth/login（或注册）成功后，服务器设置会话 Cookie \`${SESSION_COOKIE}\`（HttpOnly），`,
      `响应体的 \`csrfToken\` 是本会话的 CSRF 令牌（GET /api/v1/me 也返回它）。已登录时，每个写请求（POST、PUT、PATCH、DELETE）`,
      `须带请求头 \`${CSRF_HEADER}: <csrfToken>\`，否则返回 403 CSRF_TOKEN_INVALID。`,
      '',
      '实时推送（通知、拍卖竞价）的 WebSocket 协议见 AsyncAPI 3 文档：/docs/asyncapi.json。',
    ].join('\n'),
    version: '1',
  },
  servers: [{ url: '/', description: '本站（与本文档同源）' }],
  tags: TAGS,
  components: {
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: '会话 Cookie：登录或注册时由服务器设置（HttpOnly）',
      },
      csrf: {
        type: 'apiKey',
        in: 'header',
        name: CSRF_HEADER,
        description: '会话的 CSRF 令牌（登录、注册、GET /api/v1/me 响应的 csrfToken），已登录时写请求必带',
      },
    },
  },
} as const;
