// Node's CPU for what a rebuild does per document, without PostgreSQL (issue 21): generated listings
// (bench/search-data.ts) → documents → JSON rows and binary COPY data, as pg-rebuild.ts makes them.
// Prints µs per document and a digest of every byte produced, so a change meant to make the build
// cheaper can show that it left the index content identical (LITERAL=1 adds the upserts' literals).
//
//   npx tsx bench/search-documents.ts [documents, default 20000]
//   (for a profile: npx esbuild bench/search-documents.ts --bundle --platform=node --format=esm
//    --packages=external --outfile=/tmp/b.mjs && node --cpu-prof /tmp/b.mjs)

import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildSearchDocument, type DocumentSource } from '../search/document.js';
import { warmUpSegmenter } from '../search/jieba.js';
import { termsCopyData } from '../search/pg-copy.js';
import { tsvectorOf } from '../search/pg-tsvector.js';
import { rowsJson, WRITE_BATCH } from '../search/pg-writes.js';
import { normalizeText } from '../search/text.js';
import type { SearchDocument } from '../search/types.js';
import { listing, organisations } from './search-data.js';

const N = Number(process.argv[2] ?? 20_000);
const now = new Date('2026-12-01T00:00:00Z');
const orgs = organisations(2_000);
warmUpSegmenter();
normalizeText('鋰電池'); // builds the traditional → simplified table
const sources: DocumentSource[] = [];
for (let i = 0; i < N; i++) {
  const g = listing(i, now);
  const supply = g.kind === 'supply';
  sources.push({
    listing: {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: g.kind,
      organisationId: '00000000-0000-4000-8000-000000000000',
      resultId: supply ? `r${i}` : null,
      title: g.title,
      summary: g.summary,
      description: g.description,
      field: g.field,
      region: g.region,
      status: supply ? 'listed' : 'open',
      pricingMode: g.pricingMode,
      transactionTypes: g.transactionTypes,
      priceFen: g.priceFen,
      deadline: g.deadline,
      publishedAt: g.publishedAt,
      version: 1,
    },
    organisation: { name: orgs[i % orgs.length]!.name },
    result: supply ? { id: `r${i}`, title: g.title, securityClass: 'public', maturity: g.maturity } : null,
    ipItems: g.ipNumbers.map((number) => ({ number, title: g.title })),
    inPool: i % 7 === 0,
  });
}
const hash = createHash('sha256');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
for (let i = 0; i < N; i += WRITE_BATCH) {
  const batch = sources
    .slice(i, i + WRITE_BATCH)
    .map((s) => buildSearchDocument(s))
    .filter((d): d is SearchDocument => d !== null);
  hash.update(rowsJson(batch, i + 1, false));
  hash.update(termsCopyData(batch, i + 1));
  if (process.env.LITERAL) for (const d of batch) hash.update(tsvectorOf(d));
}
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - t0;
process.stdout.write(
  `${N} documents: ${((cpu.user + cpu.system) / N).toFixed(1)} µs/doc CPU (${((wall * 1000) / N).toFixed(1)} wall); ` +
    `digest ${hash.digest('hex').slice(0, 16)}\n`,
);
