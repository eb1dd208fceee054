// What every operation of /docs/json says, derived from the route itself so that each route — and
// every route added later — conforms without hand-editing: a stable operationId, the security its
// `config.access` implies (with the CSRF header for writes), the required role in the description,
// a real description on every response, the one shared error schema, and component names for the
// contract's response shapes (server/contract.ts) so a client generator gets named types.
import type { TSchema } from 'typebox';
import type { Access } from '../plugins/session.js';
import { CSRF_HEADER } from '../plugins/session.js';
import { API_ERROR_ID } from './document.js';

/** Who may call, as the description states it. */
export const ACCESS_TEXT: Record<Access, string> = {
  public: '公开，无需登录',
  account: '任何已登录用户（含科研人员）',
  signed_in: '代表机构的已登录用户（企业、科研单位成员、主管部门或运营方；不含科研人员）',
  member: '已登录的机构成员（企业或科研单位）',
  enterprise: '已登录的企业成员',
  institution: '已登录的科研单位成员',
  operator: '平台运营方',
  oversight: '主管部门或省科学技术厅（只读）',
  researcher: '已登录的科研人员（成果完成人），以本人身份',
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const ERROR_TEXT: Record<string, string> = {
  '400': '请求不符合接口约定：VALIDATION_FAILED（字段校验失败，details 逐项列出字段与规则）或 MALFORMED_REQUEST',
  '401': '未登录或会话已过期（UNAUTHENTICATED）；登录时为邮箱或密码错误（INVALID_CREDENTIALS）',
  '403':
    '无权执行：角色或机构类型不符（FORBIDDEN、WRONG_ORG_KIND）、写操作的 CSRF 令牌无效（CSRF_TOKEN_INVALID），或 code 所示的资格限制',
  '404': '资源不存在，或对当前用户不可见（code 指明是哪类资源）',
  '409': '与资源当前状态冲突：状态不允许（INVALID_STATE 等）、版本已变（VERSION_CONFLICT）或重复操作',
  '410': '链接已过期（如 INVITATION_EXPIRED）',
  '413': '请求体过大（PAYLOAD_TOO_LARGE）',
  '415': '请求体须为 JSON（UNSUPPORTED_MEDIA_TYPE）',
  '422': '违反业务规则（如条件必填字段缺失），code 指明是哪条规则，message 为中文说明',
  '429': '请求过于频繁（RATE_LIMITED），请稍后重试',
  '502': '外部服务（如邮件服务器）未能完成请求（MAIL_SEND_FAILED），未保存任何内容',
  '503': '依赖的服务暂时不可用（UNAVAILABLE）',
};

const SUCCESS_TEXT: Record<string, string> = {
  '200': '成功',
  '201': '已创建',
  '202': '已受理',
  '204': '成功，无响应体',
};

/** The resource a path's `:id` names, by the segment before it (for the parameter's description). */
const ID_OF: Record<string, string> = {
  listings: '项目',
  results: '科技成果',
  organisations: '机构',
  objections: '异议',
  proposals: '揭榜方案',
  notifications: '通知',
  auctions: '拍卖',
  applications: '先用后付申请',
  licences: '先用后付许可',
  conversions: '转化',
  documents: '文件',
  departments: '主管部门',
  institutions: '科研单位',
  invitations: '科研人员邀请',
  // A contract is addressed by its conversion's id (one contract a conversion).
  contracts: '合同所属转化',
  payments: '到账记录',
  // 赋权 and 权益让渡 (措施一、六): the institution's decision (also as the researcher answers it), a formality.
  decisions: '赋权或权益让渡决定',
  rights: '赋权或权益让渡决定',
  // Their documents and decision records (措施十四): a grant or a transfer by its decision's id.
  grants: '赋权决定',
  transfers: '权益让渡决定',
  formalities: '权属变更手续',
};

/** Filters many lists share, described once; any other undescribed parameter fails the contract test. */
const FILTER_OF: Record<string, string> = {
  kind: '按项目类型筛选（supply 成果找市场，demand 企业找技术）',
  field: '按行业领域筛选',
  region: '按地区筛选',
  pricingMode: '按定价方式筛选',
  status: '按状态筛选',
  transactionType: '按交易方式筛选',
  maturity: '按成熟度筛选',
  limit: '最多返回的条数',
  from: '起始（含）',
  to: '截止（含）',
  format: '导出格式',
  route: '按转化途径筛选',
  resultId: '只看这一成果',
  signedFrom: '合同签订日不早于（YYYY-MM-DD）',
  signedTo: '合同签订日不晚于（YYYY-MM-DD）',
  overdue: '只看有逾期款项的转化',
  granularity: '按月、季度或年汇总',
  orgId: '单位 ID（运营方导出其他单位时必填）',
  decisionType: '按决策类型筛选',
  organisationId: '只看这一单位（须在可查看范围内）',
};

const camel = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** `POST /api/v1/listings/:id/submit` → `postListingsByIdSubmit`: stable, unique per method + path. */
export function operationIdOf(method: string, url: string): string {
  const parts = url
    .replace(/^\/api\/v\d+\//, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `By${camel(seg.slice(1))}` : camel(seg)));
  return method.toLowerCase() + parts.join('');
}

type Json = Record<string, unknown>;
/** Marks a response whose whole body is a named contract shape. */
export const CONTRACT_NAME = 'x-contract-name';
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of `schema` in which every contract shape is marked with its component name (`$id`), so the
 * swagger resolver hoists it to `components.schemas` and refers to it. The route's own schema (used
 * for validation and serialization) is never touched.
 */
function nameShapes(schema: unknown, names: Map<object, string>, root = true): unknown {
  if (Array.isArray(schema)) return schema.map((s) => nameShapes(s, names, false));
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && isObject(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, nameShapes(s, names, false)]));
    } else if (['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties'].includes(k)) {
      out[k] = nameShapes(v, names, false);
    } else out[k] = v;
  }
  // The resolver hoists named subschemas by `$id`; a named root is marked and hoisted by
  // `hoistRootShapes` (the resolver leaves roots inline).
  const name = names.get(schema);
  if (name) out[root ? CONTRACT_NAME : '$id'] = name;
  return out;
}

