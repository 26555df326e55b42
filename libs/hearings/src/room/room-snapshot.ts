import type { RejoinPlace, RoomConsultation, RoomParticipant, RoomState } from './room-state';
import { refuseConsultationMember, screenedPairsIn } from './room-orders';
import { channelOf, interpretationChannels } from './interpretation';

/**
 * The live-only part of a hearing room, which no table holds: mutes (the bench's among them),
 * raised hands, cameras the bench holds, the channel each person listens to, an interpreter's
 * output, private consultations and break rooms, and which session held each place. The media
 * node carrying a hearing keeps it in Redis; the node that takes the hearing over after a failure
 * restores it over what it loaded from the database.
 *
 * What has legal weight is never taken from here: the participant states (admission, waiting
 * room, removal), the hearing's status, its lock and its orders are the database's, and the
 * recording's state is its own record's. A snapshot may be stale (the node died between a commit
 * and the next write) or from an older version of this code: restoring it can only narrow what
 * anyone receives relative to the database, or put back what the same people had a moment ago.
 */

export const ROOM_SNAPSHOT_VERSION = 1;

export interface ParticipantSnapshot {
  readonly id: string;
  readonly muted: boolean;
  readonly mutedByBench: boolean;
  readonly unmuteRequested: boolean;
  readonly handRaised: boolean;
  readonly cameraHeldByBench: boolean;
  readonly listening: string | null;
  readonly toFloor: boolean;
  readonly consultationId: string | null;
  readonly sessionKey: string | null;
  readonly rejoin: RejoinPlace | null;
}

export interface RoomSnapshot {
  readonly version: typeof ROOM_SNAPSHOT_VERSION;
  readonly hearingId: string;
  /** Epoch ms when it was taken (diagnostics). */
  readonly takenAt: number;
  readonly participants: readonly ParticipantSnapshot[];
  readonly consultations: readonly RoomConsultation[];
}

/** The live-only state of a room, as plain data (the caller passes `now`). */
export function takeRoomSnapshot(state: RoomState, now: number): RoomSnapshot {
  return {
    version: ROOM_SNAPSHOT_VERSION,
    hearingId: state.hearingId,
    takenAt: now,
    participants: state.participants.map((p) => ({
      id: p.id,
      muted: p.muted,
      mutedByBench: p.mutedByBench,
      unmuteRequested: p.unmuteRequested,
      handRaised: p.handRaised,
      cameraHeldByBench: p.cameraHeldByBench,
      listening: p.listening,
      toFloor: p.toFloor,
      consultationId: p.consultationId,
      sessionKey: p.sessionKey,
      rejoin: p.rejoin,
    })),
    consultations: state.consultations.map((c) => ({
      id: c.id,
      openedBy: c.openedBy,
      memberIds: [...c.memberIds],
      ...(c.breakFor !== undefined ? { breakFor: c.breakFor } : {}),
    })),
  };
}

/** The snapshot as stored, without `takenAt`: two snapshots of the same live state compare equal. */
export function snapshotFingerprint(snapshot: RoomSnapshot): string {
  return JSON.stringify({ ...snapshot, takenAt: 0 });
}

export function serialiseRoomSnapshot(snapshot: RoomSnapshot): string {
  return JSON.stringify(snapshot);
}

/**
 * Reads a stored snapshot; null for anything that is not a snapshot this code wrote (another
 * version, a damaged value, another hearing's). Field by field: nothing unchecked is kept.
 */
export function parseRoomSnapshot(raw: string | null, hearingId: string): RoomSnapshot | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.version !== ROOM_SNAPSHOT_VERSION || value.hearingId !== hearingId) return null;
  if (!Array.isArray(value.participants) || !Array.isArray(value.consultations)) return null;
  const participants: ParticipantSnapshot[] = [];
  for (const p of value.participants) {
    const parsed = parseParticipant(p);
    if (parsed) participants.push(parsed);
  }
  const consultations: RoomConsultation[] = [];
  for (const c of value.consultations) {
    if (!isRecord(c) || !isString(c.id) || !isString(c.openedBy) || !Array.isArray(c.memberIds) || !c.memberIds.every(isString)) continue;
    if (c.breakFor !== undefined && !isString(c.breakFor)) continue;
    consultations.push({
      id: c.id,
      openedBy: c.openedBy,
      memberIds: [...new Set(c.memberIds)],
      ...(c.breakFor !== undefined ? { breakFor: c.breakFor } : {}),
    });
  }
  return {
    version: ROOM_SNAPSHOT_VERSION,
    hearingId,
    takenAt: typeof value.takenAt === 'number' ? value.takenAt : 0,
    participants,
    consultations,
  };
}

function parseParticipant(p: unknown): ParticipantSnapshot | null {
  if (!isRecord(p) || !isString(p.id)) return null;
  const flags = ['muted', 'mutedByBench', 'unmuteRequested', 'handRaised', 'cameraHeldByBench', 'toFloor'] as const;
  if (!flags.every((f) => typeof p[f] === 'boolean')) return null;
  if (!isNullableString(p.listening) || !isNullableString(p.consultationId) || !isNullableString(p.sessionKey)) return null;
  return {
    id: p.id,
    muted: p.muted as boolean,
    mutedByBench: p.mutedByBench as boolean,
    unmuteRequested: p.unmuteRequested as boolean,
    handRaised: p.handRaised as boolean,
    cameraHeldByBench: p.cameraHeldByBench as boolean,
    toFloor: p.toFloor as boolean,
    listening: p.listening,
    consultationId: p.consultationId,
    sessionKey: p.sessionKey,
    rejoin: parseRejoin(p.rejoin),
  };
}

