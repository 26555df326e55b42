import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import type { RecordingState, SessionEndReason } from '../signalling/signalling-messages';
import { type RoomError, roomError } from './room-errors';
import { type RecordingCommand, nextRecordingState, recordingOf } from './recording-plan';
import { refuseConsultationMember, screenedPairsIn, supportersOf } from './room-orders';
import { channelOf, defaultListening, interpretationChannels } from './interpretation';
import { type RoomAction, checkRoomPermission, isBench } from './room-permissions';

/**
 * The live state of one hearing room, as plain data, and the pure transitions the media node
 * applies to it. Every court action in the room goes through `applyRoomCommand`: permission
 * first (room-permissions.ts), then the transition, which also names the facts to persist and
 * audit (`events`) and what the media node must do beyond re-asking the media policy (`effects`).
 * No I/O, no clock (the caller passes `now`).
 */

/** Where a dropped participant goes back to if they return within the grace period. */
export interface RejoinPlace {
  readonly state: 'waiting' | 'admitted' | 'in_consultation';
  readonly consultationId: string | null;
  /** Epoch ms after which they start again from the waiting room. */
  readonly until: number;
  /**
   * The session that held the place (a one-time link's, or an account's). Only that session gets
   * it back: a new link's holder is someone the court has not yet seen, and waits to be admitted.
   * Null when unknown (after a media node restart, for link holders): nobody resumes it.
   */
  readonly sessionKey: string | null;
}

export interface RoomParticipant {
  readonly id: string;
  readonly role: HearingRole;
  /** The real name: it leaves the server only through the media policy's views (and the identity shield). */
  readonly displayName: string;
  readonly userId: string | null;
  readonly partyId: string | null;
  /** For counsel: the parties of the case they act for (their clients). */
  readonly clientPartyIds: readonly string[];
  /**
   * The hearing's presiding judge (their account is the one named on the hearing): alone holds
   * the judicial acts (room-permissions.ts). Another judge in the hearing sits on the panel.
   */
  readonly presiding: boolean;
  readonly state: ParticipantState;
  readonly consultationId: string | null;
  /** The server holds their microphone paused. */
  readonly muted: boolean;
  /** The bench muted them: they may unmute only once asked to. */
  readonly mutedByBench: boolean;
  readonly unmuteRequested: boolean;
  readonly handRaised: boolean;
  /** The session connected now (`link:<id>` or `user:<id>`), null when not connected. */
  readonly sessionKey: string | null;
  /** The bench stopped their camera: it stays stopped until the bench allows it again. */
  readonly cameraHeldByBench: boolean;
  readonly rejoin: RejoinPlace | null;
  /**
   * For an interpreter, the language they interpret into (their channel; the other side of their
   * pair is the floor's language). For anyone else, the language they need, if not the floor's.
   */
  readonly language: string | null;
  /** The interpretation channel they listen to; null: the floor. */
  readonly listening: string | null;
  /** An interpreter speaking on the floor (consecutive); false: into their channel (simultaneous). */
  readonly toFloor: boolean;
}

export interface RoomConsultation {
  readonly id: string;
  readonly openedBy: string;
  readonly memberIds: readonly string[];
  /**
   * A witness's break room: the judge called a recess for her, and she waits there with her
   * supporters (the judge is not in it). It ends when the judge resumes the sitting.
   */
  readonly breakFor?: string;
}

export interface RoomState {
  readonly hearingId: string;
  readonly courtId: string;
  readonly caseId: string;
  readonly title: string;
  readonly status: HearingStatus;
  readonly roomLocked: boolean;
  readonly participants: readonly RoomParticipant[];
  readonly consultations: readonly RoomConsultation[];
  /** Special-measures orders in force, as recorded by the presiding judge (re-read on every change). */
  readonly orders: readonly SpecialMeasure[];
  /**
   * The court's recording as the judge set it (recording-plan.ts says whose media it takes).
   * Absent: off. The media node reads it from the recording's record when it opens the room.
   */
  readonly recording?: RecordingState;
  /** The language of the floor: the hearing's, or else its court's. Channels: see interpretation.ts. */
  readonly floorLanguage: string;
}

/** A fact to persist and audit, in one transaction, before the change takes effect. */
export type RoomEvent =
  | {
      readonly type: 'participant_state';
      readonly participantId: string;
      readonly from: ParticipantState;
      readonly to: ParticipantState;
      readonly action: string;
      readonly data?: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'hearing_status'; readonly from: HearingStatus; readonly to: HearingStatus; readonly action: string }
  | { readonly type: 'room_lock'; readonly locked: boolean; readonly action: string }
  /** Audit only: a control action that changes no row (mute, camera stopped, hands lowered, consultation opened). */
  | { readonly type: 'note'; readonly action: string; readonly participantId?: string; readonly data?: Readonly<Record<string, unknown>> };

