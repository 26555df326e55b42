/*
 * CPU time of a process and everything it started, over a measurement window (Linux /proc). The
 * media node starts child processes of its own while the load runs (the court recording's ffmpeg
 * per recorded producer, an anonymiser's ffmpegs), so a fixed list of pids read at the start of
 * the window would miss them: the tree is read at both edges, and every process is put in a class
 * by what it is.
 *
 * - a process there at both edges adds what it used in between;
 * - a process born during the window adds everything it used (it was not there at the start);
 * - a direct child that ended during the window and was reaped by the root shows in the root's
 *   `cutime + cstime` (proc(5): the CPU of waited-for children), minus what it had used before the
 *   window; that goes to the class `exited`, since what it was is known only for those seen alive.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { CLOCK_TICKS_PER_SECOND, type ProcStat, parseProcStat } from './proc-cpu';

/** One process as the tree reader sees it. */
export interface TreeProcess extends ProcStat {
  /** The CPU of its children that ended and it reaped (cutime + cstime), seconds. */
  readonly reapedChildrenSeconds: number;
  /** Its arguments (argv, after the program), read once when first seen. */
  readonly args: readonly string[];
}

/** How a process of the media node's tree is counted. */
export type ProcessClass = 'root' | 'workers' | 'recordingFfmpeg' | 'otherFfmpeg' | 'other';

export const PROCESS_CLASSES: readonly ProcessClass[] = ['root', 'workers', 'recordingFfmpeg', 'otherFfmpeg', 'other'];

/** cutime + cstime (fields 16 and 17 of proc(5)) of one /proc/<pid>/stat line, in seconds. */
export function parseReapedChildrenSeconds(line: string): number {
  const fields = line
    .slice(line.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / CLOCK_TICKS_PER_SECOND;
}

/** Every descendant of `rootPid` in `table` (children, their children...), by the parent field. */
export function descendantsOf<T extends Pick<ProcStat, 'pid' | 'ppid'>>(rootPid: number, table: readonly T[]): T[] {
  const children = new Map<number, T[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: T[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/**
 * A stream-copying ffmpeg is a recorder: the court recording writes each producer's RTP as it
 * came (`-c copy`), where the anonymiser decodes and encodes (`-c:a libopus`, `-c:v libvpx`).
 */
export function isRecordingFfmpeg(args: readonly string[]): boolean {
  const codecFlags = new Set(['-c', '-codec', '-c:a', '-c:v', '-codec:a', '-codec:v', '-acodec', '-vcodec']);
  const codecs = args.flatMap((a, i) => (codecFlags.has(a) && i + 1 < args.length ? [args[i + 1]] : []));
  return codecs.length > 0 && codecs.every((c) => c === 'copy');
}

export function classify(p: Pick<TreeProcess, 'pid' | 'comm' | 'args'>, rootPid: number, workerPids: ReadonlySet<number>): ProcessClass {
  if (p.pid === rootPid) return 'root';
  if (workerPids.has(p.pid)) return 'workers';
  if (p.comm === 'ffmpeg') return isRecordingFfmpeg(p.args) ? 'recordingFfmpeg' : 'otherFfmpeg';
  return 'other';
}

/** A process's identity across readings: pids are reused, start times are not. */
const keyOf = (p: Pick<ProcStat, 'pid' | 'startTicks'>) => `${p.pid}:${p.startTicks}`;

export interface TreeReading {
  readonly root: TreeProcess | undefined;
  /** The root's descendants, by `keyOf`. */
  readonly processes: ReadonlyMap<string, TreeProcess>;
}

export interface TreeCpu {
  /** Per class: CPU over the window in % of one core. */
  readonly percent: Readonly<Record<ProcessClass | 'exited', number>>;
  /** Per class: processes alive at the end of the window. */
  readonly processes: Readonly<Record<ProcessClass, number>>;
}

/** What each class of the tree used between two readings, `seconds` apart. */
export function treeCpu(
  before: TreeReading,
  after: TreeReading,
  seconds: number,
  rootPid: number,
  workerPids: ReadonlySet<number>,
): TreeCpu {
  const used: Record<ProcessClass | 'exited', number> = { root: 0, workers: 0, recordingFfmpeg: 0, otherFfmpeg: 0, other: 0, exited: 0 };
  const alive: Record<ProcessClass, number> = { root: 0, workers: 0, recordingFfmpeg: 0, otherFfmpeg: 0, other: 0 };
  const sameRoot = before.root && after.root && before.root.startTicks === after.root.startTicks;
  if (sameRoot && before.root && after.root) {
    used.root += after.root.cpuSeconds - before.root.cpuSeconds;
    // Children reaped in the window, less what those seen at the start had already used by then.
    let reaped = after.root.reapedChildrenSeconds - before.root.reapedChildrenSeconds;
    for (const [key, p] of before.processes) if (p.ppid === rootPid && !after.processes.has(key)) reaped -= p.cpuSeconds;
    used.exited += Math.max(0, reaped);
  }
  for (const [key, p] of after.processes) {
    const c = classify(p, rootPid, workerPids);
    alive[c]++;
    used[c] += p.cpuSeconds - (before.processes.get(key)?.cpuSeconds ?? 0);
  }
  const percent = Object.fromEntries(
    Object.entries(used).map(([c, s]) => [c, seconds > 0 ? (s / seconds) * 100 : 0]),
  ) as TreeCpu['percent'];
  return { percent, processes: alive };
}

function readStatLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

function readArgs(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(1, -1);
  } catch {
    return [];
  }
}

function readTreeProcess(pid: number, line: string): TreeProcess {
  return { ...parseProcStat(pid, line), reapedChildrenSeconds: parseReapedChildrenSeconds(line), args: readArgs(pid) };
}

/** Reads `rootPid` and its descendants now. */
export function readTree(rootPid: number): TreeReading {
  const table: { pid: number; ppid: number; line: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const line = readStatLine(pid);
    if (line) table.push({ pid, ppid: parseProcStat(pid, line).ppid, line });
  }
  const rootLine = table.find((p) => p.pid === rootPid)?.line;
  const processes = new Map<string, TreeProcess>();
  for (const p of descendantsOf(rootPid, table)) {
    const read = readTreeProcess(p.pid, p.line);
    processes.set(keyOf(read), read);
  }
  return { root: rootLine ? readTreeProcess(rootPid, rootLine) : undefined, processes };
}

/** Starts a window over `rootPid`'s tree; `end()` gives each class's CPU since. */
export function startTreeWindow(rootPid: number, workerPids: readonly number[]): { end(): TreeCpu } {
  const t0 = performance.now();
  const before = readTree(rootPid);
  return {
    end() {
      const seconds = (performance.now() - t0) / 1000;
      return treeCpu(before, readTree(rootPid), seconds, rootPid, new Set(workerPids));
    },
  };
}
