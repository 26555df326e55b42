import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, RequestContext } from '@ejustice/platform';
import { SweepRecordingSpool } from '@ejustice/recording';

/**
 * Sweeps this node's recording spool every RECORDING_SPOOL_SWEEP_MS (SweepRecordingSpool decides
 * what goes). The spool is the node's own disk (in Kubernetes an emptyDir of its pod), which no
 * other process can reach, so the node that writes it clears it. One sweep at a time; a sweep
 * that fails is logged and the next one tries again.
 */
@Injectable()
export class SpoolSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SpoolSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sweeps = 0;

  constructor(
    private readonly sweep: SweepRecordingSpool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.recording.spoolSweepMs;
    if (every === 0) return;
    this.timer = setInterval(() => void this.sweepOnce(), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep, unless one is still under way. */
  sweepOnce(): Promise<void> {
    if (this.running) return this.running;
    this.sweeps += 1;
    this.running = RequestContext.run({ requestId: `spool-sweep-${this.sweeps}` }, () => this.sweep.execute())
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn(`sweepOnce() failed; tried again next time [error:${String(error)}]`),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
