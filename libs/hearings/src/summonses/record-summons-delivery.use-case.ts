import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, userActor } from '@ejustice/platform';
import type { SummonsMethod, SummonsReason, SummonsView } from '../contract/summons-contract';
import { SummonsErrors, assertMayDeliverSummons, decideSummonsDelivery } from './summons-decisions';
import { SummonsQueries } from './summons-queries';

export interface RecordSummonsDeliveryCommand {
  readonly principal: UserPrincipal;
  readonly summonsId: string;
  readonly method: SummonsMethod;
  readonly note: string | null;
}

/**
 * A clerk records that a person without an account was told of their hearing (a link handed
 * over, a call, a letter, in person). Permission first; the summons is locked, so two clerks
 * recording at once record once; the same delivery asked again answers as before (nothing
 * written, nothing audited), another is refused. Audited `hearing.summons_delivered` without the
 * note, which may name the person.
 */
@Injectable()
export class RecordSummonsDelivery {
  private readonly logger = new Logger(RecordSummonsDelivery.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly queries: SummonsQueries,
  ) {}

  async execute(cmd: RecordSummonsDeliveryCommand): Promise<SummonsView> {
    assertMayDeliverSummons(cmd.principal);
    const outcome = await this.db.transaction(async (m) => {
      const rows: {
        id: string;
        court_id: string;
        hearing_id: string;
        participant_id: string;
        case_id: string;
        reason: SummonsReason;
        schedule_run_id: string;
        superseded_at: Date | null;
        delivered_at: Date | null;
        method: SummonsMethod | null;
        note: string | null;
        seat_removed: boolean;
      }[] = await m.query(
        `SELECT s.id, s.court_id, s.hearing_id, s.participant_id, h.case_id, s.reason, s.schedule_run_id, s.superseded_at, s.delivered_at, s.method, s.note,
                p.state = 'removed' AS seat_removed
           FROM hearing_summonses s JOIN hearings h ON h.id = s.hearing_id JOIN hearing_participants p ON p.id = s.participant_id
          WHERE s.id = $1 AND s.court_id = $2 FOR UPDATE OF s`,
        [cmd.summonsId, cmd.principal.courtId],
      );
      if (rows.length === 0) throw SummonsErrors.notFound();
      const [s] = rows;
      const decision = decideSummonsDelivery(
        {
          reason: s.reason,
          supersededAt: s.superseded_at,
          deliveredAt: s.delivered_at,
          method: s.method,
          note: s.note,
          seatRemoved: s.seat_removed,
        },
        { method: cmd.method, note: cmd.note },
      );
      if (decision === 'unchanged') return decision;
      await m.query(`UPDATE hearing_summonses SET delivered_at = $2, delivered_by = $3, method = $4, note = $5 WHERE id = $1`, [
        s.id,
        this.clock.now(),
        cmd.principal.userId,
        cmd.method,
        cmd.note,
      ]);
      await this.audit.record(m, {
        action: 'hearing.summons_delivered',
        actor: userActor(cmd.principal.userId),
        subject: { type: 'hearing_summons', id: s.id },
        courtId: s.court_id,
        caseId: s.case_id,
        hearingId: s.hearing_id,
        data: {
          participantId: s.participant_id,
          reason: s.reason,
          scheduleRunId: s.schedule_run_id,
          method: cmd.method,
          noted: cmd.note !== null,
        },
      });
      return decision;
    });
    this.logger.log(
      `execute() ${outcome === 'deliver' ? 'recorded' : 'already recorded'} [summons:${cmd.summonsId}] [method:${cmd.method}]`,
    );
    const view = await this.queries.one(cmd.principal, cmd.summonsId);
    if (!view) throw SummonsErrors.notFound();
    return view;
  }
}
