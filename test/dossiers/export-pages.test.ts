// 措施十四 dossier export across its read pages (server/dossiers/export.ts reads 100 rows at a time,
// the next page while the current one is written): every decision record and event is in the
// records, the events and the PDF timeline exactly once, in order — also when many share a timestamp
// (the keyset's tie-break on id) and when a count is a multiple of the page.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { as, createOperator, resultBody, verifiedMember, type Session } from '../helpers/factories.js';
import { pdfText } from '../helpers/pdf-text.js';

let t: TestContext;
let inst: Session;
let resultId: string;

/** The stored entries of a ZIP, by name. */
async function entries(zip: Buffer): Promise<Map<string, Buffer>> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    file.on('entry', (entry: yauzl.Entry) => {
      file.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          file.readEntry();
        });
      });
    });
    file.on('end', resolve);
    file.on('error', reject);
    file.readEntry();
  });
  return out;
}

beforeAll(async () => {
  t = await setupTestApp();
  const op = await createOperator(t.app, t.database.db);
  inst = await verifiedMember(t.app, op, 'institution');
  const res = await as(t.app, inst)({ method: 'POST', url: '/api/v1/results', payload: resultBody() });
  expect(res.statusCode).toBe(201);
  resultId = res.json().id as string;
  // 300 decisions (three pages exactly), ten to a minute so that the id breaks each tie; 250 events.
  await t.database.db.execute(sql`insert into decision_records (org_id, subject_type, subject_id, decision_type,
      summary, decided_by, decided_by_role, basis, recorded_by, created_at)
    select ${inst.orgId}, 'result', ${resultId}, 'pricing', '第' || g || '项决策', ${inst.userId}, '经办人',
      '措施四', ${inst.userId}, timestamptz '2026-01-01' + (g / 10) * interval '1 minute'
    from generate_series(1, 300) g`);
  await t.database.db.execute(sql`insert into audit_log (actor_user_id, actor_org_id, action, target_type, target_id,
      reason, created_at)
    select ${inst.userId}, ${inst.orgId}, 'result.update', 'result', ${resultId}, '分页事件' || g,
      timestamptz '2026-01-01' + g * interval '1 minute'
    from generate_series(1, 250) g`);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('a dossier of several read pages', () => {
  it('holds every record and event once, in order, in the JSON and in the PDF timeline', async () => {
    const res = await as(t.app, inst)({ method: 'GET', url: `/api/v1/results/${resultId}/dossier` });
    expect(res.statusCode).toBe(200);
    const files = await entries(res.rawPayload);

    const records = JSON.parse(files.get('records.json')!.toString()) as { id: string; summary: string }[];
    expect(records).toHaveLength(300);
    expect(new Set(records.map((r) => r.id)).size).toBe(300);
    const [ordered] = (
      await t.database.pool.query<{ ids: string[] }>(
        `select array_agg(id order by created_at, id) as ids from decision_records where subject_id = $1`,
        [resultId],
      )
    ).rows;
    expect(records.map((r) => r.id)).toEqual(ordered!.ids);

    const events = JSON.parse(files.get('events.json')!.toString()) as { id: number; reason: string | null }[];
    const paged = events.filter((e) => e.reason?.startsWith('分页事件'));
    expect(paged.map((e) => e.reason)).toEqual(Array.from({ length: 250 }, (_, i) => `分页事件${i + 1}`));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    const { text } = await pdfText(files.get('summary.pdf')!);
    expect(text).toContain('300. ');
    expect(text).not.toContain('301. ');
    expect(text).toContain('分页事件250');
  });
});
