import { useCallback, useEffect, useRef, useState } from 'react';
import { httpRoundTripProbe, measureRoundTrips, type RoundTripSummary } from './network-check';

export type NetworkCheckState =
  { status: 'idle' } | { status: 'running'; done: number; total: number } | { status: 'done'; summary: RoundTripSummary };

/**
 * Runs the round-trip check once when the page opens and again on request. The probe is a HEAD of
 * this page's own origin: the court's server that the hearing's signalling also goes through.
 */
export function useNetworkCheck(url = '/'): { state: NetworkCheckState; run: () => void } {
  const [state, setState] = useState<NetworkCheckState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    const count = 6;
    setState({ status: 'running', done: 0, total: count });
    void measureRoundTrips(httpRoundTripProbe(url), {
      count,
      signal: current.signal,
      onSample: (done, total) => {
        if (!current.signal.aborted) setState({ status: 'running', done, total });
      },
    }).then((summary) => {
      if (!current.signal.aborted) setState({ status: 'done', summary });
    });
  }, [url]);

  useEffect(() => {
    run();
    return () => controller.current?.abort();
  }, [run]);

  return { state, run };
}
