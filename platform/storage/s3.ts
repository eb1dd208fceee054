// Documents in S3-compatible object storage (AWS S3, MinIO; s3rver in the tests). Path-style
// addressing so that MinIO and s3rver work without DNS per bucket. Checksums only where S3 demands
// them: the SHA-256 we keep in PostgreSQL is the check that matters, and S3-compatible servers
// differ in the newer checksum headers.
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { assertKey, StorageKeyExistsError, StorageKeyMissingError, type DocumentStorage } from './types.js';

export interface S3StorageOptions {
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
}

function status(err: unknown): number | undefined {
  return err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
}

export function createS3Storage(o: S3StorageOptions): DocumentStorage {
  const client = new S3Client({
    region: o.region,
    ...(o.endpoint ? { endpoint: o.endpoint, forcePathStyle: true } : {}),
    ...(o.accessKeyId && o.secretAccessKey
      ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } }
      : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = o.bucket;

  async function exists(key: string): Promise<boolean> {
    assertKey(key);
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return true;
    } catch (err) {
      if (status(err) === 404) return false;
      throw err;
    }
  }

  return {
    name: 's3',
    async init() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (err) {
        if (status(err) !== 404) throw err;
        await client.send(new CreateBucketCommand({ Bucket }));
      }
    },
    async put(key, body, size) {
      if (await exists(key)) throw new StorageKeyExistsError(key);
      // A body that fails midway must abort the request (the SDK would otherwise wait for bytes
      // that never come); S3 then stores nothing under the key.
      const abort = new AbortController();
      let bodyError: unknown;
      const onError = (err: unknown) => {
        bodyError = err;
        abort.abort();
      };
      body.once('error', onError);
      try {
        // If-None-Match: * makes S3 and MinIO refuse an existing key atomically (the check above
        // covers servers that ignore it).
        await client.send(
          new PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: size, IfNoneMatch: '*' }),
          { abortSignal: abort.signal },
        );
      } catch (err) {
        if (bodyError) throw bodyError;
        if (status(err) === 412) throw new StorageKeyExistsError(key);
        throw err;
      } finally {
        body.off('error', onError);
      }
    },
    async get(key) {
      assertKey(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return out.Body as Readable;
      } catch (err) {
        if (status(err) === 404) throw new StorageKeyMissingError(key);
        throw err;
      }
    },
    exists,
    async close() {
      client.destroy();
    },
  };
}
