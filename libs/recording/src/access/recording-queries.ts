import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type ProtectedName, maskProtectedNames } from '@ejustice/cases/domain/protected-names';
import { type NameViewer, OUTSIDER, RoomLedger, type RoomState, hiddenHearingNames, nameViewerOf } from '@ejustice/hearings';
import type { UserPrincipal } from '@ejustice/identity';
import { type AnonymityOrder, orderDisclosesTo } from '@ejustice/media-policy';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type {
  HearingRecordingsView,
  RecordedSource,
  RecordingSegmentView,
  RecordingStatus,
  RecordingTrackView,
} from '../contract/recording-contract';
import { RecordingErrors } from '../domain/recording-errors';
import { admitToRecordings } from './recording-gate';

interface TrackRow {
  id: string;
  recording_id: string;
  participant_id: string;
  hearing_role: HearingRole;
  source: RecordedSource;
  kind: 'audio' | 'video';
  started_at: Date;
  ended_at: Date | null;
}

interface SegmentRow {
  id: string;
  track_id: string;
  sequence: number;
  offset_ms: string;
  duration_ms: number;
  size_bytes: string;
  sha256: string;
}

/**
 * What the bench and the clerks read of a hearing's recordings: every recording, its tracks by
 * participant and their segments. A track is named as the hearing page names its participant for
 * this reader (an anonymity order's pseudonym unless the order discloses the person to them, and
 * every name they may not know masked in what a clerk typed), never by more.
 */
@Injectable()
export class RecordingQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rooms: RoomLedger,
  ) {}

  async list(principal: UserPrincipal, hearingId: string): Promise<HearingRecordingsView> {
    const hearing = await admitToRecordings(this.db, principal, hearingId);
    const loaded = await this.rooms.loadRoom(hearingId);
    if (!loaded) throw RecordingErrors.hearingNotFound();
    const viewer = nameViewerOf(principal, hearing, loaded.state.participants) ?? OUTSIDER;
    const names = hiddenHearingNames(
      { participants: loaded.state.participants, orders: loaded.state.orders, shield: loaded.shield },
      viewer,
    );

    const recordings: { id: string; status: RecordingStatus; started_at: Date; stopped_at: Date | null }[] = await this.db.query(
      `SELECT id, status, started_at, stopped_at FROM hearing_recordings WHERE hearing_id = $1 ORDER BY started_at, id`,
      [hearingId],
    );
    const tracks: TrackRow[] = await this.db.query(
      `SELECT t.id, t.recording_id, t.participant_id, p.hearing_role, t.source, t.kind, t.started_at, t.ended_at
         FROM recording_tracks t JOIN hearing_recordings r ON r.id = t.recording_id JOIN hearing_participants p ON p.id = t.participant_id
        WHERE r.hearing_id = $1 ORDER BY t.started_at, t.id`,
      [hearingId],
    );
    const segments: SegmentRow[] = await this.db.query(
      `SELECT s.id, s.track_id, s.sequence, s.offset_ms, s.duration_ms, s.size_bytes, s.sha256
         FROM recording_segments s JOIN recording_tracks t ON t.id = s.track_id JOIN hearing_recordings r ON r.id = t.recording_id
        WHERE r.hearing_id = $1 ORDER BY s.track_id, s.sequence`,
      [hearingId],
    );
    const segmentsOf = new Map<string, RecordingSegmentView[]>();
    for (const s of segments) segmentsOf.set(s.track_id, [...(segmentsOf.get(s.track_id) ?? []), segmentView(s)]);
    const trackView = (t: TrackRow): RecordingTrackView => ({
      id: t.id,
      participantId: t.participant_id,
      role: t.hearing_role,
      participantName: nameFor(t.participant_id, loaded.state, viewer, names),
      source: t.source,
      kind: t.kind,
      startedAt: t.started_at.toISOString(),
      endedAt: t.ended_at?.toISOString() ?? null,
      segments: segmentsOf.get(t.id) ?? [],
    });
    return {
      hearingId,
      hearingTitle: maskProtectedNames(loaded.state.title, names),
      recordings: recordings.map((r) => ({
        id: r.id,
        status: r.status,
        startedAt: r.started_at.toISOString(),
        stoppedAt: r.stopped_at?.toISOString() ?? null,
        tracks: tracks.filter((t) => t.recording_id === r.id).map(trackView),
      })),
    };
  }
}

/**
 * As the hearing page lists the participant to court staff (HearingRoomQueries): the court knows
 * who is before it, except where an anonymity order withholds the person from this reader.
 */
function nameFor(participantId: string, state: RoomState, viewer: NameViewer, names: readonly ProtectedName[]): string | null {
  const p = state.participants.find((x) => x.id === participantId);
  if (!p) return null;
  const order = state.orders.find((o): o is AnonymityOrder => o.kind === 'anonymity' && o.participantId === p.id);
  const concealed = order !== undefined && p.id !== viewer.id && !orderDisclosesTo(order, viewer);
  return maskProtectedNames(concealed ? order.pseudonym : p.displayName, names);
}

function segmentView(s: SegmentRow): RecordingSegmentView {
  return {
    id: s.id,
    sequence: s.sequence,
    offsetMs: Number(s.offset_ms),
    durationMs: s.duration_ms,
    sizeBytes: Number(s.size_bytes),
    sha256: s.sha256,
    mediaUrl: `/api/recording-segments/${s.id}/media`,
  };
}
