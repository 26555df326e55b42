import { parseRecordingOptions } from './options';

describe('recording benchmark options', () => {
  it('measures hearings of six in every mode by default', () => {
    const sut = parseRecordingOptions([], {});
    expect(sut.hearings).toEqual([1, 2, 3]);
    expect(sut.participants).toBe(6);
    expect(sut.modes).toEqual(['off', 'record', 'interpretation']);
    expect(sut.databaseUrl).toMatch(/ejustice_bench_recording$/);
    // No Redis named: the run starts a redis-server of its own.
    expect(sut.redisUrl).toBeUndefined();
    expect(parseRecordingOptions([], { BENCH_RECORDING_REDIS_URL: 'redis://127.0.0.1:6380/1' }).redisUrl).toBe('redis://127.0.0.1:6380/1');
  });

  it('takes flags over the environment, and keeps the modes in their order', () => {
    const sut = parseRecordingOptions(['--hearings', '4,2'], { BENCH_RECORDING_HEARINGS: '9', BENCH_RECORDING_MODES: 'record,off' });
    expect(sut.hearings).toEqual([2, 4]);
    expect(sut.modes).toEqual(['off', 'record']);
  });

  it('refuses a sweep with nothing to subtract from, and nonsense, naming the option', () => {
    expect(() => parseRecordingOptions(['--modes', 'record'], {})).toThrow(/--modes must include off/);
    expect(() => parseRecordingOptions(['--modes', 'off,mixing'], {})).toThrow(/--modes takes off, record, interpretation/);
    expect(() => parseRecordingOptions(['--participants', '2'], {})).toThrow(/--participants must be a whole number from 3/);
    expect(() => parseRecordingOptions(['--hearings', '0'], {})).toThrow(/--hearings must be a whole number from 1/);
  });
});
