/*
 * A redis-server of one's own, on a free loopback port and without persistence. The benchmarks run
 * on one unless the operator names a Redis (ownRedis), so that no test suite's database on the
 * machine's shared Redis is written or flushed under it; a test or a benchmark may also kill it and
 * start it again to play a Redis outage without touching anyone else's Redis. Started again on the
 * same port it comes back empty, as a Redis without persistence does after a crash: queued jobs and
 * repeatable-job schedules are gone, only PostgreSQL remembers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from '../sfu/processes';

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

/** Whether something accepts TCP connections on the loopback port. */
export async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  /** Starts a redis-server on a free port and waits until it accepts connections. */
  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts it (again) on the same port, empty. */
  async restart(): Promise<void> {
    if (this.child) throw new Error(`redis-server on port ${this.port} is already running`);
    const child = spawn(
      REDIS_SERVER_BIN,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    this.child = child;
    let failed: Error | undefined;
    child.once('error', (error) => {
      failed = error;
      if (this.child === child) this.child = undefined;
    });
    // Whichever way this process ends (process.exit() in a signal handler, a timer, an error), the
    // server ends with it: a benchmark must not leave a redis-server behind.
    const killWithUs = () => child.kill('SIGKILL');
    process.once('exit', killWithUs);
    child.once('exit', () => {
      process.off('exit', killWithUs);
      if (this.child === child) this.child = undefined;
    });
    for (let i = 0; i < 100; i++) {
      if (failed) throw new Error(`could not start ${REDIS_SERVER_BIN} (set REDIS_SERVER_BIN to another one): ${failed.message}`);
      if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${child.exitCode}`);
      if (await listening(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.kill();
    throw new Error(`redis-server on port ${this.port} did not listen within 5 s`);
  }

  /** Kills it at once (SIGKILL: no goodbye to its clients, as a crash or a lost host) and waits for the exit. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
    this.child = undefined;
  }
}

/** The Redis a benchmark runs on. */
export interface BenchRedis {
  /** What its processes get as REDIS_URL. */
  readonly url: string;
  /** True for a redis-server of the run's own (empty, private), false for a URL the operator named. */
  readonly own: boolean;
  /** Kills the run's own redis-server and waits until it is gone; does nothing to a named URL. */
  stop(): Promise<void>;
}

/**
 * The URL the operator named, as it is (nothing is started), or with none (undefined or empty) a
 * redis-server of the run's own on a free loopback port, without persistence, killed by stop().
 */
export async function ownRedis(url?: string): Promise<BenchRedis> {
  if (url !== undefined && url !== '') return { url, own: false, stop: async () => undefined };
  const server = await RedisServer.start();
  return { url: server.url, own: true, stop: () => server.kill() };
}
