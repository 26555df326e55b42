/*
 * The benchmark's parameters: flags (`--hearings 4`), each also settable as BENCH_SFU_<NAME>
 * in the environment (BENCH_SFU_HEARINGS=4); a flag wins over the environment. Defaults suit a
 * 2-core machine shared with other work: a run of a few minutes.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Hearings per step: one step per value (a sweep), or one. */
  readonly hearings: readonly number[];
  readonly participants: number;
  readonly workers: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly sides: readonly ('platform' | 'bare')[];
  readonly video: { readonly width: number; readonly height: number; readonly fps: number; readonly kbps: number };
  readonly audioKbps: number;
  readonly clipSeconds: number;
  /** Receivers decrypt and authenticate every packet instead of counting SRTP headers (costly). */
  readonly decrypt: boolean;
  /** Platform side: the judge starts the court recording in every hearing once everyone is let in. */
  readonly record: boolean;
  /**
   * Platform side: in every hearing the last participant is an interpreter into French, speaking
   * into the channel, and half the witnesses listen to it.
   */
  readonly interpretation: boolean;
  /** Chromium joins measured (0: none). */
  readonly joins: number;
  /** Special-measures order rounds timed (0: none): make a screen order, then revoke it. */
  readonly orders: number;
  /** Witnesses in the hearing of the order rounds (with the judge, all sending and receiving). */
  readonly orderWitnesses: number;
  /**
   * Chromium protection rounds timed (0: none): a screen from the defendant lifted and made again,
   * and the witness's "I need a break" reaching the judge.
   */
  readonly protection: number;
  /** A step with more end-to-end loss than this (%) does not count as carried. */
  readonly lossThresholdPct: number;
  /** The whole run stops (and cleans up) after this long. */
  readonly maxMinutes: number;
  readonly rtcPortBase: number;
  readonly databaseUrl: string;
  /** A Redis the operator named; undefined: a redis-server of the run's own. */
  readonly redisUrl: string | undefined;
  readonly help: boolean;
}

export const USAGE = `SFU benchmark: the platform's media node against bare mediasoup under the same load, then
special-measures order changes in a live hearing, then Chromium join-to-first-frame, then Chromium
protection latencies (a screen lifted and made again, a break asked for). Every option is also an
environment variable BENCH_SFU_<NAME>.

  ./ejustice bench sfu [options]          (or: node dist/bench/sfu/run.js [options])

  --hearings 2,4,6       hearings per step; a list makes a sweep          (default 2,4,6)
  --participants 4       participants per hearing (judge + witnesses)     (default 4)
  --workers N            mediasoup workers on each side                   (default: cores)
  --warmup 5             seconds of load before each measurement          (default 5)
  --duration 15          seconds measured per step and side               (default 15)
  --sides platform,bare  which sides to run; none: only the orders, joins, protection (default both)
  --video 640x360@30:600 the senders' VP8: size, frame rate, kbit/s       (default 640x360@30:600)
  --audio-kbps 32        the senders' Opus kbit/s                          (default 32)
  --decrypt              receivers decrypt every packet (werift) instead of counting SRTP headers
  --record               platform side: the judge records every hearing of the load (its ffmpeg CPU shown)
  --interpretation       platform side: an interpreter into French per hearing, half the witnesses on the channel
  --orders 100           screen-order rounds to time: make, then revoke (0: skip) (default 100)
  --order-witnesses 6    witnesses in the orders' hearing, with the judge (default 6)
  --joins 20             Chromium joins to time (0: skip)                  (default 20)
  --protection 20        Chromium protection rounds: screen lifted, made again, break asked (0: skip) (default 20)
  --loss-threshold 1     % of end-to-end loss above which a step is not "carried" (default 1)
  --max-minutes 30       hard bound on the whole run                       (default 30)
  --rtc-port-base 47000  first WebRTC port (platform: base.., bare: base+20..)
  --database-url URL     its own database, dropped and migrated at start   (default .../ejustice_bench_sfu)
  --redis-url URL        a Redis database to run on, not flushed           (default: a redis-server of
                         its own on a free loopback port, empty, stopped at the end)
  --help`;

function positiveInt(name: string, raw: string, min = 1, max = 1_000_000): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

