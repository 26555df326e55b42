import type { ScheduleHearingRequest, ScheduledHearingView } from '@ejustice/hearings/contract/hearing-contract';
import type { HearingType } from '@ejustice/vocabulary/hearing-type';
import { api, type ApiClient } from '../../api/client';
import { type Failed, outcomeOf } from '../../api/outcome';
import { isApiError } from '../../api/problem';
import { courtInstant } from '../../i18n/court-time';

/** The api's limit on a hearing's title (ScheduleHearingDto). */
export const MAX_HEARING_TITLE = 300;

/** A hearing a clerk or judge lists by hand, as the form holds it: times on the court's clock. */
export interface ListHearingForm {
  readonly title: string;
  readonly hearingType: HearingType;
  /** `YYYY-MM-DD`, the court's date. */
  readonly date: string;
  /** `HH:MM` on the court's clock. */
  readonly start: string;
  readonly end: string;
  /** Empty: no presiding judge named yet (the first judge added later presides). */
  readonly presidingJudgeId: string;
  /** Empty: no court room booked. */
  readonly roomId: string;
}

export function emptyListHearingForm(): ListHearingForm {
  return { title: '', hearingType: 'case_management', date: '', start: '', end: '', presidingJudgeId: '', roomId: '' };
}

export type ListHearingField = 'title' | 'date' | 'start' | 'end';

/** What is wrong before anything is sent, by field, as keys under `listHearing.problems.`. */
export function listHearingProblems(form: ListHearingForm, timeZone: string): Partial<Record<ListHearingField, string>> {
  const problems: Partial<Record<ListHearingField, string>> = {};
  if (form.title.trim() === '') problems.title = 'title';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date) || courtInstant(form.date, '00:00', timeZone) === null) problems.date = 'date';
  if (courtInstant('2000-01-01', form.start, 'UTC') === null) problems.start = 'start';
  if (courtInstant('2000-01-01', form.end, 'UTC') === null) problems.end = 'end';
  else if (!problems.start && form.end <= form.start) problems.end = 'endBeforeStart';
  return problems;
}

/** The request for POST /api/hearings, or null while the form has problems. */
export function listHearingRequest(caseId: string, form: ListHearingForm, timeZone: string): ScheduleHearingRequest | null {
  if (Object.keys(listHearingProblems(form, timeZone)).length > 0) return null;
  const scheduledStart = courtInstant(form.date, form.start, timeZone);
  const scheduledEnd = courtInstant(form.date, form.end, timeZone);
  if (scheduledStart === null || scheduledEnd === null) return null;
  return {
    caseId,
    title: form.title.trim(),
    hearingType: form.hearingType,
    scheduledStart,
    scheduledEnd,
    ...(form.presidingJudgeId ? { presidingJudgeId: form.presidingJudgeId } : {}),
    ...(form.roomId ? { roomId: form.roomId } : {}),
  };
}

export type ListHearingOutcome = { readonly kind: 'listed'; readonly hearing: ScheduledHearingView } | Failed;

/** Sends the hearing; never throws, so the form has one outcome to show. */
export async function listHearing(client: Pick<ApiClient, 'post'>, request: ScheduleHearingRequest): Promise<ListHearingOutcome> {
  return outcomeOf(client.post<ScheduledHearingView>('/api/hearings', request), (hearing) => ({ kind: 'listed', hearing }) as const);
}

/** The field a refusal is about, so the form can point at it; null: the whole form. */
export function refusedField(error: unknown): 'presidingJudgeId' | 'roomId' | 'end' | null {
  if (!isApiError(error)) return null;
  switch (error.code) {
    case 'hearing.judge_double_booked':
    case 'hearing.presiding_not_judge':
      return 'presidingJudgeId';
    case 'hearing.room_double_booked':
    case 'hearing.unknown_room':
      return 'roomId';
    case 'hearing.invalid_times':
      return 'end';
    default:
      return null;
  }
}

export const listHearingClient: Pick<ApiClient, 'post'> = api;
