// Issue 21: operators edit the thesaurus (audit: who, when, what, why; other roles and bad input
// refused, nothing written), the edit takes effect on the next query without a re-index, and the
// zero-result log (normalised, no personal data; the last 30 days; purged by the maintenance).
import { count, eq, sql } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, searchZeroResults, thesaurusEntries } from '../../db/schema/index.js';
import { builtInThesaurus, indexListing } from '../../search/index.js';
import type { JobPayloads } from '../../platform/queues.js';
import { processMaintenance } from '../../workers/maintenance.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, verifiedMember, type Session } from '../helpers/factories.js';
import { approvedSupply, ok } from '../helpers/lifecycle.js';

let t: TestContext;
let operator: Session;
let inst: Session;
let ent: Session;
let supplyId: string;
let clock = new Date();

const TITLE = '饕餮纹青铜器无损检测技术';
const search = (q: string) =>
  ok<{ total: number; hits: Array<{ id: string }>; empty?: { reason: string; alternatives: Array<{ q: string }> } }>(
    t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` }),
  );
const op = () => as(t.app, operator);
const entries = async () => (await t.database.db.select({ n: count() }).from(thesaurusEntries))[0]!.n;
const audits = async () =>
  (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.targetType, 'thesaurus_entry')))[0]!.n;

beforeAll(async () => {
  t = await setupTestApp({}, { now: () => clock });
  operator = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, operator, 'institution');
  ent = await verifiedMember(t.app, operator, 'enterprise');
  const supply = await approvedSupply(t.app, inst, operator, {
    title: TITLE,
    summary: '文物青铜器内部缺陷的无损检测。',
  });
  supplyId = supply.id;
  await indexListing(t.database.db, t.app.searchEngine, supplyId);
});

afterAll(async () => {
  await t?.close();
});

describe('the thesaurus in the database (issue 21)', () => {
  it('is seeded from the data file by the migration', async () => {
    const rows = await t.database.db.select().from(thesaurusEntries);
    const key = (e: { words: string[]; oneWay: boolean }) => `${e.oneWay ? '>' : '|'}${e.words.join('|')}`;
    expect(rows.map(key).sort()).toEqual(builtInThesaurus().map(key).sort());
    expect(rows.length).toBeGreaterThanOrEqual(300);
  });

  it('refuses anonymous users and members, and writes nothing', async () => {
    const before = await entries();
    const body = { field: 'general', words: ['文物', '古董'], oneWay: false, reason: '用户常用说法' };
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/operator/thesaurus', payload: body });
    expect(anon.statusCode).toBe(401);
    for (const member of [inst, ent]) {
      const res = await as(t.app, member)({ method: 'POST', url: '/api/v1/operator/thesaurus', payload: body });
      expect(res.statusCode).toBe(403);
      const list = await as(t.app, member)({ method: 'GET', url: '/api/v1/operator/thesaurus' });
      expect(list.statusCode).toBe(403);
      const zero = await as(t.app, member)({ method: 'GET', url: '/api/v1/operator/search/zero-results' });
      expect(zero.statusCode).toBe(403);
    }
    expect(await entries()).toBe(before);
  });

  it('refuses bad input with a Chinese message and writes nothing', async () => {
    const before = await entries();
    const bad: Array<Record<string, unknown>> = [
      { field: 'general', words: ['文物'], oneWay: false, reason: '原因说明' },
      { field: 'general', words: ['文物', '文物'], oneWay: false, reason: '原因说明' },
      { field: 'general', words: ['文物', 'ＡＢ', 'ab'], oneWay: false, reason: '' },
      { field: 'general', words: ['文物', '古\u0000董'], oneWay: false, reason: '原因说明' },
      { field: 'general', words: ['文物', '古|董'], oneWay: false, reason: '原因说明' },
      { field: 'nowhere', words: ['文物', '古董'], oneWay: false, reason: '原因说明' },
      { field: 'general', words: ['文物', '古董'], oneWay: false },
      { field: 'general', words: ['文物', '古董'], oneWay: false, reason: '原因说明', extra: 1 },
      { field: 'general', words: ['锂电池', '锂离子电池', 'lib'], oneWay: false, reason: '重复的词条' },
    ];
    for (const payload of bad) {
      const res = await op()({ method: 'POST', url: '/api/v1/operator/thesaurus', payload });
      expect([400, 409, 422]).toContain(res.statusCode);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await entries()).toBe(before);
    expect(await audits()).toBe(0);
  });

  it('an added entry finds listings at once, without a re-index; edits and deletes are audited', async () => {
    expect((await search('古董')).total).toBe(0);
    const created = await ok<{ id: string; revision: number; words: string[] }>(
      op()({
        method: 'POST',
        url: '/api/v1/operator/thesaurus',
        payload: { field: 'general', words: ['古董', '青铜器'], oneWay: false, reason: '无结果检索词：古董' },
      }),
      201,
    );
    expect((await search('古董')).hits.map((h) => h.id)).toEqual([supplyId]);

    // The list finds it by a word; an edit with a stale revision is refused.
    const list = await ok<{ items: Array<{ id: string }> }>(
      op()({ method: 'GET', url: `/api/v1/operator/thesaurus?q=${encodeURIComponent('古董')}` }),
    );
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
    const stale = await op()({
      method: 'PUT',
      url: `/api/v1/operator/thesaurus/${created.id}`,
      payload: {
        field: 'general',
        words: ['古玩', '青铜器'],
        oneWay: false,
        reason: '改名',
        revision: created.revision + 99,
      },
    });
    expect(stale.statusCode).toBe(409);

    clock = new Date(clock.getTime() + 60_000);
    const edited = await ok<{ revision: number }>(
      op()({
        method: 'PUT',
        url: `/api/v1/operator/thesaurus/${created.id}`,
        payload: {
          field: 'general',
          words: ['古玩', '青铜器'],
          oneWay: false,
          reason: '改为古玩',
          revision: created.revision,
        },
      }),
    );
    expect((await search('古董')).total).toBe(0);
    expect((await search('古玩')).total).toBe(1);

    const refused = await op()({
      method: 'POST',
      url: `/api/v1/operator/thesaurus/${created.id}/delete`,
      payload: { revision: edited.revision },
    });
    expect(refused.statusCode).toBe(400);
    const deleted = await op()({
      method: 'POST',
      url: `/api/v1/operator/thesaurus/${created.id}/delete`,
      payload: { reason: '误加', revision: edited.revision },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await search('古玩')).total).toBe(0);

    const changes = await ok<
      Array<{ action: string; actorName: string; reason: string; before: unknown; after: unknown }>
    >(op()({ method: 'GET', url: `/api/v1/operator/thesaurus/changes?entryId=${created.id}` }));
    expect(changes.map((c) => [c.action, c.reason])).toEqual([
      ['thesaurus.delete', '误加'],
      ['thesaurus.update', '改为古玩'],
      ['thesaurus.create', '无结果检索词：古董'],
    ]);
    expect(changes[1]).toMatchObject({
      actorName: '运营专员',
      before: { words: ['古董', '青铜器'] },
      after: { words: ['古玩', '青铜器'] },
    });
  });
});

describe('the zero-result log (issue 21)', () => {
  it('logs the normalised words of queries that find nothing, without personal data', async () => {
    await t.database.db.delete(searchZeroResults);
    await search('我们想找 貔貅 技术');
    await search('貔貅');
    await search('貔貅 13800138000 test@example.com 210102 1990 0101 1234');
    await search('青铜器'); // found: not logged
    const rows = await t.database.db.select({ query: searchZeroResults.query }).from(searchZeroResults);
    expect(rows.map((r) => r.query).sort()).toEqual(['貔貅', '貔貅', '貔貅']);
    const top = await ok<Array<{ query: string; count: number }>>(
      op()({ method: 'GET', url: '/api/v1/operator/search/zero-results' }),
    );
    expect(top[0]).toMatchObject({ query: '貔貅', count: 3 });
  });

  it('shows the last 30 days only, and the nightly maintenance drops older rows', async () => {
    await t.database.db
      .insert(searchZeroResults)
      .values({ query: '旧检索词', createdAt: new Date(Date.now() - 31 * 86_400_000) });
    const top = await ok<Array<{ query: string }>>(
      op()({ method: 'GET', url: '/api/v1/operator/search/zero-results' }),
    );
    expect(top.map((r) => r.query)).not.toContain('旧检索词');
    const job = { data: { task: 'purge-zero-results' } } as Job<JobPayloads['maintenance']>;
    expect(await processMaintenance(t.database.db, t.config, job)).toEqual({ purged: 1 });
    const left = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from search_zero_results where query = '旧检索词'`,
    );
    expect(left.rows[0]!.n).toBe(0);
  });
});
