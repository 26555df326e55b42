import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, Clock, assertNever, returnedRows, userActor } from '@ejustice/platform';
import type { UserPrincipal } from '@ejustice/identity';
import type { WithdrawnSeatView } from '../contract/hearing-contract';
import { refuseWithdrawal } from '../domain/attendance';
import { HearingErrors } from '../domain/hearing-errors';
import { HearingParticipant } from '../entities/hearing-participant.entity';
import { HearingNoticePublisher } from '../notices/hearing-notice.publisher';
import { lockedParticipant, openHearingToManage } from './hearing-access';

export interface WithdrawHearingParticipantCommand {
  readonly principal: UserPrincipal;
  readonly hearingId: string;
  readonly participantId: string;
}

/**
 * A judge or clerk of the court withdraws a seat given by mistake, before its holder has joined
 * (refuseWithdrawal): the seat is removed, as the bench would remove them in the room, every link
 * of theirs still live is revoked with it, and a summons not yet delivered (the clerk's task of
 * telling them to come) is withdrawn, in one transaction with its audit event. Then the media
 * nodes are told (the seat and access notices): a live room drops the line, and a session opened
 * with one of the links ends. The hearing's row is locked as when a seat is added, so a
 * withdrawal and an addition of the same person queue; the participant's row is locked as the
 * room's own writes lock it, so a withdrawal and the person's arrival in the room cannot both
 * succeed.
 */
@Injectable()
export class WithdrawHearingParticipant {
  private readonly logger = new Logger(WithdrawHearingParticipant.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly notices: HearingNoticePublisher,
  ) {}

  async execute(cmd: WithdrawHearingParticipantCommand): Promise<WithdrawnSeatView> {
    const view = await this.db.transaction(async (m) => {
      const hearing = await openHearingToManage(m, cmd.principal, cmd.hearingId, true);
      const participant = await lockedParticipant(m, hearing, cmd.participantId);
      const refusal = refuseWithdrawal({ role: participant.hearingRole, state: participant.state });
      switch (refusal) {
        case null:
          break;
        case 'judge_seat':
          throw HearingErrors.judgeSeatKept();
        case 'joined':
          throw HearingErrors.participantJoined();
        case 'already_removed':
          throw HearingErrors.participantAlreadyRemoved();
        default:
          return assertNever(refusal, 'withdrawal refusal');
      }
      const now = this.clock.now();
      await m.update(HearingParticipant, { id: participant.id }, { state: 'removed' });
      // Every link not revoked yet goes; those that had not expired are the ones that still worked.
      const revoked = returnedRows<{ live: boolean }>(
        await m.query(
          `UPDATE hearing_links SET revoked_at = $1, revoked_by = $2, revoke_cause = 'revoked'
            WHERE participant_id = $3 AND revoked_at IS NULL RETURNING expires_at > $1 AS live`,
          [now, cmd.principal.userId, participant.id],
        ),
      );
      const linksRevoked = revoked.filter((link) => link.live).length;
      // The clerk's task of telling them to come goes too: nobody is summoned to a seat that is gone.
      // One already told to come is said in the answer, for the court to tell them they need not.
      const [summonses]: { withdrawn: number; delivered: boolean }[] = await m.query(
        `WITH withdrawn AS (
           UPDATE hearing_summonses SET superseded_at = $1
            WHERE participant_id = $2 AND delivered_at IS NULL AND superseded_at IS NULL RETURNING id)
         SELECT (SELECT count(*)::int FROM withdrawn) AS withdrawn,
                EXISTS (SELECT 1 FROM hearing_summonses WHERE participant_id = $2 AND delivered_at IS NOT NULL) AS delivered`,
        [now, participant.id],
      );
      const summonsWithdrawn = summonses.withdrawn;
      // The same event as a removal in the room, so the seat's story reads the same either way.
      await this.audit.record(m, {
        action: 'hearing.participant_removed',
        actor: userActor(cmd.principal.userId),
        subject: { type: 'hearing_participant', id: participant.id },
        courtId: hearing.courtId,
        caseId: hearing.caseId,
        hearingId: hearing.id,
        // No name: the participant may be a protected witness.
        data: {
          hearingRole: participant.hearingRole,
          from: participant.state,
          to: 'removed',
          withdrawn: true,
          linksRevoked,
          ...(summonsWithdrawn > 0 ? { summonsWithdrawn } : {}),
          ...(summonses.delivered ? { summonsDelivered: true } : {}),
        },
      });
      return { participantId: participant.id, linksRevoked, summonsDelivered: summonses.delivered };
    });
    this.logger.log(`execute() seat withdrawn [hearing:${cmd.hearingId}] [participant:${view.participantId}] [links:${view.linksRevoked}]`);
    // A live room drops the line; a session opened with one of the links ends.
    await Promise.all([this.notices.seatsChanged(cmd.hearingId), this.notices.accessChanged(cmd.hearingId)]);
    return view;
  }
}
