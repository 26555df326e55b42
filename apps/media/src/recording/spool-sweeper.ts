import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, PeriodicSweep } from '@ejustice/platform';
import { SweepRecordingSpool } from '@ejustice/recording';

/**
 * Sweeps this node's recording spool every RECORDING_SPOOL_SWEEP_MS (PeriodicSweep; 0 = never),
 * SweepRecordingSpool deciding what goes. The spool is the node's own disk (in Kubernetes an
 * emptyDir of its pod), which no other process can reach, so the node that writes it clears it.
 */
@Injectable()
export class SpoolSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicSweep;

  constructor(sweep: SweepRecordingSpool, @Inject(APP_CONFIG) config: AppConfig) {
    this.periodic = new PeriodicSweep('spool-sweep', new Logger(SpoolSweeper.name), config.recording.spoolSweepMs, () => sweep.execute());
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }
}