/** What the media node does besides re-asking the media policy. */
export type RoomEffect =
  | { readonly type: 'endSession'; readonly participantId: string; readonly reason: SessionEndReason }
  | { readonly type: 'closeCamera'; readonly participantId: string }
  | { readonly type: 'selfMediaChanged'; readonly participantId: string }
  | { readonly type: 'hearingChanged' }
  /** A private "I need a break" signal: to the judge alone. */
  | { readonly type: 'breakRequested'; readonly participantId: string }
  /** The recording started, paused or stopped: everyone connected is told, the waiting room too. */
  | { readonly type: 'recordingChanged' };

export type RoomCommand =
  | { readonly type: 'join'; readonly participantId: string; readonly now: number; readonly sessionKey: string }
  | { readonly type: 'disconnect'; readonly participantId: string; readonly now: number; readonly graceMs: number }
  | { readonly type: 'leave'; readonly participantId: string }
  /** After a media node restart: everyone the database still shows inside is in fact disconnected. */
  | {
      readonly type: 'recover';
      readonly now: number;
      readonly graceMs: number;
      /** The room's snapshot was restored (room-snapshot.ts): its session keys say whose each place is. */
      readonly sessionsRestored?: boolean;
    }
  | {
      readonly type: 'admit' | 'sendToWaitingRoom' | 'remove' | 'mute' | 'askToUnmute' | 'stopCamera' | 'allowCamera';
      readonly actorId: string;
      readonly targetId: string;
    }
  | { readonly type: 'lowerHands'; readonly actorId: string; readonly targetIds?: readonly string[] }
  | { readonly type: 'openHearing' | 'recessHearing' | 'adjournHearing' | 'closeHearing'; readonly actorId: string }
  | { readonly type: 'setRoomLock'; readonly actorId: string; readonly locked: boolean }
  | { readonly type: 'setMuted'; readonly actorId: string; readonly muted: boolean }
  | { readonly type: 'raiseHand' | 'lowerHand'; readonly actorId: string }
  | { readonly type: 'openConsultation'; readonly actorId: string; readonly consultationId: string; readonly memberIds: readonly string[] }
  | { readonly type: 'addToConsultation'; readonly actorId: string; readonly consultationId: string; readonly targetId: string }
  | { readonly type: 'leaveConsultation'; readonly actorId: string }
  | { readonly type: 'closeConsultation'; readonly actorId: string; readonly consultationId: string }
  | { readonly type: 'requestBreak'; readonly actorId: string }
  /** The presiding judge starts (or resumes), pauses or stops the court's recording. */
  | { readonly type: RecordingCommand; readonly actorId: string }
  /** Listen to the floor (null) or to one of the hearing's interpretation channels. */
  | { readonly type: 'chooseChannel'; readonly actorId: string; readonly channel: string | null }
  /** An interpreter speaks on the floor (consecutive) or into their channel (simultaneous). */
  | { readonly type: 'setInterpreterOutput'; readonly actorId: string; readonly toFloor: boolean }
  /** A recess called for a witness: the court is dark, and she and her supporters wait in a private room. */
  | { readonly type: 'recessForWitness'; readonly actorId: string; readonly targetId: string; readonly consultationId: string }
  /** The orders in force were re-read from the record (they are persisted and audited by the api). */
  | { readonly type: 'ordersChanged'; readonly orders: readonly SpecialMeasure[] }
  /** Seats the court withdrew before their holders joined, read from the record (persisted and audited by the api). */
  | { readonly type: 'seatsWithdrawn'; readonly participantIds: readonly string[] };

export type RoomTransition =
  | { readonly ok: true; readonly state: RoomState; readonly events: readonly RoomEvent[]; readonly effects: readonly RoomEffect[] }
  | { readonly ok: false; readonly error: RoomError };

const PRESENT: readonly ParticipantState[] = ['waiting', 'admitted', 'in_consultation'];

export function findParticipant(state: RoomState, id: string): RoomParticipant | undefined {
  return state.participants.find((p) => p.id === id);
}

/** A participant as loaded from the database, before they join: not connected, nothing held. */
export function newRoomParticipant(row: {
  id: string;
  role: HearingRole;
  displayName: string;
  userId: string | null;
  partyId: string | null;
  clientPartyIds?: readonly string[];
  /** Whether this is the hearing's presiding judge; false unless said (a judge not named presides over nothing). */
  presiding?: boolean;
  state: ParticipantState;
  /** An interpreter's channel, or the language someone else needs (see RoomParticipant). */
  language?: string | null;
}): RoomParticipant {
  return {
    ...row,
    clientPartyIds: row.clientPartyIds ?? [],
    language: row.language ?? null,
    // Where they start listening depends on the hearing's other participants: see withDefaultListening.
    listening: null,
    toFloor: false,
    presiding: row.role === 'judge' && row.presiding === true,
    consultationId: null,
    muted: row.role !== 'judge',
    mutedByBench: false,
    unmuteRequested: false,
    handRaised: false,
    sessionKey: null,
    cameraHeldByBench: false,
    rejoin: null,
  };
}

