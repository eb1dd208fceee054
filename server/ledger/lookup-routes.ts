// A read the ledger pages need: the institution picks the enterprise it contracted with when it
// enters an off-platform conversion, so the enterprise sees the contract and what it owes
// (counterpartyOrgId). Only verified enterprises, by name or credit code, a few at a time.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, ilike, or } from 'drizzle-orm';
import { Type } from 'typebox';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import { requireMember } from '../plugins/session.js';
import { errorResponses, Nullable, SINGLE_LINE, Uuid } from '../schemas.js';

export const CounterpartyOption = Type.Object({ id: Uuid, name: Type.String(), creditCode: Nullable(Type.String()) });

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Verified enterprises whose name or credit code contains the words typed. */
export async function findCounterparties(db: DbOrTx, q: string, limit = 10) {
  const pattern = `%${escapeLike(q.trim())}%`;
  return db
    .select({ id: organisations.id, name: organisations.name, creditCode: organisations.creditCode })
    .from(organisations)
    .where(
      and(
        eq(organisations.kind, 'enterprise'),
        eq(organisations.verificationStatus, 'verified'),
        or(ilike(organisations.name, pattern), ilike(organisations.creditCode, pattern)),
      ),
    )
    .orderBy(asc(organisations.name))
    .limit(limit);
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  app.get(
    '/ledger/counterparties',
    {
      config: { access: 'institution' },
      schema: {
        tags: ['转化台账'],
        summary: '科研单位登记平台外转化时查找受让方/委托方企业（已认证企业，按名称或统一社会信用代码）',
        querystring: Type.Object(
          {
            q: Type.String({
              minLength: 1,
              maxLength: 50,
              pattern: SINGLE_LINE,
              description: '企业名称或统一社会信用代码中的文字',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(CounterpartyOption) }), ...errorResponses },
      },
    },
    async (request) => {
      requireMember(request);
      return { items: await findCounterparties(ctx.db, request.query.q) };
    },
  );
};

export default routes;
