import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { RecordedSource, RecordingStatus } from '../contract/recording-contract';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * One recording of a hearing, from the judge's start to their stop (migration 1796000100000).
 * At most one per hearing is running or paused at a time.
 */
@Entity({ name: 'hearing_recordings' })
export class HearingRecording {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'hearing_id', type: 'uuid' })
  hearingId: string;

  @Column({ type: 'text' })
  status: RecordingStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** The participant (the judge) who started it. */
  @Column({ name: 'started_by', type: 'uuid' })
  startedBy: string;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt: Date | null;
}

/** One continuous run of one participant's producer within a recording. */
@Entity({ name: 'recording_tracks' })
export class RecordingTrack {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recording_id', type: 'uuid' })
  recordingId: string;

  @ManyToOne(() => HearingRecording, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recording_id' })
  recording?: Relation<HearingRecording>;

  @Column({ name: 'participant_id', type: 'uuid' })
  participantId: string;

  @Column({ type: 'text' })
  source: RecordedSource;

  @Column({ type: 'text' })
  kind: 'audio' | 'video';

  @Column({ type: 'text' })
  codec: 'opus' | 'vp8';

  /** The wall-clock instant the track's time 0 stands for. */
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}

/** One finished segment file of a track: stored by its SHA-256, which the audit chain holds. Never changed. */
@Entity({ name: 'recording_segments' })
export class RecordingSegment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'track_id', type: 'uuid' })
  trackId: string;

  @ManyToOne(() => RecordingTrack, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'track_id' })
  track?: Relation<RecordingTrack>;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ name: 'offset_ms', type: 'bigint', transformer: bigintNumber })
  offsetMs: number;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintNumber })
  sizeBytes: number;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  /** The `recording.segment_registered` event that put this segment's hash into the chain. */
  @Column({ name: 'audit_event_id', type: 'uuid' })
  auditEventId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export const RECORDING_ENTITIES = [HearingRecording, RecordingTrack, RecordingSegment];