/** Adds participants the room did not know yet (added to the hearing while it was live). */
export function withNewParticipants(state: RoomState, rows: readonly RoomParticipant[]): RoomState {
  const known = new Set(state.participants.map((p) => p.id));
  const fresh = rows.filter((p) => !known.has(p.id));
  if (fresh.length === 0) return state;
  const next = { ...state, participants: [...state.participants, ...fresh] };
  // A newcomer starts on their channel, if the hearing (now) interprets into their language.
  return { ...next, participants: next.participants.map((p) => (known.has(p.id) ? p : { ...p, listening: defaultListening(next, p) })) };
}

/**
 * The seats the record says the court withdrew (refuseWithdrawal) that the room still shows as
 * not yet taken up: the room, told, takes them off (`seatsWithdrawn`). Only those: anyone who has
 * been in the room is the room's to remove, and the room's word on them stands.
 */
export function withdrawnSeats(state: RoomState, record: readonly Pick<RoomParticipant, 'id' | 'state'>[]): string[] {
  return record.filter((row) => row.state === 'removed' && findParticipant(state, row.id)?.state === 'invited').map((row) => row.id);
}

export function applyRoomCommand(state: RoomState, command: RoomCommand): RoomTransition {
  const t = new Transition(state);
  const error = run(t, command);
  return error ? { ok: false, error } : { ok: true, state: t.state, events: t.events, effects: t.effects };
}

/**
 * Whether `actorId` may attempt `action` at all in the room as it stands, asked of the actor
 * alone (role, presence, the hearing's status), before anything is looked up, loaded or queued
 * for the request: the same permission check as the transition's, without the target, so never
 * stricter than it. The transition asks the whole question again when the request runs.
 */
export function refuseAttempt(state: RoomState, action: RoomAction, actorId: string): RoomError | undefined {
  return new Transition(state).check(action, actorId);
}

/** Accumulates one transition: the new state, its events and effects. */
class Transition {
  events: RoomEvent[] = [];
  effects: RoomEffect[] = [];
  /** A consultation whose last member drops stays (empty) instead of closing: see `recover`. */
  holdEmptyConsultations = false;

  constructor(public state: RoomState) {}

  participant(id: string): RoomParticipant | undefined {
    return findParticipant(this.state, id);
  }

  update(id: string, changes: Partial<RoomParticipant>): void {
    this.state = { ...this.state, participants: this.state.participants.map((p) => (p.id === id ? { ...p, ...changes } : p)) };
  }

  /** Moves a participant to another state, with its audit event; leaves any consultation when leaving it. */
  move(id: string, to: ParticipantState, action: string, changes: Partial<RoomParticipant> = {}, data?: Record<string, unknown>): void {
    const p = this.participant(id);
    if (!p) return;
    if (p.state === 'in_consultation' && p.consultationId && to !== 'in_consultation') this.dropMember(p.consultationId, id);
    this.update(id, { state: to, ...(to === 'in_consultation' ? {} : { consultationId: null }), ...changes });
    if (p.state !== to) {
      this.events.push({
        type: 'participant_state',
        participantId: id,
        from: p.state,
        to,
        action,
        data: { hearingRole: p.role, from: p.state, to, ...data },
      });
    }
  }

  private dropMember(consultationId: string, memberId: string): void {
    const c = this.state.consultations.find((x) => x.id === consultationId);
    if (!c) return;
    const memberIds = c.memberIds.filter((id) => id !== memberId);
    if (memberIds.length === 0 && !this.holdEmptyConsultations) {
      this.state = { ...this.state, consultations: this.state.consultations.filter((x) => x.id !== consultationId) };
      this.events.push({ type: 'note', action: 'hearing.consultation_closed', data: { consultationId, reason: 'empty' } });
    } else {
      this.state = {
        ...this.state,
        consultations: this.state.consultations.map((x) => (x.id === consultationId ? { ...x, memberIds } : x)),
      };
    }
  }

  setConsultation(c: RoomConsultation | null, id: string): void {
    const others = this.state.consultations.filter((x) => x.id !== id);
    this.state = { ...this.state, consultations: c ? [...others, c] : others };
  }

  check(action: RoomAction, actorId: string, targetId?: string, consultationOpenedBy?: string): RoomError | undefined {
    const actor = this.participant(actorId);
    if (!actor) return roomError('room.participant_not_found');
    const target = targetId === undefined ? undefined : this.participant(targetId);
    if (targetId !== undefined && !target) return roomError('room.participant_not_found');
    const decision = checkRoomPermission(action, actor, { status: this.state.status, consultationOpenedBy }, target);
    return decision.allowed ? undefined : roomError(decision.code);
  }
}

