// The one way the web app talks to the api: JSON under /api/v1, the session cookie sent by the
// browser, the CSRF token attached to every state-changing request, and every failure turned into
// an ApiError whose message is the Chinese text the api chose (never raw JSON).

import { serverClock } from '../server-clock.js';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | null;

  constructor(code: string, message: string, status: number, details?: unknown, requestId?: string | null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.requestId = requestId ?? null;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: '提交的数据不符合要求',
  401: '请先登录',
  403: '您无权执行此操作',
  404: '请求的资源不存在',
  409: '当前状态下不能执行此操作',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
  502: '服务暂时不可用，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
  504: '服务响应超时，请稍后再试',
};

let csrfToken: string | null = null;

type Transport = (url: string, init: RequestInit) => Promise<Response>;
let transport: Transport = (url, init) => fetch(url, init);

/** Where requests go: the browser's fetch, or the api in-process when the server renders a page. */
export function setApiTransport(t: Transport): void {
  transport = t;
}

/** Set from the login / register / me responses; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await res.json();
  } catch {
    // Not JSON (a proxy error page, say): the status-based message below.
    payload = null;
  }
  const envelope = payload as {
    error?: { code?: unknown; message?: unknown; details?: unknown };
    requestId?: unknown;
  } | null;
  const err = envelope?.error;
  const requestId = typeof envelope?.requestId === 'string' ? envelope.requestId : null;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(err.code, err.message, res.status, err.details, requestId);
  }
  const message = FALLBACK_MESSAGES[res.status] ?? (res.status >= 500 ? '服务器内部错误，请稍后再试' : '请求失败');
  return new ApiError(res.status >= 500 ? 'INTERNAL' : 'HTTP_' + res.status, message, res.status, undefined, requestId);
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (a file upload) sets its own multipart content type with the boundary.
  const multipart = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  if (opts.body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    const sentAt = Date.now();
    const res = await transport(API_BASE + path + buildQuery(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : multipart ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
    // Every response tells the server's time; countdowns read it rather than the PC's clock.
    serverClock.note(res.headers.get('date'), sentAt, Date.now());
    return res;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('NETWORK', '网络连接失败，请检查网络后重试', 0);
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  const res = await send('GET', '/me', {});
  if (!res.ok) return false;
  const me = (await res.json()) as { csrfToken?: string };
  if (!me.csrfToken) return false;
  setCsrfToken(me.csrfToken);
  return true;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (!res.ok) {
    let error = await toApiError(res);
    // The token may have rotated (another tab logged in again): fetch the current one and retry once.
    if (error.code === 'CSRF_TOKEN_INVALID' && (await refreshCsrfToken())) {
      res = await send(method, path, opts);
      if (res.ok) return parseBody<T>(res);
      error = await toApiError(res);
    }
    throw error;
  }
  return parseBody<T>(res);
}

async function parseBody<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  /** A multipart upload of one file in the field `file` (documents, dossier verification). */
  upload: <T>(path: string, file: Blob, filename: string, query?: Record<string, QueryValue>) => {
    const form = new FormData();
    form.append('file', file, filename);
    return request<T>('POST', path, { body: form, query });
  },
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path, {}),
};

/** The message a user should read for any thrown value. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作失败，请稍后重试';
}
