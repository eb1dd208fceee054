// One contract for every document storage: the local directory, s3rver (always), and a real
// S3/MinIO when S3_ENDPOINT is set.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalStorage,
  createS3Storage,
  StorageKeyExistsError,
  StorageKeyMissingError,
  type DocumentStorage,
} from '../../platform/storage/index.js';
import { realS3, startS3rver, type S3Target } from '../helpers/s3.js';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface Subject {
  storage: DocumentStorage;
  teardown(): Promise<void>;
}

function contract(label: string, make: () => Promise<Subject>) {
  describe(`document storage contract: ${label}`, () => {
    let s: Subject;
    beforeAll(async () => {
      s = await make();
      await s.storage.init();
      await s.storage.init(); // idempotent
    });
    afterAll(async () => {
      await s.storage.close();
      await s.teardown();
    });

    it('stores and returns the same bytes', async () => {
      const key = `t/${randomUUID()}`;
      const data = randomBytes(300_000);
      expect(await s.storage.exists(key)).toBe(false);
      await s.storage.put(key, Readable.from([data.subarray(0, 1000), data.subarray(1000)]), data.length);
      expect(await s.storage.exists(key)).toBe(true);
      expect((await bytesOf(await s.storage.get(key))).equals(data)).toBe(true);
    });

    it('never overwrites a key', async () => {
      const key = `t/${randomUUID()}`;
      await s.storage.put(key, Readable.from([Buffer.from('first')]), 5);
      await expect(s.storage.put(key, Readable.from([Buffer.from('other')]), 5)).rejects.toBeInstanceOf(
        StorageKeyExistsError,
      );
      expect((await bytesOf(await s.storage.get(key))).toString()).toBe('first');
    });

    it('says when a key is missing', async () => {
      await expect(s.storage.get(`t/${randomUUID()}`)).rejects.toBeInstanceOf(StorageKeyMissingError);
    });

    it('leaves nothing under the key when the body fails midway', async () => {
      const key = `t/${randomUUID()}`;
      const broken = new Readable({
        read() {
          this.push(Buffer.alloc(1024, 1));
          this.destroy(new Error('client went away'));
        },
      });
      await expect(s.storage.put(key, broken, 10_000)).rejects.toThrow();
      expect(await s.storage.exists(key)).toBe(false);
    });

    it('refuses keys that could leave the store', async () => {
      await expect(s.storage.put('../escape', Readable.from([Buffer.from('x')]), 1)).rejects.toThrow(/invalid/);
      await expect(s.storage.get('/etc/passwd')).rejects.toThrow(/invalid/);
    });
  });
}

contract('local directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'docs-'));
  return {
    storage: createLocalStorage(dir),
    async teardown() {
      // No spooled leftovers after the failed put.
      expect(await readdir(join(dir, '.incoming'))).toEqual([]);
      await rm(dir, { recursive: true, force: true });
    },
  };
});

function s3Contract(label: string, start: () => Promise<S3Target>) {
  contract(label, async () => {
    const target = await start();
    return { storage: createS3Storage(target.options), teardown: () => target.stop() };
  });
}

s3Contract('S3 (s3rver)', () => startS3rver(`jb-test-${randomUUID().slice(0, 8)}`));
const real = realS3();
if (real) s3Contract(real.label, async () => real);