function run(t: Transition, command: RoomCommand): RoomError | undefined {
  switch (command.type) {
    case 'join':
      return join(t, command.participantId, command.now, command.sessionKey);
    case 'disconnect':
      return disconnect(t, command.participantId, command.now, command.graceMs, 'connection_lost');
    case 'leave':
      return leave(t, command.participantId);
    case 'recover':
      // Everyone drops at once here: a private room restored from the failed node's snapshot
      // (room-snapshot.ts) is kept, empty, for its members to come back into, not closed.
      t.holdEmptyConsultations = true;
      for (const p of t.state.participants) {
        if (!PRESENT.includes(p.state)) continue;
        // Which link session held a place died with the node that knew it, unless its snapshot
        // was restored: link holders start again from the waiting room; an account is the same
        // person whatever its connection.
        t.update(p.id, { sessionKey: p.userId ? `user:${p.userId}` : command.sessionsRestored ? p.sessionKey : null });
        disconnect(t, p.id, command.now, command.graceMs, 'media_node_restarted');
      }
      t.holdEmptyConsultations = false;
      return undefined;
    case 'admit': {
      const error = benchMove(t, 'admit', command.actorId, command.targetId, 'admitted', 'hearing.participant_admitted');
      if (error) return error;
      // Her supporters come in beside her.
      for (const id of supportersOf(t.state.orders, command.targetId)) {
        if (t.participant(id)?.state === 'waiting')
          t.move(id, 'admitted', 'hearing.participant_admitted', {}, { besideWitness: command.targetId });
      }
      return undefined;
    }
    case 'sendToWaitingRoom': {
      const error = benchMove(
        t,
        'sendToWaitingRoom',
        command.actorId,
        command.targetId,
        'waiting',
        'hearing.participant_sent_to_waiting_room',
        {
          handRaised: false,
        },
      );
      if (error) return error;
      for (const id of supportersOf(t.state.orders, command.targetId)) {
        const supporter = t.participant(id);
        if (supporter && (supporter.state === 'admitted' || supporter.state === 'in_consultation'))
          t.move(id, 'waiting', 'hearing.participant_sent_to_waiting_room', { handRaised: false }, { besideWitness: command.targetId });
      }
      return undefined;
    }
    case 'remove': {
      const error = t.check('remove', command.actorId, command.targetId);
      if (error) return error;
      t.move(command.targetId, 'removed', 'hearing.participant_removed', { handRaised: false, rejoin: null });
      t.effects.push({ type: 'endSession', participantId: command.targetId, reason: 'removed' });
      return undefined;
    }
    case 'mute': {
      const error = t.check('mute', command.actorId, command.targetId);
      if (error) return error;
      t.update(command.targetId, { muted: true, mutedByBench: true, unmuteRequested: false });
      t.events.push({ type: 'note', action: 'hearing.participant_muted', participantId: command.targetId });
      t.effects.push({ type: 'selfMediaChanged', participantId: command.targetId });
      return undefined;
    }
    case 'askToUnmute': {
      const error = t.check('askToUnmute', command.actorId, command.targetId);
      if (error) return error;
      if (!t.participant(command.targetId)?.muted) return roomError('room.not_allowed_now', 'This participant is not muted.');
      t.update(command.targetId, { unmuteRequested: true });
      t.events.push({ type: 'note', action: 'hearing.participant_asked_to_unmute', participantId: command.targetId });
      t.effects.push({ type: 'selfMediaChanged', participantId: command.targetId });
      return undefined;
    }
    case 'stopCamera': {
      const error = t.check('stopCamera', command.actorId, command.targetId);
      if (error) return error;
      t.update(command.targetId, { cameraHeldByBench: true });
      t.events.push({ type: 'note', action: 'hearing.participant_camera_stopped', participantId: command.targetId });
      t.effects.push({ type: 'closeCamera', participantId: command.targetId });
      return undefined;
    }
    case 'allowCamera': {
      const error = t.check('allowCamera', command.actorId, command.targetId);
      if (error) return error;
      if (!t.participant(command.targetId)?.cameraHeldByBench) return undefined;
      t.update(command.targetId, { cameraHeldByBench: false });
      t.events.push({ type: 'note', action: 'hearing.participant_camera_allowed', participantId: command.targetId });
      t.effects.push({ type: 'selfMediaChanged', participantId: command.targetId });
      return undefined;
    }
    case 'requestBreak': {
      const error = t.check('requestBreak', command.actorId);
      if (error) return error;
      t.events.push({ type: 'note', action: 'hearing.break_requested', participantId: command.actorId });
      t.effects.push({ type: 'breakRequested', participantId: command.actorId });
      return undefined;
    }
    case 'ordersChanged':
      return ordersChanged(t, command.orders);
    case 'seatsWithdrawn':
      // No row and no audit event here: the api wrote both when it withdrew the seat.
      for (const id of command.participantIds) if (t.participant(id)?.state === 'invited') t.update(id, { state: 'removed' });
      return undefined;
    case 'startRecording':
    case 'pauseRecording':
    case 'stopRecording':
      return changeRecording(t, command.type, command.actorId);
    case 'chooseChannel':
      return chooseChannel(t, command.actorId, command.channel);
    case 'setInterpreterOutput':
      return setInterpreterOutput(t, command.actorId, command.toFloor);
    case 'recessForWitness':
      return recessForWitness(t, command.actorId, command.targetId, command.consultationId);
    case 'lowerHands': {
      const error = t.check('lowerHands', command.actorId);
      if (error) return error;
      const ids = command.targetIds ?? t.state.participants.filter((p) => p.handRaised).map((p) => p.id);
      if (ids.some((id) => !t.participant(id))) return roomError('room.participant_not_found');
      const lowered = ids.filter((id) => t.participant(id)?.handRaised);
      for (const id of lowered) {
        t.update(id, { handRaised: false });
        t.effects.push({ type: 'selfMediaChanged', participantId: id });
      }
      if (lowered.length > 0) t.events.push({ type: 'note', action: 'hearing.hands_lowered', data: { participantIds: lowered } });
      return undefined;
    }
    case 'openHearing':
    case 'recessHearing':
    case 'adjournHearing':
    case 'closeHearing':
      return sitting(t, command.type, command.actorId);
    case 'setRoomLock': {
      const error = t.check('setRoomLock', command.actorId);
      if (error) return error;
      if (t.state.roomLocked !== command.locked) {
        t.state = { ...t.state, roomLocked: command.locked };
        t.events.push({
          type: 'room_lock',
          locked: command.locked,
          action: command.locked ? 'hearing.room_locked' : 'hearing.room_unlocked',
        });
        t.effects.push({ type: 'hearingChanged' });
      }
      return undefined;
    }
    case 'setMuted':
      return setMuted(t, command.actorId, command.muted);
    case 'raiseHand':
    case 'lowerHand': {
      const error = t.check(command.type === 'raiseHand' ? 'raiseHand' : 'lowerOwnHand', command.actorId);
      if (error) return error;
      t.update(command.actorId, { handRaised: command.type === 'raiseHand' });
      t.effects.push({ type: 'selfMediaChanged', participantId: command.actorId });
      return undefined;
    }
    case 'openConsultation':
      return openConsultation(t, command.actorId, command.consultationId, command.memberIds);
    case 'addToConsultation': {
      const c = t.state.consultations.find((x) => x.id === command.consultationId);
      if (!c) return roomError('consultation.not_found');
      const actor = t.participant(command.actorId);
      if (!actor) return roomError('room.participant_not_found');
      // Only from inside that room: an opener who has moved on does not run it from elsewhere.
      if (actor.consultationId !== c.id) return roomError('consultation.forbidden');
      const error = t.check('addToConsultation', command.actorId, command.targetId, c.openedBy);
      if (error) return error.code === 'room.not_allowed_now' ? roomError('consultation.member_not_available') : error;
      const opener = t.participant(c.openedBy) ?? actor;
      const joining = withSupporters(t, [command.targetId]);
      const refusal = refuseMembers(t, opener, [...c.memberIds, ...joining]);
      if (refusal) return refusal;
      t.setConsultation({ ...c, memberIds: [...c.memberIds, ...joining] }, c.id);
      for (const id of joining) {
        t.move(id, 'in_consultation', 'hearing.consultation_joined', { consultationId: c.id, handRaised: false }, { consultationId: c.id });
      }
      return undefined;
    }
    case 'leaveConsultation': {
      const error = t.check('leaveConsultation', command.actorId);
      if (error) return error;
      const consultationId = t.participant(command.actorId)?.consultationId ?? null;
      t.move(command.actorId, 'admitted', 'hearing.consultation_left', {}, { consultationId });
      // Her supporters leave the room with her.
      for (const id of supportersOf(t.state.orders, command.actorId)) {
        const supporter = t.participant(id);
        if (supporter?.state === 'in_consultation' && supporter.consultationId === consultationId)
          t.move(id, 'admitted', 'hearing.consultation_left', {}, { consultationId, besideWitness: command.actorId });
      }
      return undefined;
    }
    case 'closeConsultation': {
      const c = t.state.consultations.find((x) => x.id === command.consultationId);
      if (!c) return roomError('consultation.not_found');
      const error = t.check('closeConsultation', command.actorId, undefined, c.openedBy);
      if (error) return error.code === 'room.forbidden' ? roomError('consultation.forbidden') : error;
      // Members go back first (each move records its own state change); the room goes last.
      for (const id of c.memberIds) t.move(id, 'admitted', 'hearing.consultation_left', {}, { consultationId: c.id });
      if (t.state.consultations.some((x) => x.id === c.id)) {
        t.setConsultation(null, c.id);
        t.events.push({ type: 'note', action: 'hearing.consultation_closed', data: { consultationId: c.id, reason: 'closed' } });
      }
      return undefined;
    }
  }
}

