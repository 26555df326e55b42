/*
 * CPU time of processes over a measurement window, from /proc (Linux): /proc/<pid>/stat for one
 * process (utime + stime, in clock ticks), /proc/stat for the whole machine. The kernel's tick is
 * USER_HZ, 100 on every Linux this runs on (getconf CLK_TCK).
 */
import { readFileSync } from 'node:fs';

export const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly ppid: number;
  /** CPU time in user and kernel mode, seconds. */
  readonly cpuSeconds: number;
  /** Start time after boot, in ticks: with the pid, identifies a process (pids are reused). */
  readonly startTicks: number;
}

/** Parses one /proc/<pid>/stat line (the command name may hold spaces and parentheses). */
export function parseProcStat(pid: number, line: string): ProcStat {
  const close = line.lastIndexOf(')');
  const comm = line.slice(line.indexOf('(') + 1, close);
  // Fields after the name, numbered from 3 (state) as in proc(5).
  const fields = line
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(fields[n - 3]);
  return {
    pid,
    comm,
    ppid: field(4),
    cpuSeconds: (field(14) + field(15)) / CLOCK_TICKS_PER_SECOND,
    startTicks: field(22),
  };
}

export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(pid, readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export interface MachineCpu {
  /** Busy and total ticks over all cores since boot. */
  readonly busy: number;
  readonly total: number;
}

export function readMachineCpu(): MachineCpu {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - v[3] - v[4], total };
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

/** A group of processes measured together (e.g. "the mediasoup workers"). */
export interface CpuGroup {
  readonly label: string;
  readonly pids: readonly number[];
}

export interface CpuWindow {
  /** Per group: CPU used over the window, in % of one core (200 % = both cores of this machine). */
  readonly groups: Readonly<Record<string, number>>;
  /** The whole machine over the window, % of all cores (other people's work included). */
  readonly machinePercent: number;
  readonly seconds: number;
}

/** Starts a window; `end()` gives the CPU each group used since (a process that ended meanwhile adds nothing). */
export function startCpuWindow(groups: readonly CpuGroup[]): { end(): CpuWindow } {
  const t0 = performance.now();
  const m0 = readMachineCpu();
  const s0 = new Map<number, ProcStat | undefined>();
  for (const g of groups) for (const pid of g.pids) s0.set(pid, readProcStat(pid));
  return {
    end() {
      const seconds = (performance.now() - t0) / 1000;
      const m1 = readMachineCpu();
      const result: Record<string, number> = {};
      for (const g of groups) {
        let used = 0;
        for (const pid of g.pids) {
          const a = s0.get(pid);
          const b = readProcStat(pid);
          if (a && b && a.startTicks === b.startTicks) used += b.cpuSeconds - a.cpuSeconds;
        }
        result[g.label] = (used / seconds) * 100;
      }
      const total = m1.total - m0.total;
      return { groups: result, machinePercent: total > 0 ? ((m1.busy - m0.busy) / total) * 100 : 0, seconds };
    },
  };
}
