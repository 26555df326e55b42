import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditLog, DomainError, userActor } from '@ejustice/platform';
import {
  type MoveCheck,
  type PlanMove,
  SchedulingError,
  checkMove,
  describeProblems,
  missingListing,
  minimalMovesPolicy,
  validateInstance,
} from '@ejustice/scheduling';
import { SCHEDULE_RUN_LIST_LIMIT, type ScheduleMoveCheck, type ScheduleRunSummary } from '../contract/schedule-moves.contract';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { SchedulingInstanceQueries } from '../instance/scheduling-instance.queries';
import { assertMayPublish } from '../publish/publication';
import { type SchedulingActor, assertMayPlan } from '../runs/schedule-run-permission';

const notFound = () => new DomainError('not_found', 'scheduling.run_not_found', 'No such scheduling run in this court.');

export function toScheduleRunSummary(run: ScheduleRun): ScheduleRunSummary {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    mode: run.mode,
    progress: run.progress,
    phase: run.phase,
    horizonStart: run.horizonStart,
    objective: run.objective,
    gap: run.gap,
    queuedAt: run.queuedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    publishedAt: run.publishedAt?.toISOString() ?? null,
  };
}

/**
 * The schedule board's side of the server: the court's runs listed, and a clerk's manual move of
 * one listing checked against every hard constraint (the independent checker on the plan with the
 * move applied, against the court's data as it is now, from the run's first day) and, when it
 * breaks none, saved to the draft.
 */
@Injectable()
export class ScheduleMoves {
  private readonly logger = new Logger(ScheduleMoves.name);

  constructor(
    @InjectRepository(ScheduleRun) private readonly runs: Repository<ScheduleRun>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly instances: SchedulingInstanceQueries,
    private readonly audit: AuditLog,
  ) {}

  /** The court's runs, newest first (clerks and judges of the court). */
  async list(actor: SchedulingActor, courtId: string): Promise<ScheduleRunSummary[]> {
    assertMayPlan(actor, courtId);
    const runs = await this.runs.find({ where: { courtId }, order: { queuedAt: 'DESC' }, take: SCHEDULE_RUN_LIST_LIMIT });
    return runs.map(toScheduleRunSummary);
  }

  /** Whether the move breaks a hard constraint, and which (a clerk of the court; a draft or the published run). */
  async check(actor: SchedulingActor, courtId: string, runId: string, move: PlanMove): Promise<ScheduleMoveCheck> {
    assertMayPublish(actor, courtId);
    const run = await this.runs.findOneBy({ id: runId, courtId });
    if (!run) throw notFound();
    const { ok, violations } = await this.checked(run, move);
    return { ok, violations };
  }

  /** Saves a move that breaks nothing to a draft; refuses with the broken constraints otherwise. Nothing half-written. */
  async apply(actor: SchedulingActor & { readonly userId: string }, courtId: string, runId: string, move: PlanMove): Promise<void> {
    assertMayPublish(actor, courtId);
    await this.db.transaction(async (m) => {
      // Locked: two clerks moving listings of the same draft at once each see the other's move.
      const run = await m.getRepository(ScheduleRun).findOne({ where: { id: runId, courtId }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw notFound();
      if (run.status !== 'done') {
        throw new DomainError(
          'conflict',
          'scheduling.run_not_draft',
          'Only a draft can be changed; this run is not one. Run the scheduler again for a new draft and move its listings.',
        );
      }
      const result = await this.checked(run, move, m);
      if (!result.ok) {
        throw new DomainError(
          'conflict',
          'scheduling.move_refused',
          `The move breaks ${result.violations.length} hard constraint(s); nothing was saved. ${result.violations.map((v) => v.message).join(' ')}`,
          { details: { violations: result.violations.map((v) => ({ constraint: v.constraint, message: v.message, params: v.params })) } },
        );
      }
      await m.update(ScheduleRun, { id: run.id }, { plan: result.plan });
      await this.audit.record(m, {
        action: 'schedule_run.listing_moved',
        actor: userActor(actor.userId),
        subject: { type: 'schedule_run', id: run.id },
        courtId,
        data: { ...move },
      });
    });
    this.logger.log(`apply() moved [run:${runId}] [hearing:${move.hearing + 1}] [part:${move.part}]`);
  }

  /** `within`: the caller's transaction, which the court's data is then read in (no second connection). */
  private async checked(run: ScheduleRun, move: PlanMove, within?: EntityManager): Promise<MoveCheck> {
    if (!run.plan || (run.status !== 'done' && run.status !== 'published')) {
      throw new DomainError(
        'conflict',
        'scheduling.run_has_no_plan',
        'This run has no plan to move listings in (it is queued, running, failed or superseded).',
      );
    }
    // A listing the plan does not hold is refused without assembling the court's data.
    const missing = missingListing(run.plan, move);
    if (missing) return { ok: false, violations: [missing], plan: run.plan };
    const assembled = await this.instances.instanceFor(run.courtId, run.horizonStart, within).then((document) => validOrRefused(document));
    // Checked as the run was solved: a re-plan under the minimal-moves policy.
    const instance = run.mode === 'minimal_moves' ? { ...assembled, policy: minimalMovesPolicy(assembled.policy) } : assembled;
    return checkMove(instance, run.plan, move);
  }
}

/**
 * The court's data as the checker needs it; data that is not a valid instance is the court's to
 * fix. `blocked` says what cannot be done until then (a move checked, a draft published).
 */
export function validOrRefused(document: unknown, blocked = 'no move can be checked') {
  try {
    return validateInstance(document);
  } catch (error) {
    if (!(error instanceof SchedulingError)) throw error;
    throw new DomainError(
      'conflict',
      'scheduling.data_invalid',
      `The court's scheduling data is not complete or not consistent, so ${blocked}; fix it first. ${describeProblems(error.problems, 5).join('; ')}`.trim(),
    );
  }
}
