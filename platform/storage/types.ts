// Where document bytes live (措施十四 evidence): behind one interface, a local directory by default or
// S3-compatible object storage. PostgreSQL holds what a document is (documents table); the storage
// holds only bytes under opaque keys. Nothing is ever overwritten.
import type { Readable } from 'node:stream';

export interface DocumentStorage {
  readonly name: 'local' | 's3';
  /** Create the directory or check the bucket; idempotent. */
  init(): Promise<void>;
  /**
   * Store `size` bytes read from `body` under a new key. Refuses (StorageKeyExistsError) a key that
   * is already taken; on failure nothing is left under the key.
   */
  put(key: string, body: Readable, size: number): Promise<void>;
  /** The stored bytes; StorageKeyMissingError when there are none. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  close(): Promise<void>;
}

export class StorageKeyExistsError extends Error {
  constructor(readonly key: string) {
    super(`storage key already exists: ${key}`);
    this.name = 'StorageKeyExistsError';
  }
}

export class StorageKeyMissingError extends Error {
  constructor(readonly key: string) {
    super(`storage key not found: ${key}`);
    this.name = 'StorageKeyMissingError';
  }
}

/** Keys are ours (uuid-based); this keeps a bug from ever writing outside the store. */
export function assertKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9/_.-]{0,200}$/.test(key) || key.includes('..') || key.includes('//')) {
    throw new Error(`invalid storage key: ${key}`);
  }
}
