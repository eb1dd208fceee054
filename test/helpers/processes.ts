// The real api or worker as a child process (`scripts/start.ts api|worker`, as in production), for
// fault tests that kill one: the test's own database and Redis, a free port, readiness awaited on its
// probe. Output is kept (not printed) and shown when the process fails to start.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export class ProductProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private readonly watchers = new Set<{ pattern: RegExp; resolve: () => void }>();
  private constructor(
    readonly role: 'api' | 'worker',
    private readonly env: Record<string, string>,
    /** The api's HTTP port, or the worker's probe port (WORKER_PORT). */
    readonly port: number,
  ) {}

  /** Starts `role` with `env` (the test's DATABASE_URL, REDIS_URL, REDIS_PREFIX and periods) and waits until /readyz answers 200. */
  static async start(role: 'api' | 'worker', env: Record<string, string>): Promise<ProductProcess> {
    const p = new ProductProcess(role, env, await freePort());
    await p.restart();
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts it (again) on the same port and waits for readiness (PostgreSQL and Redis answer). */
  async restart(timeoutMs = 500_000): Promise<void> {
    if (this.child) throw new Error(`${this.role} already running`);
    this.output = '';
    const portVar = this.role === 'api' ? { PORT: String(this.port) } : { WORKER_PORT: String(this.port) };
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', this.role], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        SERVE_WEB: 'false',
        LOG_LEVEL: 'warn',
        ...this.env,
        ...portVar,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-20_000);
      for (const w of [...this.watchers]) {
        if (!w.pattern.test(this.output)) continue;
        this.watchers.delete(w);
        w.resolve();
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        this.child = null;
        throw new Error(`${this.role} exited while starting (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      }
      const ready = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      if (Date.now() > until) {
        await this.kill();
        throw new Error(`${this.role} not ready after ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Kills it (SIGKILL by default: no shutdown of any kind) and waits until it has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /**
   * Resolves once the running process prints `pattern` (checked as its output arrives, so a line is
   * seen even if more output follows at once); rejects after `timeoutMs` with what it printed.
   */
  async printed(pattern: RegExp, timeoutMs = 300_000): Promise<void> {
    if (pattern.test(this.output)) return;
    let watcher!: { pattern: RegExp; resolve: () => void };
    const seen = new Promise<void>((resolve) => {
      watcher = { pattern, resolve };
      this.watchers.add(watcher);
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.role} did not print ${pattern} in ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([seen, late]);
    } finally {
      clearTimeout(timer);
      this.watchers.delete(watcher);
    }
  }

  /** What it printed (for a failure message). */
  get log(): string {
    return this.output;
  }
}
