import type { IssuedHearingLinkView } from '@ejustice/hearings/links/hearing-link-views';
import type { SummonsDeliveryRequest, SummonsPage, SummonsStatus, SummonsView } from '@ejustice/hearings/contract/summons-contract';
import { api, type ApiClient } from '../api/client';
import { isApiError } from '../api/problem';

/** The summons endpoints and link issuing as the schedule page uses them (shapes in libs/hearings). */
export interface SummonsClient {
  list(courtId: string, status: SummonsStatus, signal?: AbortSignal): Promise<SummonsPage>;
  deliver(summonsId: string, request: SummonsDeliveryRequest): Promise<SummonsView>;
  /** A one-time link for the person (withdraws their earlier links); its URL is shown only in this answer. */
  issueLink(hearingId: string, participantId: string): Promise<IssuedHearingLinkView>;
}

export function summonsClient(client: ApiClient = api): SummonsClient {
  return {
    list: (courtId, status, signal) =>
      client.get<SummonsPage>(`/api/courts/${encodeURIComponent(courtId)}/summonses?status=${status}&limit=200`, signal),
    deliver: (summonsId, request) => client.post<SummonsView>(`/api/summonses/${encodeURIComponent(summonsId)}/delivery`, request),
    issueLink: (hearingId, participantId) =>
      client.post<IssuedHearingLinkView>(
        `/api/hearings/${encodeURIComponent(hearingId)}/participants/${encodeURIComponent(participantId)}/links`,
        {},
      ),
  };
}

/**
 * Whether a refused summons action means the list the clerk reads is out of date: the summons was
 * replaced, delivered by someone else, or its person's seat is gone. The list is loaded again, so
 * the line that cannot be acted on any more leaves it with the refusal's sentence.
 */
export function summonsListOutOfDate(error: unknown): boolean {
  return isApiError(error) && ['summons.superseded', 'summons.already_delivered', 'summons.seat_removed'].includes(error.code);
}
