import { parseOptions, parseVideo } from './options';

describe('benchmark options', () => {
  it('has defaults for a 2-core machine', () => {
    const sut = parseOptions([], {});
    expect(sut.hearings).toEqual([2, 4, 6]);
    expect(sut.participants).toBe(4);
    expect(sut.sides).toEqual(['platform', 'bare']);
    expect(sut.joins).toBe(20);
    expect(sut.protection).toBe(20);
    expect(sut.orders).toBe(100);
    expect(sut.orderWitnesses).toBe(6);
    expect(sut.video).toEqual({ width: 640, height: 360, fps: 30, kbps: 600 });
    expect(sut.databaseUrl).toMatch(/ejustice_bench_sfu$/);
    // No Redis named: the run starts a redis-server of its own.
    expect(sut.redisUrl).toBeUndefined();
    expect(parseOptions(['--redis-url=redis://127.0.0.1:6380/1'], {}).redisUrl).toBe('redis://127.0.0.1:6380/1');
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

  it('takes the order rounds and their hearing, from flags or the environment', () => {
    const sut = parseOptions(['--orders', '0'], { BENCH_SFU_ORDER_WITNESSES: '3' });
    expect(sut.orders).toBe(0);
    expect(sut.orderWitnesses).toBe(3);
    expect(parseOptions(['--order-witnesses=8'], { BENCH_SFU_ORDERS: '20' })).toMatchObject({ orders: 20, orderWitnesses: 8 });
    // A screen needs a witness and at least one other to screen her from.
    expect(() => parseOptions(['--order-witnesses', '1'], {})).toThrow(/--order-witnesses must be a whole number from 2/);
    expect(() => parseOptions(['--orders', '2.5'], {})).toThrow(/--orders must be a whole number from 0/);
  });

  it('takes the Chromium protection rounds from flags or the environment, 0 to skip them', () => {
    expect(parseOptions(['--sides', 'none', '--joins', '0', '--orders', '0', '--protection', '5'], {})).toMatchObject({
      sides: [],
      joins: 0,
      orders: 0,
      protection: 5,
    });
    expect(parseOptions([], { BENCH_SFU_PROTECTION: '0' }).protection).toBe(0);
    expect(parseOptions(['--protection=3'], { BENCH_SFU_PROTECTION: '0' }).protection).toBe(3);
    expect(() => parseOptions(['--protection=-1'], {})).toThrow(/--protection must be a whole number from 0 to 500, not "-1"/);
  });

  it('refuses nonsense with a sentence naming the option', () => {
    expect(() => parseOptions(['--hearings', '2,x'], {})).toThrow(/--hearings must be a whole number/);
    expect(() => parseOptions(['--participants', '1'], {})).toThrow(/--participants must be a whole number from 2/);
    expect(() => parseOptions(['--sides', 'platform,cloud'], {})).toThrow(/--sides takes platform and\/or bare/);
    expect(() => parseOptions(['--no-such-flag'], {})).toThrow();
  });

  it('records and interprets only when asked, from flags or the environment', () => {
    expect(parseOptions([], {})).toMatchObject({ record: false, interpretation: false });
    expect(parseOptions(['--record'], { BENCH_SFU_INTERPRETATION: 'true' })).toMatchObject({ record: true, interpretation: true });
    expect(() => parseOptions(['--interpretation', '--participants', '2'], {})).toThrow(/--interpretation needs --participants 3/);
  });

  it('reads a video setting', () => {
    expect(parseVideo('1280x720@30:1500')).toEqual({ width: 1280, height: 720, fps: 30, kbps: 1500 });
    expect(() => parseVideo('720p')).toThrow(/640x360@30:600/);
    expect(() => parseVideo('641x360@30:600')).toThrow(/even/);
  });
});
