import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Gauge } from 'prom-client';
import { CERTIFICATION_QUEUE } from '@ejustice/certification';
import { FILING_QUEUE } from '@ejustice/filing';
import { Metrics } from '@ejustice/platform';
import { SCHEDULING_QUEUE } from '@ejustice/scheduling-data';
import { AUDIT_QUEUE } from '../audit/audit-checkpoint.processor';
import { MAINTENANCE_QUEUE } from '../maintenance/maintenance.processor';

export const QUEUE_JOBS_METRIC = 'ejustice_queue_jobs';
/** The states worth an alert: work piling up, work stuck, work failed. Completed jobs are removed or only grow. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A scrape must not hang on a Redis that does not answer; the figures are then left out, not stale. */
const COUNT_TIMEOUT_MS = 1_000;

/**
 * The depth of every Bull queue of the platform, per state, read from Redis when Prometheus
 * scrapes the worker's /metrics. The counts are the queues' own (in Redis), the same from every
 * worker replica: a dashboard takes their max, not their sum.
 */
@Injectable()
export class QueueDepthMetrics {
  private readonly logger = new Logger(QueueDepthMetrics.name);

  constructor(
    metrics: Metrics,
    @InjectQueue(FILING_QUEUE) filing: Queue,
    @InjectQueue(CERTIFICATION_QUEUE) certification: Queue,
    @InjectQueue(SCHEDULING_QUEUE) scheduling: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) maintenance: Queue,
    @InjectQueue(AUDIT_QUEUE) audit: Queue,
  ) {
    const queues = [filing, certification, scheduling, maintenance, audit];
    const logger = this.logger;
    if (metrics.registry.getSingleMetric(QUEUE_JOBS_METRIC)) return;
    new Gauge({
      name: QUEUE_JOBS_METRIC,
      help: 'Jobs in each Bull queue, by state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            let timer: NodeJS.Timeout | undefined;
            try {
              const counts = await Promise.race([
                queue.getJobCounts(),
                new Promise<never>((_, reject) => {
                  timer = setTimeout(() => reject(new Error(`no answer within ${COUNT_TIMEOUT_MS} ms`)), COUNT_TIMEOUT_MS);
                }),
              ]);
              for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state]);
            } catch (e) {
              logger.warn(`collect() skipped [queue:${queue.name}] [error:${(e as Error).message}]`);
            } finally {
              clearTimeout(timer);
            }
          }),
        );
      },
    });
  }
}