function join(t: Transition, participantId: string, now: number, sessionKey: string): RoomError | undefined {
  const p = t.participant(participantId);
  if (!p) return roomError('room.participant_not_found');
  if (p.state === 'removed') return roomError('hearing.participant_removed');
  if (t.state.status === 'closed') return roomError('hearing.closed');
  // Already inside on another connection of the same session: the caller replaces that
  // connection; the state stays. Another session (a new link) goes through the waiting room.
  if (PRESENT.includes(p.state)) {
    if (p.sessionKey === sessionKey || isBench(p.role)) {
      t.update(p.id, { sessionKey });
      return undefined;
    }
    t.move(p.id, 'waiting', 'hearing.participant_waiting', { sessionKey, handRaised: false }, { newSession: true });
    return undefined;
  }
  t.update(p.id, { sessionKey });
  // Only the session that held the place gets it back.
  const rejoin = p.rejoin && p.rejoin.until >= now && p.rejoin.sessionKey === sessionKey ? p.rejoin : null;
  if (rejoin) {
    const found = rejoin.consultationId ? t.state.consultations.find((c) => c.id === rejoin.consultationId) : undefined;
    // Back into the room only if the orders in force still allow them in it with those there now.
    const opener = found && t.participant(found.openedBy);
    const consultation = found && opener && !refuseMembers(t, opener, [...found.memberIds, p.id]) ? found : undefined;
    if (rejoin.state === 'in_consultation' && consultation && t.state.status !== 'adjourned') {
      t.setConsultation({ ...consultation, memberIds: [...consultation.memberIds, p.id] }, consultation.id);
      t.move(p.id, 'in_consultation', 'hearing.participant_rejoined', { consultationId: consultation.id, rejoin: null });
    } else {
      // A consultation that ended meanwhile sends them back to the courtroom, not into a room of one.
      const state = rejoin.state === 'in_consultation' ? 'admitted' : rejoin.state;
      t.move(p.id, state, 'hearing.participant_rejoined', { rejoin: null });
    }
    return undefined;
  }
  // A fresh arrival: hands down, and everyone but the judge starts muted (they unmute themselves);
  // on their default channel, and an interpreter into their channel.
  const fresh = {
    rejoin: null,
    handRaised: false,
    muted: p.role !== 'judge',
    mutedByBench: false,
    unmuteRequested: false,
    listening: defaultListening(t.state, p),
    toFloor: false,
  };
  if (isBench(p.role)) {
    t.move(p.id, 'admitted', 'hearing.participant_admitted', fresh, { automatic: true });
    return undefined;
  }
  if (t.state.roomLocked) return roomError('hearing.room_locked');
  t.move(p.id, 'waiting', 'hearing.participant_waiting', fresh);
  return undefined;
}

