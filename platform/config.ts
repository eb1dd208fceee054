// Configuration is read from the environment once, at boot, and validated here. Nothing else in
// the code base reads process.env. A bad value stops the process with a message naming the variable.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIP } from 'node:net';
import { parseDuration, type Duration } from '../domain/duration.js';
import { HALF_MONTH_DAYS, isAtLeastHalfMonth } from '../domain/periods.js';
import { DEFAULT_PDF_FONTS, parseFontSpec, type PdfFonts } from './pdf/fonts.js';

export const SEARCH_ENGINES = ['postgres', 'meilisearch'] as const;
export const DOCUMENT_STORAGES = ['local', 's3'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface Config {
  nodeEnv: (typeof NODE_ENVS)[number];
  host: string;
  port: number;
  /** The worker's probe port (/healthz, /readyz); 0 turns the probes off. */
  workerPort: number;
  /** Bearer token for GET /metrics (api and worker probe port); null: /metrics answers 404 there. */
  metricsToken: string | null;
  /** A separate port serving only /metrics (for a private network); 0 turns it off. */
  metricsPort: number;
  /**
   * Which peers may set X-Forwarded-For/-Proto/-Host: `false` (none, the default), a hop count, or
   * addresses and CIDRs of the proxies. Anything else lets a client choose its own address and so
   * escape the per-client limits.
   */
  trustProxy: false | number | string[];
  /** The product's own address (no trailing slash): absolute links are built from it, never from request headers. */
  publicUrl: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every Redis key and BullMQ queue, so several deployments (or test files) share one Redis. */
  redisPrefix: string;
  logLevel: (typeof LOG_LEVELS)[number];
  sessionTtl: Duration;
  cookieSecure: boolean;
  loginRateLimitPerMinute: number;
  registerRateLimitPerHour: number;
  periods: {
    notice: Duration;
    /** 措施四: how long the institution has to decide after a notice ended with a standing objection. */
    objectionDecision: Duration;
    listing: Duration;
    showcase: Duration;
    selection: Duration;
    auctionStartLead: Duration;
    /** How long an auction handed over from the listing window runs (before soft-close extensions). */
    auctionDuration: Duration;
    auctionSoftClose: Duration;
  };
  /** How often each worker process re-checks every running deadline against PostgreSQL (DESIGN §3). */
  timerReconcileInterval: Duration;
  /** How long before a listing deadline its parties are reminded (domain/reminders.ts). */
  reminderLead: Duration;
  /** Accepted + refused bid attempts one user may make per 10 seconds (HTTP and every websocket together). */
  bidRateLimit: number;
  /** How often the auction sweeper starts and closes anything overdue (a safety net under the timer jobs). */
  auctionSweepInterval: Duration;
  /** How long published outbox rows are kept (for tracing what was sent) before the daily purge deletes them. */
  outboxRetention: Duration;
  /** 措施五: the pay-later pool's schedules (cron, Asia/Shanghai) and the payment reminder lead time. */
  pool: {
    scanCron: string;
    editionCron: string;
    reminderLead: Duration;
  };
  /**
   * How long an anonymous public read (listing list and detail, search, statistics) may be served
   * from the api's memory at most; events from the outbox drop entries sooner. Zero turns it off.
   */
  publicCacheTtl: Duration;
  /**
   * How long a contract export waits for its turn when EXPORT_CONNECTIONS are already streaming,
   * before it is refused with EXPORT_BUSY (docs/ledger.md "Exports").
   */
  exportWait: Duration;
  searchEngine: (typeof SEARCH_ENGINES)[number];
  /** How often the worker compares the search index with PostgreSQL and repairs what lags (DESIGN §7). */
  searchReconcileInterval: Duration;
  meiliHost: string | null;
  meiliApiKey: string | null;
  /** 措施十四 evidence files (platform/storage). */
  documents: {
    storage: (typeof DOCUMENT_STORAGES)[number];
    dir: string;
    /** Largest accepted upload, in bytes. */
    maxSize: number;
    /** Where an upload is spooled while it is hashed and checked, before it is stored. */
    spoolDir: string;
    s3: {
      endpoint: string | null;
      region: string;
      bucket: string;
      accessKeyId: string | null;
      secretAccessKey: string | null;
    };
  };
  /** The Chinese font embedded in every PDF (platform/pdf); `path` or `collection.ttc#Face`. */
  pdfFonts: PdfFonts;
  /** Outgoing mail (platform/mail.ts): SMTP when `smtpUrl` is set, else one .eml file per message in `dir`. */
  mail: {
    from: string;
    dir: string;
    smtpUrl: string | null;
  };
  /** How long a researcher's invitation link stays valid. */
  invitationTtl: Duration;
  seedDemo: boolean;
  serveWeb: boolean;
  webDist: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`配置错误 ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = str(env, name, fallback);
  if (!(allowed as readonly string[]).includes(v)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${v}"`);
  }
  return v as T;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name, String(fallback));
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return v;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name, String(fallback)).toLowerCase();
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function duration(env: Env, name: string, fallback: string): Duration {
  const raw = str(env, name, fallback);
  const d = parseDuration(raw);
  if (!d) throw new ConfigError(name, `must be an ISO-8601 duration such as P15D or PT2S, got "${raw}"`);
  return d;
}

