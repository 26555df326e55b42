import { Logger } from '@nestjs/common';
import type { AppConfig } from '@ejustice/platform';
import type { SweepRecordingSpool } from '@ejustice/recording';
import { SpoolSweeper } from './spool-sweeper';

describe('SpoolSweeper', () => {
  const HOUR = 3_600_000;
  const config = (spoolSweepMs: number) => ({ recording: { spoolSweepMs } }) as AppConfig;

  /** A sweep that takes as long as the test says. */
  function sweep() {
    const calls: { finish: () => void; fail: (error: Error) => void }[] = [];
    const fake = {
      execute: jest.fn(
        () =>
          new Promise<{ registered: number; abandoned: number }>((resolve, reject) => {
            calls.push({ finish: () => resolve({ registered: 0, abandoned: 0 }), fail: reject });
          }),
      ),
    };
    return { fake, calls, sut: (ms: number) => new SpoolSweeper(fake as unknown as SweepRecordingSpool, config(ms)) };
  }

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sweeps once per interval from start-up, not at start-up itself', async () => {
    const { fake, calls, sut } = sweep();
    const sweeper = sut(HOUR);
    sweeper.onApplicationBootstrap();

    jest.advanceTimersByTime(HOUR - 1);
    expect(fake.execute).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fake.execute).toHaveBeenCalledTimes(1);
    calls[0].finish();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(HOUR);
    expect(fake.execute).toHaveBeenCalledTimes(2);
    calls[1].finish();
    await sweeper.onApplicationShutdown();
  });

  it('starts no second sweep while one is under way', async () => {
    const { fake, calls, sut } = sweep();
    const sweeper = sut(1_000);
    sweeper.onApplicationBootstrap();

    jest.advanceTimersByTime(5_000);

    expect(fake.execute).toHaveBeenCalledTimes(1);
    calls[0].finish();
    await sweeper.onApplicationShutdown();
  });

  it('says so when a sweep failed, and goes on', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { fake, calls, sut } = sweep();
    const sweeper = sut(1_000);
    sweeper.onApplicationBootstrap();

    jest.advanceTimersByTime(1_000);
    calls[0].fail(new Error('the database did not answer'));
    await sweeper.sweepOnce();
    jest.advanceTimersByTime(1_000);

    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/sweepOnce\(\) failed.*the database did not answer/));
    expect(fake.execute).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    calls[1].finish();
    await sweeper.onApplicationShutdown();
  });

  it('never sweeps when the interval is 0, and stops at shutdown after the sweep under way', async () => {
    const off = sweep();
    off.sut(0).onApplicationBootstrap();
    jest.advanceTimersByTime(10 * HOUR);
    expect(off.fake.execute).not.toHaveBeenCalled();

    const on = sweep();
    const sweeper = on.sut(1_000);
    sweeper.onApplicationBootstrap();
    jest.advanceTimersByTime(1_000);
    let stopped = false;
    const stopping = sweeper.onApplicationShutdown().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    on.calls[0].finish();
    await stopping;
    jest.advanceTimersByTime(10_000);
    expect(on.fake.execute).toHaveBeenCalledTimes(1);
  });
});
