// The Meilisearch engine's connection, shared by its parts: the official client and the index
// uid, task waiting that fails loudly (a failed task throws; 2 min, not the client's 5 s), and
// transport failures turned into a typed 503.

import {
  Meilisearch,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Index,
  type Task,
} from 'meilisearch';
import { AppError } from '../domain/errors.js';
import { meilisearchSettings, type MeiliDocument } from './meili-schema.js';

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string | null;
  /** Default `listings`. */
  indexUid?: string;
  /** How long to wait for an indexing task (the client's default, 5 s, is too short for bulk work). */
  taskTimeoutMs?: number;
  /** Per HTTP request. */
  requestTimeoutMs?: number;
}

export class MeiliClient {
  readonly client: Meilisearch;
  readonly uid: string;
  private readonly taskTimeoutMs: number;

  constructor(options: MeilisearchEngineOptions) {
    this.uid = options.indexUid ?? 'listings';
    if (!/^[a-zA-Z0-9_-]{1,200}$/.test(this.uid)) throw new Error(`invalid Meilisearch index uid "${this.uid}"`);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.client = new Meilisearch({
      host: options.host,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: options.requestTimeoutMs ?? 10_000,
      defaultWaitOptions: { timeout: this.taskTimeoutMs, interval: 50 },
    });
  }

  get index(): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(this.uid);
  }

  /** Waits for a task and fails loudly unless it succeeded (waitTask itself resolves on failure too). */
  async wait(task: EnqueuedTaskPromise, what: string, allowedErrors: string[] = []): Promise<Task> {
    const done = await task.waitTask({ timeout: this.taskTimeoutMs, interval: 50 });
    if (done.status === 'succeeded') return done;
    if (done.error && allowedErrors.includes(done.error.code)) return done;
    throw new Error(
      `Meilisearch task ${done.uid} (${what}) ${done.status}: ${done.error?.message ?? 'no error given'}`,
    );
  }

  /** Transport failures become a typed 503; anything else is a bug and propagates. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (
        err instanceof MeilisearchRequestError ||
        err instanceof MeilisearchRequestTimeOutError ||
        err instanceof MeilisearchTaskTimeOutError
      ) {
        throw new AppError('UNAVAILABLE', undefined, '搜索服务暂时不可用，请稍后再试');
      }
      throw err;
    }
  }

  async prepare(uid: string): Promise<void> {
    await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }), `create ${uid}`, ['index_already_exists']);
    await this.wait(this.client.index(uid).updateSettings(meilisearchSettings()), `settings ${uid}`);
  }
}
