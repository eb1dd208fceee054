// Test data through the real API (so every factory also exercises the code users hit), plus direct
// service calls only where no route exists (operators are created by seed/CLI).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { creditCodeCheckChar } from '../../domain/credit-code.js';
import type { Db } from '../../db/client.js';
import { memberships, users } from '../../db/schema/index.js';
import { createOperator as createOperatorAccount, hashPassword } from '../../server/accounts/service.js';
import { readMailbox } from '../../platform/mail.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A random valid 统一社会信用代码 (enterprise: 91…, institution: 12…). */
export function creditCode(kind: 'enterprise' | 'institution' = 'enterprise'): string {
  const bytes = randomBytes(15);
  let body = kind === 'enterprise' ? '91' : '12';
  body += '210100'; // 沈阳市 administrative division
  for (let i = 0; i < 9; i++) body += ALPHABET[bytes[i]! % 31];
  return body + creditCodeCheckChar(body);
}

export function uniqueEmail(tag = 'u'): string {
  return `${tag}-${randomBytes(5).toString('hex')}@test.jiebang.cn`;
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  orgId: string;
  email: string;
}

export type Inject = (opts: {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}) => Promise<LightMyRequestResponse>;

/** A request function acting as `session` (cookie + CSRF header), or anonymously. */
export function as(app: FastifyInstance, session: Session | null): Inject {
  return (opts) =>
    app.inject({
      method: opts.method,
      url: opts.url,
      payload: opts.payload as never,
      headers: {
        ...(session ? { cookie: `jb_sid=${session.cookie}`, 'x-csrf-token': session.csrf } : {}),
        ...opts.headers,
      },
    });
}

function sessionFrom(res: LightMyRequestResponse, email: string): Session {
  const cookie = res.cookies.find((c) => c.name === 'jb_sid');
  if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { cookie: cookie.value, csrf: body.csrfToken, userId: body.user.id, orgId: body.organisation.id, email };
}

export const PASSWORD = 'correct-horse-9';

export function enterpriseRegistration(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'enterprise',
    email: uniqueEmail('ent'),
    password: PASSWORD,
    displayName: '王经理',
    organisation: {
      name: `测试装备制造有限公司${randomBytes(2).toString('hex')}`,
      creditCode: creditCode('enterprise'),
      region: 'shenyang',
      contactName: '王经理',
      contactPhone: '13800000000',
      sizeClass: 'small',
      ownershipType: 'private',
    },
    ...overrides,
  };
}

export function institutionRegistration(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'institution',
    email: uniqueEmail('inst'),
    password: PASSWORD,
    displayName: '李老师',
    organisation: {
      name: `测试工业大学${randomBytes(2).toString('hex')}`,
      creditCode: creditCode('institution'),
      region: 'dalian',
      contactName: '李老师',
      contactPhone: '13900000000',
      institutionType: 'university',
      affiliation: 'provincial',
    },
    ...overrides,
  };
}

export async function register(
  app: FastifyInstance,
  body: { email: string } & Record<string, unknown>,
): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return sessionFrom(res, body.email);
}

export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return sessionFrom(res, email);
}

export async function createOperator(app: FastifyInstance, db: Db): Promise<Session> {
  const email = uniqueEmail('op');
  await createOperatorAccount(db, { email, password: PASSWORD, displayName: '运营专员' });
  return login(app, email);
}

/**
 * 措施十三: an oversight account — the operator creates a department (a supervisory department, or
 * the provincial science department), adds a member and links the given institutions to it.
 */
export async function oversightMember(
  app: FastifyInstance,
  operator: Session,
  scope: 'supervisory' | 'provincial' = 'supervisory',
  linkedInstitutions: string[] = [],
): Promise<Session> {
  const op = as(app, operator);
  const name = scope === 'provincial' ? '辽宁省科学技术厅' : `虚构主管部门${randomBytes(3).toString('hex')}`;
  const dept = await op({ method: 'POST', url: '/api/v1/operator/departments', payload: { name, scope } });
  if (dept.statusCode !== 201) throw new Error(`department failed: ${dept.statusCode} ${dept.body}`);
  const id = (dept.json() as { id: string }).id;
  const email = uniqueEmail('dept');
  const member = await op({
    method: 'POST',
    url: `/api/v1/operator/departments/${id}/members`,
    payload: { email, displayName: '主管部门审阅人', password: PASSWORD },
  });
  if (member.statusCode !== 201) throw new Error(`department member failed: ${member.statusCode} ${member.body}`);
  for (const institutionId of linkedInstitutions) {
    const link = await op({ method: 'PUT', url: `/api/v1/operator/departments/${id}/institutions/${institutionId}` });
    if (link.statusCode !== 204) throw new Error(`department link failed: ${link.statusCode} ${link.body}`);
  }
  return login(app, email);
}