function describeParams(params: unknown, url: string, query = false): unknown {
  if (!isObject(params) || !isObject(params.properties)) return params;
  const segments = url.split('/');
  const properties = Object.fromEntries(
    Object.entries(params.properties).map(([name, s]) => {
      if (!isObject(s) || s.description) return [name, s];
      const before = segments[segments.indexOf(`:${name}`) - 1] ?? '';
      if (query) return [name, FILTER_OF[name] ? { ...s, description: FILTER_OF[name] } : s];
      const noun = name === 'id' ? ID_OF[before] : undefined;
      return [name, noun ? { ...s, description: `${noun} ID（UUID）` } : s];
    }),
  );
  return { ...params, properties };
}

/** A response's description: the named shape it returns, a list of one, or what the operation reads. */
function whatItReturns(s: Json, names: Map<object, string>, summary: string | undefined): string {
  const name = names.get(s);
  if (name) return `返回 ${name}`;
  const props = isObject(s.properties) ? s.properties : {};
  const items = isObject(props.items) ? names.get(props.items.items as object) : undefined;
  if (items) return 'page' in props ? `返回 ${items} 的分页列表` : `返回 ${items} 列表`;
  return summary ?? '返回结果';
}

export interface RouteForDocs {
  method: string | string[];
  url: string;
  schema?: Json;
  config?: { access?: Access };
}

/** The documented form of one route (the `transform` option of @fastify/swagger). */
export function documentRoute(route: RouteForDocs, names: Map<object, string>): { schema: Json; url: string } {
  const schema = route.schema ?? {};
  const method = Array.isArray(route.method) ? route.method[0]! : route.method;
  const access = route.config?.access;
  if (!route.url.startsWith('/api/') || !access) return { schema, url: route.url };

  const write = WRITES.has(method);
  const csrf = `写操作：已登录时须在请求头 \`${CSRF_HEADER}\` 中带上会话的 CSRF 令牌（登录、注册和 GET /api/v1/me 的响应字段 csrfToken）。`;
  const description = [schema.description, `**权限**：${ACCESS_TEXT[access]}。`, write ? csrf : undefined]
    .filter(Boolean)
    .join('\n\n');

  // Public: nothing required ([] = no security). A public write sent with a session cookie must carry
  // the CSRF token as well ({} = anonymous, or cookie + header).
  const security =
    access === 'public'
      ? write
        ? [{}, { session: [], csrf: [] }]
        : []
      : write
        ? [{ session: [], csrf: [] }]
        : [{ session: [] }];

  const responses: Json = {};
  for (const [status, s] of Object.entries((schema.response ?? {}) as Record<string, TSchema>)) {
    const own = (s as Json).description as string | undefined;
    if (Number(status) >= 400) {
      responses[status] = { $ref: `${API_ERROR_ID}#`, description: ERROR_TEXT[status] ?? '请求失败' };
      continue;
    }
    const text =
      own ?? `${SUCCESS_TEXT[status] ?? '成功'}：${whatItReturns(s as Json, names, schema.summary as string)}`;
    responses[status] = { ...(nameShapes(s, names) as Json), 'x-response-description': text };
  }

  return {
    url: route.url,
    schema: {
      ...schema,
      operationId: (schema.operationId as string | undefined) ?? operationIdOf(method, route.url),
      description,
      security,
      ...(schema.params ? { params: describeParams(schema.params, route.url) } : {}),
      ...(schema.querystring ? { querystring: describeParams(schema.querystring, route.url, true) } : {}),
      ...(schema.response ? { response: responses } : {}),
    },
  };
}
