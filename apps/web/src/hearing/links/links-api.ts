import type { IssuedHearingLinkView, ParticipantLinksView } from '@ejustice/hearings/links/hearing-link-views';
import type { ApiClient } from '../../api/client';

/** A participant's one-time links, over REST (the judges and clerks of the hearing's court). */
export interface ParticipantLinksClient {
  list(hearingId: string, participantId: string, signal?: AbortSignal): Promise<ParticipantLinksView>;
  /** Ends the link and, if it was used, the session it opened. Revoking an ended link changes nothing. */
  revoke(linkId: string): Promise<void>;
  /** A new one-time link for the participant (every earlier one withdrawn); its URL is shown only in this answer. */
  issue(hearingId: string, participantId: string): Promise<IssuedHearingLinkView>;
}

export function participantLinksClient(api: ApiClient): ParticipantLinksClient {
  return {
    list: (hearingId, participantId, signal) =>
      api.get<ParticipantLinksView>(
        `/api/hearings/${encodeURIComponent(hearingId)}/participants/${encodeURIComponent(participantId)}/links`,
        signal,
      ),
    revoke: (linkId) => api.post<void>(`/api/hearing-links/${encodeURIComponent(linkId)}/revoke`, undefined),
    issue: (hearingId, participantId) =>
      api.post<IssuedHearingLinkView>(
        `/api/hearings/${encodeURIComponent(hearingId)}/participants/${encodeURIComponent(participantId)}/links`,
        {},
      ),
  };
}
