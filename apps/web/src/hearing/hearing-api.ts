import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { HearingType } from '@ejustice/vocabulary/hearing-type';
import type { ParticipantView } from '@ejustice/hearings/signalling/signalling-messages';
import type { ApiClient } from '../api/client';

/** What every view of a hearing starts with. */
export interface HearingHead {
  id: string;
  title: string;
  hearingType: HearingType;
  status: HearingStatus;
  roomLocked: boolean;
  scheduledStart: string;
  scheduledEnd: string;
  case: { id: string; number: string };
}

/** One line of `GET /api/hearings/today` (judges: their own; clerks: the court's). */
export interface TodayHearing extends HearingHead {
  participantCount: number;
  /** How many are in the waiting room now. */
  waitingCount: number;
  presiding: boolean;
}

/** `GET /api/hearings/:id`, as the caller may see it. */
export interface HearingDetail extends HearingHead {
  viewer: { participantId: string | null; hearingRole: HearingRole | null; bench: boolean };
  /** As this viewer may see them: everyone for the court's judges and clerks (`viewer.bench`). */
  participants: ParticipantView[];
}

export function listTodaysHearings(api: ApiClient, signal?: AbortSignal): Promise<TodayHearing[]> {
  return api.get<TodayHearing[]>('/api/hearings/today', signal);
}

export function getHearing(api: ApiClient, hearingId: string, signal?: AbortSignal): Promise<HearingDetail> {
  return api.get<HearingDetail>(`/api/hearings/${encodeURIComponent(hearingId)}`, signal);
}

/** One line of `GET /api/hearings/mine`: a hearing the caller is listed in, still to come or running. */
export interface MyHearing extends HearingHead {
  hearingRole: HearingRole;
}

export function listMyHearings(api: ApiClient, signal?: AbortSignal): Promise<MyHearing[]> {
  return api.get<MyHearing[]>('/api/hearings/mine', signal);
}
