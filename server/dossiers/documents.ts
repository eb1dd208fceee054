// 措施十四 evidence files. An upload is streamed to a spool file while it is hashed and counted
// (never held in memory), its type is read from the content, and only a file that passes every
// check is handed to the storage and recorded. An interrupted or refused upload leaves neither a
// file nor a row.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, desc, eq } from 'drizzle-orm';
import { fileTypeFromFile } from 'file-type';
import type { Actor, MemberActor } from '../../domain/actor.js';
import type { DocumentKind, DossierSubject } from '../../domain/constants/dossiers.js';
import { acceptDocumentType, cleanFilename } from '../../domain/documents.js';
import { AppError } from '../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { documents } from '../../db/schema/index.js';
import { emit, writeAudit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import type { DocumentStorage } from '../../platform/storage/index.js';
import { assertMayRead, assertOwner, mayRead, subjectParties } from './subjects.js';

export type DocumentRow = typeof documents.$inferSelect;

export interface UploadInput {
  subjectType: DossierSubject;
  subjectId: string;
  kind: DocumentKind;
  filename: string;
  file: Readable;
}

/** @fastify/multipart's error when a file passes the size limit. */
function isTooLarge(err: unknown): boolean {
  return (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
}

export async function uploadDocument(
  ctx: ServiceContext,
  storage: DocumentStorage,
  actor: MemberActor,
  input: UploadInput,
): Promise<DocumentRow> {
  const parties = await subjectParties(ctx.db, input.subjectType, input.subjectId);
  assertOwner(actor, parties);
  const filename = cleanFilename(input.filename);
  const { maxSize, spoolDir } = ctx.config.documents;
  await mkdir(spoolDir, { recursive: true });
  const spool = join(spoolDir, randomUUID());
  try {
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxSize) return done(Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE' }));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(input.file, meter, createWriteStream(spool, { flags: 'wx' }));
    } catch (err) {
      if (isTooLarge(err)) throw tooLarge(maxSize);
      throw err;
    }
    if ((input.file as { truncated?: boolean }).truncated) throw tooLarge(maxSize);
    if (size === 0) throw new AppError('DOCUMENT_FILE_REQUIRED', undefined, '上传的文件是空的');
    const detected = await fileTypeFromFile(spool);
    const mediaType = acceptDocumentType(filename, detected?.mime);

    const id = randomUUID();
    const storageKey = `${input.subjectType}/${input.subjectId}/${id}`;
    await storage.put(storageKey, createReadStream(spool), (await stat(spool)).size);
    const sha256 = hash.digest('hex');
    return await ctx.db.transaction(async (tx) => {
      const at = ctx.now();
      const [row] = await tx
        .insert(documents)
        .values({
          id,
          orgId: parties.ownerOrgId,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          kind: input.kind,
          filename,
          mediaType,
          sizeBytes: size,
          sha256,
          storageKey,
          uploadedBy: actor.userId,
          uploadedByOrgId: actor.orgId,
          createdAt: at,
        })
        .returning();
      await writeAudit(tx, {
        actor,
        action: 'document.uploaded',
        targetType: 'document',
        targetId: id,
        details: { subjectType: input.subjectType, subjectId: input.subjectId, kind: input.kind, sha256, size },
        at,
      });
      await emit(tx, 'document.uploaded', {
        documentId: id,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
      });
      return row!;
    });
  } finally {
    await rm(spool, { force: true });
  }
}

function tooLarge(maxSize: number): AppError {
  const mb = Math.floor(maxSize / (1024 * 1024));
  return new AppError(
    'DOCUMENT_TOO_LARGE',
    undefined,
    `文件超过大小上限（${mb > 0 ? `${mb} MB` : `${maxSize} 字节`}）`,
  );
}

export async function listDocuments(
  db: DbOrTx,
  actor: Actor,
  subjectType: DossierSubject,
  subjectId: string,
): Promise<DocumentRow[]> {
  await assertMayRead(db, actor, await subjectParties(db, subjectType, subjectId));
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.subjectType, subjectType), eq(documents.subjectId, subjectId)))
    .orderBy(desc(documents.createdAt), desc(documents.id));
}

/** The row and its bytes, for the parties, their operators and oversight. */
export async function openDocument(
  db: DbOrTx,
  storage: DocumentStorage,
  actor: Actor,
  id: string,
): Promise<{ doc: DocumentRow; body: Readable }> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, id));
  if (!doc) throw new AppError('DOCUMENT_NOT_FOUND');
  const parties = await subjectParties(db, doc.subjectType, doc.subjectId);
  // Someone who may not read it learns nothing about it, not even that it exists.
  if (!(await mayRead(db, actor, parties))) throw new AppError('DOCUMENT_NOT_FOUND');
  return { doc, body: await storage.get(doc.storageKey) };
}
