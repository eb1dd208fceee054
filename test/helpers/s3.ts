// An S3-compatible server for the storage contract suite: s3rver (npm) on a free port, or the real
// S3/MinIO named by S3_ENDPOINT (with S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3StorageOptions } from '../../platform/storage/index.js';

export interface S3Target {
  label: string;
  options: S3StorageOptions;
  stop(): Promise<void>;
}

export async function startS3rver(bucket: string): Promise<S3Target> {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [] });
  const address: AddressInfo = await server.run();
  return {
    label: 's3rver',
    options: {
      endpoint: `http://127.0.0.1:${address.port}`,
      region: 'us-east-1',
      bucket,
      // s3rver's fixed development credentials.
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The real S3/MinIO of the environment, when S3_ENDPOINT is set. */
export function realS3(): S3Target | null {
  const endpoint = process.env.S3_ENDPOINT;
  if (!endpoint) return null;
  return {
    label: `S3_ENDPOINT ${endpoint}`,
    options: {
      endpoint,
      region: process.env.S3_REGION || 'us-east-1',
      bucket: process.env.S3_BUCKET || 'jiebang-test',
      accessKeyId: process.env.S3_ACCESS_KEY_ID || null,
      secretAccessKey: process.env.S3_SECRET_ACCESS_KEY || null,
    },
    async stop() {},
  };
}
