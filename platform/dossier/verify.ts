// Offline check of a dossier ZIP (npm run dossier:verify, and the web app's upload check): every
// file is re-hashed as it streams out of the archive — a dossier of any size costs one file's
// buffer — and compared with the manifest, and the manifest with its recorded hash.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { DOSSIER_FORMAT, MANIFEST_HASH_PATH, MANIFEST_PATH, type Manifest, sha256Hex } from './manifest.js';

export interface VerifyReport {
  ok: boolean;
  /** SHA-256 of manifest.json as found in the file (the dossier's identity when ok). */
  manifestSha256: string | null;
  title: string | null;
  files: number;
  bytes: number;
  /** Files whose content differs from the manifest. */
  changed: string[];
  /** Files the manifest lists that the archive lacks. */
  missing: string[];
  /** Files in the archive the manifest does not list. */
  unexpected: string[];
  /** Problems with the manifest itself (absent, unreadable, hash differs). */
  problems: string[];
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

function entryStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))),
  );
}

async function digest(stream: Readable, keep: boolean): Promise<{ sha256: string; size: number; data?: Buffer }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    hash.update(b);
    size += b.length;
    if (keep) chunks.push(b);
  }
  return { sha256: hash.digest('hex'), size, ...(keep ? { data: Buffer.concat(chunks) } : {}) };
}

/** Verify the dossier at `path`. Never throws for a damaged dossier: the report says what is wrong. */
export async function verifyDossier(path: string): Promise<VerifyReport> {
  const report: VerifyReport = {
    ok: false,
    manifestSha256: null,
    title: null,
    files: 0,
    bytes: 0,
    changed: [],
    missing: [],
    unexpected: [],
    problems: [],
  };
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    report.problems.push(`不是可读取的 ZIP 文件：${(err as Error).message}`);
    return report;
  }
  const found = new Map<string, { sha256: string; size: number } | 'unreadable'>();
  let manifestBytes: Buffer | null = null;
  let recordedHash: string | null = null;

  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      void (async () => {
        const name = entry.fileName;
        if (!name.endsWith('/')) {
          try {
            const isMeta = name === MANIFEST_PATH || name === MANIFEST_HASH_PATH;
            const d = await digest(await entryStream(zip, entry), isMeta);
            if (name === MANIFEST_PATH) manifestBytes = d.data!;
            else if (name === MANIFEST_HASH_PATH) recordedHash = d.data!.toString('utf8').trim().split(/\s+/)[0] ?? '';
            else found.set(name, { sha256: d.sha256, size: d.size });
            report.bytes += d.size;
          } catch {
            // A damaged entry (bad sizes or compressed data) is a changed file.
            found.set(name, 'unreadable');
          }
        }
        zip.readEntry();
      })().catch(reject);
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  }).catch((err: Error) => report.problems.push(`ZIP 文件已损坏：${err.message}`));

  if (!manifestBytes) {
    report.problems.push(`缺少 ${MANIFEST_PATH}`);
    return report;
  }
  const manifestHash = sha256Hex(manifestBytes);
  report.manifestSha256 = manifestHash;
  if (!recordedHash) report.problems.push(`缺少 ${MANIFEST_HASH_PATH}`);
  else if (recordedHash !== manifestHash)
    report.problems.push(`${MANIFEST_PATH} 已被改动（与 ${MANIFEST_HASH_PATH} 不符）`);

  let manifest: Manifest;
  try {
    manifest = JSON.parse((manifestBytes as Buffer).toString('utf8')) as Manifest;
    if (manifest.format !== DOSSIER_FORMAT || !Array.isArray(manifest.files)) throw new Error('format');
  } catch {
    report.problems.push(`${MANIFEST_PATH} 无法解析或不是档案清单`);
    return report;
  }
  report.title = manifest.title;
  report.files = manifest.files.length;
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const got = found.get(f.path);
    if (!got) report.missing.push(f.path);
    else if (got === 'unreadable' || got.sha256 !== f.sha256 || got.size !== f.size) report.changed.push(f.path);
  }
  for (const name of found.keys()) if (!listed.has(name)) report.unexpected.push(name);
  report.ok =
    report.problems.length === 0 &&
    report.changed.length === 0 &&
    report.missing.length === 0 &&
    report.unexpected.length === 0;
  return report;
}

/** The report in Chinese, one finding per line (the CLI prints it; the web app shows the same). */
export function describeReport(r: VerifyReport): string[] {
  const lines: string[] = [];
  if (r.title) lines.push(`档案：${r.title}`);
  if (r.manifestSha256) lines.push(`清单哈希（SHA-256）：${r.manifestSha256}`);
  lines.push(`清单所列文件：${r.files} 个`);
  for (const p of r.problems) lines.push(`问题：${p}`);
  for (const f of r.changed) lines.push(`已被改动：${f}`);
  for (const f of r.missing) lines.push(`缺失：${f}`);
  for (const f of r.unexpected) lines.push(`清单外的文件：${f}`);
  lines.push(r.ok ? '结论：档案完整，未被改动。' : '结论：档案不完整或已被改动。');
  return lines;
}
