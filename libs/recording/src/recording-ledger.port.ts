import type { RecordedSource } from './contract/recording-contract';

/**
 * What the media node asks of the record when it records a hearing. Implemented in this lib
 * (Postgres + the document store + the audit chain); the media node only calls it.
 *
 * Every method that changes something writes its audit event in the same transaction.
 */
export interface RecordingActor {
  readonly participantId: string;
  readonly userId: string | null;
}

export interface TrackOpening {
  readonly recordingId: string;
  readonly participantId: string;
  readonly source: RecordedSource;
  readonly kind: 'audio' | 'video';
  /** 'opus' for audio, 'vp8' for video: recorded as sent (raw), never re-encoded. */
  readonly codec: 'opus' | 'vp8';
  /** The wall-clock instant the track's time 0 stands for. */
  readonly startedAt: Date;
}

export interface FinishedSegment {
  readonly trackId: string;
  /** 0-based within the track; registered in order. */
  readonly sequence: number;
  /** A closed, complete file in the media node's spool directory. */
  readonly path: string;
  /** From the track's time 0 to this segment's first frame. */
  readonly offsetMs: number;
  readonly durationMs: number;
}

export interface RegisteredSegment {
  readonly segmentId: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly storageKey: string;
}

export abstract class RecordingLedger {
  /** Starts a recording of the hearing (or returns the one running or paused). Audited. */
  abstract start(hearingId: string, actor: RecordingActor, at: Date): Promise<{ recordingId: string }>;
  abstract pause(recordingId: string, actor: RecordingActor, at: Date): Promise<void>;
  abstract resume(recordingId: string, actor: RecordingActor, at: Date): Promise<void>;
  abstract stop(recordingId: string, actor: RecordingActor, at: Date): Promise<void>;
  /** The recording still running or paused for the hearing (after a media node restart), if any. */
  abstract current(hearingId: string): Promise<{ recordingId: string; status: 'running' | 'paused' } | null>;
  abstract openTrack(track: TrackOpening): Promise<{ trackId: string }>;
  abstract closeTrack(trackId: string, at: Date): Promise<void>;
  /**
   * Hashes the file, puts it in the document store, and registers the segment with its SHA-256
   * and its audit event in one transaction; then removes the spool file. Idempotent per
   * (trackId, sequence): registering the same segment twice returns the first registration.
   */
  abstract registerSegment(segment: FinishedSegment): Promise<RegisteredSegment>;
}
