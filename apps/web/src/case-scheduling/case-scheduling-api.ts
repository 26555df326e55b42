import type { CaseSchedulingFactsUpdate, CaseSchedulingFactsView } from '@ejustice/scheduling-data/contract/case-scheduling-facts.contract';
import { api, type ApiClient } from '../api/client';

/** A case's scheduling facts as its docket page reads and saves them (shapes in libs/scheduling-data). */
export interface CaseSchedulingClient {
  read(caseId: string, signal?: AbortSignal): Promise<CaseSchedulingFactsView>;
  /** Replaces the facts as a whole; refused with 409 `scheduling.facts_stale` when `version` is not the current one. */
  save(caseId: string, update: CaseSchedulingFactsUpdate): Promise<CaseSchedulingFactsView>;
}

export function caseSchedulingClient(client: ApiClient = api): CaseSchedulingClient {
  const path = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/scheduling`;
  return {
    read: (caseId, signal) => client.get<CaseSchedulingFactsView>(path(caseId), signal),
    save: (caseId, update) => client.request<CaseSchedulingFactsView>(path(caseId), { method: 'PUT', body: update }),
  };
}