function disconnect(t: Transition, participantId: string, now: number, graceMs: number, reason: string): RoomError | undefined {
  const p = t.participant(participantId);
  if (!p) return roomError('room.participant_not_found');
  if (!PRESENT.includes(p.state)) return undefined;
  const rejoin: RejoinPlace | null =
    graceMs > 0
      ? { state: p.state as RejoinPlace['state'], consultationId: p.consultationId, until: now + graceMs, sessionKey: p.sessionKey }
      : null;
  t.move(p.id, 'disconnected', 'hearing.participant_disconnected', { rejoin, sessionKey: null }, { reason });
  return undefined;
}

function leave(t: Transition, participantId: string): RoomError | undefined {
  const p = t.participant(participantId);
  if (!p) return roomError('room.participant_not_found');
  if (!PRESENT.includes(p.state)) return undefined;
  t.move(p.id, 'disconnected', 'hearing.participant_left', { rejoin: null, handRaised: false });
  t.effects.push({ type: 'endSession', participantId: p.id, reason: 'left' });
  return undefined;
}

function benchMove(
  t: Transition,
  action: 'admit' | 'sendToWaitingRoom',
  actorId: string,
  targetId: string,
  to: ParticipantState,
  audit: string,
  changes: Partial<RoomParticipant> = {},
): RoomError | undefined {
  const error = t.check(action, actorId, targetId);
  if (error) return error;
  t.move(targetId, to, audit, changes);
  return undefined;
}

