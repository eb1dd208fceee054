// 措施十四 dossier export: one ZIP holding a PDF summary (the timeline of decisions and events, in
// Chinese, font embedded), the records as JSON, the documents, and the manifest with every file's
// SHA-256 and the hash over the manifest (platform/dossier). Everything streams: decisions and
// events are read in pages, documents one at a time, the PDF page by page, so a large dossier
// never sits in memory.
import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import type { Actor } from '../../domain/actor.js';
import { DOCUMENT_KIND_TEXT } from '../../domain/constants/dossiers.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  auditLog,
  conversions,
  decisionRecords,
  documents,
  dossierExports,
  listings,
  organisations,
  payments,
  results,
  rightsGrants,
  users,
} from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import {
  DOSSIER_FORMAT,
  manifestHashFile,
  MANIFEST_HASH_PATH,
  MANIFEST_PATH,
  serializeManifest,
  type ManifestFile,
} from '../../platform/dossier/manifest.js';
import { StreamedPdf } from '../../platform/pdf/index.js';
import type { DocumentStorage } from '../../platform/storage/index.js';
import { isOversight } from './subjects.js';
import { writeSummary } from './summary.js';

export type DossierScope =
  { kind: 'result'; resultId: string } | { kind: 'period'; orgId: string; from: Date; to: Date };

interface Resolved {
  orgId: string;
  orgName: string;
  title: string;
  scope: Record<string, string | null>;
  /** Which decision records, documents and audit rows belong to the dossier. */
  decisions: SQL;
  documents: SQL;
  events: SQL;
}

/**
 * Rows per read. A page lives while its entries are laid out or serialised; at 1,000 rows it outlived
 * two young-generation collections and every row was promoted to the old generation, garbage there
 * until a late major GC — ~1.7 MB a page, 40 pages in a 10,000-decision export, most of its peak RSS
 * (bench/dossier.ts with --trace-gc). A page of 100 dies young.
 */
const PAGE = 100;

