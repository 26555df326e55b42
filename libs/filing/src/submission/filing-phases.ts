import type { Histogram } from 'prom-client';
import type { Metrics } from '@ejustice/platform';

/**
 * Where an accepted filing spends its time, one histogram series per phase, read from the api's
 * `/metrics` (the filing benchmark prints them). Wall-clock phases: `receive` (the upload read and
 * staged), `inspect` (waiting for the verdicts once the upload is in: what inspection adds beyond
 * receipt), `prepare` (what the idempotency and target checks, started as soon as the metadata
 * was in, still took once the documents had passed), `transaction` (its whole span, with `store`
 * (the files put in the store), `rows` (the one statement writing the filing's rows and its audit
 * event) and `commit` inside it), `seal` (the event chained after the commit),
 * `total` (the request's whole submission). Time spent inside
 * `receive`: `hash`, `write` and `sync`, summed over the filing's files; `inspect_file`: one
 * document's check from the moment it was staged, per file.
 */
export type FilingPhase =
  | 'receive'
  | 'hash'
  | 'write'
  | 'sync'
  | 'inspect'
  | 'inspect_file'
  | 'prepare'
  | 'transaction'
  | 'store'
  | 'rows'
  | 'commit'
  | 'seal'
  | 'total';

export const FILING_PHASE_METRIC = 'ejustice_filing_phase_seconds';
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30];

export class FilingPhases {
  private readonly histogram: Histogram<string> | undefined;

  constructor(metrics: Metrics | undefined) {
    this.histogram = metrics?.histogram(FILING_PHASE_METRIC, 'Where accepted filings spend their time, by phase', ['phase'], BUCKETS);
  }

  observe(phase: FilingPhase, ms: number): void {
    this.histogram?.observe({ phase }, ms / 1000);
  }
}
