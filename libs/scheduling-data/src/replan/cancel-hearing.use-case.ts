import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, Clock, DomainError, userActor } from '@ejustice/platform';
import type { AdjournmentReason } from '@ejustice/scheduling';
import type { HearingCancellation } from '../contract/schedule-run.contract';
import { isoDateIn } from '../instance/scheduling-instance.queries';
import { AutomaticScheduleRuns } from '../runs/automatic-runs.use-case';
import type { SchedulingActor } from '../runs/schedule-run-permission';

export interface CancelHearingCommand {
  readonly hearingId: string;
  readonly reason: AdjournmentReason;
}

const notFound = () => new DomainError('not_found', 'hearing.not_found', 'There is no hearing with this id that you can see.');

/**
 * A clerk or judge of the court calls off a hearing that has not started: it is adjourned (the
 * judge's time is freed: the database's double-booking rule counts only live hearings), the
 * reason is recorded as an adjournment of the case, and the audit chain records the act, in one
 * transaction. If the hearing was on the published timetable, the database leaves a re-plan
 * request (trigger of migration 1796000200000) and a minimal-moves re-plan is queued at once;
 * the worker's sweep queues any the api could not.
 */
@Injectable()
export class CancelHearing {
  private readonly logger = new Logger(CancelHearing.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly automatic: AutomaticScheduleRuns,
  ) {}

  async execute(actor: SchedulingActor & { readonly userId: string }, cmd: CancelHearingCommand): Promise<HearingCancellation> {
    if (!actor.roles.some((r) => r === 'clerk' || r === 'judge')) {
      throw new DomainError('forbidden', 'hearing.cancel_role_forbidden', 'Only the court’s clerks and judges may call off a hearing.');
    }
    const { courtId, onTimetable } = await this.db.transaction(async (m) => {
      const rows: { court_id: string; case_id: string; status: string; time_zone: string; published: boolean }[] = await m.query(
        `SELECT h.court_id, h.case_id, h.status, c.time_zone,
                EXISTS (SELECT 1 FROM published_hearings ph WHERE ph.hearing_id = h.id) AS published
           FROM hearings h JOIN courts c ON c.id = h.court_id WHERE h.id = $1 FOR UPDATE OF h`,
        [cmd.hearingId],
      );
      const hearing = rows[0];
      // A hearing of another court is as absent as one that never was.
      if (!hearing || hearing.court_id !== actor.courtId) throw notFound();
      if (hearing.status !== 'scheduled') {
        throw new DomainError(
          'conflict',
          'hearing.not_cancellable',
          `Only a hearing that has not started can be called off; this one is ${hearing.status.replace('_', ' ')}. Adjourn it from the hearing room instead.`,
        );
      }
      await m.query(`UPDATE hearings SET status = 'adjourned' WHERE id = $1`, [cmd.hearingId]);
      await m.query(`INSERT INTO case_adjournments (case_id, hearing_id, adjourned_on, reason) VALUES ($1, $2, $3, $4)`, [
        hearing.case_id,
        cmd.hearingId,
        isoDateIn(this.clock.now(), hearing.time_zone),
        cmd.reason,
      ]);
      await this.audit.record(m, {
        action: 'hearing.cancelled',
        actor: userActor(actor.userId),
        subject: { type: 'hearing', id: cmd.hearingId },
        courtId: hearing.court_id,
        caseId: hearing.case_id,
        hearingId: cmd.hearingId,
        data: { reason: cmd.reason, onPublishedTimetable: hearing.published },
      });
      return { courtId: hearing.court_id, onTimetable: hearing.published };
    });
    let replanRunId: string | null = null;
    if (onTimetable) {
      try {
        replanRunId = await this.automatic.replan(courtId);
      } catch (error) {
        // The hearing is called off whatever happens here; the sweep re-plans later.
        this.logger.warn(
          `execute() re-plan not queued [hearing:${cmd.hearingId}] [error:${error instanceof Error ? error.message : String(error)}]`,
        );
      }
    }
    return { hearingId: cmd.hearingId, status: 'adjourned', replanRunId };
  }
}
