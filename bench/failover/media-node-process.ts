/*
 * A media node as production runs it (dist/apps/media/src/main.js) in a child process of its own,
 * so that it can die as a machine's process dies: SIGKILL, no shutdown hook, no unregistering,
 * its mediasoup workers left to notice their parent is gone; or freeze as a lost machine does
 * (SIGSTOP: sockets open, nothing answers) and come back (SIGCONT). Used by the failover e2e test and
 * by `./ejustice bench failover`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync } from 'node:fs';
import { join } from 'node:path';
import { childrenOf } from '../soak/platform';
import { type ProcStat, readProcStat } from '../sfu/proc-cpu';
import { freePort, logFile, onCleanup, stopChild, tailOf } from '../sfu/processes';

export interface MediaNodeProcessOptions {
  /** The repository root (dist/ is under it). */
  readonly root: string;
  /** The platform's environment (database, Redis, keys, NODE_ENV, ...); the node's own variables are added. */
  readonly env: NodeJS.ProcessEnv;
  readonly nodeId: string;
  readonly pool: string;
  readonly workers?: number;
  /**
   * First WebRTC port of its workers (worker i on rtcPortBase + i); 0 (the default) lets each
   * worker pick a free port. A browser test gives a range of its own below Linux's ephemeral range.
   */
  readonly rtcPortBase?: number;
  /** Where its output goes (a file). */
  readonly log: string;
}

export class MediaNodeProcess {
  private readonly unregister: () => void;
  /** What `freeze()` stopped, to be continued. */
  private frozen: number[] = [];

  private constructor(
    readonly nodeId: string,
    readonly url: string,
    readonly child: ChildProcess,
    /** Its mediasoup workers, as they were once it was healthy. */
    private readonly workers: readonly ProcStat[],
  ) {
    this.unregister = onCleanup(() => this.stop());
  }

  /** Starts the node and waits until its /health answers 200 (workers up, Redis reachable, registered). */
  static async start(options: MediaNodeProcessOptions): Promise<MediaNodeProcess> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...options.env,
      // As in production, a media node holds nothing that signs.
      JWT_SECRET: undefined,
      MEDIA_TICKET_PRIVATE_KEY: undefined,
      MEDIA_HOST: '127.0.0.1',
      MEDIA_PORT: String(port),
      MEDIA_PUBLIC_URL: url,
      MEDIA_NODE_ID: options.nodeId,
      MEDIA_POOL: options.pool,
      MEDIA_LISTEN_IP: '127.0.0.1',
      MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
      MEDIA_RTC_PORT_BASE: String(options.rtcPortBase ?? 0),
      MEDIA_NUM_WORKERS: String(options.workers ?? 1),
    };
    const fd = logFile(options.log);
    const child = spawn(process.execPath, [join(options.root, 'dist/apps/media/src/main.js')], { env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the media node ${options.nodeId} exited while starting; the end of ${options.log}:\n${tailOf(options.log)}`);
      }
      if (Date.now() > deadline) {
        await stopChild(child);
        throw new Error(
          `the media node ${options.nodeId} did not become healthy within 60 s; the end of ${options.log}:\n${tailOf(options.log)}`,
        );
      }
      try {
        if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return new MediaNodeProcess(options.nodeId, url, child, childrenOf(child.pid ?? -1));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * SIGKILL, as a machine's process dies. Resolves once it is gone (its port refuses connections
   * from then on) and its workers with it. Returns the moment of the kill (performance.now()).
   */
  async kill(): Promise<number> {
    this.unregister();
    const exited = new Promise<void>((resolve) => {
      if (!this.running) resolve();
      else this.child.once('exit', () => resolve());
    });
    const at = performance.now();
    this.child.kill('SIGKILL');
    await exited;
    this.killWorkers();
    return at;
  }

  /**
   * SIGSTOP to the node and every process under it (mediasoup workers, ffmpeg), as when its
   * machine or its network is lost: its sockets stay open, nothing is refused, nothing answers,
   * no media flows. Returns the moment of the freeze (performance.now()). `thaw()` or `stop()`
   * (which thaws first) ends it.
   */
  freeze(): number {
    this.frozen = [this.child.pid ?? -1, ...descendantsOf(this.child.pid ?? -1)].filter((pid) => pid > 0);
    const at = performance.now();
    for (const pid of this.frozen) signal(pid, 'SIGSTOP');
    return at;
  }

  /** SIGCONT to what `freeze()` stopped: the machine is back. */
  thaw(): void {
    for (const pid of this.frozen.splice(0)) signal(pid, 'SIGCONT');
  }

  /** A graceful stop (SIGTERM), SIGKILL if it hangs; its workers are killed if left behind. */
  async stop(): Promise<void> {
    this.unregister();
    this.thaw();
    await stopChild(this.child);
    this.killWorkers();
  }

  private killWorkers(): void {
    for (const w of this.workers) {
      if (readProcStat(w.pid)?.startTicks !== w.startTicks) continue;
      try {
        process.kill(w.pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  }
}

/** Every process under `pid`, children first. */
function descendantsOf(pid: number): number[] {
  const children = childrenOf(pid).map((c) => c.pid);
  return [...children, ...children.flatMap((c) => descendantsOf(c))];
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone meanwhile.
  }
}
