import { api, type ApiClient } from '../api/client';
import type { BacklogForecast, BacklogPeriodName, BacklogReport } from '@ejustice/scheduling-data/contract/backlog.contract';

/** The query string of a request: only the parameters given, encoded. */
export function queryString(params: Readonly<Record<string, string | number | undefined>>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** The backlog endpoints as the dashboard uses them (shapes in libs/scheduling-data/src/contract/backlog.contract.ts). */
export class BacklogApi {
  constructor(private readonly client: ApiClient = api) {}

  report(courtId: string, query: { from?: string; to?: string; period: BacklogPeriodName }, signal?: AbortSignal): Promise<BacklogReport> {
    return this.client.get<BacklogReport>(`/api/courts/${encodeURIComponent(courtId)}/backlog${queryString(query)}`, signal);
  }

  /** `scenario`: comma-separated names, empty for the court as it is. */
  forecast(courtId: string, scenario: string, signal?: AbortSignal): Promise<BacklogForecast> {
    return this.client.get<BacklogForecast>(
      `/api/courts/${encodeURIComponent(courtId)}/backlog/forecast${queryString({ scenario })}`,
      signal,
    );
  }
}

export const backlogApi = new BacklogApi();