function parseRejoin(r: unknown): RejoinPlace | null {
  if (!isRecord(r)) return null;
  if (r.state !== 'waiting' && r.state !== 'admitted' && r.state !== 'in_consultation') return null;
  if (typeof r.until !== 'number' || !isNullableString(r.consultationId) || !isNullableString(r.sessionKey)) return null;
  return { state: r.state, consultationId: r.consultationId, until: r.until, sessionKey: r.sessionKey };
}

/**
 * The room as loaded from the database (`loaded`: participant states, status, orders, recording),
 * with the snapshot's live-only state put back where the database still agrees with it:
 *
 * - a participant the database does not know (removed from the hearing, or a stranger) is
 *   ignored; one the snapshot does not know keeps what the database load gave them;
 * - the bench's mute holds (muted by the bench means muted), a held camera stays held;
 * - a listening channel is kept only if the hearing still interprets into it, an interpreter's
 *   floor output only if they still have a channel;
 * - a consultation comes back only with the members the database shows in consultation, only if
 *   its opener is still a participant, only if the orders in force allow it with those members
 *   (as when orders change in a live room), and a break room only while the court is in recess:
 *   its members go back into it, never into the courtroom. Anyone the database shows in
 *   consultation whose room does not come back is treated as after any node restart;
 * - a session key (which session held the place) and a place kept for someone who dropped out
 *   just before are kept only where the database state still matches them.
 *
 * Nothing is restored once the record shows the sitting adjourned or closed. Nobody's state, the
 * hearing's status and the orders are never changed here.
 */
export function restoreRoomSnapshot(loaded: RoomState, snapshot: RoomSnapshot | null): RoomState {
  if (!snapshot || snapshot.hearingId !== loaded.hearingId) return loaded;
  // The sitting ended since (everyone was sent out): its next sitting starts afresh.
  if (loaded.status === 'adjourned' || loaded.status === 'closed') return loaded;
  const known = new Map(loaded.participants.map((p) => [p.id, p]));
  const consultations = restoredConsultations(loaded, snapshot, known);
  const memberOf = new Map<string, string>();
  for (const c of consultations) for (const id of c.memberIds) memberOf.set(id, c.id);
  const channels = interpretationChannels(loaded);
  const saved = new Map(snapshot.participants.map((s) => [s.id, s]));

  const participants = loaded.participants.map((p): RoomParticipant => {
    const s = saved.get(p.id);
    if (!s) return p;
    const mutedByBench = s.mutedByBench;
    // The bench's mute is never lifted by a restore; a self-mute follows the person's choice.
    const muted = mutedByBench || s.muted;
    const listening = s.listening === null || channels.includes(s.listening) ? s.listening : p.listening;
    const present = p.state === 'waiting' || p.state === 'admitted' || p.state === 'in_consultation';
    return {
      ...p,
      muted,
      mutedByBench,
      unmuteRequested: muted && s.unmuteRequested,
      handRaised: present && s.handRaised,
      cameraHeldByBench: p.cameraHeldByBench || s.cameraHeldByBench,
      listening,
      toFloor: s.toFloor && channelOf(loaded, p) !== null,
      consultationId: p.state === 'in_consultation' ? (memberOf.get(p.id) ?? null) : null,
      // An account's session is the account whatever the snapshot says; a link's only if present.
      sessionKey: p.userId ? p.sessionKey : present ? s.sessionKey : null,
      rejoin: restoredRejoin(p, s.rejoin, consultations),
    };
  });
  return { ...loaded, participants, consultations };
}

function restoredConsultations(loaded: RoomState, snapshot: RoomSnapshot, known: ReadonlyMap<string, RoomParticipant>): RoomConsultation[] {
  const taken = new Set<string>();
  const kept: RoomConsultation[] = [];
  for (const c of snapshot.consultations) {
    if (kept.some((k) => k.id === c.id)) continue;
    const opener = known.get(c.openedBy);
    if (!opener) continue;
    if (c.breakFor !== undefined && (loaded.status !== 'in_recess' || !known.has(c.breakFor))) continue;
    // Only those the record shows in consultation, each in one room only.
    const memberIds = c.memberIds.filter((id) => known.get(id)?.state === 'in_consultation' && !taken.has(id));
    if (memberIds.length === 0) continue;
    // The rules of a live room under the orders in force now (room-state.ts `ordersChanged`).
    const allowed =
      memberIds.every((id) => id === opener.id || refuseConsultationMember(loaded, opener, known.get(id)!) === null) &&
      screenedPairsIn(loaded, memberIds).length === 0;
    if (!allowed) continue;
    for (const id of memberIds) taken.add(id);
    kept.push({ ...c, memberIds });
  }
  return kept;
}

/** A place kept for someone who had just dropped out: only while the record shows them out too. */
function restoredRejoin(p: RoomParticipant, rejoin: RejoinPlace | null, consultations: readonly RoomConsultation[]): RejoinPlace | null {
  if (!rejoin || p.state !== 'disconnected') return p.rejoin;
  const consultationId = rejoin.consultationId && consultations.some((c) => c.id === rejoin.consultationId) ? rejoin.consultationId : null;
  return { ...rejoin, consultationId };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

function isNullableString(value: unknown): value is string | null {
  return value === null || isString(value);
}