/**
 * 措施四's half month (domain/periods.ts): in production the notice and the listing window may not be
 * shorter; development, tests and demos shorten them through configuration.
 */
function statutoryPeriod(env: Env, name: string, nodeEnv: Config['nodeEnv']): Duration {
  const d = duration(env, name, 'P15D');
  if (nodeEnv === 'production' && !isAtLeastHalfMonth(d)) {
    throw new ConfigError(
      name,
      `must be at least P${HALF_MONTH_DAYS}D in production (措施四: 半个月), got "${str(env, name, 'P15D')}"`,
    );
  }
  return d;
}

/** A duration that must be longer than nothing (a zero retention would purge what was just sent). */
function positiveDuration(env: Env, name: string, fallback: string): Duration {
  const d = duration(env, name, fallback);
  if (Object.values(d).every((v) => v === 0)) {
    throw new ConfigError(name, `must be longer than zero, got "${str(env, name, fallback)}"`);
  }
  return d;
}

// Five fields (minute hour day month weekday) or six (with seconds first), as BullMQ's job
// schedulers read them; each field made of digits, names, * , - / ? L W #.
const CRON_FIELD = /^[0-9A-Za-z*,\-/?#]+$/;

function cron(env: Env, name: string, fallback: string): string {
  const raw = str(env, name, fallback).trim();
  const fields = raw.split(/\s+/);
  if ((fields.length !== 5 && fields.length !== 6) || !fields.every((f) => CRON_FIELD.test(f))) {
    throw new ConfigError(name, `must be a cron pattern such as "30 2 * * *" (5 or 6 fields), got "${raw}"`);
  }
  return fields.join(' ');
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = str(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

/** `TRUST_PROXY`: empty/false → off; a number → that many hops; else a comma-separated list of IPs/CIDRs. */
function trustProxy(env: Env): Config['trustProxy'] {
  const raw = str(env, 'TRUST_PROXY', 'false').trim();
  if (raw.toLowerCase() === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) return int(env, 'TRUST_PROXY', 0, 1, 10);
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || rest.length) {
      throw new ConfigError(
        'TRUST_PROXY',
        `must be false, a hop count (1–10) or a comma-separated list of proxy addresses or CIDRs such as 10.0.0.0/8, got "${entry}"`,
      );
    }
  }
  return entries;
}

/** `PUBLIC_URL`: where users reach the product; defaults to this machine's port (set it in any deployment). */
function publicUrl(env: Env, port: number): string {
  const raw = url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']);
  const parsed = new URL(raw);
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new ConfigError('PUBLIC_URL', `must be a plain origin with an optional path, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** `METRICS_TOKEN`: unset (no /metrics behind a token), or at least 16 printable characters. */
function metricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN;
  if (!raw) return null;
  if (!/^[\x21-\x7e]{16,256}$/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN', 'must be 16–256 printable ASCII characters without spaces');
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');
  const searchEngine = oneOf(env, 'SEARCH_ENGINE', SEARCH_ENGINES, 'postgres');
  const meiliHost = env.MEILI_HOST ? url(env, 'MEILI_HOST', '', ['http:', 'https:']) : null;
  if (searchEngine === 'meilisearch' && !meiliHost) {
    throw new ConfigError('MEILI_HOST', 'is required when SEARCH_ENGINE=meilisearch');
  }
  const prefix = str(env, 'REDIS_PREFIX', 'jb');
  if (!/^[a-zA-Z0-9_-]{1,40}$/.test(prefix)) {
    throw new ConfigError('REDIS_PREFIX', 'must be 1–40 letters, digits, "_" or "-"');
  }
  const port = int(env, 'PORT', 3000, 0, 65535);
  return {
    nodeEnv,
    host: str(env, 'HOST', '0.0.0.0'),
    port,
    workerPort: int(env, 'WORKER_PORT', 3001, 0, 65535),
    metricsToken: metricsToken(env),
    metricsPort: int(env, 'METRICS_PORT', 0, 0, 65535),
    trustProxy: trustProxy(env),
    publicUrl: publicUrl(env, port),
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/jiebang', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix: prefix,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    sessionTtl: duration(env, 'SESSION_TTL', 'P7D'),
    cookieSecure: bool(env, 'COOKIE_SECURE', nodeEnv === 'production'),
    loginRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT', 10, 1, 100_000),
    registerRateLimitPerHour: int(env, 'REGISTER_RATE_LIMIT', 20, 1, 100_000),
    periods: {
      notice: statutoryPeriod(env, 'NOTICE_PERIOD', nodeEnv),
      objectionDecision: positiveDuration(env, 'OBJECTION_DECISION_PERIOD', 'P15D'),
      listing: statutoryPeriod(env, 'LISTING_PERIOD', nodeEnv),
      showcase: duration(env, 'SHOWCASE_PERIOD', 'P180D'),
      selection: duration(env, 'SELECTION_PERIOD', 'P15D'),
      auctionStartLead: duration(env, 'AUCTION_START_LEAD', 'P3D'),
      // 24 hours, the minimum bidding time of China's online judicial auctions (网络司法拍卖竞价时间不少于二十四小时).
      auctionDuration: duration(env, 'AUCTION_DURATION', 'P1D'),
      auctionSoftClose: duration(env, 'AUCTION_SOFT_CLOSE', 'PT5M'),
    },
    timerReconcileInterval: duration(env, 'TIMER_RECONCILE_INTERVAL', 'PT1M'),
    // A day ahead: the last day of a 15-day notice or window is when a party still has time to act.
    reminderLead: duration(env, 'REMINDER_LEAD', 'P1D'),
    bidRateLimit: int(env, 'BID_RATE_LIMIT', 30, 1, 1_000_000),
    auctionSweepInterval: duration(env, 'AUCTION_SWEEP_INTERVAL', 'PT2S'),
    outboxRetention: positiveDuration(env, 'OUTBOX_RETENTION', 'P7D'),
    pool: {
      // Daily at 02:30 Shanghai time; editions on the 1st of each month at 03:00, after that day's scan.
      scanCron: cron(env, 'POOL_SCAN_CRON', '30 2 * * *'),
      editionCron: cron(env, 'POOL_EDITION_CRON', '0 3 1 * *'),
      reminderLead: duration(env, 'PAYLATER_REMINDER_LEAD', 'P7D'),
    },
    // Off in tests by default: they read what they just wrote through services, not HTTP.
    publicCacheTtl: duration(env, 'PUBLIC_CACHE_TTL', nodeEnv === 'test' ? 'PT0S' : 'PT5S'),
    exportWait: duration(env, 'EXPORT_WAIT', 'PT10S'),
    searchEngine,
    searchReconcileInterval: duration(env, 'SEARCH_RECONCILE_INTERVAL', 'PT1M'),
    meiliHost,
    meiliApiKey: env.MEILI_API_KEY || null,
    documents: {
      storage: oneOf(env, 'DOCUMENT_STORAGE', DOCUMENT_STORAGES, 'local'),
      dir: str(env, 'DOCUMENT_DIR', new URL('../data/documents', import.meta.url).pathname),
      maxSize: int(env, 'DOCUMENT_MAX_SIZE', 50 * 1024 * 1024, 1, 2 ** 40),
      spoolDir: str(env, 'DOCUMENT_SPOOL_DIR', join(tmpdir(), 'jiebang-uploads')),
      s3: {
        endpoint: env.S3_ENDPOINT ? url(env, 'S3_ENDPOINT', '', ['http:', 'https:']) : null,
        region: str(env, 'S3_REGION', 'us-east-1'),
        bucket: str(env, 'S3_BUCKET', 'jiebang-documents'),
        accessKeyId: env.S3_ACCESS_KEY_ID || null,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY || null,
      },
    },
    pdfFonts: {
      regular: env.PDF_FONT_REGULAR ? parseFontSpec(env.PDF_FONT_REGULAR) : DEFAULT_PDF_FONTS.regular,
      bold: env.PDF_FONT_BOLD ? parseFontSpec(env.PDF_FONT_BOLD) : DEFAULT_PDF_FONTS.bold,
    },
    mail: {
      from: str(
        env,
        'MAIL_FROM',
        `辽宁省科技成果转化综合服务平台 <no-reply@${new URL(publicUrl(env, port)).hostname}>`,
      ),
      dir: str(env, 'MAIL_DIR', new URL('../data/mail', import.meta.url).pathname),
      smtpUrl: env.SMTP_URL ? url(env, 'SMTP_URL', '', ['smtp:', 'smtps:']) : null,
    },
    invitationTtl: positiveDuration(env, 'INVITATION_TTL', 'P7D'),
    seedDemo: bool(env, 'SEED_DEMO', true),
    serveWeb: bool(env, 'SERVE_WEB', true),
    webDist: str(env, 'WEB_DIST', new URL('../web/dist', import.meta.url).pathname),
  };
}
