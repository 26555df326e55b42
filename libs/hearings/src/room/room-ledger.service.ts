import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type Actor, AuditLog, SYSTEM_ACTOR, affectedRows, participantActor, userActor } from '@ejustice/platform';
import type { Role } from '@ejustice/vocabulary/role';
import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { loadOrdersInForce } from '../orders';
import { refuseAttendance } from '../services/hearing-attendance';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import type { SignallingErrorCode } from '../signalling/signalling-messages';
import { refuseAccountSeat } from './account-standing';
import type { IdentityShield } from './identity-shield';
import { loadIdentityShield } from './identity-shield-queries';
import { withDefaultListening } from './interpretation';
import type { JoinTicketClaims } from './join-tickets';
import { roomError } from './room-errors';
import { type RoomEvent, type RoomParticipant, type RoomState, newRoomParticipant } from './room-state';

export interface LoadedRoom {
  readonly state: RoomState;
  readonly shield: IdentityShield;
}

/** Who caused a change: a participant (audited as their account when they have one) or the system. */
export type RoomActorRef = { readonly participantId: string; readonly userId: string | null } | 'system';

interface ParticipantRow {
  id: string;
  hearing_role: HearingRole;
  display_name: string;
  user_id: string | null;
  party_id: string | null;
  client_party_ids: string[];
  presiding: boolean;
  state: ParticipantState;
  language: string | null;
}

/** PostgreSQL's exclusion_violation: reopening would seat the judge in two live hearings at once. */
const EXCLUSION_VIOLATION = '23P01';

/**
 * The hearing room's record in PostgreSQL: loads a room, checks a connection, and commits the
 * room's events (participant states, hearing status, room lock) each with its audit event, in
 * one transaction. The media node changes its live state only after the commit, so a refused
 * or failed write leaves the room exactly as it was.
 *
 * Plain SQL rather than entities: the media node loads no entity graph (and no identity module),
 * only the rows it needs.
 */
@Injectable()
export class RoomLedger {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async loadRoom(hearingId: string): Promise<LoadedRoom | null> {
    const hearings: {
      court_id: string;
      case_id: string;
      title: string;
      status: HearingStatus;
      room_locked: boolean;
      floor_language: string;
    }[] = await this.db.query(
      // The floor speaks the hearing's language, or else its court's.
      `SELECT h.court_id, h.case_id, h.title, h.status, h.room_locked, coalesce(h.floor_language, c.language) AS floor_language
         FROM hearings h JOIN courts c ON c.id = h.court_id WHERE h.id = $1`,
      [hearingId],
    );
    if (hearings.length === 0) return null;
    const h = hearings[0];
    const rows = await this.participantRows(this.db.manager, hearingId);
    const participants = rows.map(toRoomParticipant);
    const state: RoomState = withDefaultListening({
      hearingId,
      courtId: h.court_id,
      caseId: h.case_id,
      title: h.title,
      status: h.status,
      roomLocked: h.room_locked,
      participants,
      consultations: [],
      orders: await this.loadOrders(hearingId),
      floorLanguage: h.floor_language,
    });
    return { state, shield: await this.loadShield(h.case_id, participants) };
  }

  /** The special-measures orders in force for the hearing, as the media policy reads them. */
  async loadOrders(hearingId: string): Promise<SpecialMeasure[]> {
    return loadOrdersInForce(this.db, hearingId);
  }

  /** The hearing's participants as stored (to pick up people added while the room is live). */
  async loadParticipants(hearingId: string): Promise<RoomParticipant[]> {
    return (await this.participantRows(this.db.manager, hearingId)).map(toRoomParticipant);
  }

  async loadShield(caseId: string, participants: readonly RoomParticipant[]): Promise<IdentityShield> {
    return loadIdentityShield(this.db, caseId, participants);
  }

  /**
   * Whether a connection presenting these ticket claims may proceed: the hearing exists and is not
   * closed, the participant belongs to it and was not removed, an account holder's account is
   * still enabled and still holds the role their seat needs (see refuseAccountSeat), and the link
   * they came by (if any) was not withdrawn since. Asked at the handshake and again for every live
   * connection of the hearing when the api says who may be connected changed. Returns the refusal
   * code, or null.
   */
  async refuseConnection(claims: JoinTicketClaims): Promise<SignallingErrorCode | null> {
    const hearings: { status: HearingStatus }[] = await this.db.query('SELECT status FROM hearings WHERE id = $1', [claims.hearingId]);
    if (hearings.length === 0) return 'hearing.not_found';
    if (hearings[0].status === 'closed') return 'hearing.closed';
    // The participant with their account as it stands now (no account: a link holder).
    const participants: {
      state: ParticipantState;
      hearing_role: HearingRole;
      user_id: string | null;
      disabled: boolean;
      roles: Role[];
    }[] = await this.db.query(
      `SELECT hp.state, hp.hearing_role, hp.user_id, u.disabled_at IS NOT NULL AS disabled,
              coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM hearing_participants hp
         LEFT JOIN users u ON u.id = hp.user_id
         LEFT JOIN user_roles r ON r.user_id = u.id
        WHERE hp.id = $1 AND hp.hearing_id = $2
        GROUP BY hp.id, u.id`,
      [claims.participantId, claims.hearingId],
    );
    if (participants.length === 0) return 'hearing.not_found';
    const participant = participants[0];
    if (participant.state === 'removed') return 'hearing.participant_removed';
    if (claims.userId !== null) {
      if (participant.user_id !== claims.userId) return 'auth.ticket_invalid';
      const refusal = refuseAccountSeat(participant.hearing_role, participant);
      if (refusal) return refusal;
    }
    if (claims.linkId !== null) {
      const links: { revoked_at: Date | null }[] = await this.db.query(
        'SELECT revoked_at FROM hearing_links WHERE id = $1 AND participant_id = $2',
        [claims.linkId, claims.participantId],
      );
      if (links.length === 0 || links[0].revoked_at !== null) return 'hearing_link.revoked';
    }
    // A non-party of a confidential or sealed case needs the presiding judge's leave, read afresh:
    // an attendance (or supporter) order revoked ends the connection on the access notice.
    if (await refuseAttendance(this.db, claims.hearingId, claims.participantId)) return 'hearing.attendance_not_allowed';
    return null;
  }

