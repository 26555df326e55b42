import type { LoggerService } from '@nestjs/common';
import { RequestContext } from '../context/request-context';

/**
 * A sweep on a plain timer, every `periodMs` from start: housekeeping that must go on whatever
 * Redis remembers (a Bull repeatable job's schedule is lost with Redis), or that belongs to one
 * process (its own disk). One sweep at a time: a tick while one is under way passes. A sweep
 * that fails is logged and the next tick tries again. Each runs in a request context named
 * `<name>-<n>`, which its log lines carry. A period of 0 turns it off.
 */
export class PeriodicSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sweeps = 0;

  constructor(
    private readonly name: string,
    private readonly logger: LoggerService,
    private readonly periodMs: number,
    private readonly sweep: () => Promise<unknown>,
  ) {}

  /** Starts the timer; false (and nothing started) when the period is 0. */
  start(): boolean {
    if (this.periodMs === 0) return false;
    this.timer = setInterval(() => void this.runNow(), this.periodMs);
    this.timer.unref();
    return true;
  }

  /** One sweep now, unless one is under way (then that one). Never rejects. */
  runNow(): Promise<void> {
    if (this.running) return this.running;
    this.sweeps += 1;
    this.running = RequestContext.run({ requestId: `${this.name}-${this.sweeps}` }, () => this.sweep())
      .then(
        () => undefined,
        (error: unknown) => {
          this.logger.error(
            `runNow() failed; tried again next time [sweep:${this.name}] [error:${error instanceof Error ? error.message : String(error)}]`,
          );
        },
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
