import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * ffmpeg reading RTP from a socket blocks forever once the media stops: if this process died
 * without killing it, it would stay, holding its ports. util-linux's setpriv sets the parent-death
 * signal (prctl PR_SET_PDEATHSIG, kept across its exec of ffmpeg): the kernel kills ffmpeg when
 * we go, however we go. Where it is missing (not Linux), ffmpeg is started directly.
 */
const SETPRIV = '/usr/bin/setpriv';
const PARENT_DEATH_SIGNAL = existsSync(SETPRIV) ? ['--pdeathsig', 'KILL', '--'] : null;

/** Exit status of setpriv when it could not execute ffmpeg (util-linux: 126 not executable, 127 not found). */
const EXEC_FAILED = new Set([126, 127]);

export interface FfmpegExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The process could not be started at all (the binary is missing or not executable). */
  readonly failedToStart: boolean;
  /** How long it ran. */
  readonly ranMs: number;
}

/** One ffmpeg process, its last words on stderr, and its end. */
export interface FfmpegChild {
  readonly pid: number | undefined;
  /** ffmpeg's standard output when asked for (`stdout: true`), for a decoder writing to `pipe:1`. */
  readonly stdout: Readable | null;
  /** Resolves (never rejects) once the process has ended. */
  readonly exited: Promise<FfmpegExit>;
  readonly exit: FfmpegExit | null;
  /** The last lines ffmpeg wrote to stderr, for logs and error messages. */
  stderrTail(lines?: number): string;
  /** SIGKILL: an RTP sender has nothing to flush, and a sure end is worth more than a clean one. */
  kill(): void;
}

export function spawnFfmpeg(bin: string, args: readonly string[], options: { stdout?: boolean } = {}): FfmpegChild {
  const startedAt = Date.now();
  const stdio = ['ignore', options.stdout ? 'pipe' : 'ignore', 'pipe'] as const;
  const child = PARENT_DEATH_SIGNAL
    ? spawn(SETPRIV, [...PARENT_DEATH_SIGNAL, bin, ...args], { stdio: [...stdio] })
    : spawn(bin, [...args], { stdio: [...stdio] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  let exit: FfmpegExit | null = null;
  const exited = new Promise<FfmpegExit>((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null, failedToStart: boolean) => {
      if (exit) return;
      exit = {
        code,
        signal,
        failedToStart: failedToStart || (PARENT_DEATH_SIGNAL !== null && EXEC_FAILED.has(code ?? -1)),
        ranMs: Date.now() - startedAt,
      };
      resolve(exit);
    };
    // 'error' is how a missing binary shows when ffmpeg is started directly.
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      done(null, null, true);
    });
    child.once('close', (code, signal) => done(code, signal, false));
  });
  return {
    pid: child.pid,
    stdout: child.stdout,
    exited,
    get exit() {
      return exit;
    },
    stderrTail: (lines = 6) => stderr.trim().split('\n').slice(-lines).join(' | '),
    kill: () => {
      if (exit === null && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
