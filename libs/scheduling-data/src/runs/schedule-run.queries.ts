import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { DomainError } from '@ejustice/platform';
import type { SchedulePlan } from '@ejustice/scheduling';
import type { ScheduleRunLabels, ScheduleRunView } from '../contract/schedule-run.contract';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { type SchedulingActor, assertMayPlan } from './schedule-run-permission';

export function toScheduleRunView(run: ScheduleRun, labels: ScheduleRunLabels | null = null): ScheduleRunView {
  return {
    id: run.id,
    courtId: run.courtId,
    status: run.status,
    trigger: run.trigger,
    mode: run.mode,
    progress: run.progress,
    phase: run.phase,
    horizonStart: run.horizonStart,
    seed: run.seed,
    timeLimitSeconds: run.timeLimitSeconds,
    cases: run.casesCount,
    objective: run.objective,
    bound: run.bound,
    gap: run.gap,
    publishedMoved: run.plan?.summary.publishedMoved ?? null,
    plan: run.plan,
    labels,
    error: run.error,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    publishedAt: run.publishedAt?.toISOString() ?? null,
    supersededAt: run.supersededAt?.toISOString() ?? null,
  };
}

/** The ids a plan names, each kind once: what its labels are looked up for. */
function planIds(plan: SchedulePlan): { judges: string[]; rooms: string[]; sessions: string[]; cases: string[] } {
  const ids = (values: readonly string[]) => [...new Set(values)].sort();
  const listed = plan.assignments;
  return {
    judges: ids(listed.map((a) => a.judge)),
    rooms: ids(listed.map((a) => a.room)),
    sessions: ids(listed.map((a) => a.session)),
    cases: ids([...listed.map((a) => a.case), ...plan.unscheduled.map((u) => u.case)]),
  };
}

@Injectable()
export class ScheduleRunQueries {
  constructor(
    @InjectRepository(ScheduleRun) private readonly runs: Repository<ScheduleRun>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** One run of the actor's court; a run of another court is as absent as one that never was. */
  async view(actor: SchedulingActor, courtId: string, runId: string): Promise<ScheduleRunView> {
    assertMayPlan(actor, courtId);
    const run = await this.runs.findOneBy({ id: runId, courtId });
    if (!run) throw new DomainError('not_found', 'scheduling.run_not_found', 'No such scheduling run in this court.');
    return toScheduleRunView(run, run.plan ? await this.labels(courtId, run.plan) : null);
  }

  /**
   * The names of what the plan names, each looked up within the court (an id of another court,
   * or one since removed, has no label). A case is labelled by its number only: the board is read
   * by clerks and judges, but a party's name stays off it, protected or not.
   */
  private async labels(courtId: string, plan: SchedulePlan): Promise<ScheduleRunLabels> {
    const ids = planIds(plan);
    // Compared as text: an id in the plan that is not a uuid simply has no label.
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> => this.db.query(sql, params);
    const [judges, rooms, sessions, cases] = await Promise.all([
      q<{ id: string; name: string }>(
        `SELECT id, display_name AS name FROM users WHERE court_id = $1 AND id::text = ANY($2::text[]) ORDER BY id`,
        [courtId, ids.judges],
      ),
      q<{ id: string; name: string; virtual: boolean }>(
        `SELECT id, name, is_virtual AS virtual FROM scheduling_rooms WHERE court_id = $1 AND id::text = ANY($2::text[]) ORDER BY id`,
        [courtId, ids.rooms],
      ),
      q<{ id: string; date: string; start: string; end: string; night: boolean }>(
        `SELECT id, to_char(sitting_on, 'YYYY-MM-DD') AS date, to_char(starts_at, 'HH24:MI') AS start,
                to_char(ends_at, 'HH24:MI') AS "end", kind = 'night' AS night
           FROM court_sessions WHERE court_id = $1 AND id::text = ANY($2::text[]) ORDER BY sitting_on, starts_at, id`,
        [courtId, ids.sessions],
      ),
      q<{ id: string; number: string }>(`SELECT id, number FROM cases WHERE court_id = $1 AND id::text = ANY($2::text[]) ORDER BY id`, [
        courtId,
        ids.cases,
      ]),
    ]);
    return { judges, rooms, sessions, cases };
  }
}
