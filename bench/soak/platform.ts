/*
 * The platform under the soak, and how it is read: the media node as production starts it
 * (dist/apps/media/src/main.js, in a process of its own beside the api of bench/sfu's
 * platform-stack.ts), its and the api's /metrics (behind METRICS_TOKEN), /proc for CPU and the
 * mediasoup workers' memory, and the error lines of both logs as they are written.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type PlatformEnvironment, mediaNodeEnvironment } from '../sfu/platform-stack';
import { type ProcStat, readProcStat } from '../sfu/proc-cpu';
import { logFile, onCleanup, stopChild, tailOf } from '../sfu/processes';

export interface RunningMediaNode {
  readonly child: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

export async function startMediaNode(
  env: PlatformEnvironment,
  options: { nodeId: string; workers: number; rtcPortBase: number },
  log: string,
): Promise<RunningMediaNode> {
  const nodeEnv = await mediaNodeEnvironment(env, options);
  const url = nodeEnv.MEDIA_PUBLIC_URL as string;
  const fd = logFile(log);
  const child = spawn(process.execPath, [join(env.root, 'dist/apps/media/src/main.js')], { env: nodeEnv, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const workersAtStart = () => childrenOf(child.pid ?? -1);
  let workers: ProcStat[] = [];
  const unregister = onCleanup(async () => {
    await stopChild(child);
    killLeftBehind(workers);
  });
  const stop = async () => {
    unregister();
    await stopChild(child);
    killLeftBehind(workers);
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      unregister();
      throw new Error(`the media node exited with ${child.exitCode}; the end of ${log}:\n${tailOf(log)}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        workers = workersAtStart();
        return { child, url, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('the media node did not become healthy within 60 s');
}

/** A worker of a media node that was killed: killed too, if it is still the same process. */
function killLeftBehind(workers: readonly ProcStat[]): void {
  for (const w of workers) {
    if (readProcStat(w.pid)?.startTicks !== w.startTicks) continue;
    try {
      process.kill(w.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}

/** The processes whose parent is `pid` (the media node's mediasoup workers). */
export function childrenOf(pid: number): ProcStat[] {
  const children: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat && stat.ppid === pid) children.push(stat);
  }
  return children;
}

/** Resident memory of a process from /proc/<pid>/status, bytes; NaN when it is gone. */
export function residentBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * UDP datagrams the kernel dropped because a socket's receive buffer was full, by socket (inode),
 * for the sockets the processes `pids` hold (/proc/<pid>/fd, /proc/net/udp's `drops` column):
 * where loss comes from when a process does not get the CPU in time.
 */
export function udpDropsBySocket(pids: readonly number[]): Map<string, number> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {
        // Closed meanwhile.
      }
    }
  }
  const drops = new Map<string, number>();
  for (const table of ['/proc/net/udp', '/proc/net/udp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
      if (fields.length >= 13 && inodes.has(fields[9])) drops.set(fields[9], Number(fields[12]));
    }
  }
  return drops;
}

/** Drops since `before`, over the sockets open now (a socket opened since counts from 0; one closed since is gone). */
export function dropsSince(before: ReadonlyMap<string, number>, now: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const [inode, drops] of now) n += Math.max(0, drops - (before.get(inode) ?? 0));
  return n;
}

/** Prometheus text format: the value of every sample without labels, by metric name. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s+(\S+)/.exec(line);
    if (m) values.set(m[1], Number(m[2]));
  }
  return values;
}

export async function scrapeMetrics(url: string, token: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url}/metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}

/** pino's levels: error and fatal. */
const ERROR_LEVEL = 50;

export interface LogLine {
  readonly line: string;
  readonly error: boolean;
}

/**
 * Reads what a log file gained since the last call and says which new lines are errors: a JSON
 * line at level error or fatal, or a line that is not JSON at all (a crash's stack, an uncaught
 * rejection: the apps log nothing else).
 */
export class LogFollower {
  private offset = 0;
  private partial = '';

  constructor(readonly path: string) {}

  read(): LogLine[] {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return [];
    }
    if (size <= this.offset) return [];
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(size - this.offset);
      readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset = size;
      const text = this.partial + buffer.toString('utf8');
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      return lines.filter((l) => l.trim() !== '').map((line) => ({ line, error: isErrorLine(line) }));
    } finally {
      closeSync(fd);
    }
  }
}

export function isErrorLine(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: unknown };
    return typeof entry.level === 'number' && entry.level >= ERROR_LEVEL;
  } catch {
    return true;
  }
}
