import type { Queue } from 'bull';
import { FilingPhases } from '../../libs/filing/src/submission/filing-phases';
import { type AppConfig, Metrics, loadConfig } from '@ejustice/platform';
import { NodeHeartbeat } from '../../apps/media/src/node/node-heartbeat.service';
import { RoomRecording } from '../../apps/media/src/recording/room-recording';
import { QueueDepthMetrics } from '../../apps/worker/src/metrics/queue-depth.metrics';

/** One series name a Prometheus scrape of the platform can carry, with the labels it carries. */
export interface CatalogueEntry {
  readonly labels: readonly string[];
}

/**
 * Every metric the platform's processes register, read from their registries as each process
 * fills them (the api, the worker and a media node each have one: `Metrics`, with Node's default
 * metrics, and what their services add at construction), with the series names Prometheus
 * derives: a histogram's `_bucket` (labelled `le`), `_sum` and `_count`, a summary's `_sum`
 * and `_count`. The services are built with stand-ins for what their constructors do not use.
 */
export function platformMetricCatalogue(): Map<string, CatalogueEntry> {
  const config: AppConfig = loadConfig({});
  const unused = {} as never;
  const registries = [];

  // The api: request durations, the filing phases.
  const api = new Metrics();
  new FilingPhases(api);
  registries.push(api.registry);

  // The worker: the queues' depth.
  const worker = new Metrics();
  const queue = (name: string) => ({ name }) as Queue;
  new QueueDepthMetrics(worker, queue('filing'), queue('certification'), queue('scheduling'), queue('maintenance'), queue('audit'));
  registries.push(worker.registry);

  // A media node: its load and loss (the heartbeat), its recording.
  const media = new Metrics();
  new NodeHeartbeat(unused, unused, unused, config, media);
  new RoomRecording(unused, config, media);
  registries.push(media.registry);

  const catalogue = new Map<string, CatalogueEntry>();
  for (const registry of registries) {
    for (const metric of registry.getMetricsAsArray()) {
      // Read without collecting: a collect() would ask Redis for the queues' depth.
      const { name, labelNames = [], type } = metric as unknown as { name: string; labelNames?: string[]; type: string };
      const labels = [...labelNames];
      if (type === 'histogram') {
        catalogue.set(`${name}_bucket`, { labels: [...labels, 'le'] });
        catalogue.set(`${name}_sum`, { labels });
        catalogue.set(`${name}_count`, { labels });
      } else if (type === 'summary') {
        catalogue.set(name, { labels: [...labels, 'quantile'] });
        catalogue.set(`${name}_sum`, { labels });
        catalogue.set(`${name}_count`, { labels });
      } else {
        catalogue.set(name, { labels });
      }
    }
  }
  return catalogue;
}
