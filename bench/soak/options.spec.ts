import { dropsSince, isErrorLine, parseMetrics } from './platform';
import { parseChurn, parseOptions } from './options';
import { roster } from './roster';

describe('soak options', () => {
  it('defaults to the issue’s soak: 10 hearings x 6 participants for 10 minutes on its own database', () => {
    const sut = parseOptions([], {});
    expect(sut).toMatchObject({ hearings: 10, participants: 6, minutes: 10, workers: 2, maxLossPct: 1, maxMinutes: 25 });
    expect(sut.churnSeconds).toEqual({ min: 20, max: 40 });
    expect(sut.databaseUrl).toMatch(/ejustice_bench_soak$/);
    // No Redis named: the run starts a redis-server of its own.
    expect(sut.redisUrl).toBeUndefined();
  });

  it('runs on the Redis the operator names, by flag or environment', () => {
    expect(parseOptions(['--redis-url', 'redis://10.0.0.5:6379/3'], {}).redisUrl).toBe('redis://10.0.0.5:6379/3');
    expect(parseOptions([], { BENCH_SOAK_REDIS_URL: 'redis://127.0.0.1:6380/1' }).redisUrl).toBe('redis://127.0.0.1:6380/1');
    expect(parseOptions([], { BENCH_SOAK_REDIS_URL: '' }).redisUrl).toBeUndefined();
  });

  it('takes flags over the environment, and the environment over defaults', () => {
    const sut = parseOptions(['--minutes', '1', '--churn=5'], { BENCH_SOAK_MINUTES: '3', BENCH_SOAK_HEARINGS: '2' });
    expect(sut.minutes).toBe(1);
    expect(sut.hearings).toBe(2);
    expect(sut.churnSeconds).toEqual({ min: 5, max: 5 });
    expect(sut.maxMinutes).toBe(16);
  });

  it('refuses what it cannot run, saying why', () => {
    expect(() => parseOptions(['--participants', '1'], {})).toThrow('--participants must be a whole number from 2 to 20, not "1"');
    expect(() => parseChurn('40-20')).toThrow('low end first');
    expect(() => parseOptions(['--max-loss', 'x'], {})).toThrow('--max-loss must be a number');
    expect(() => parseOptions(['--bogus'], {})).toThrow();
  });
});

describe('soak roster', () => {
  it('seats the judge, a witness by link, counsel by account, the gallery receive-only and a supporter, then more witnesses', () => {
    expect(roster(7).map((s) => [s.role, s.joinsBy, s.sends])).toEqual([
      ['judge', 'account', true],
      ['witness', 'link', true],
      ['prosecutor', 'account', true],
      ['defence_counsel', 'account', true],
      ['observer', 'link', false],
      ['supporter', 'link', true],
      ['witness', 'link', true],
    ]);
    expect(roster(2).map((s) => s.role)).toEqual(['judge', 'witness']);
  });
});

describe('reading the platform', () => {
  it('reads unlabelled samples of the Prometheus text format', () => {
    const sut = parseMetrics(
      [
        '# HELP ejustice_process_resident_memory_bytes Resident memory size in bytes.',
        '# TYPE ejustice_process_resident_memory_bytes gauge',
        'ejustice_process_resident_memory_bytes 183640064',
        'ejustice_nodejs_heap_space_size_used_bytes{space="old"} 1234',
        'ejustice_media_consumers 440',
      ].join('\n'),
    );
    expect(sut.get('ejustice_process_resident_memory_bytes')).toBe(183_640_064);
    expect(sut.get('ejustice_media_consumers')).toBe(440);
    expect(sut.has('ejustice_nodejs_heap_space_size_used_bytes')).toBe(false);
  });

  it('counts UDP drops per socket since the last reading, from 0 for a socket opened since', () => {
    const before = new Map([
      ['11', 5],
      ['12', 7],
    ]);
    const now = new Map([
      ['11', 9],
      ['13', 2],
    ]);
    expect(dropsSince(before, now)).toBe(6);
  });

  it('counts error and fatal log lines, and anything that is not a log line, as errors', () => {
    expect(isErrorLine('{"level":30,"msg":"listening"}')).toBe(false);
    expect(isErrorLine('{"level":40,"msg":"openConsumer() consumer limit reached"}')).toBe(false);
    expect(isErrorLine('{"level":50,"msg":"request() failed unexpectedly"}')).toBe(true);
    expect(isErrorLine('TypeError: Cannot read properties of undefined')).toBe(true);
  });
});
