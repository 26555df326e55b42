/**
 * The network check before a hearing: what can honestly be measured from a browser, and what it
 * means for a video hearing. Measurements are round trips to the court's own server; they say
 * how responsive the path is, not how much bandwidth there is, and the sentence shown says so.
 */

export type NetworkVerdict = 'good' | 'fair' | 'poor' | 'offline';

export interface RoundTripSummary {
  /** Successful samples. */
  readonly samples: number;
  /** Attempts that failed (no answer, timeout). */
  readonly failures: number;
  /** Median round trip in milliseconds, or null with no successful sample. */
  readonly medianMs: number | null;
  /**
   * Median absolute difference between consecutive samples: how much the delay wobbles. The
   * median, not the mean, so that one slow sample (the device busy starting its camera, a first
   * connection) does not make the verdict; a link that keeps wobbling still does.
   */
  readonly jitterMs: number | null;
  readonly verdict: NetworkVerdict;
}

/*
 * Thresholds from the usual guidance for interactive voice (ITU-T G.114: one-way delay under
 * 150 ms is good, over 400 ms unacceptable; a round trip is twice that path) and for jitter that
 * a WebRTC jitter buffer absorbs without audible gaps.
 */
const GOOD_RTT_MS = 150;
const FAIR_RTT_MS = 400;
const GOOD_JITTER_MS = 30;
const FAIR_JITTER_MS = 80;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `samples` in order of measurement; `null` for an attempt that failed. */
export function summariseRoundTrips(samples: readonly (number | null)[]): RoundTripSummary {
  const ok = samples.filter((sample): sample is number => sample !== null && Number.isFinite(sample) && sample >= 0);
  const failures = samples.length - ok.length;
  if (ok.length === 0) return { samples: 0, failures, medianMs: null, jitterMs: null, verdict: 'offline' };
  const medianMs = median(ok);
  const steps: number[] = [];
  for (let i = 1; i < ok.length; i += 1) steps.push(Math.abs(ok[i] - ok[i - 1]));
  const jitterMs = steps.length > 0 ? median(steps) : 0;
  // Lost requests on a quiet page mean a lossy or failing link, whatever the delay of the rest.
  const lossy = failures > 0 && failures / samples.length > 0.2;
  let verdict: NetworkVerdict;
  if (lossy || medianMs > FAIR_RTT_MS || jitterMs > FAIR_JITTER_MS) verdict = 'poor';
  else if (failures > 0 || medianMs > GOOD_RTT_MS || jitterMs > GOOD_JITTER_MS) verdict = 'fair';
  else verdict = 'good';
  return { samples: ok.length, failures, medianMs: Math.round(medianMs), jitterMs: Math.round(jitterMs), verdict };
}

export interface RoundTripProbe {
  /** One round trip; resolves with its duration in ms, rejects when it failed. */
  (signal: AbortSignal): Promise<number>;
}

/**
 * Runs `count` probes one after another (parallel probes would queue behind each other and
 * measure the queue), each with its own timeout, and summarises them.
 */
export async function measureRoundTrips(
  probe: RoundTripProbe,
  options: { count?: number; timeoutMs?: number; signal?: AbortSignal; onSample?: (done: number, total: number) => void } = {},
): Promise<RoundTripSummary> {
  const count = options.count ?? 6;
  const timeoutMs = options.timeoutMs ?? 3000;
  const samples: (number | null)[] = [];
  for (let i = 0; i < count; i += 1) {
    if (options.signal?.aborted) break;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const forward = () => controller.abort();
    options.signal?.addEventListener('abort', forward);
    try {
      samples.push(await probe(controller.signal));
    } catch {
      samples.push(null);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', forward);
    }
    options.onSample?.(i + 1, count);
  }
  return summariseRoundTrips(samples);
}

/**
 * A round trip to the court's web server: a HEAD of the page itself, never cached, so the time
 * is one request to the server and back and no bytes of a body.
 */
export function httpRoundTripProbe(url: string, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): RoundTripProbe {
  return async (signal) => {
    const started = performance.now();
    const response = await fetchImpl(url, { method: 'HEAD', cache: 'no-store', credentials: 'omit', signal });
    if (!response.ok && response.status >= 500) throw new Error(`status ${response.status}`);
    return performance.now() - started;
  };
}
