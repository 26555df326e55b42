/*
 * The crash soak's parameters: flags (`--kills 100`), each also settable as BENCH_CRASH_<NAME> in
 * the environment (BENCH_CRASH_KILLS=100); a flag wins over the environment.
 */
import { parseArgs } from 'node:util';

export interface CrashOptions {
  /** How many times the api is SIGKILLed. */
  readonly kills: number;
  /** The api is killed uniformly between these many seconds after it answered /health. */
  readonly minUpSeconds: number;
  readonly maxUpSeconds: number;
  readonly filers: number;
  readonly clerks: number;
  /** Share of submissions whose lead document is large (5–20 MB), so uploads are in flight when the api dies. */
  readonly largeShare: number;
  /** After the last restart, how long the clients may take to settle what they still have pending. */
  readonly drainSeconds: number;
  /** Hard bound on the whole run. */
  readonly maxMinutes: number;
  readonly seed: number;
  readonly keepStorage: boolean;
  readonly databaseUrl: string;
  /** A Redis the operator named (flushed at start); undefined: a redis-server of the run's own. */
  readonly redisUrl: string | undefined;
  readonly help: boolean;
}

export const USAGE = `Crash soak: filers upload real PDFs and clerks claim and review them through the real api while
the api is SIGKILLed at random moments and restarted; then the orphan sweep runs and the database,
the document store and the audit chain are checked. Exits non-zero on any violation. Every option
is also an environment variable BENCH_CRASH_<NAME>.

  ./ejustice bench crash [options]          (or: node dist/bench/crash/run.js [options])

  --kills 100            SIGKILLs of the api                                  (default 100)
  --min-up 0.2           earliest kill, seconds after the api is ready        (default 0.2)
  --max-up 3             latest kill, seconds after the api is ready          (default 3)
  --filers 4             concurrent filers                                    (default 4)
  --clerks 2             concurrent clerks (claim + review)                   (default 2)
  --large-share 0.3      share of filings whose lead document is 5-20 MB      (default 0.3)
  --drain 90             seconds the clients get after the last restart       (default 90)
  --max-minutes 45       hard bound on the whole run                          (default 45)
  --seed N               seed of every random choice                          (default: random)
  --keep-storage         keep the document store even when every check passed
  --database-url URL     its own database, dropped and migrated at start   (default .../ejustice_bench_crash)
  --redis-url URL        a Redis database to run on, flushed at start      (default: a redis-server of
                         its own on a free loopback port, empty, stopped at the end)
`;

const FLAGS = {
  kills: { type: 'string' },
  'min-up': { type: 'string' },
  'max-up': { type: 'string' },
  filers: { type: 'string' },
  clerks: { type: 'string' },
  'large-share': { type: 'string' },
  drain: { type: 'string' },
  'max-minutes': { type: 'string' },
  seed: { type: 'string' },
  'keep-storage': { type: 'boolean' },
  'database-url': { type: 'string' },
  'redis-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof FLAGS;

export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CrashOptions {
  const { values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });
  const raw = (flag: Flag): string | boolean | undefined => values[flag] ?? env[`BENCH_CRASH_${flag.toUpperCase().replace(/-/g, '_')}`];
  const number = (flag: Flag, fallback: number, min: number, max: number, integer = true): number => {
    const v = raw(flag);
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      throw new Error(`--${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, but is "${String(v)}".`);
    }
    return n;
  };
  const flag = (f: Flag): boolean => {
    const v = raw(f);
    return v === true || v === 'true' || v === '1';
  };
  const minUpSeconds = number('min-up', 0.2, 0, 600, false);
  const maxUpSeconds = number('max-up', 3, 0, 600, false);
  if (maxUpSeconds < minUpSeconds) throw new Error(`--max-up (${maxUpSeconds}) must not be below --min-up (${minUpSeconds}).`);
  return {
    kills: number('kills', 100, 0, 100_000),
    minUpSeconds,
    maxUpSeconds,
    filers: number('filers', 4, 1, 64),
    clerks: number('clerks', 2, 0, 64),
    largeShare: number('large-share', 0.3, 0, 1, false),
    drainSeconds: number('drain', 90, 1, 3600),
    maxMinutes: number('max-minutes', 45, 1, 24 * 60),
    seed: number('seed', Math.floor(Math.random() * 2 ** 31), 0, 2 ** 31 - 1),
    keepStorage: flag('keep-storage'),
    databaseUrl: String(raw('database-url') ?? 'postgres://postgres@127.0.0.1:5432/ejustice_bench_crash'),
    redisUrl: String(raw('redis-url') ?? '') || undefined,
    help: flag('help'),
  };
}

/** A small seeded generator (mulberry32): the same seed gives the same kill times and choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
