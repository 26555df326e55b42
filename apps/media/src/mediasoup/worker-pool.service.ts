import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';

/** One mediasoup worker process and the WebRtcServer through which all its transports talk. */
export interface WorkerSlot {
  readonly index: number;
  readonly worker: ms.Worker;
  readonly webRtcServer: ms.WebRtcServer;
}

export type WorkerDiedListener = (deadIndex: number) => void | Promise<void>;

/** Pause before respawning a worker, so a worker that dies at start cannot spin the CPU. */
const RESPAWN_DELAY_MS = 200;

/**
 * One mediasoup worker per core (`MEDIA_NUM_WORKERS`), each with a WebRtcServer on one UDP and one
 * TCP port (`MEDIA_RTC_PORT_BASE + i`), so a node needs only as many open ports as it has workers.
 * A worker that dies is replaced on the same index and ports, and listeners are told so they can
 * rebuild the rooms it carried.
 */
@Injectable()
export class WorkerPool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WorkerPool.name);
  private readonly slots: (WorkerSlot | undefined)[] = [];
  private readonly listeners: WorkerDiedListener[] = [];
  private closing = false;
  /** Workers that died since start, for the node's metrics. */
  deaths = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    for (let i = 0; i < this.config.media.numWorkers; i++) this.slots[i] = await this.spawn(i);
    this.logger.log(`onModuleInit() workers ready [count:${this.slots.length}] [portBase:${this.config.media.rtcPortBase}]`);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const slot of this.slots) slot?.worker.close();
  }

  onWorkerDied(listener: WorkerDiedListener): void {
    this.listeners.push(listener);
  }

  /** Live workers, by index. */
  live(): WorkerSlot[] {
    return this.slots.filter((s): s is WorkerSlot => s !== undefined && !s.worker.closed && !s.worker.died);
  }

  slot(index: number): WorkerSlot | undefined {
    const s = this.slots[index];
    return s && !s.worker.closed && !s.worker.died ? s : undefined;
  }

  get size(): number {
    return this.config.media.numWorkers;
  }

  private async spawn(index: number): Promise<WorkerSlot> {
    const worker = await mediasoup.createWorker({
      logLevel: 'warn',
      workerBin: this.config.media.workerBin,
      appData: { index },
    });
    const port = this.config.media.rtcPortBase === 0 ? undefined : this.config.media.rtcPortBase + index;
    let webRtcServer: ms.WebRtcServer;
    try {
      webRtcServer = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip: this.config.media.listenIp, announcedAddress: this.config.media.announcedAddress, port },
          { protocol: 'tcp', ip: this.config.media.listenIp, announcedAddress: this.config.media.announcedAddress, port },
        ],
      });
    } catch (error) {
      worker.close();
      throw error;
    }
    worker.on('died', (error) => {
      this.logger.error(`worker() died [index:${index}] [pid:${worker.pid}] [error:${error.message}]`);
      void this.replace(index);
    });
    return { index, worker, webRtcServer };
  }

  /** Replaces a dead worker, then tells the listeners (who move its rooms to a live worker). */
  private async replace(index: number): Promise<void> {
    this.slots[index] = undefined;
    this.deaths++;
    if (this.closing) return;
    await new Promise((resolve) => setTimeout(resolve, RESPAWN_DELAY_MS));
    try {
      this.slots[index] = await this.spawn(index);
      this.logger.log(`replace() worker respawned [index:${index}] [pid:${this.slots[index]?.worker.pid}]`);
    } catch (error) {
      // The rooms still move to the other workers; this index stays empty.
      this.logger.error(`replace() respawn failed [index:${index}] [error:${(error as Error).message}]`);
    }
    for (const listener of this.listeners) await listener(index);
  }
}
