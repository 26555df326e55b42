import { parseOptions, seededRandom } from './options';

describe('crash soak options', () => {
  it('defaults to 100 kills between 0.2 and 3 s after the api is ready, on its own database', () => {
    const sut = parseOptions([], {});
    expect(sut).toMatchObject({ kills: 100, minUpSeconds: 0.2, maxUpSeconds: 3, filers: 4, clerks: 2, drainSeconds: 90 });
    expect(sut.databaseUrl).toMatch(/\/ejustice_bench_crash$/);
    // No Redis named: the run starts a redis-server of its own.
    expect(sut.redisUrl).toBeUndefined();
  });

  it('runs on the Redis the operator names, by flag or environment', () => {
    expect(parseOptions(['--redis-url', 'redis://10.0.0.5:6379/3'], {}).redisUrl).toBe('redis://10.0.0.5:6379/3');
    expect(parseOptions([], { BENCH_CRASH_REDIS_URL: 'redis://127.0.0.1:6380/1' }).redisUrl).toBe('redis://127.0.0.1:6380/1');
    expect(parseOptions([], { BENCH_CRASH_REDIS_URL: '' }).redisUrl).toBeUndefined();
  });

  it('takes flags over the environment, and the environment over defaults', () => {
    const sut = parseOptions(['--kills', '7', '--max-up=1.5'], { BENCH_CRASH_KILLS: '3', BENCH_CRASH_FILERS: '2', BENCH_CRASH_SEED: '42' });
    expect(sut).toMatchObject({ kills: 7, maxUpSeconds: 1.5, filers: 2, seed: 42 });
  });

  it('refuses nonsense with a sentence naming the flag', () => {
    expect(() => parseOptions(['--kills', 'many'], {})).toThrow('--kills must be a whole number from 0 to 100000, but is "many".');
    expect(() => parseOptions(['--min-up', '2', '--max-up', '1'], {})).toThrow('--max-up (1) must not be below --min-up (2).');
    expect(() => parseOptions(['--kill', '3'], {})).toThrow(/Unknown option '--kill'/);
  });

  it('draws the same kill times from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBe(5);
  });
});
