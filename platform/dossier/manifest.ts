// The dossier package format (措施十四): a ZIP whose manifest.json lists every other file with its
// size and SHA-256, and whose manifest.sha256 holds the SHA-256 of manifest.json itself. The hash of
// the manifest identifies the dossier (a determination cites it); changing any byte of any file
// changes a file hash, and changing the manifest to match changes the dossier hash.
import { createHash } from 'node:crypto';

export const DOSSIER_FORMAT = 'jiebang-dossier/1';
export const MANIFEST_PATH = 'manifest.json';
export const MANIFEST_HASH_PATH = 'manifest.sha256';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof DOSSIER_FORMAT;
  /** What the dossier covers, in words and ids. */
  title: string;
  scope: Record<string, string | null>;
  createdAt: string;
  files: ManifestFile[];
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The manifest's bytes: stable key order, one file per line, so a reader can diff two dossiers. */
export function serializeManifest(m: Manifest): Buffer {
  const head = { format: m.format, title: m.title, scope: m.scope, createdAt: m.createdAt };
  const files = m.files.map((f) => `    ${JSON.stringify({ path: f.path, size: f.size, sha256: f.sha256 })}`);
  const text = `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "files": [\n${files.join(',\n')}\n  ]\n}\n`;
  return Buffer.from(text, 'utf8');
}

/** manifest.sha256 in the `sha256sum` format, so `sha256sum -c manifest.sha256` checks it too. */
export function manifestHashFile(manifestBytes: Buffer): { hash: string; bytes: Buffer } {
  const hash = sha256Hex(manifestBytes);
  return { hash, bytes: Buffer.from(`${hash}  ${MANIFEST_PATH}\n`, 'utf8') };
}
