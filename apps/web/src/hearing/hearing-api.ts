import type { HearingDetailView, HearingHeadView, MyHearingView, TodayHearingView } from '@ejustice/hearings/contract/hearing-contract';
import { PAGE_MAX_LIMIT } from '@ejustice/platform/contract/page';
import type { ApiClient } from '../api/client';

/*
 * The hearing pages' endpoints; their shapes are declared once in
 * libs/hearings/src/contract/hearing-contract.ts.
 */

/** `GET /api/hearings/today` (judges: their own; clerks: the court's), a whole day's list as one page. */
export function listTodaysHearings(api: ApiClient, signal?: AbortSignal): Promise<TodayHearingView[]> {
  return api.get<TodayHearingView[]>(`/api/hearings/today?limit=${PAGE_MAX_LIMIT}`, signal);
}

/** `GET /api/hearings/:id`, as the caller may see it. */
export function getHearing(api: ApiClient, hearingId: string, signal?: AbortSignal): Promise<HearingDetailView> {
  return api.get<HearingDetailView>(`/api/hearings/${encodeURIComponent(hearingId)}`, signal);
}

/** `GET /api/hearings/mine`: the hearings the caller is listed in, still to come or running, soonest first. */
export function listMyHearings(api: ApiClient, signal?: AbortSignal): Promise<MyHearingView[]> {
  return api.get<MyHearingView[]>('/api/hearings/mine', signal);
}

/** `GET /api/cases/:caseId/hearings` (the court's judges and clerks): every hearing of the case, in the order they sit. */
export function listCaseHearings(api: ApiClient, caseId: string, signal?: AbortSignal): Promise<HearingHeadView[]> {
  return api.get<HearingHeadView[]>(`/api/cases/${encodeURIComponent(caseId)}/hearings?limit=${PAGE_MAX_LIMIT}`, signal);
}
