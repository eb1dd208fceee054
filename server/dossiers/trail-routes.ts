// 措施十四 and 措施四: the institution's own audit trail (its admins read and filter it, not only
// operators) and its public disclosure page of agreed-price notices (本单位公示).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import type { MemberActor } from '../../domain/actor.js';
import { AUDIT_TARGETS } from '../../domain/constants/audit.js';
import { LISTING_STATUSES } from '../../domain/constants/listings.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { memberships } from '../../db/schema/index.js';
import { auditEntry, AuditEntry } from '../audit/views.js';
import { institutionTrail } from '../audit/service.js';
import { requireMember } from '../plugins/session.js';
import { DateTime, Enum, errorResponses, IdParams, iso, Nullable, Page, PageQuery, Uuid } from '../schemas.js';
import { DISCLOSURE_OUTCOMES, disclosureOutcome, institutionDisclosure, type DisclosureEntry } from './disclosure.js';

const ACTION = '^[a-z_.:]{1,64}$';

export const TrailEntry = Type.Object({
  ...AuditEntry.properties,
  targetType: Enum(AUDIT_TARGETS),
  targetId: Uuid,
  ownActor: Type.Boolean({ description: '操作人是否为本单位人员（其他单位的操作人只显示单位名称）' }),
});

export const DisclosureItem = Type.Object({
  listingId: Uuid,
  title: Type.String(),
  resultTitle: Nullable(Type.String()),
  proposedPriceFen: Nullable(Type.Integer({ description: '拟交易价格（分）' })),
  counterpartyName: Nullable(Type.String({ description: '拟受让方' })),
  noticeRound: Type.Integer({ description: '第几次公示（调整价格后重新公示）' }),
  noticeEndsAt: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  status: Enum(LISTING_STATUSES),
  outcome: Enum(DISCLOSURE_OUTCOMES, {
    description:
      '公示结果：running 公示中；objection_review 公示期满有异议、待本单位决定；concluded 已成交；listed 转为挂牌或拍卖；withdrawn 已撤回；ended 已结束',
  }),
  objectionsFiled: Type.Integer({ description: '其他单位提出的异议数' }),
  objectionsStanding: Type.Integer({ description: '本轮公示仍成立的异议数' }),
});

export const Disclosure = Type.Object({
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  items: Type.Array(DisclosureItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

function disclosureItem(e: DisclosureEntry): Static<typeof DisclosureItem> {
  return {
    ...e,
    noticeEndsAt: iso(e.noticeEndsAt),
    publishedAt: iso(e.publishedAt),
    outcome: disclosureOutcome(e.status),
  };
}

/** The institution's trail is for its admins (the people answerable for its decisions). */
async function requireOrgAdmin(db: DbOrTx, actor: MemberActor): Promise<void> {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, actor.userId), eq(memberships.organisationId, actor.orgId)));
  if (m?.role !== 'admin') throw new AppError('ORG_ADMIN_REQUIRED');
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;

  app.get(
    '/institution/audit',
    {
      config: { access: 'institution' },
      schema: {
        tags: ['尽职免责档案'],
        summary:
          '本单位的操作记录（仅本单位管理员；本单位人员的操作和他人对本单位机构、成果、项目、转化的操作，新的在前）',
        querystring: Type.Object(
          {
            ...PageQuery,
            action: Type.Optional(Type.String({ pattern: ACTION, description: '操作代码，如 listing.submit' })),
            targetType: Type.Optional(Enum(AUDIT_TARGETS, { description: '对象类型' })),
            from: Type.Optional(DateTime),
            to: Type.Optional(DateTime),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(TrailEntry), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireMember(request);
      await requireOrgAdmin(ctx.db, actor);
      const { page = 1, pageSize = 20, action, targetType, from, to } = request.query;
      const fromDate = from ? new Date(from) : undefined;
      const toDate = to ? new Date(to) : undefined;
      if (fromDate && toDate && !(fromDate < toDate)) {
        throw new AppError('VALIDATION_FAILED', undefined, '起始时间须早于结束时间');
      }
      const { items, total } = await institutionTrail(
        ctx.db,
        actor.orgId,
        {
          ...(action ? { action } : {}),
          ...(targetType ? { targetType } : {}),
          ...(fromDate ? { from: fromDate } : {}),
          ...(toDate ? { to: toDate } : {}),
        },
        page,
        pageSize,
      );
      return {
        items: items.map((r) => ({
          ...auditEntry(r),
          targetType: r.targetType,
          targetId: r.targetId,
          ownActor: r.ownActor,
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/institutions/:id/disclosure',
    {
      config: { access: 'public' },
      schema: {
        tags: ['公示与异议'],
        summary: '本单位公示：科研单位历次协议定价公示（成果名称、拟交易价格、拟受让方、公示期）及其结果',
        params: IdParams,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: Disclosure, ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      const { organisation, items, total } = await institutionDisclosure(ctx.db, request.params.id, page, pageSize);
      return { organisation, items: items.map(disclosureItem), total, page, pageSize };
    },
  );
};

export default routes;
