import type { LoggerService } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { PeriodicSweep } from './periodic-sweep';

describe('PeriodicSweep', () => {
  const HOUR = 3_600_000;

  /** A sweep that takes as long as the test says, and a logger that keeps what it was told. */
  function harness(periodMs: number) {
    const calls: { finish: () => void; fail: (error: Error) => void; requestId: string | undefined }[] = [];
    const sweep = jest.fn(
      () =>
        new Promise<void>((resolve, reject) => {
          calls.push({ finish: resolve, fail: reject, requestId: RequestContext.current()?.requestId });
        }),
    );
    const errors: string[] = [];
    const logger = { error: (message: string) => errors.push(message) } as unknown as LoggerService;
    return { sweep, calls, errors, sut: new PeriodicSweep('spool-sweep', logger, periodMs, sweep) };
  }

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sweeps once per period from start, not at start itself, each in a request context of its own', async () => {
    const { sweep, calls, sut } = harness(HOUR);
    expect(sut.start()).toBe(true);

    jest.advanceTimersByTime(HOUR - 1);
    expect(sweep).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(sweep).toHaveBeenCalledTimes(1);
    calls[0].finish();
    // The sweep under way, over: the next tick starts another.
    await sut.runNow();
    jest.advanceTimersByTime(HOUR);

    expect(calls.map((c) => c.requestId)).toEqual(['spool-sweep-1', 'spool-sweep-2']);
    calls[1].finish();
    await sut.stop();
  });

  it('starts no second sweep while one is under way', async () => {
    const { sweep, calls, sut } = harness(1_000);
    sut.start();

    jest.advanceTimersByTime(5_000);
    const asked = sut.runNow();

    expect(sweep).toHaveBeenCalledTimes(1);
    calls[0].finish();
    await asked;
    await sut.stop();
  });

  it('logs a sweep that failed, never rejects, and sweeps again at the next tick', async () => {
    const { sweep, calls, errors, sut } = harness(1_000);
    sut.start();

    jest.advanceTimersByTime(1_000);
    const failing = sut.runNow();
    calls[0].fail(new Error('the database did not answer'));
    await expect(failing).resolves.toBeUndefined();
    jest.advanceTimersByTime(1_000);

    expect(errors).toEqual([expect.stringMatching(/runNow\(\) failed.*\[sweep:spool-sweep\].*the database did not answer/)]);
    expect(sweep).toHaveBeenCalledTimes(2);
    calls[1].finish();
    await sut.stop();
  });

  it('never sweeps with a period of 0', () => {
    const { sweep, sut } = harness(0);

    expect(sut.start()).toBe(false);
    jest.advanceTimersByTime(10 * HOUR);

    expect(sweep).not.toHaveBeenCalled();
  });

  it('stops after the sweep under way, and sweeps no more', async () => {
    const { sweep, calls, sut } = harness(1_000);
    sut.start();
    jest.advanceTimersByTime(1_000);

    let stopped = false;
    const stopping = sut.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    calls[0].finish();
    await stopping;
    jest.advanceTimersByTime(10_000);

    expect(sweep).toHaveBeenCalledTimes(1);
  });
});
