import { Metrics } from './metrics.module';

describe('Metrics: the event loop busy counter', () => {
  const NAME = 'ejustice_event_loop_busy_seconds_total';

  async function busySeconds(metrics: Metrics): Promise<number> {
    const { values } = await metrics.registry.getSingleMetric(NAME)!.get();
    return values[0]?.value ?? 0;
  }

  /** Keeps the main thread busy for `ms`, then lets the loop turn. */
  async function spin(ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // busy on purpose
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  it('counts the main thread busy, and not the time it waits idle', async () => {
    const metrics = new Metrics();
    const start = await busySeconds(metrics);

    await spin(200);
    const afterBusy = await busySeconds(metrics);
    expect(afterBusy - start).toBeGreaterThanOrEqual(0.19);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterIdle = await busySeconds(metrics);
    expect(afterIdle - afterBusy).toBeLessThan(0.1);
  });

  it('is served in the exposition text as a counter', async () => {
    const metrics = new Metrics();
    await spin(20);
    const text = await metrics.registry.metrics();
    expect(text).toContain(`# TYPE ${NAME} counter`);
    expect(Number(new RegExp(`^${NAME} (\\S+)$`, 'm').exec(text)?.[1])).toBeGreaterThan(0);
  });
});