  /**
   * Persists the room's events and their audit events in one transaction. Each row changes only
   * from the state the room believes it is in; if the database disagrees, nothing is written.
   */
  async commit(
    room: Pick<RoomState, 'hearingId' | 'courtId' | 'caseId'>,
    actorRef: RoomActorRef,
    events: readonly RoomEvent[],
  ): Promise<void> {
    if (events.length === 0) return;
    const actor = toActor(actorRef);
    try {
      await this.db.transaction(async (m) => {
        for (const event of events) await this.write(m, room.hearingId, event);
        // Audit last: it holds the chain lock until commit.
        for (const event of events) {
          await this.audit.record(m, {
            action: event.action,
            actor,
            subject:
              event.type === 'participant_state' || (event.type === 'note' && event.participantId)
                ? {
                    type: 'hearing_participant',
                    id: event.type === 'participant_state' ? event.participantId : (event.participantId ?? null),
                  }
                : { type: 'hearing', id: room.hearingId },
            courtId: room.courtId,
            caseId: room.caseId,
            hearingId: room.hearingId,
            // Ids, roles and states only: never a name (the subject may be a protected witness).
            data: auditData(event),
          });
        }
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === EXCLUSION_VIOLATION) {
        throw roomError(
          'room.not_allowed_now',
          'The presiding judge sits in another live hearing at this time, so this one cannot be opened now.',
        );
      }
      throw error;
    }
  }

  private async write(m: EntityManager, hearingId: string, event: RoomEvent): Promise<void> {
    switch (event.type) {
      case 'participant_state': {
        const result: unknown = await m.query(
          'UPDATE hearing_participants SET state = $1, updated_at = now() WHERE id = $2 AND hearing_id = $3 AND state = $4 RETURNING id',
          [event.to, event.participantId, hearingId, event.from],
        );
        if (affectedRows(result) !== 1) throw roomError('room.not_allowed_now', 'This participant changed state meanwhile. Try again.');
        return;
      }
      case 'hearing_status': {
        const result: unknown = await m.query('UPDATE hearings SET status = $1 WHERE id = $2 AND status = $3 RETURNING id', [
          event.to,
          hearingId,
          event.from,
        ]);
        if (affectedRows(result) !== 1) throw roomError('room.not_allowed_now', 'The hearing changed state meanwhile. Try again.');
        return;
      }
      case 'room_lock':
        await m.query('UPDATE hearings SET room_locked = $1 WHERE id = $2', [event.locked, hearingId]);
        return;
      case 'note':
        return;
    }
  }

  private async participantRows(m: EntityManager, hearingId: string): Promise<ParticipantRow[]> {
    // For counsel, the parties of this case they act for: counsel consult only their own client.
    return m.query(
      `SELECT hp.id, hp.hearing_role, hp.display_name, hp.user_id, hp.party_id, hp.state, hp.language,
              (hp.hearing_role = 'judge' AND hp.user_id IS NOT NULL AND hp.user_id = h.presiding_judge_id) AS presiding,
              coalesce((SELECT array_agg(p.id ORDER BY p.id) FROM parties p
                         WHERE p.case_id = h.case_id AND hp.user_id IS NOT NULL AND p.counsel_user_id = hp.user_id), '{}') AS client_party_ids
         FROM hearing_participants hp JOIN hearings h ON h.id = hp.hearing_id
        WHERE hp.hearing_id = $1 ORDER BY hp.created_at, hp.id`,
      [hearingId],
    );
  }
}

function toRoomParticipant(row: ParticipantRow): RoomParticipant {
  return newRoomParticipant({
    id: row.id,
    role: row.hearing_role,
    displayName: row.display_name,
    userId: row.user_id,
    partyId: row.party_id,
    clientPartyIds: row.client_party_ids,
    presiding: row.presiding,
    state: row.state,
    language: row.language,
  });
}

function toActor(ref: RoomActorRef): Actor {
  if (ref === 'system') return SYSTEM_ACTOR;
  return ref.userId ? userActor(ref.userId) : participantActor(ref.participantId);
}

function auditData(event: RoomEvent): Record<string, unknown> {
  switch (event.type) {
    case 'participant_state':
      return { participantId: event.participantId, ...event.data };
    case 'hearing_status':
      return { from: event.from, to: event.to };
    case 'room_lock':
      return { locked: event.locked };
    case 'note':
      return { ...(event.participantId ? { participantId: event.participantId } : {}), ...event.data };
  }
}