function sitting(
  t: Transition,
  action: 'openHearing' | 'recessHearing' | 'adjournHearing' | 'closeHearing',
  actorId: string,
): RoomError | undefined {
  const error = t.check(action, actorId);
  if (error) return error;
  const from = t.state.status;
  const to: HearingStatus =
    action === 'openHearing' ? 'open' : action === 'recessHearing' ? 'in_recess' : action === 'adjournHearing' ? 'adjourned' : 'closed';
  const audit =
    action === 'openHearing'
      ? from === 'in_recess'
        ? 'hearing.resumed'
        : 'hearing.opened'
      : action === 'recessHearing'
        ? 'hearing.recessed'
        : `hearing.${to}`;
  t.state = { ...t.state, status: to };
  t.events.push({ type: 'hearing_status', from, to, action: audit });
  t.effects.push({ type: 'hearingChanged' });
  // Resuming ends every break room: the witness and her supporters come back into court.
  if (to === 'open') {
    for (const c of t.state.consultations.filter((x) => x.breakFor !== undefined)) {
      for (const id of c.memberIds) t.move(id, 'admitted', 'hearing.consultation_left', {}, { consultationId: c.id, reason: 'resumed' });
      if (t.state.consultations.some((x) => x.id === c.id)) {
        t.setConsultation(null, c.id);
        t.events.push({ type: 'note', action: 'hearing.consultation_closed', data: { consultationId: c.id, reason: 'resumed' } });
      }
    }
  }
  if (to === 'adjourned' || to === 'closed') {
    // The sitting is over: nobody stays connected, nobody is kept a place, no private room survives.
    const reason: SessionEndReason = to === 'adjourned' ? 'hearing_adjourned' : 'hearing_closed';
    for (const p of t.state.participants) {
      if (PRESENT.includes(p.state)) {
        t.move(p.id, 'disconnected', 'hearing.participant_disconnected', { rejoin: null, handRaised: false }, { reason });
        t.effects.push({ type: 'endSession', participantId: p.id, reason });
      } else if (p.rejoin) {
        t.update(p.id, { rejoin: null });
      }
    }
    t.state = { ...t.state, consultations: [] };
  }
  // A closed hearing has nothing more to record: its recording ends with it.
  if (to === 'closed' && recordingOf(t.state) !== 'off') {
    t.state = { ...t.state, recording: 'off' };
    t.effects.push({ type: 'recordingChanged' });
  }
  return undefined;
}

/**
 * The judge starts, pauses or stops the recording. No event here: the recording's own record
 * (its start, pause and stop, each audited) is written by the media node before it adopts this.
 */
function changeRecording(t: Transition, command: RecordingCommand, actorId: string): RoomError | undefined {
  const error = t.check(command, actorId);
  if (error) return error.code === 'room.not_allowed_now' ? roomError('recording.not_allowed_now') : error;
  const to = nextRecordingState(recordingOf(t.state), command);
  if (to === null) return roomError('recording.not_allowed_now');
  t.state = { ...t.state, recording: to };
  t.effects.push({ type: 'recordingChanged' });
  return undefined;
}

function setMuted(t: Transition, actorId: string, muted: boolean): RoomError | undefined {
  const error = t.check(muted ? 'muteSelf' : 'unmuteSelf', actorId);
  if (error) return error;
  const p = t.participant(actorId);
  if (!p) return roomError('room.participant_not_found');
  if (muted) {
    t.update(actorId, { muted: true });
  } else {
    // After the bench muted someone, only the bench's request lets them speak again.
    if (p.mutedByBench && !p.unmuteRequested) return roomError('media.unmute_forbidden');
    t.update(actorId, { muted: false, mutedByBench: false, unmuteRequested: false });
  }
  t.effects.push({ type: 'selfMediaChanged', participantId: actorId });
  return undefined;
}

/**
 * A listener tunes to the floor or to a channel. Server state, like the mute: the media node
 * re-plans at once, so the channel's interpreter is received from now on and no longer than that.
 */
function chooseChannel(t: Transition, actorId: string, channel: string | null): RoomError | undefined {
  const error = t.check('chooseChannel', actorId);
  if (error) return error;
  if (channel !== null && !interpretationChannels(t.state).includes(channel)) return roomError('interpretation.unknown_channel');
  if (t.participant(actorId)?.listening === channel) return undefined;
  t.update(actorId, { listening: channel });
  t.events.push({ type: 'note', action: 'hearing.interpretation_channel_chosen', participantId: actorId, data: { channel } });
  t.effects.push({ type: 'selfMediaChanged', participantId: actorId });
  return undefined;
}

/** An interpreter switches between speaking on the floor (consecutive) and into their channel (simultaneous). */
function setInterpreterOutput(t: Transition, actorId: string, toFloor: boolean): RoomError | undefined {
  const error = t.check('setInterpreterOutput', actorId);
  if (error) return error;
  const p = t.participant(actorId);
  if (!p) return roomError('room.participant_not_found');
  // An interpreter the court assigned no language has no channel to switch away from.
  const channel = channelOf(t.state, p);
  if (channel === null) return roomError('interpretation.not_interpreter');
  if (p.toFloor === toFloor) return undefined;
  t.update(actorId, { toFloor });
  t.events.push({ type: 'note', action: 'hearing.interpreter_output_changed', participantId: actorId, data: { channel, toFloor } });
  t.effects.push({ type: 'selfMediaChanged', participantId: actorId });
  return undefined;
}

