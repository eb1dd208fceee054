// Documents in a local directory (DOCUMENT_DIR). A file is written beside its final name and then
// hard-linked into place: link() fails when the name exists, so nothing is overwritten, and a
// reader never sees half a file.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, link, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { assertKey, StorageKeyExistsError, StorageKeyMissingError, type DocumentStorage } from './types.js';

export function createLocalStorage(dir: string): DocumentStorage {
  const tmpDir = join(dir, '.incoming');
  const pathOf = (key: string) => {
    assertKey(key);
    return join(dir, key);
  };
  return {
    name: 'local',
    async init() {
      await mkdir(tmpDir, { recursive: true });
    },
    async put(key, body, size) {
      const target = pathOf(key);
      const tmp = join(tmpDir, randomUUID());
      try {
        await pipeline(body, createWriteStream(tmp, { flags: 'wx' }));
        const written = (await stat(tmp)).size;
        if (written !== size) throw new Error(`expected ${size} bytes for ${key}, got ${written}`);
        await mkdir(dirname(target), { recursive: true });
        await link(tmp, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new StorageKeyExistsError(key);
        throw err;
      } finally {
        await rm(tmp, { force: true });
      }
    },
    async get(key) {
      const path = pathOf(key);
      try {
        await access(path);
      } catch {
        throw new StorageKeyMissingError(key);
      }
      return createReadStream(path);
    },
    async exists(key) {
      try {
        await access(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async close() {},
  };
}
