import { parseOptions, parseVideo } from './options';

describe('benchmark options', () => {
  it('has defaults for a 2-core machine', () => {
    const sut = parseOptions([], {});
    expect(sut.hearings).toEqual([2, 4, 6]);
    expect(sut.participants).toBe(4);
    expect(sut.sides).toEqual(['platform', 'bare']);
    expect(sut.joins).toBe(20);
    expect(sut.video).toEqual({ width: 640, height: 360, fps: 30, kbps: 600 });
    expect(sut.databaseUrl).toMatch(/ejustice_bench_sfu$/);
  });

  it('takes flags over the environment, and the environment over defaults', () => {
    const env = { BENCH_SFU_HEARINGS: '3', BENCH_SFU_JOINS: '5', BENCH_SFU_LOSS_THRESHOLD: '2.5' };
    const sut = parseOptions(['--joins', '7', '--sides=bare'], env);
    expect(sut.hearings).toEqual([3]);
    expect(sut.joins).toBe(7);
    expect(sut.lossThresholdPct).toBe(2.5);
    expect(sut.sides).toEqual(['bare']);
  });

  it('runs only the Chromium joins with --sides none', () => {
    expect(parseOptions(['--sides', 'none'], {}).sides).toEqual([]);
  });

  it('refuses nonsense with a sentence naming the option', () => {
    expect(() => parseOptions(['--hearings', '2,x'], {})).toThrow(/--hearings must be a whole number/);
    expect(() => parseOptions(['--participants', '1'], {})).toThrow(/--participants must be a whole number from 2/);
    expect(() => parseOptions(['--sides', 'platform,cloud'], {})).toThrow(/--sides takes platform and\/or bare/);
    expect(() => parseOptions(['--no-such-flag'], {})).toThrow();
  });

  it('reads a video setting', () => {
    expect(parseVideo('1280x720@30:1500')).toEqual({ width: 1280, height: 720, fps: 30, kbps: 1500 });
    expect(() => parseVideo('720p')).toThrow(/640x360@30:600/);
    expect(() => parseVideo('641x360@30:600')).toThrow(/even/);
  });
});