function openConsultation(t: Transition, actorId: string, consultationId: string, memberIds: readonly string[]): RoomError | undefined {
  const chosen = [...new Set(memberIds)].filter((id) => id !== actorId);
  if (chosen.length === 0)
    return roomError('signalling.invalid_request', 'Choose at least one other participant for the private consultation.');
  for (const id of chosen) {
    const error = t.check('openConsultation', actorId, id);
    if (error) return error.code === 'room.not_allowed_now' ? roomError('consultation.member_not_available') : error;
  }
  const error = t.check('openConsultation', actorId);
  if (error) return error;
  const actor = t.participant(actorId);
  if (!actor) return roomError('room.participant_not_found');
  // A witness's supporters come with her (those in the courtroom; the opener may be one of them).
  const members = withSupporters(t, chosen).filter((id) => id !== actorId);
  const refusal = refuseMembers(t, actor, [actorId, ...members]);
  if (refusal) return refusal;
  t.setConsultation({ id: consultationId, openedBy: actorId, memberIds: [actorId, ...members] }, consultationId);
  t.events.push({
    type: 'note',
    action: 'hearing.consultation_opened',
    participantId: actorId,
    data: { consultationId, memberIds: [actorId, ...members] },
  });
  for (const id of [actorId, ...members]) {
    t.move(id, 'in_consultation', 'hearing.consultation_joined', { consultationId, handRaised: false }, { consultationId });
  }
  return undefined;
}

/** `ids` and the supporters (in the courtroom) of each witness among them, each once. */
function withSupporters(t: Transition, ids: readonly string[]): string[] {
  const all = [...ids];
  for (const id of ids) {
    for (const supporterId of supportersOf(t.state.orders, id)) {
      if (!all.includes(supporterId) && t.participant(supporterId)?.state === 'admitted') all.push(supporterId);
    }
  }
  return all;
}

/** The consultation rules of room-orders.ts for a whole member list, as a room error. */
function refuseMembers(t: Transition, opener: RoomParticipant, memberIds: readonly string[]): RoomError | undefined {
  for (const id of memberIds) {
    const member = t.participant(id);
    if (!member || member.id === opener.id) continue;
    const refusal = refuseConsultationMember(t.state, opener, member);
    if (refusal) return roomError('consultation.forbidden', refusal.message);
  }
  if (screenedPairsIn(t.state, memberIds).length > 0)
    return roomError(
      'consultation.forbidden',
      'A screen order keeps these participants apart, so they cannot be in one private consultation.',
    );
  return undefined;
}

/**
 * New orders from the record. A consultation that the new orders forbid (two people now screened
 * from each other, counsel with someone who is no longer their client's supporter) ends at once:
 * its members go back to the courtroom, where the media policy applies the screen.
 */
function ordersChanged(t: Transition, orders: readonly SpecialMeasure[]): RoomError | undefined {
  t.state = { ...t.state, orders };
  for (const c of t.state.consultations) {
    const opener = t.participant(c.openedBy);
    const allowed =
      opener !== undefined &&
      c.memberIds.every((id) => {
        const member = t.participant(id);
        return !member || member.id === opener.id || refuseConsultationMember(t.state, opener, member) === null;
      }) &&
      screenedPairsIn(t.state, c.memberIds).length === 0;
    if (allowed) continue;
    for (const id of c.memberIds) {
      if (t.participant(id)?.state === 'in_consultation')
        t.move(id, 'admitted', 'hearing.consultation_left', {}, { consultationId: c.id, reason: 'order' });
    }
    if (t.state.consultations.some((x) => x.id === c.id)) {
      t.setConsultation(null, c.id);
      t.events.push({ type: 'note', action: 'hearing.consultation_closed', data: { consultationId: c.id, reason: 'order' } });
    }
  }
  return undefined;
}

/**
 * "I need a break", answered: the judge recesses the court for her. Nothing of her reaches the
 * court (it is dark during a recess), and she and her supporters are put together in a private
 * room, without the judge, until the judge resumes. Her counsel may still be brought in by the
 * judge; nobody else can add to the room (it is the judge's).
 */
function recessForWitness(t: Transition, actorId: string, targetId: string, consultationId: string): RoomError | undefined {
  const error = t.check('recessForWitness', actorId, targetId);
  if (error) return error;
  const members = [targetId, ...supportersOf(t.state.orders, targetId).filter((id) => t.participant(id)?.state === 'admitted')];
  const recessed = sitting(t, 'recessHearing', actorId);
  if (recessed) return recessed;
  t.setConsultation({ id: consultationId, openedBy: actorId, memberIds: members, breakFor: targetId }, consultationId);
  t.events.push({
    type: 'note',
    action: 'hearing.recess_for_witness',
    participantId: targetId,
    data: { consultationId, memberIds: members },
  });
  for (const id of members) {
    t.move(
      id,
      'in_consultation',
      'hearing.consultation_joined',
      { consultationId, handRaised: false },
      { consultationId, reason: 'recess' },
    );
  }
  return undefined;
}
