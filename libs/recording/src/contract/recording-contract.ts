/**
 * The REST contract of the court's recordings: what the api answers and the web app reads.
 * Plain types only (compiled into the browser too).
 *
 * Recordings are seen and played by the hearing's bench and the court's clerks only; every
 * playback is audited. Tracks are named by the name the viewer may know (the media policy's
 * rule), never by a protected witness's real name.
 *
 * - `GET  /api/hearings/:hearingId/recordings` → {@link HearingRecordingsView}
 * - `POST /api/hearings/:hearingId/recordings/verification` → {@link RecordingVerificationView}
 *   (re-hashes every segment and checks it against the audit chain; may take a while)
 * - `GET  /api/recording-segments/:segmentId/media` → the segment file (WebM), audited
 */
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';

export const RECORDING_STATUSES = ['running', 'paused', 'stopped'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

export type RecordedSource = 'microphone' | 'camera' | 'screen';

export interface HearingRecordingsView {
  readonly hearingId: string;
  readonly hearingTitle: string;
  /** Oldest first. Empty when the hearing was never recorded. */
  readonly recordings: readonly RecordingView[];
}

export interface RecordingView {
  readonly id: string;
  readonly status: RecordingStatus;
  readonly startedAt: string;
  readonly stoppedAt: string | null;
  /** Every track of every participant, by start time. */
  readonly tracks: readonly RecordingTrackView[];
}

/**
 * One continuous run of one producer: a pause, a recess or a consultation ends a track, and the
 * next sitting starts another. Play tracks together by `startedAt` + a segment's `offsetMs`.
 */
export interface RecordingTrackView {
  readonly id: string;
  readonly participantId: string;
  readonly role: HearingRole;
  /** The name this viewer may know (a pseudonym for an anonymous witness), or null: say the role. */
  readonly participantName: string | null;
  readonly source: RecordedSource;
  readonly kind: 'audio' | 'video';
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly segments: readonly RecordingSegmentView[];
}

export interface RecordingSegmentView {
  readonly id: string;
  /** 0, 1, 2... within its track. */
  readonly sequence: number;
  /** From the track's `startedAt` to this segment's first frame. */
  readonly offsetMs: number;
  readonly durationMs: number;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** `GET` it to play it (audited). */
  readonly mediaUrl: string;
}

export const SEGMENT_PROBLEMS = ['missing', 'extra', 'reordered', 'altered'] as const;
export type SegmentProblem = (typeof SEGMENT_PROBLEMS)[number];

export interface RecordingVerificationView {
  readonly hearingId: string;
  readonly checkedAt: string;
  /** True when the chain is intact and every segment it registered is present, in order, with its hash. */
  readonly ok: boolean;
  /** The audit chain itself, walked from its first event: a broken chain vouches for no hash. */
  readonly chain: { readonly intact: boolean; readonly detail: string };
  readonly segmentsChecked: number;
  readonly problems: readonly {
    /** e.g. "track 3f2a… (witness, microphone) segment 4" */
    readonly segment: string;
    readonly segmentId: string | null;
    readonly problem: SegmentProblem;
    readonly detail: string;
  }[];
}
