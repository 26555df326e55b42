import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, DomainError, userActor } from '@ejustice/platform';
import { IdentityErrors, type ParticipantPrincipal, type UserPrincipal } from '@ejustice/identity';
import { benchSeatOf } from '../domain/attendance';
import { HearingErrors } from '../domain/hearing-errors';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import { refuseAttendance } from '../services/hearing-attendance';
import { SIGNALLING_NAMESPACE, type JoinTicket } from '../signalling/signalling-messages';
import { holdsSeat } from './account-standing';
import { JoinTickets } from './join-tickets';
import { MediaNodeDirectory } from './media-node-directory';
import { MediaNodeFailover } from './media-node-failover';

export interface IssueJoinTicketCommand {
  /** A signed-in user, or the holder of a hearing-session token from a one-time link. */
  readonly principal: UserPrincipal | ParticipantPrincipal;
  readonly hearingId: string;
  /**
   * The media node the client could not reach (its previous ticket's `nodeId`), if that is why it
   * asks again: the api checks that node at once instead of waiting for the registry to expire it.
   */
  readonly unreachableNodeId?: string | null;
}

interface ParticipantRow {
  id: string;
  hearing_role: HearingRole;
  state: ParticipantState;
}

interface HearingRow {
  court_id: string;
  case_id: string;
  status: string;
  presiding_judge_id: string | null;
}

/**
 * Issues the ticket with which a participant connects to the media node carrying the hearing.
 * Who may: a user who is a participant of the hearing; its presiding judge, and a clerk of the
 * court that runs it (court staff run the room), each added to the hearing on their first join
 * with its audit event; the holder of a session opened from one of the hearing's links, while
 * that link is not withdrawn. Any other judge of the court sits only once added to the hearing.
 * Anyone else is told the hearing does not exist. A non-party of a confidential or sealed case
 * is refused until the presiding judge gives leave (attendance.ts). The hearing is placed on a
 * media node here: the one already carrying it, or the least loaded.
 */
@Injectable()
export class IssueJoinTicket {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: JoinTickets,
    private readonly directory: MediaNodeDirectory,
    private readonly audit: AuditLog,
    private readonly failover: MediaNodeFailover,
  ) {}

  async execute(cmd: IssueJoinTicketCommand): Promise<JoinTicket> {
    const hearings: HearingRow[] = await this.db.query('SELECT court_id, case_id, status, presiding_judge_id FROM hearings WHERE id = $1', [
      cmd.hearingId,
    ]);
    if (hearings.length === 0) throw HearingErrors.notFound();
    const hearing = hearings[0];

    const { participant, userId, linkId } =
      cmd.principal.kind === 'participant'
        ? await this.linkParticipant(cmd.principal, cmd.hearingId)
        : await this.userParticipant(cmd.principal, cmd.hearingId, hearing);
    if (hearing.status === 'closed') throw HearingErrors.closed();
    if (participant.state === 'removed') throw HearingErrors.participantRemoved();
    if (await refuseAttendance(this.db, cmd.hearingId, participant.id)) throw HearingErrors.attendanceNotAllowed();

    // Only now, for someone entitled to a ticket: a node that died is forgotten before placing.
    await this.failover.checkCarrier(cmd.hearingId, cmd.unreachableNodeId ?? null);
    const node = await this.directory.place(cmd.hearingId);
    if (!node) {
      throw new DomainError(
        'unavailable',
        'media.unavailable',
        'No media server is available for hearings right now. Try again in a minute; if it goes on, tell the court.',
      );
    }
    const { ticket, expiresAt } = this.tickets.sign({
      participantId: participant.id,
      hearingId: cmd.hearingId,
      hearingRole: participant.hearing_role,
      nodeId: node.nodeId,
      linkId,
      userId,
    });
    return {
      ticket,
      expiresAt: expiresAt.toISOString(),
      hearingId: cmd.hearingId,
      participantId: participant.id,
      hearingRole: participant.hearing_role,
      mediaUrl: node.url,
      nodeId: node.nodeId,
      namespace: SIGNALLING_NAMESPACE,
    };
  }

  private async linkParticipant(principal: ParticipantPrincipal, hearingId: string) {
    // A link opens its own hearing only.
    if (principal.hearingId !== hearingId) throw IdentityErrors.participantTokenNotAllowed();
    const links: { revoked_at: Date | null }[] = await this.db.query(
      'SELECT revoked_at FROM hearing_links WHERE id = $1 AND participant_id = $2 AND hearing_id = $3',
      [principal.linkId, principal.participantId, hearingId],
    );
    if (links.length === 0) throw HearingErrors.linkNotFound();
    if (links[0].revoked_at) throw HearingErrors.linkRevoked();
    const rows: ParticipantRow[] = await this.db.query(
      'SELECT id, hearing_role, state FROM hearing_participants WHERE id = $1 AND hearing_id = $2',
      [principal.participantId, hearingId],
    );
    if (rows.length === 0) throw HearingErrors.notFound();
    return { participant: rows[0], userId: null, linkId: principal.linkId };
  }

  private async userParticipant(principal: UserPrincipal, hearingId: string, hearing: HearingRow) {
    const rows: ParticipantRow[] = await this.db.query(
      'SELECT id, hearing_role, state FROM hearing_participants WHERE hearing_id = $1 AND user_id = $2',
      [hearingId, principal.userId],
    );
    if (rows.length > 0) {
      // The rule the media node applies at the handshake (account-standing.ts): no ticket it would refuse.
      if (!holdsSeat(rows[0].hearing_role, principal.roles)) throw HearingErrors.seatRoleWithdrawn();
      return { participant: rows[0], userId: principal.userId, linkId: null };
    }
    const role = benchSeatOf(principal, { courtId: hearing.court_id, presidingJudgeId: hearing.presiding_judge_id });
    if (!role) throw HearingErrors.notFound();
    if (hearing.status === 'closed') throw HearingErrors.closed();
    return { participant: await this.addBench(principal, hearingId, hearing, role), userId: principal.userId, linkId: null };
  }

  /**
   * The presiding judge or a clerk of the court joining a hearing they were not listed in: they
   * join as judge or clerk, recorded like any participant added.
   */
  private async addBench(principal: UserPrincipal, hearingId: string, hearing: HearingRow, role: HearingRole): Promise<ParticipantRow> {
    return this.db.transaction(async (m) => {
      const inserted: ParticipantRow[] = await m.query(
        `INSERT INTO hearing_participants (hearing_id, user_id, hearing_role, display_name, state)
         SELECT $1, u.id, $3, u.display_name, 'invited' FROM users u WHERE u.id = $2
         ON CONFLICT (hearing_id, user_id) WHERE user_id IS NOT NULL DO NOTHING
         RETURNING id, hearing_role, state`,
        [hearingId, principal.userId, role],
      );
      if (inserted.length === 0) {
        // Someone (the same user in another tab) added them a moment ago.
        const rows: ParticipantRow[] = await m.query(
          'SELECT id, hearing_role, state FROM hearing_participants WHERE hearing_id = $1 AND user_id = $2',
          [hearingId, principal.userId],
        );
        return rows[0];
      }
      await this.audit.record(m, {
        action: 'hearing.participant_added',
        actor: userActor(principal.userId),
        subject: { type: 'hearing_participant', id: inserted[0].id },
        courtId: hearing.court_id,
        caseId: hearing.case_id,
        hearingId,
        data: {
          hearingRole: role,
          userId: principal.userId,
          partyId: null,
          joinedAsBench: true,
          ...(role === 'judge' ? { presiding: true } : {}),
        },
      });
      return inserted[0];
    });
  }
}
