import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../platform/config.js';

describe('configuration', () => {
  it('has defaults that work on this machine', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/jiebang');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.port).toBe(3000);
    expect(c.periods.notice).toMatchObject({ days: 15 });
    expect(c.periods.listing).toMatchObject({ days: 15 });
    expect(c.searchEngine).toBe('postgres');
    expect(c.reminderLead).toMatchObject({ days: 1 });
    expect(loadConfig({ REMINDER_LEAD: 'PT3S' }).reminderLead).toMatchObject({ seconds: 3 });
    expect(c.searchReconcileInterval).toMatchObject({ minutes: 1 });
    // 措施五: a daily scan and monthly editions, in Shanghai time.
    expect(c.pool).toMatchObject({ scanCron: '30 2 * * *', editionCron: '0 3 1 * *' });
    expect(loadConfig({ POOL_EDITION_CRON: '*/2  * * * * *' }).pool.editionCron).toBe('*/2 * * * * *');
    expect(c.outboxRetention).toMatchObject({ days: 7 });
    expect(loadConfig({ OUTBOX_RETENTION: 'PT12H' }).outboxRetention).toMatchObject({ hours: 12, days: 0 });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['NOTICE_PERIOD', '15 days'],
    ['LISTING_PERIOD', 'P'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['SEARCH_ENGINE', 'elastic'],
    ['COOKIE_SECURE', 'maybe'],
    ['REDIS_PREFIX', 'has:colon'],
    ['AUCTION_DURATION', '30 minutes'],
    ['BID_RATE_LIMIT', '0'],
    ['AUCTION_SWEEP_INTERVAL', 'soon'],
    ['POOL_SCAN_CRON', 'daily'],
    ['POOL_EDITION_CRON', '0 3 1 *'],
    ['POOL_EDITION_CRON', '0 3 1 * * * *'],
    ['PAYLATER_REMINDER_LEAD', '7 days'],
    ['OUTBOX_RETENTION', 'a week'],
    ['OUTBOX_RETENTION', 'P0D'],
    ['REMINDER_LEAD', 'one day'],
    ['SEARCH_RECONCILE_INTERVAL', 'every minute'],
    ['OBJECTION_DECISION_PERIOD', 'two weeks'],
    ['OBJECTION_DECISION_PERIOD', 'PT0S'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.1, proxy.local'],
    ['TRUST_PROXY', '99'],
    ['PUBLIC_URL', 'jiebang.example.cn'],
    ['PUBLIC_URL', 'ftp://jiebang.example.cn'],
    ['PUBLIC_URL', 'https://jiebang.example.cn/?a=1'],
  ])('names the variable when %s=%j is invalid', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  // 措施四: 半个月. Today production accepted a two-second notice.
  it.each([
    ['NOTICE_PERIOD', 'PT2S'],
    ['NOTICE_PERIOD', 'P14D'],
    ['LISTING_PERIOD', 'P2W'],
    ['LISTING_PERIOD', 'PT359H'],
  ])('refuses %s=%s in production, naming the variable and the half month', (name, value) => {
    const prod = { NODE_ENV: 'production', [name]: value };
    expect(() => loadConfig(prod)).toThrow(ConfigError);
    expect(() => loadConfig(prod)).toThrow(name);
    expect(() => loadConfig(prod)).toThrow('P15D');
    // Development, tests and demos may shorten it.
    expect(() => loadConfig({ NODE_ENV: 'development', [name]: value })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'test', [name]: value })).not.toThrow();
  });

  it('accepts half a month or more in production, and an objection decision period of P15D by default', () => {
    const c = loadConfig({ NODE_ENV: 'production', NOTICE_PERIOD: 'P1M', LISTING_PERIOD: 'PT360H' });
    expect(c.periods.notice).toMatchObject({ months: 1 });
    expect(loadConfig({ NODE_ENV: 'production' }).periods.objectionDecision).toMatchObject({ days: 15 });
    expect(loadConfig({ OBJECTION_DECISION_PERIOD: 'PT5S' }).periods.objectionDecision).toMatchObject({ seconds: 5 });
  });

  it('trusts no proxy by default, and builds links from PUBLIC_URL', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
    ]);
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://jiebang.example.cn/' }).publicUrl).toBe('https://jiebang.example.cn');
  });

  it('requires MEILI_HOST for the meilisearch engine', () => {
    expect(() => loadConfig({ SEARCH_ENGINE: 'meilisearch' })).toThrow('MEILI_HOST');
  });

  it('stops the process with a message naming the variable', async () => {
    const run = promisify(execFile);
    const err = await run(process.execPath, ['--import', 'tsx', 'scripts/start.ts', 'api'], {
      env: { ...process.env, NOTICE_PERIOD: 'fifteen days' },
      timeout: 240_000,
    }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toContain('NOTICE_PERIOD');
  }, 300_000);
});