function positiveNumber(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of at least 0, not "${raw}"`);
  return n;
}

export function parseVideo(raw: string): BenchOptions['video'] {
  const m = /^(\d+)x(\d+)@(\d+):(\d+)$/.exec(raw);
  if (!m) throw new Error(`--video must look like 640x360@30:600 (width x height @ fps : kbit/s), not "${raw}"`);
  const [width, height, fps, kbps] = m.slice(1).map(Number);
  if (width < 16 || height < 16 || width > 1920 || height > 1080 || width % 2 || height % 2)
    throw new Error(`--video size must be even and from 16x16 to 1920x1080, not ${width}x${height}`);
  if (fps < 1 || fps > 60) throw new Error(`--video frame rate must be from 1 to 60, not ${fps}`);
  if (kbps < 50 || kbps > 5000) throw new Error(`--video bitrate must be from 50 to 5000 kbit/s, not ${kbps}`);
  return { width, height, fps, kbps };
}

const FLAGS = {
  hearings: { type: 'string', default: '2,4,6' },
  participants: { type: 'string', default: '4' },
  workers: { type: 'string', default: String(Math.max(1, cpus().length)) },
  warmup: { type: 'string', default: '5' },
  duration: { type: 'string', default: '15' },
  sides: { type: 'string', default: 'platform,bare' },
  video: { type: 'string', default: '640x360@30:600' },
  'audio-kbps': { type: 'string', default: '32' },
  joins: { type: 'string', default: '20' },
  protection: { type: 'string', default: '20' },
  orders: { type: 'string', default: '100' },
  'order-witnesses': { type: 'string', default: '6' },
  'loss-threshold': { type: 'string', default: '1' },
  'max-minutes': { type: 'string', default: '30' },
  'rtc-port-base': { type: 'string', default: '47000' },
  'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/ejustice_bench_sfu' },
  'redis-url': { type: 'string', default: '' },
  decrypt: { type: 'boolean', default: false },
  record: { type: 'boolean', default: false },
  interpretation: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchOptions {
  const { values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });
  const given = new Set(argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]));
  const get = (name: keyof typeof FLAGS): string => {
    const fromEnv = env[`BENCH_SFU_${name.toUpperCase().replace(/-/g, '_')}`];
    if (!given.has(name) && fromEnv !== undefined && fromEnv !== '') return fromEnv;
    return String(values[name]);
  };
  const hearings = get('hearings')
    .split(',')
    .map((s) => positiveInt('hearings', s.trim(), 1, 200));
  const sides = get('sides')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== 'none');
  for (const s of sides) if (s !== 'platform' && s !== 'bare') throw new Error(`--sides takes platform and/or bare, not "${s}"`);
  const participants = positiveInt('participants', get('participants'), 2, 50);
  const rtcPortBase = positiveInt('rtc-port-base', get('rtc-port-base'), 1024, 65000);
  const interpretation = values.interpretation === true || env.BENCH_SFU_INTERPRETATION === 'true';
  // The judge, a witness who listens to the channel, and the interpreter.
  if (interpretation && participants < 3) throw new Error(`--interpretation needs --participants 3 or more, not ${participants}`);
  return {
    hearings,
    participants,
    workers: positiveInt('workers', get('workers'), 1, 64),
    warmupSeconds: positiveNumber('warmup', get('warmup')),
    durationSeconds: Math.max(1, positiveNumber('duration', get('duration'))),
    sides: [...new Set(sides)] as ('platform' | 'bare')[],
    video: parseVideo(get('video')),
    audioKbps: positiveInt('audio-kbps', get('audio-kbps'), 6, 510),
    clipSeconds: 10,
    decrypt: values.decrypt === true || env.BENCH_SFU_DECRYPT === 'true',
    record: values.record === true || env.BENCH_SFU_RECORD === 'true',
    interpretation,
    joins: positiveInt('joins', get('joins'), 0, 500),
    protection: positiveInt('protection', get('protection'), 0, 500),
    orders: positiveInt('orders', get('orders'), 0, 2000),
    orderWitnesses: positiveInt('order-witnesses', get('order-witnesses'), 2, 30),
    lossThresholdPct: positiveNumber('loss-threshold', get('loss-threshold')),
    maxMinutes: Math.max(1, positiveNumber('max-minutes', get('max-minutes'))),
    rtcPortBase,
    databaseUrl: get('database-url'),
    redisUrl: get('redis-url') || undefined,
    help: values.help === true || env.BENCH_SFU_HELP === 'true',
  };
}
