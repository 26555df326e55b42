import { BullModule, getQueueToken } from '@nestjs/bull';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bull';
import { CERTIFICATION_QUEUE } from '@ejustice/certification';
import { FILING_QUEUE } from '@ejustice/filing';
import { APP_CONFIG, type AppConfig, ConfigModule, Metrics, bullQueueOptions } from '@ejustice/platform';
import { SCHEDULING_QUEUE } from '@ejustice/scheduling-data';
import { testConfig } from '@ejustice/testing';
import { AUDIT_QUEUE } from '../../../apps/worker/src/audit/audit-checkpoint.processor';
import { MAINTENANCE_QUEUE } from '../../../apps/worker/src/maintenance/maintenance.processor';
import { QueueDepthMetrics } from '../../../apps/worker/src/metrics/queue-depth.metrics';

/*
 * The worker's queue-depth gauge on real Redis: each queue's jobs by state, as a Prometheus
 * scrape of the worker reads them; and a scrape that Redis does not answer ends without them
 * instead of hanging.
 */

const QUEUES = [FILING_QUEUE, CERTIFICATION_QUEUE, SCHEDULING_QUEUE, MAINTENANCE_QUEUE, AUDIT_QUEUE];

async function workerMetrics(redisUrl: string): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(testConfig({ REDIS_URL: redisUrl })),
      BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => bullQueueOptions(c) }),
      ...QUEUES.map((name) => BullModule.registerQueue({ name })),
    ],
    providers: [Metrics, QueueDepthMetrics],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('queue depth metrics of the worker (integration)', () => {
  let moduleRef: TestingModule;
  const queue = (name: string) => moduleRef.get<Queue>(getQueueToken(name));

  beforeAll(async () => {
    // A Redis database of its own: nothing else puts jobs in these queues while they are counted.
    moduleRef = await workerMetrics('redis://127.0.0.1:6379/5');
    for (const name of QUEUES) await queue(name).obliterate({ force: true });
  });

  afterAll(async () => {
    for (const name of QUEUES) await queue(name).obliterate({ force: true });
    await moduleRef.close();
  });

  it('counts each queue’s jobs waiting, delayed and failed at the scrape', async () => {
    await queue(FILING_QUEUE).add({ n: 1 });
    await queue(FILING_QUEUE).add({ n: 2 });
    await queue(AUDIT_QUEUE).add({}, { delay: 3_600_000 });
    const failing = queue(CERTIFICATION_QUEUE);
    void failing.process(async () => {
      throw new Error('the probe job fails on purpose');
    });
    const job = await failing.add({}, { attempts: 1 });
    await expect(job.finished()).rejects.toThrow('the probe job fails on purpose');

    const text = await moduleRef.get(Metrics).registry.metrics();
    expect(text).toContain('ejustice_queue_jobs{queue="filing",state="waiting"} 2');
    expect(text).toContain('ejustice_queue_jobs{queue="audit",state="delayed"} 1');
    expect(text).toContain('ejustice_queue_jobs{queue="certification",state="failed"} 1');
    expect(text).toContain('ejustice_queue_jobs{queue="certification",state="active"} 0');
    expect(text).toContain('ejustice_queue_jobs{queue="scheduling",state="waiting"} 0');
    expect(text).toContain('ejustice_queue_jobs{queue="maintenance",state="failed"} 0');
  });

  it('leaves the figures out, rather than hang the scrape, when Redis does not answer', async () => {
    // Port 1 on the loopback: nothing listens, Bull keeps reconnecting and its commands wait.
    const unreachable = await workerMetrics('redis://127.0.0.1:1/0');
    try {
      const text = await unreachable.get(Metrics).registry.metrics();
      expect(text).toContain('# TYPE ejustice_queue_jobs gauge');
      expect(text).not.toMatch(/^ejustice_queue_jobs\{/m);
    } finally {
      // Closing a queue waits for its connection to be ready, which it never is: its clients are cut instead.
      for (const name of QUEUES) for (const client of unreachable.get<Queue>(getQueueToken(name)).clients) client.disconnect();
      await unreachable.close().catch(() => undefined);
    }
  });
});
