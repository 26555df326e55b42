/*
 * The soak's parameters: flags (`--hearings 10`), each also settable as BENCH_SOAK_<NAME> in the
 * environment (BENCH_SOAK_MINUTES=1); a flag wins over the environment.
 */
import { parseArgs } from 'node:util';
import { parseVideo } from '../sfu/options';

export interface SoakOptions {
  readonly hearings: number;
  /** Per hearing: the judge and the others of the roster (roster.ts). */
  readonly participants: number;
  /** Minutes of churn measured, after the set-up. */
  readonly minutes: number;
  /** In each hearing, the pause before its next action is drawn from this range, seconds. */
  readonly churnSeconds: { readonly min: number; readonly max: number };
  readonly workers: number;
  readonly video: { readonly width: number; readonly height: number; readonly fps: number; readonly kbps: number };
  readonly audioKbps: number;
  readonly sampleSeconds: number;
  /** Samples in the first this many seconds of churn are printed but left out of the memory trend. */
  readonly memoryWarmupSeconds: number;
  /** Overall loss at or above this (%) fails the run. */
  readonly maxLossPct: number;
  /** A memory series growing faster than this (MB/min, and significantly) fails the run. */
  readonly maxGrowthMbPerMin: number;
  readonly seed: number;
  readonly maxMinutes: number;
  readonly rtcPortBase: number;
  readonly databaseUrl: string;
  /** A Redis the operator named (flushed at start); undefined: a redis-server of the run's own. */
  readonly redisUrl: string | undefined;
  readonly help: boolean;
}

export const USAGE = `Soak (issue 12, R8): N hearings x M participants sending audio and video through the platform
(api + one media node) for a while, with joins, leaves, mutes and special-measures orders going on;
prints errors, loss and memory, and exits 1 unless errors are 0, loss is below --max-loss and memory
is flat. Every option is also an environment variable BENCH_SOAK_<NAME>.

  ./ejustice bench soak [options]          (or: node dist/bench/soak/run.js [options])

  --hearings 10          hearings at once                                   (default 10)
  --participants 6       per hearing: judge, witness, prosecutor, defence counsel, observer,
                         supporter, then more witnesses                     (default 6)
  --minutes 10           minutes of churn measured, after the set-up         (default 10)
  --churn 20-40          seconds between two actions in one hearing (drawn) (default 20-40)
  --workers 2            mediasoup workers of the media node (MEDIA_NUM_WORKERS) (default 2)
  --video 320x180@15:150 the senders' VP8: size, frame rate, kbit/s         (default 320x180@15:150)
  --audio-kbps 32        the senders' Opus kbit/s                            (default 32)
  --sample 10            seconds between two samples                        (default 10)
  --memory-warmup 60     seconds of churn left out of the memory trend      (default 60, at most a quarter of the run)
  --max-loss 1           overall loss (%) at or above which the run fails   (default 1)
  --max-growth 1         memory slope (MB/min) above which a series grows    (default 1)
  --seed 1               seed of the churn (who, what, when) and the streams' phases
  --max-minutes N        hard bound on the whole run                        (default: minutes + 15)
  --rtc-port-base 47200  the media node's WebRTC ports (one per worker)
  --database-url URL     its own database, dropped and migrated at start    (default .../ejustice_bench_soak)
  --redis-url URL        a Redis database to run on, flushed at start       (default: a redis-server of
                         its own on a free loopback port, empty, stopped at the end)
  --help`;

const FLAGS = {
  hearings: { type: 'string', default: '10' },
  participants: { type: 'string', default: '6' },
  minutes: { type: 'string', default: '10' },
  churn: { type: 'string', default: '20-40' },
  workers: { type: 'string', default: '2' },
  video: { type: 'string', default: '320x180@15:150' },
  'audio-kbps': { type: 'string', default: '32' },
  sample: { type: 'string', default: '10' },
  'memory-warmup': { type: 'string', default: '60' },
  'max-loss': { type: 'string', default: '1' },
  'max-growth': { type: 'string', default: '1' },
  seed: { type: 'string', default: '1' },
  'max-minutes': { type: 'string', default: '' },
  'rtc-port-base': { type: 'string', default: '47200' },
  'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/ejustice_bench_soak' },
  'redis-url': { type: 'string', default: '' },
  help: { type: 'boolean', default: false },
} as const;

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

function number(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name} must be a number from ${min} to ${max}, not "${raw}"`);
  return n;
}

export function parseChurn(raw: string): SoakOptions['churnSeconds'] {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(raw.trim());
  if (!m) throw new Error(`--churn must be seconds or a range of seconds such as 20-40, not "${raw}"`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min < 1 || max < min || max > 3600) throw new Error(`--churn must be a range from 1 to 3600 s with its low end first, not "${raw}"`);
  return { min, max };
}

export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): SoakOptions {
  const { values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });
  const given = new Set(argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]));
  const get = (name: keyof typeof FLAGS): string => {
    const fromEnv = env[`BENCH_SOAK_${name.toUpperCase().replace(/-/g, '_')}`];
    if (!given.has(name) && fromEnv !== undefined && fromEnv !== '') return fromEnv;
    return String(values[name]);
  };
  const minutes = number('minutes', get('minutes'), 0.1, 24 * 60);
  const maxMinutesRaw = get('max-minutes');
  return {
    hearings: wholeNumber('hearings', get('hearings'), 1, 100),
    participants: wholeNumber('participants', get('participants'), 2, 20),
    minutes,
    churnSeconds: parseChurn(get('churn')),
    workers: wholeNumber('workers', get('workers'), 1, 64),
    video: parseVideo(get('video')),
    audioKbps: wholeNumber('audio-kbps', get('audio-kbps'), 6, 510),
    sampleSeconds: number('sample', get('sample'), 1, 600),
    memoryWarmupSeconds: number('memory-warmup', get('memory-warmup'), 0, 24 * 3600),
    maxLossPct: number('max-loss', get('max-loss'), 0, 100),
    maxGrowthMbPerMin: number('max-growth', get('max-growth'), 0, 10_000),
    seed: wholeNumber('seed', get('seed'), 0, 2 ** 31),
    maxMinutes: maxMinutesRaw === '' ? minutes + 15 : number('max-minutes', maxMinutesRaw, 1, 48 * 60),
    rtcPortBase: wholeNumber('rtc-port-base', get('rtc-port-base'), 1024, 65000),
    databaseUrl: get('database-url'),
    redisUrl: get('redis-url') || undefined,
    help: values.help === true || env.BENCH_SOAK_HELP === 'true',
  };
}
