/*
 * The recording benchmark's parameters: flags (`--hearings 1,2,3`), each also settable as
 * BENCH_RECORDING_<NAME> in the environment; a flag wins over the environment. Defaults: hearings
 * of six, a sweep of a few minutes on a 2-core machine.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { parseVideo } from '../sfu/options';

/** What each hearing of a step does besides forwarding: nothing, the court recording, or interpretation. */
export const MODES = ['off', 'record', 'interpretation'] as const;
export type Mode = (typeof MODES)[number];

export interface RecordingBenchOptions {
  readonly hearings: readonly number[];
  readonly participants: number;
  readonly modes: readonly Mode[];
  readonly workers: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly video: { readonly width: number; readonly height: number; readonly fps: number; readonly kbps: number };
  readonly audioKbps: number;
  readonly lossThresholdPct: number;
  readonly maxMinutes: number;
  readonly rtcPortBase: number;
  readonly databaseUrl: string;
  /** A Redis the operator named; undefined: a redis-server of the run's own. */
  readonly redisUrl: string | undefined;
  readonly help: boolean;
}

export const USAGE = `Recording and interpretation benchmark (issue 9): the platform's media node under the SFU
benchmark's load (hearings of M participants, each sending Opus and VP8 over WebRTC and receiving
everyone else), each step measured three times on a fresh node with the same streams: plain
forwarding, every hearing recorded by its judge, and every hearing with an interpreter. Every
option is also an environment variable BENCH_RECORDING_<NAME>.

  ./ejustice bench recording [options]     (or: node dist/bench/recording/run.js [options])

  --hearings 1,2,3        hearings per step; a list makes a sweep         (default 1,2,3)
  --participants 6        participants per hearing (judge, witnesses; the interpreter last) (default 6)
  --modes off,record,interpretation   what to measure per step (off is the baseline) (default all)
  --workers N             mediasoup workers of the media node              (default: cores)
  --warmup 5              seconds of load before each measurement          (default 5)
  --duration 15           seconds measured per step and mode              (default 15)
  --video 640x360@30:600  the senders' VP8: size, frame rate, kbit/s       (default 640x360@30:600)
  --audio-kbps 32         the senders' Opus kbit/s                          (default 32)
  --loss-threshold 1      % of end-to-end loss above which a step is not "carried" (default 1)
  --max-minutes 20        hard bound on the whole run                       (default 20)
  --rtc-port-base 47300   the media node's first WebRTC port               (default 47300)
  --database-url URL      its own database, dropped and migrated at start   (default .../ejustice_bench_recording)
  --redis-url URL         a Redis database to run on, not flushed           (default: a redis-server of
                          its own on a free loopback port, empty, stopped at the end)
  --help`;

const FLAGS = {
  hearings: { type: 'string', default: '1,2,3' },
  participants: { type: 'string', default: '6' },
  modes: { type: 'string', default: MODES.join(',') },
  workers: { type: 'string', default: String(Math.max(1, cpus().length)) },
  warmup: { type: 'string', default: '5' },
  duration: { type: 'string', default: '15' },
  video: { type: 'string', default: '640x360@30:600' },
  'audio-kbps': { type: 'string', default: '32' },
  'loss-threshold': { type: 'string', default: '1' },
  'max-minutes': { type: 'string', default: '20' },
  'rtc-port-base': { type: 'string', default: '47300' },
  'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/ejustice_bench_recording' },
  'redis-url': { type: 'string', default: '' },
  help: { type: 'boolean', default: false },
} as const;

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

function number(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of at least 0, not "${raw}"`);
  return n;
}

export function parseRecordingOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): RecordingBenchOptions {
  const { values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });
  const given = new Set(argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]));
  const get = (name: keyof typeof FLAGS): string => {
    const fromEnv = env[`BENCH_RECORDING_${name.toUpperCase().replace(/-/g, '_')}`];
    if (!given.has(name) && fromEnv !== undefined && fromEnv !== '') return fromEnv;
    return String(values[name]);
  };
  const hearings = get('hearings')
    .split(',')
    .map((s) => wholeNumber('hearings', s.trim(), 1, 100));
  const modes = get('modes')
    .split(',')
    .map((s) => s.trim());
  for (const m of modes) if (!(MODES as readonly string[]).includes(m)) throw new Error(`--modes takes ${MODES.join(', ')}, not "${m}"`);
  // A cost is the difference with plain forwarding: without it there is nothing to subtract from.
  if (!modes.includes('off')) throw new Error('--modes must include off: every cost is measured against plain forwarding');
  // The judge, a witness who listens to the channel, and the interpreter.
  const participants = wholeNumber('participants', get('participants'), 3, 30);
  return {
    hearings: [...new Set(hearings)].sort((a, b) => a - b),
    participants,
    modes: MODES.filter((m) => modes.includes(m)),
    workers: wholeNumber('workers', get('workers'), 1, 64),
    warmupSeconds: number('warmup', get('warmup')),
    durationSeconds: Math.max(1, number('duration', get('duration'))),
    video: parseVideo(get('video')),
    audioKbps: wholeNumber('audio-kbps', get('audio-kbps'), 6, 510),
    lossThresholdPct: number('loss-threshold', get('loss-threshold')),
    maxMinutes: Math.max(1, number('max-minutes', get('max-minutes'))),
    rtcPortBase: wholeNumber('rtc-port-base', get('rtc-port-base'), 1024, 65000),
    databaseUrl: get('database-url'),
    redisUrl: get('redis-url') || undefined,
    help: values.help === true || env.BENCH_RECORDING_HELP === 'true',
  };
}
