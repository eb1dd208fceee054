// Which failures mean "a dependency is unreachable" rather than "a bug": those are answered 503 with
// Retry-After in the error shape instead of 500, and are not logged as unhandled (the dependency's
// health line already says it is down, once).

/** Seconds a client is told to wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

// SQLSTATE class 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot
// connect now: pg_terminate_backend, a restart); errno codes of a dropped or refused socket.
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

const UNAVAILABLE_MESSAGES = [
  'Connection terminated', // pg: the backend went away mid-statement
  'not queryable', // pg: a client that already lost its connection
  'timeout exceeded when trying to connect', // pg-pool
  'Connection is closed', // ioredis
  "Stream isn't writeable", // ioredis without the offline queue
];

/** Whether `err` (or anything in its `cause` chain: drizzle wraps driver errors) is a lost dependency. */
export function isDependencyUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'MaxRetriesPerRequestError') return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (UNAVAILABLE_MESSAGES.some((m) => e instanceof Error && e.message.includes(m))) return true;
  }
  return false;
}
