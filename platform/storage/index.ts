import type { Config } from '../config.js';
import { createLocalStorage } from './local.js';
import { createS3Storage } from './s3.js';
import type { DocumentStorage } from './types.js';

export * from './types.js';
export { createLocalStorage } from './local.js';
export { createS3Storage, type S3StorageOptions } from './s3.js';

/** The configured document storage (DOCUMENT_STORAGE); call init() before use. */
export function createDocumentStorage(config: Config): DocumentStorage {
  const d = config.documents;
  if (d.storage === 's3') return createS3Storage(d.s3);
  return createLocalStorage(d.dir);
}
