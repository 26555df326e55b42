import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type {
  RecordedSource,
  RecordingTrackView,
  RecordingVerificationView,
  RecordingView,
} from '@ejustice/recording/contract/recording-contract';

/**
 * The playback page's timeline, computed from the api's view of one recording: one lane per
 * participant, each track placed on a common time axis from the recording's start, so that the
 * tracks of a sitting line up and the gaps (a pause, a recess, a consultation) show as gaps.
 */

export interface TimelineSegment {
  readonly id: string;
  readonly sequence: number;
  /** From the recording's start, in milliseconds. */
  readonly startMs: number;
  readonly durationMs: number;
  readonly mediaUrl: string;
}

export interface TimelineTrack {
  readonly id: string;
  readonly source: RecordedSource;
  readonly kind: 'audio' | 'video';
  readonly startedAt: string;
  readonly endedAt: string | null;
  /** From the recording's start, in milliseconds. */
  readonly startMs: number;
  readonly endMs: number;
  /** Placement on the axis, in percent of the recording's span (for CSS). */
  readonly leftPercent: number;
  readonly widthPercent: number;
  readonly segments: readonly TimelineSegment[];
}

export interface TimelineLane {
  readonly participantId: string;
  readonly role: HearingRole;
  /** The name this viewer may know, or null: the page says the role. */
  readonly participantName: string | null;
  readonly tracks: readonly TimelineTrack[];
}

export interface Timeline {
  /** From the recording's start to the end of its last track, in milliseconds (at least 1). */
  readonly spanMs: number;
  readonly lanes: readonly TimelineLane[];
}

const time = (iso: string) => new Date(iso).getTime();

/**
 * Where a track ends: its `endedAt`, or, while it still runs, the end of its last finished
 * segment (nothing later is on the record yet).
 */
export function trackEndMs(track: RecordingTrackView): number {
  const start = time(track.startedAt);
  if (track.endedAt !== null) return time(track.endedAt);
  return start + track.segments.reduce((end, segment) => Math.max(end, segment.offsetMs + segment.durationMs), 0);
}

/** Sources in a lane: the voice first (it is what the record is read for), then the picture, then a shared screen. */
const SOURCE_ORDER: readonly RecordedSource[] = ['microphone', 'camera', 'screen'];

export function buildTimeline(recording: RecordingView): Timeline {
  const origin = time(recording.startedAt);
  const lastEnd = recording.tracks.reduce((end, track) => Math.max(end, trackEndMs(track)), origin);
  const stopped = recording.stoppedAt === null ? origin : time(recording.stoppedAt);
  const spanMs = Math.max(1, lastEnd - origin, stopped - origin);
  const percent = (ms: number) => Math.min(100, Math.max(0, (ms / spanMs) * 100));

  const lanes = new Map<string, { participantId: string; role: HearingRole; participantName: string | null; tracks: TimelineTrack[] }>();
  for (const track of recording.tracks) {
    const startMs = Math.max(0, time(track.startedAt) - origin);
    const endMs = Math.max(startMs, trackEndMs(track) - origin);
    const lane = lanes.get(track.participantId) ?? {
      participantId: track.participantId,
      role: track.role,
      participantName: track.participantName,
      tracks: [],
    };
    // Every track of a person carries the same name; a track without one (null) must not hide it.
    lane.participantName ??= track.participantName;
    lane.tracks.push({
      id: track.id,
      source: track.source,
      kind: track.kind,
      startedAt: track.startedAt,
      endedAt: track.endedAt,
      startMs,
      endMs,
      leftPercent: percent(startMs),
      widthPercent: percent(endMs) - percent(startMs),
      segments: [...track.segments]
        .sort((a, b) => a.sequence - b.sequence)
        .map((segment) => ({
          id: segment.id,
          sequence: segment.sequence,
          startMs: startMs + segment.offsetMs,
          durationMs: segment.durationMs,
          mediaUrl: segment.mediaUrl,
        })),
    });
    lanes.set(track.participantId, lane);
  }
  for (const lane of lanes.values()) {
    lane.tracks.sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) || a.startMs - b.startMs);
  }
  return { spanMs, lanes: [...lanes.values()] };
}

/** "1:05:09" or "4:07": a position on the recording's clock, not a time of day. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** What the verification says, for the page: all well, or what is wrong, one thing at a time. */
export type VerificationOutcome =
  | { readonly kind: 'ok'; readonly segmentsChecked: number; readonly checkedAt: string }
  | {
      readonly kind: 'problems';
      readonly segmentsChecked: number;
      readonly checkedAt: string;
      /** The audit chain's own break (then it vouches for no hash), or null when the chain is intact. */
      readonly chainBroken: string | null;
      readonly problems: RecordingVerificationView['problems'];
    };

export function verificationOutcome(view: RecordingVerificationView): VerificationOutcome {
  // `ok` beside a broken chain or a named problem would be a contradiction: the problems win, a
  // record is never called intact while anything is said against it.
  if (view.ok && view.chain.intact && view.problems.length === 0) {
    return { kind: 'ok', segmentsChecked: view.segmentsChecked, checkedAt: view.checkedAt };
  }
  return {
    kind: 'problems',
    segmentsChecked: view.segmentsChecked,
    checkedAt: view.checkedAt,
    chainBroken: view.chain.intact ? null : view.chain.detail,
    problems: view.problems,
  };
}

/** Whether a failure to load is the access rule (bench and clerks only), said in its own words. */
export function isForbidden(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && (error as { status: unknown }).status === 403;
}
