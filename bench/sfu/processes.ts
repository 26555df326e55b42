/*
 * Child processes of the benchmark and their clean-up: every process the run starts (api, SFU
 * hosts with their mediasoup workers, Chromium) is registered here and stopped when the run ends,
 * fails, reaches its time bound, or is interrupted (Ctrl-C).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { type ProcStat, readProcStat } from './proc-cpu';
import type { HostMethod, HostMethods, HostReadyMessage, HostToRunner, RunnerToHost } from './host-protocol';

type Cleanup = () => Promise<void> | void;
const cleanups = new Set<Cleanup>();

/** Registers a clean-up; returns a function that unregisters it (after running it yourself). */
export function onCleanup(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs every registered clean-up, newest first, each bounded in time. */
export async function cleanUpAll(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    await Promise.race([Promise.resolve().then(cleanup), new Promise((r) => setTimeout(r, 10_000))]).catch((e: unknown) =>
      console.error('clean-up failed:', e instanceof Error ? e.message : e),
    );
  }
}

let stopped = false;

/**
 * Whether the run is being stopped (Ctrl-C, SIGTERM or its time bound): whatever fails then fails
 * because its processes are going, and the stop's own exit ends the run.
 */
export function stopping(): boolean {
  return stopped;
}

/** Stops the run once: says why, cleans up everything it started, exits with `code`. */
export function stopRun(code: number, why: string): void {
  if (stopped) return;
  stopped = true;
  console.error(`\n${why}`);
  void cleanUpAll().finally(() => process.exit(code));
}

/** Ctrl-C and SIGTERM stop the run as its end does, with exit code 130. */
export function stopOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => stopRun(130, `${signal}: stopping and cleaning up...`));
  }
}

/** The run's bound (--max-minutes): stopped after `minutes`, with exit code 2. */
export function stopAfter(minutes: number): void {
  setTimeout(() => stopRun(2, `The run reached its bound of ${minutes} minutes (--max-minutes): stopping.`), minutes * 60_000).unref();
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 8_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Kills a process left behind (a mediasoup worker of a host that was killed), only if it is still
 * the same process: same pid and same start time, since pids are reused.
 */
export function killIfStillThere(stat: ProcStat | undefined): void {
  if (!stat || readProcStat(stat.pid)?.startTicks !== stat.startTicks) return;
  try {
    process.kill(stat.pid, 'SIGKILL');
  } catch {
    // Gone in the meantime.
  }
}

/** Opens (appends to) a log file for a child's stdout and stderr; the descriptor is the child's once spawned. */
export function logFile(path: string): number {
  return openSync(path, 'a');
}

/** The last lines of a log, to put in an error message. */
export function tailOf(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** An SFU host process (platform-host.js or bare-host.js) and its request channel. */
export class HostProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly unregister: () => void;
  private exitError: Error | undefined;
  /** The workers as they were at start, to recognise them at the end. */
  private readonly workers: (ProcStat | undefined)[];

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly ready: HostReadyMessage,
    readonly log: string,
  ) {
    this.workers = ready.workerPids.map((pid) => readProcStat(pid));
    child.on('message', (message: HostToRunner) => {
      if (message.type !== 'reply') return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    });
    child.once('exit', (code, signal) => {
      this.exitError = new Error(`the ${name} host exited (${signal ?? code}); the end of ${log}:\n${tailOf(log)}`);
      for (const waiter of this.pending.values()) waiter.reject(this.exitError);
      this.pending.clear();
    });
    this.unregister = onCleanup(() => this.stop());
  }

  /** Starts `script`; its output goes to `log` (a file), and its last lines into any error about it. */
  static async start(name: string, script: string, env: NodeJS.ProcessEnv, log: string, timeoutMs = 60_000): Promise<HostProcess> {
    const fd = logFile(log);
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', fd, fd, 'ipc'] });
    closeSync(fd);
    const kill = onCleanup(() => stopChild(child));
    try {
      const ready = await new Promise<HostReadyMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the ${name} host did not start within ${timeoutMs} ms`)), timeoutMs);
        child.on('message', (m: HostToRunner) => {
          if (m.type === 'ready') {
            clearTimeout(timer);
            resolve(m);
          }
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`the ${name} host exited while starting (${signal ?? code}); the end of ${log}:\n${tailOf(log)}`));
        });
      });
      kill();
      return new HostProcess(name, child, ready, log);
    } catch (error) {
      await stopChild(child);
      kill();
      throw error;
    }
  }

  request<M extends HostMethod>(method: M, params: HostMethods[M]['params'], timeoutMs = 60_000): Promise<HostMethods[M]['result']> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${method} took more than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as HostMethods[M]['result']);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      const message: RunnerToHost = { type: 'request', id, method, params };
      this.child.send(message);
    });
  }

  /** Asks the host to close (its workers with it); kills it, and any worker left, if it does not. */
  async stop(): Promise<void> {
    this.unregister();
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.connected) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.send({ type: 'shutdown' } satisfies RunnerToHost);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 12_000);
      await exited;
      clearTimeout(timer);
    } else {
      await stopChild(this.child);
    }
    for (const stat of this.workers) killIfStillThere(stat);
  }
}