async function resolveScope(db: DbOrTx, actor: Actor, scope: DossierScope): Promise<Resolved> {
  let orgId: string;
  if (scope.kind === 'result') {
    const [r] = await db.select({ org: results.institutionId }).from(results).where(eq(results.id, scope.resultId));
    if (!r) throw new AppError('RESULT_NOT_FOUND');
    orgId = r.org;
  } else {
    orgId = scope.orgId;
  }
  // An institution exports only its own dossiers; oversight those within its scope (subjects.ts).
  if (actor.type === 'member' ? actor.orgId !== orgId : !(await isOversight(db, actor, orgId))) {
    throw new AppError(scope.kind === 'result' ? 'RESULT_NOT_FOUND' : 'FORBIDDEN');
  }
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new AppError('ORG_NOT_FOUND');

  if (scope.kind === 'result') {
    const [r] = await db.select({ title: results.title }).from(results).where(eq(results.id, scope.resultId));
    const listingIds = (
      await db.select({ id: listings.id }).from(listings).where(eq(listings.resultId, scope.resultId))
    ).map((l) => l.id);
    // The result's conversions (their contracts share the conversion's id) and their payments.
    const conversionIds = (
      await db.select({ id: conversions.id }).from(conversions).where(eq(conversions.resultId, scope.resultId))
    ).map((c) => c.id);
    const paymentIds = conversionIds.length
      ? (await db.select({ id: payments.id }).from(payments).where(inArray(payments.conversionId, conversionIds))).map(
          (p) => p.id,
        )
      : [];
    // 措施一、六: its grant and transfer decisions (their documents and any records kept on them).
    const grantIds = (
      await db.select({ id: rightsGrants.id }).from(rightsGrants).where(eq(rightsGrants.resultId, scope.resultId))
    ).map((g) => g.id);
    const subjectIds = [scope.resultId, ...listingIds, ...conversionIds, ...paymentIds, ...grantIds];
    return {
      orgId,
      orgName: org.name,
      title: `${org.name}：科技成果“${r!.title}”尽职免责档案`,
      scope: { kind: 'result', resultId: scope.resultId, orgId },
      decisions: and(eq(decisionRecords.orgId, orgId), inArray(decisionRecords.subjectId, subjectIds))!,
      documents: and(eq(documents.orgId, orgId), inArray(documents.subjectId, subjectIds))!,
      events: or(
        inArray(auditLog.targetId, subjectIds),
        sql`${auditLog.details}->>'subjectId' in (${sql.join(
          subjectIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      )!,
    };
  }
  const { from, to } = scope;
  return {
    orgId,
    orgName: org.name,
    title: `${org.name}：${from.toISOString().slice(0, 10)} 至 ${to.toISOString().slice(0, 10)} 尽职免责档案`,
    scope: { kind: 'period', orgId, from: from.toISOString(), to: to.toISOString() },
    decisions: and(
      eq(decisionRecords.orgId, orgId),
      gte(decisionRecords.createdAt, from),
      lt(decisionRecords.createdAt, to),
    )!,
    documents: and(eq(documents.orgId, orgId), gte(documents.createdAt, from), lt(documents.createdAt, to))!,
    events: and(eq(auditLog.actorOrgId, orgId), gte(auditLog.createdAt, from), lt(auditLog.createdAt, to))!,
  };
}

/**
 * Keyset pages, each read as soon as the one before has arrived, so the round trip overlaps the work
 * on that page (small pages are many reads). `read` takes the previous page's last row; a drizzle
 * query runs each time it is awaited, so it is awaited once, through Promise.resolve.
 */
async function* pages<T>(read: (after: T | null) => PromiseLike<T[]>): AsyncGenerator<T[]> {
  let next: Promise<T[]> | null = Promise.resolve(read(null));
  while (next) {
    const rows: T[] = await next;
    next = rows.length === PAGE ? Promise.resolve(read(rows[rows.length - 1]!)) : null;
    // A page read ahead that nobody asks for (the export failed) must not be an unhandled rejection.
    next?.catch(() => undefined);
    if (rows.length > 0) yield rows;
  }
}

/** Decision records of the dossier in pages (keyset on created_at, id), oldest first. */
type DecisionWithName = { d: typeof decisionRecords.$inferSelect; deciderName: string | null };

function decisionPages(db: DbOrTx, where: SQL): AsyncGenerator<DecisionWithName[]> {
  return pages<DecisionWithName>((after) =>
    db
      .select({ d: decisionRecords, deciderName: users.displayName })
      .from(decisionRecords)
      .leftJoin(users, eq(users.id, decisionRecords.decidedBy))
      .where(
        after
          ? and(
              where,
              sql`(${decisionRecords.createdAt}, ${decisionRecords.id}) > (${after.d.createdAt.toISOString()}::timestamptz, ${after.d.id}::uuid)`,
            )
          : where,
      )
      .orderBy(asc(decisionRecords.createdAt), asc(decisionRecords.id))
      .limit(PAGE),
  );
}

function eventPages(db: DbOrTx, where: SQL) {
  const read = (afterId: number) =>
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        beforeStatus: auditLog.beforeStatus,
        afterStatus: auditLog.afterStatus,
        reason: auditLog.reason,
        details: auditLog.details,
        actorName: users.displayName,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(where, sql`${auditLog.id} > ${afterId}`))
      .orderBy(asc(auditLog.id))
      .limit(PAGE);
  return pages<Awaited<ReturnType<typeof read>>[number]>((after) => read(after?.id ?? 0));
}

/** A JSON array streamed a page at a time (one chunk per page, not one per element). */
function jsonArrayStream<T>(pages: AsyncGenerator<T[]>, map: (row: T) => unknown): Readable {
  return Readable.from(
    (async function* () {
      let first = true;
      yield '[\n';
      for await (const page of pages) {
        let chunk = '';
        for (const row of page) {
          chunk += `${first ? '' : ',\n'}${JSON.stringify(map(row))}`;
          first = false;
        }
        yield chunk;
      }
      yield '\n]\n';
    })(),
  );
}

/** Hashes and counts what passes through, for the manifest. */
function hashing(onDone: (sha256: string, size: number) => void): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      onDone(hash.digest('hex'), size);
      done();
    },
  });
}

export interface DossierStream {
  stream: Readable;
  filename: string;
  /** Resolves with the dossier's hash once the last byte has been produced. */
  done: Promise<{ manifestSha256: string; files: number }>;
}

/**
 * Start a dossier export; read `stream` to drive it. The export is recorded (dossier_exports and the
 * audit trail) once the manifest is known.
 */
export async function exportDossier(
  ctx: ServiceContext,
  storage: DocumentStorage,
  actor: Actor,
  scope: DossierScope,
): Promise<DossierStream> {
  const r = await resolveScope(ctx.db, actor, scope);
  const createdAt = ctx.now();
  const zip = new ZipFile();
  const files: ManifestFile[] = [];
  // Stored, not deflated: PDFs, images and Office files are compressed already, and a stored
  // entry keeps a changed byte a changed file hash (npm run dossier:verify names it).
  const entryOpts = { compress: false, mtime: createdAt };

  const add = (path: string, open: () => Promise<Readable>) =>
    new Promise<void>((resolve, reject) => {
      zip.addReadStreamLazy(path, entryOpts, (cb) => {
        open().then(
          (source) => {
            const h = hashing((sha256, size) => {
              files.push({ path, size, sha256 });
              resolve();
            });
            source.on('error', (err) => {
              h.destroy(err);
              reject(err);
            });
            cb(null, source.pipe(h));
          },
          (err: unknown) => {
            cb(err, new PassThrough());
            reject(err);
          },
        );
      });
    });

  const entries: Promise<void>[] = [];
  entries.push(
    add('summary.pdf', async () => {
      const pdf = new StreamedPdf({ title: r.title, author: '辽宁省科技成果转化平台', fonts: ctx.config.pdfFonts });
      const out = new PassThrough();
      pdf.stream.pipe(out);
      void writeSummary(pdf, r.title, createdAt, decisionPages(ctx.db, r.decisions), eventPages(ctx.db, r.events))
        .then(() => pdf.end())
        .catch((err: unknown) => out.destroy(err as Error));
      return out;
    }),
  );
  entries.push(
    add('records.json', async () =>
      jsonArrayStream(decisionPages(ctx.db, r.decisions), ({ d, deciderName }) => ({
        ...d,
        decidedByName: deciderName,
      })),
    ),
  );
  entries.push(add('events.json', async () => jsonArrayStream(eventPages(ctx.db, r.events), (e) => e)));

  const docs = await ctx.db
    .select({
      id: documents.id,
      filename: documents.filename,
      kind: documents.kind,
      storageKey: documents.storageKey,
      sha256: documents.sha256,
      sizeBytes: documents.sizeBytes,
      subjectType: documents.subjectType,
      subjectId: documents.subjectId,
      createdAt: documents.createdAt,
    })
    .from(documents)
    .where(r.documents)
    .orderBy(asc(documents.createdAt), asc(documents.id));
  entries.push(
    add('documents.json', async () =>
      Readable.from([
        JSON.stringify(
          docs.map((d) => ({ ...d, kindText: DOCUMENT_KIND_TEXT[d.kind], path: `documents/${d.id}-${d.filename}` })),
          null,
          1,
        ),
      ]),
    ),
  );
  for (const d of docs) entries.push(add(`documents/${d.id}-${d.filename}`, () => storage.get(d.storageKey)));

  const done = (async () => {
    await Promise.all(entries);
    const manifestBytes = serializeManifest({
      format: DOSSIER_FORMAT,
      title: r.title,
      scope: r.scope,
      createdAt: createdAt.toISOString(),
      files: [...files].sort((a, b) => (a.path < b.path ? -1 : 1)),
    });
    const { hash, bytes } = manifestHashFile(manifestBytes);
    zip.addBuffer(manifestBytes, MANIFEST_PATH, entryOpts);
    zip.addBuffer(bytes, MANIFEST_HASH_PATH, entryOpts);
    zip.end();
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(dossierExports)
        .values({
          orgId: r.orgId,
          resultId: scope.kind === 'result' ? scope.resultId : null,
          periodFrom: scope.kind === 'period' ? scope.from : null,
          periodTo: scope.kind === 'period' ? scope.to : null,
          manifestSha256: hash,
          files: files.length,
          exportedBy: actor.type === 'system' ? null : actor.userId,
          createdAt,
        })
        .returning({ id: dossierExports.id });
      await writeAudit(tx, {
        actor,
        action: 'dossier.exported',
        targetType: 'dossier',
        targetId: row!.id,
        details: { manifestSha256: hash, files: files.length, scope: r.scope },
        at: createdAt,
      });
    });
    return { manifestSha256: hash, files: files.length };
  })();
  // The stream reports a failed export as an error; the promise is for callers that want the hash.
  done.catch((err: unknown) => (zip.outputStream as Readable).destroy(err as Error));

  const day = createdAt.toISOString().slice(0, 10);
  return { stream: zip.outputStream as Readable, filename: `dossier-${r.scope.resultId ?? r.orgId}-${day}.zip`, done };
}
