import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@ejustice/platform';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { SchedulingInstanceQueries, isoDateIn } from '../instance/scheduling-instance.queries';
import { ScheduleRunDispatcher } from './schedule-run-dispatcher';

/** A court whose scheduler runs every night, at `hour` o'clock of its own time zone. */
export interface NightlyCourt {
  readonly courtId: string;
  readonly hour: number;
  readonly timeZone: string;
}

/**
 * Runs nobody asked for in person: the court's nightly draft, and the re-plan after a published
 * hearing was adjourned or called off. Both are drafts: a clerk still decides what is published.
 */
@Injectable()
export class AutomaticScheduleRuns {
  private readonly logger = new Logger(AutomaticScheduleRuns.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dispatcher: ScheduleRunDispatcher,
    private readonly instances: SchedulingInstanceQueries,
    private readonly clock: Clock,
  ) {}

  /** The courts that set a nightly hour (court_scheduling_policies.nightly_hour). */
  async nightlyCourts(): Promise<NightlyCourt[]> {
    const rows: { court_id: string; hour: number; time_zone: string }[] = await this.db.query(
      `SELECT p.court_id, p.nightly_hour AS hour, c.time_zone FROM court_scheduling_policies p JOIN courts c ON c.id = p.court_id
        WHERE p.nightly_hour IS NOT NULL ORDER BY p.court_id`,
    );
    return rows.map((r) => ({ courtId: r.court_id, hour: r.hour, timeZone: r.time_zone }));
  }

  /** The nightly draft: the court's full plan from today, with its own weights. */
  async nightly(courtId: string): Promise<string> {
    const settings = await this.instances.settings(courtId);
    const run = await this.db.getRepository(ScheduleRun).save(
      this.db.getRepository(ScheduleRun).create({
        courtId,
        requestedBy: null,
        trigger: 'nightly',
        mode: 'full',
        status: 'queued',
        progress: 0,
        horizonStart: isoDateIn(this.clock.now(), settings.timeZone),
        seed: 1,
        timeLimitSeconds: settings.timeLimitSeconds,
        queuedAt: this.clock.now(),
      }),
    );
    await this.dispatcher.dispatch(run);
    return run.id;
  }

  /** The courts with adjourned published hearings no re-plan has taken yet. */
  async courtsAwaitingReplan(): Promise<string[]> {
    const rows: { court_id: string }[] = await this.db.query(
      `SELECT DISTINCT court_id FROM schedule_replan_requests WHERE run_id IS NULL ORDER BY court_id`,
    );
    return rows.map((r) => r.court_id);
  }

  /**
   * A minimal-moves re-plan for every adjournment of the court not yet re-planned (the database
   * leaves a request when a published hearing is adjourned): one run takes them all. Planned
   * from today, or from the published plan's first day if that is later, so that it measures
   * its moves against the whole published timetable. Null when there is nothing to re-plan
   * (another caller took the requests first).
   */
  async replan(courtId: string): Promise<string | null> {
    const settings = await this.instances.settings(courtId);
    const run = await this.db.transaction(async (m) => {
      const pending: { id: string }[] = await m.query(
        `SELECT id FROM schedule_replan_requests WHERE court_id = $1 AND run_id IS NULL ORDER BY requested_at, id FOR UPDATE SKIP LOCKED`,
        [courtId],
      );
      if (pending.length === 0) return null;
      const published: { horizon_start: string }[] = await m.query(
        `SELECT to_char(horizon_start, 'YYYY-MM-DD') AS horizon_start FROM schedule_runs WHERE court_id = $1 AND status = 'published'`,
        [courtId],
      );
      const today = isoDateIn(this.clock.now(), settings.timeZone);
      const from = published.length > 0 && published[0].horizon_start > today ? published[0].horizon_start : today;
      const created = await m.getRepository(ScheduleRun).save(
        m.getRepository(ScheduleRun).create({
          courtId,
          requestedBy: null,
          trigger: 'replan',
          mode: 'minimal_moves',
          status: 'queued',
          progress: 0,
          horizonStart: from,
          seed: 1,
          timeLimitSeconds: settings.timeLimitSeconds,
          queuedAt: this.clock.now(),
        }),
      );
      await m.query(`UPDATE schedule_replan_requests SET run_id = $1 WHERE id = ANY($2::uuid[])`, [created.id, pending.map((p) => p.id)]);
      return created;
    });
    if (!run) return null;
    this.logger.log(`replan() [court:${courtId}] [run:${run.id}]`);
    try {
      await this.dispatcher.dispatch(run);
    } catch (error) {
      // The run failed without solving: its adjournments wait for the next sweep.
      await this.db.query(`UPDATE schedule_replan_requests SET run_id = NULL WHERE run_id = $1`, [run.id]);
      throw error;
    }
    return run.id;
  }
}
