// Inventor teams (措施一、十二): the institution's team editor and the researcher's own results.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { OWNERSHIP_MODES, SECURITY_CLASSES } from '../../domain/constants/results.js';
import { FULL_SHARE_BP, TEAM_MAX_MEMBERS } from '../../domain/teams.js';
import { requireMember, requireResearcher } from '../plugins/session.js';
import { DateTime, Enum, errorResponses, IdParams, iso, Nullable, Text, Uuid } from '../schemas.js';
import * as teams from './teams.js';

const ShareBp = Type.Integer({ minimum: 1, maximum: FULL_SHARE_BP, description: '贡献份额，万分比（1% = 100）' });

export const TeamMember = Type.Object({
  position: Type.Integer(),
  name: Type.String(),
  orgUnitId: Nullable(Uuid),
  orgUnitName: Nullable(Type.String()),
  roleInWork: Type.String(),
  shareBp: Type.Integer(),
  /** 正职 leadership post: rewards follow the institution's separate procedure (措施十二). */
  principalLeader: Type.Boolean(),
  userId: Nullable(Uuid),
  accountName: Nullable(Type.String()),
});

export const Team = Type.Object({
  resultId: Uuid,
  /** Split from the old free-text field with equal shares: the institution checks and saves it. */
  needsConfirmation: Type.Boolean(),
  confirmedAt: Nullable(DateTime),
  members: Type.Array(TeamMember),
});

export const TeamBody = Type.Object(
  {
    members: Type.Array(
      Type.Object(
        {
          name: Text(50),
          orgUnitId: Type.Optional(Nullable(Uuid)),
          roleInWork: Type.Optional(Text(50, 0)),
          shareBp: ShareBp,
          principalLeader: Type.Optional(Type.Boolean()),
          userId: Type.Optional(Nullable(Uuid)),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: TEAM_MAX_MEMBERS },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        members: [
          { name: '李明', roleInWork: '项目负责人', shareBp: 5000 },
          { name: '张华', roleInWork: '主要完成人', shareBp: 3000 },
          { name: '王磊', roleInWork: '参与人', shareBp: 2000 },
        ],
      },
    ],
  },
);

export const MyResult = Type.Object({
  id: Uuid,
  title: Type.String(),
  ownership: Enum(OWNERSHIP_MODES),
  securityClass: Enum(SECURITY_CLASSES),
  shareBp: Type.Integer(),
  roleInWork: Type.String(),
  principalLeader: Type.Boolean(),
  teamNeedsConfirmation: Type.Boolean(),
});

function teamView(t: teams.Team) {
  return {
    resultId: t.resultId,
    needsConfirmation: t.needsConfirmation,
    confirmedAt: iso(t.confirmedAt),
    members: t.members.map((m) => ({
      position: m.position,
      name: m.name,
      orgUnitId: m.orgUnitId,
      orgUnitName: m.orgUnitName,
      roleInWork: m.roleInWork,
      shareBp: m.shareBp,
      principalLeader: m.principalLeader,
      userId: m.userId,
      accountName: m.accountName,
    })),
  };
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { services: ctx } = app;
  const tags = ['科研人员'];

  app.get(
    '/results/:id/team',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '成果完成人团队（成员、院系、分工、贡献份额、是否正职）',
        params: IdParams,
        response: { 200: Team, ...errorResponses },
      },
    },
    async (request) => teamView(await teams.getTeam(ctx.db, requireMember(request), request.params.id)),
  );

  app.put(
    '/results/:id/team',
    {
      config: { access: 'institution' },
      schema: {
        tags,
        summary: '保存（确认）成果完成人团队：贡献份额之和须恰为100%',
        params: IdParams,
        body: TeamBody,
        response: { 200: Team, ...errorResponses },
      },
    },
    async (request) =>
      teamView(await teams.saveTeam(ctx, requireMember(request), request.params.id, request.body.members)),
  );

  app.get(
    '/researcher/results',
    {
      config: { access: 'researcher' },
      schema: {
        tags,
        summary: '我参与完成的科技成果（本人的贡献份额与分工）',
        response: { 200: Type.Object({ items: Type.Array(MyResult) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await teams.myResults(ctx.db, requireResearcher(request)) }),
  );
};

export default routes;
