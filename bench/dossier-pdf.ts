// The dossier PDF's timeline alone (server/dossiers/summary.ts), measured by this process's CPU time per
// entry rather than wall-clock: on a shared, loaded machine the wall time is mostly waiting for a
// core. N decision records and N platform events of realistic length, written to a discarding sink.
//
//   npx tsx bench/dossier-pdf.ts [--entries 1000]   (tsx passes a "--" on, which parseArgs refuses)
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { StreamedPdf } from '../platform/pdf/index.js';
import { writeSummary, type TimelineDecision, type TimelineEvent } from '../server/dossiers/summary.js';

const { values: args } = parseArgs({ options: { entries: { type: 'string', default: '1000' } } });
const N = Number(args.entries);
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000);
const TYPES = ['pricing', 'deal', 'contract', 'payment_confirmation', 'listing_review'] as const;

async function* decisions(): AsyncGenerator<TimelineDecision[]> {
  for (let p = 0; p < N; p += 1000) {
    yield Array.from({ length: Math.min(1000, N - p) }, (_, k) => {
      const i = p + k;
      return {
        d: {
          createdAt: at(i),
          decisionType: TYPES[i % TYPES.length]!,
          summary: `以协议定价方式转让第 ${i} 号成果，价格 ${120 + (i % 50)} 万元，不另行评估`,
          decidedByRole: '成果转化办公室主任',
          decisionBody: '院长办公会',
          meetingDate: '2026-03-02',
          procedure: '成果转化办公室提出方案，院长办公会审议通过，拟在平台公示 15 日',
          basis: '措施四：协议定价须公示；参考同类专利许可价格，自主决定不评估',
          documentIds: i % 10 === 0 ? ['a', 'b'] : [],
          correctsId: null,
        },
        deciderName: `经办人${i % 7}`,
      };
    });
  }
}

async function* events(): AsyncGenerator<TimelineEvent[]> {
  for (let p = 0; p < N; p += 1000) {
    yield Array.from({ length: Math.min(1000, N - p) }, (_, k) => ({
      createdAt: at(p + k),
      action: 'listing.approve',
      beforeStatus: 'pending_review',
      afterStatus: 'notice',
      actorName: '运营专员',
      reason: (p + k) % 3 === 0 ? '信息完整，符合发布规则' : null,
    }));
  }
}

async function run(entries: boolean): Promise<{ cpuMs: number; bytes: number; pages: number }> {
  const pdf = new StreamedPdf({ title: '基准档案' });
  let bytes = 0;
  const done = new Promise<void>((resolve) =>
    pdf.stream
      .pipe(
        new Writable({
          write(chunk: Buffer, _enc, cb) {
            bytes += chunk.length;
            cb();
          },
        }),
      )
      .on('finish', resolve),
  );
  const empty = async function* <T>(): AsyncGenerator<T[]> {};
  const cpu = process.cpuUsage();
  await writeSummary(pdf, '基准档案', new Date(), entries ? decisions() : empty(), entries ? events() : empty());
  await pdf.end();
  await done;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, bytes, pages: pdf.pages };
}

await run(false); // opens the fonts once (process-wide), as a long-running server has
const rssBefore = process.memoryUsage().rss;
const base = await run(false);
const full = await run(true);
const perEntry = ((full.cpuMs - base.cpuMs) * 1000) / (2 * N);
process.stdout.write(
  `${N} decisions + ${N} events: ${full.cpuMs.toFixed(0)} ms CPU (empty document ${base.cpuMs.toFixed(0)} ms), ` +
    `${perEntry.toFixed(0)} µs CPU per entry, ${full.pages} pages, ${(full.bytes / 1024).toFixed(0)} KB, ` +
    `RSS ${(rssBefore / 1048576).toFixed(0)} → ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB\n`,
);
