import type { HearingRecordingsView, RecordingVerificationView } from '@ejustice/recording/contract/recording-contract';
import type { ApiClient } from '../../api/client';

/*
 * The court's recordings over REST; the shapes are declared once in
 * libs/recording/src/contract/recording-contract.ts. The bench and the court's clerks only: the
 * api answers 403 to anyone else, and audits every playback.
 */

/** `GET /api/hearings/:hearingId/recordings`: the hearing's recordings, tracks and segments. */
export function listRecordings(api: ApiClient, hearingId: string, signal?: AbortSignal): Promise<HearingRecordingsView> {
  return api.get<HearingRecordingsView>(`/api/hearings/${encodeURIComponent(hearingId)}/recordings`, signal);
}

/** `POST …/recordings/verification`: re-hashes every segment against the audit chain (may take a while). */
export function verifyRecordings(api: ApiClient, hearingId: string, signal?: AbortSignal): Promise<RecordingVerificationView> {
  return api.post<RecordingVerificationView>(`/api/hearings/${encodeURIComponent(hearingId)}/recordings/verification`, {}, signal);
}

/**
 * One segment's file, as bytes. A media element cannot send the bearer token, so the page fetches
 * the segment under the session's rules (token, one refresh on 401) and plays it from an object
 * URL; the file never sits at an address anyone else could open.
 */
export function fetchSegment(api: ApiClient, mediaUrl: string, signal?: AbortSignal): Promise<Blob> {
  return api.getBlob(mediaUrl, signal);
}
