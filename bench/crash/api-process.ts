/*
 * The api as the soak runs it: dist/apps/api/src/main.js in a child process (production settings,
 * the soak's own database, Redis database and storage directory), always on the same port so the
 * clients need not know it was restarted. It is killed with SIGKILL: no shutdown hook runs, no
 * request is drained, no transaction is finished; exactly a crash.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { tailOf } from '../sfu/processes';

export class ApiProcess {
  private child: ChildProcess | undefined;
  private starts = 0;

  constructor(
    private readonly root: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly url: string,
    private readonly log: string,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the api and waits until /health answers; returns how long that took (ms). */
  async start(): Promise<number> {
    if (this.running) throw new Error('the api is already running');
    this.starts += 1;
    appendFileSync(this.log, `\n===== start ${this.starts} at ${new Date().toISOString()} =====\n`);
    const fd = openSync(this.log, 'a');
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(this.root, 'dist/apps/api/src/main.js')], { env: this.env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    this.child = child;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `the api exited while starting (${child.signalCode ?? child.exitCode}); the end of ${this.log}:\n${tailOf(this.log)}`,
        );
      }
      if (performance.now() - t0 > 60_000) {
        await this.kill();
        throw new Error(`the api did not become healthy within 60 s; the end of ${this.log}:\n${tailOf(this.log)}`);
      }
      try {
        if ((await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) })).ok) return performance.now() - t0;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** SIGKILL, and wait until the process is gone (its port is free again then). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** A graceful stop (SIGTERM: the api drains and closes), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
