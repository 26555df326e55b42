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

/**
 * A worker that ran at least this long had started fine and died of something else (a crash in
 * the middle of a hearing, a kill): it is respawned at once, since every hearing it carried is
 * without media until a worker takes it. A spawn costs tens of milliseconds of CPU, so even a
 * worker dying every second this way does not spin the CPU.
 */
const STABLE_RUN_MS = 1000;
/**
 * A worker that dies soon after it started, or a respawn that fails, waits this long before the
 * next attempt, doubling each time up to the maximum: a worker that cannot start must not spin
 * the CPU, and one that can again (ports freed, memory back) must not stay dead for good.
 */
const RESPAWN_BACKOFF_MS = { initial: 200, max: 10_000 } as const;

/**
 * One mediasoup worker per core (`MEDIA_NUM_WORKERS`), each with a WebRtcServer on one UDP and one
 * TCP port (`MEDIA_RTC_PORT_BASE + i`), so a node needs only as many open ports as it has workers.
 * A worker that dies is replaced on the same index and ports. Listeners (the room manager, which
 * moves the rooms of a dead worker to a live one) are told at once if another worker is alive,
 * and again after every respawn: with every worker dead, the rooms wait for the first respawn.
 */
@Injectable()
export class WorkerPool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WorkerPool.name);
  private readonly slots: (WorkerSlot | undefined)[] = [];
  private readonly startedAt: number[] = [];
  private readonly backoffMs: number[] = [];
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
    this.startedAt[index] = Date.now();
    worker.on('died', (error) => {
      this.logger.error(`worker() died [index:${index}] [pid:${worker.pid}] [error:${error.message}]`);
      void this.replace(index);
    });
    return { index, worker, webRtcServer };
  }

  /**
   * Replaces a dead worker. Its rooms move at once to another live worker if there is one; with
   * none, the first respawn takes them. A worker that had run stably is respawned without delay;
   * one in a crash loop, or a respawn that fails, backs off and tries again until it succeeds.
   */
  private async replace(index: number): Promise<void> {
    this.slots[index] = undefined;
    this.deaths++;
    if (this.closing) return;
    if (this.live().length > 0) await this.notify(index);
    const ranMs = Date.now() - (this.startedAt[index] ?? 0);
    if (ranMs >= STABLE_RUN_MS) this.backoffMs[index] = 0;
    for (;;) {
      const delay = this.backoffMs[index] ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      this.backoffMs[index] = Math.min(Math.max(delay * 2, RESPAWN_BACKOFF_MS.initial), RESPAWN_BACKOFF_MS.max);
      if (this.closing) return;
      try {
        this.slots[index] = await this.spawn(index);
        break;
      } catch (error) {
        this.logger.error(
          `replace() respawn failed [index:${index}] [error:${(error as Error).message}] [retryInMs:${this.backoffMs[index]}]`,
        );
      }
    }
    if (this.closing) {
      this.slots[index]?.worker.close();
      return;
    }
    this.logger.log(`replace() worker respawned [index:${index}] [pid:${this.slots[index]?.worker.pid}] [ranMs:${ranMs}]`);
    await this.notify(index);
  }

  private async notify(index: number): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(index);
      } catch (error) {
        this.logger.error(`notify() listener failed [index:${index}] [error:${(error as Error).message}]`);
      }
    }
  }
}