/** Registers an organisation and has the operator verify it. */
export async function verifiedMember(
  app: FastifyInstance,
  operator: Session,
  kind: 'enterprise' | 'institution',
  overrides: Record<string, unknown> = {},
): Promise<Session> {
  const session = await register(
    app,
    kind === 'enterprise' ? enterpriseRegistration(overrides) : institutionRegistration(overrides),
  );
  const res = await as(
    app,
    operator,
  )({ method: 'POST', url: `/api/v1/operator/organisations/${session.orgId}/verify` });
  if (res.statusCode !== 200) throw new Error(`verify failed: ${res.statusCode} ${res.body}`);
  return session;
}

export function resultBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '高镍三元正极材料低成本制备技术',
    summary: '采用共沉淀—固相烧结两步法制备高镍三元正极材料，比容量达到 205 mAh/g，成本降低 18%。',
    field: 'new_energy',
    maturity: 'pilot',
    inventors: '张伟、刘洋',
    ownership: 'institution',
    securityClass: 'public',
    separatelyManaged: false,
    ipItems: [
      {
        type: 'invention_patent',
        number: 'ZL202010123456.7',
        title: '一种高镍正极材料的制备方法',
        grantDate: '2021-06-01',
      },
    ],
    ...overrides,
  };
}

export function supplyBody(resultId: string, overrides: Record<string, unknown> = {}) {
  const body = {
    kind: 'supply',
    title: '高镍三元正极材料制备技术转让',
    summary: '成熟的中试工艺包，可直接用于年产千吨级产线建设。',
    description: '技术团队可提供为期一年的技术指导。',
    field: 'new_energy',
    region: 'dalian',
    resultId,
    pricingMode: 'fixed',
    transactionTypes: ['transfer', 'license'],
    priceFen: 80_000_000,
    // A licence says its scope; 普通许可 leaves the result free for other listings.
    licenseScope: 'non_exclusive' as string | null,
    contactName: '李老师',
    contactPhone: '13900000000',
    ...overrides,
  };
  const types = body.transactionTypes as string[] | undefined;
  if (!('licenseScope' in overrides) && !types?.includes('license')) body.licenseScope = null;
  return body;
}

export function demandBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'demand',
    title: '数控机床主轴热变形补偿技术需求',
    summary: '我公司五轴加工中心连续加工 4 小时后主轴热伸长达 25 微米，需要实时补偿方案。',
    description: '希望与高校合作开发，预算可根据方案调整。',
    field: 'advanced_equipment',
    region: 'shenyang',
    priceFen: 50_000_000,
    deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    supportSought: ['rd', 'pilot'],
    contactName: '王经理',
    contactPhone: '13800000000',
    ...overrides,
  };
}

/**
 * A second member of an organisation, written directly: the API has no invitations yet. It cannot
 * log in (no password); it is there to be told things. Returns its user id.
 */
export async function addColleague(db: Db, organisationId: string, displayName = '同事'): Promise<string> {
  const [u] = await db
    .insert(users)
    .values({ email: uniqueEmail('colleague'), passwordHash: 'x', displayName })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: u!.id, organisationId });
  return u!.id;
}

/** A second member of an organisation who can sign in (the API has no invitations yet): its session. */
export async function colleagueSession(
  app: FastifyInstance,
  db: Db,
  organisationId: string,
  displayName = '同事',
): Promise<Session> {
  const email = uniqueEmail('colleague');
  const [u] = await db
    .insert(users)
    .values({ email, passwordHash: await hashPassword(PASSWORD), displayName })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: u!.id, organisationId });
  return login(app, email);
}

/** The token of the latest invitation mailed to `email` by the file mailer (MAIL_DIR). */
export async function invitationToken(mailDir: string, email: string): Promise<string> {
  const mails = await readMailbox(mailDir, email);
  const last = mails.at(-1);
  const token = last?.body.match(/\/join#([A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no invitation mail to ${email} in ${mailDir}`);
  return token;
}

/**
 * A researcher (成果完成人) of `institution`, through the real flow: the institution invites, the mail
 * is read from MAIL_DIR, the invitee joins with a new account (or `password` of an existing one).
 */
export async function researcherSession(
  app: FastifyInstance,
  institution: Session,
  mailDir: string,
  opts: { email?: string; displayName?: string; password?: string } = {},
): Promise<Session> {
  const email = opts.email ?? uniqueEmail('researcher');
  const invited = await as(
    app,
    institution,
  )({
    method: 'POST',
    url: '/api/v1/my/invitations',
    payload: { email, displayName: opts.displayName ?? '王磊' },
  });
  if (invited.statusCode !== 201) throw new Error(`invite failed: ${invited.statusCode} ${invited.body}`);
  const token = await invitationToken(mailDir, email);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    payload: { token, password: opts.password ?? PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`accept failed: ${res.statusCode} ${res.body}`);
  return sessionFrom(res, email);
}
