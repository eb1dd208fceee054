// The request behind the code that runs now: the api enters it per request (server/plugins/
// request-id.ts), `emit` stamps it on outbox rows, the relay hands it to jobs, and the worker's log
// lines name it — so one id follows a change from the HTTP request to the deadline job it scheduled.
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}
