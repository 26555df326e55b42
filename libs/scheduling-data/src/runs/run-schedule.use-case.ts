import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '@ejustice/platform';
import {
  type ScheduleInstance,
  type SchedulePlan,
  SchedulingError,
  type SolveProgress,
  buildModel,
  checkPlan,
  describeProblems,
  minimalMovesPolicy,
  solveSteps,
  validateInstance,
} from '@ejustice/scheduling';
import type { ScheduleRunPhase } from '../contract/schedule-run.contract';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { SchedulingInstanceQueries } from '../instance/scheduling-instance.queries';

/** Reports how far the run is, in percent; the job's progress, which the UI polls. */
export type ReportProgress = (percent: number) => Promise<void>;

/**
 * The milestones of a run, in percent. Between `assembled` and `solved` the solver's own
 * progress (its share of the work, 0 to 1) is spread over the range.
 */
export const RUN_PROGRESS = { claimed: 5, assembled: 20, solved: 95, done: 100 } as const;

/** The least time between two progress writes while the solver runs (a phase change is always written). */
export const PROGRESS_WRITE_EVERY_MS = 250;

/** The run's percent for the solver's share of the work done. */
export function solvingPercent(fraction: number): number {
  const span = RUN_PROGRESS.solved - RUN_PROGRESS.assembled;
  return RUN_PROGRESS.assembled + Math.round(span * Math.min(1, Math.max(0, fraction)));
}

/**
 * The worker's side of a run: assemble the court's instance as it is now, solve it within the
 * court's time budget, check the plan with the independent checker and keep it as a draft. A
 * failure is recorded on the run with a sentence a clerk can act on; it is never retried behind
 * their back.
 */
@Injectable()
export class RunSchedule {
  private readonly logger = new Logger(RunSchedule.name);

  constructor(
    @InjectRepository(ScheduleRun) private readonly runs: Repository<ScheduleRun>,
    private readonly instances: SchedulingInstanceQueries,
    private readonly clock: Clock,
  ) {}

  async execute(runId: string, report: ReportProgress): Promise<void> {
    // Claim: only a run still queued is solved (one marked failed because Redis was late is not).
    const claimed = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'running', progress: RUN_PROGRESS.claimed, startedAt: this.clock.now() })
      .where('id = :runId AND status = :queued', { runId, queued: 'queued' })
      .execute();
    if (!claimed.affected) {
      // Handed out again while running: the worker that held it died (its lock outlasts any solve).
      const abandoned = await this.finish(runId, { status: 'failed', error: ABANDONED_SENTENCE });
      this.logger.warn(`execute() ${abandoned ? 'abandoned run failed' : 'skipped: already finished'} [run:${runId}]`);
      return;
    }
    const run = await this.runs.findOneByOrFail({ id: runId });
    await this.progress(runId, RUN_PROGRESS.claimed, 'assemble', report);
    try {
      const assembled = validateInstance(await this.instances.instanceFor(run.courtId, run.horizonStart));
      // A re-plan prices moves above leaving a case out: only what must move moves.
      const instance = run.mode === 'minimal_moves' ? { ...assembled, policy: minimalMovesPolicy(assembled.policy) } : assembled;
      await this.progress(runId, RUN_PROGRESS.assembled, 'construct', report);
      const plan = await this.solve(runId, instance, run, report);
      await this.progress(runId, RUN_PROGRESS.solved, 'check', report);
      const check = checkPlan(instance, plan);
      if (check.violations.length > 0) {
        // The property tests say this never happens; if it does, no clerk may see the plan as a draft.
        throw new RunFailure(
          `The solver's plan broke ${check.violations.length} hard constraint(s); it was not kept. Report this run to the platform's maintainers.`,
        );
      }
      const kept = await this.finish(runId, {
        status: 'done',
        progress: RUN_PROGRESS.done,
        phase: null,
        plan,
        casesCount: instance.cases.length,
        objective: plan.objective.total,
        bound: plan.bound?.value ?? null,
        gap: plan.bound?.gap ?? null,
      });
      if (!kept) return;
      await report(RUN_PROGRESS.done);
      this.logger.log(
        `execute() done [run:${runId}] [cases:${instance.cases.length}] [placed:${plan.summary.hearingsPlaced}/${plan.summary.hearings}]`,
      );
    } catch (error) {
      const sentence = failureSentence(error);
      this.logger.warn(`execute() failed [run:${runId}] [error:${error instanceof Error ? error.message : String(error)}]`);
      await this.finish(runId, { status: 'failed', error: sentence, phase: null });
    }
  }

  /**
   * Drives the solver step by step (solveSteps yields after each phase and every few improvement
   * iterations) and writes its progress to the run and the job between steps, at most every
   * PROGRESS_WRITE_EVERY_MS and at each new phase. The steps in between run without a pause, so
   * the plan is the one a single call would make.
   */
  private async solve(
    runId: string,
    instance: ScheduleInstance,
    run: Pick<ScheduleRun, 'seed' | 'timeLimitSeconds'>,
    report: ReportProgress,
  ): Promise<SchedulePlan> {
    const steps = solveSteps(buildModel(instance), { seed: run.seed, timeLimitSeconds: run.timeLimitSeconds });
    let written: { at: number; phase: SolveProgress['phase'] } | undefined;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value.plan;
      const now = this.clock.now().getTime();
      if (written && written.phase === step.value.phase && now - written.at < PROGRESS_WRITE_EVERY_MS) continue;
      written = { at: now, phase: step.value.phase };
      await this.progress(runId, solvingPercent(step.value.fraction), step.value.phase, report);
    }
  }

  /** Ends a run still running; false when it has ended already (declared abandoned meanwhile). */
  private async finish(runId: string, outcome: Partial<ScheduleRun> & { status: 'done' | 'failed' }): Promise<boolean> {
    const result = await this.runs
      .createQueryBuilder()
      .update()
      .set({ ...outcome, finishedAt: this.clock.now() })
      .where('id = :runId AND status = :running', { runId, running: 'running' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private async progress(runId: string, percent: number, phase: ScheduleRunPhase, report: ReportProgress): Promise<void> {
    await this.runs.update({ id: runId, status: 'running' }, { progress: percent, phase });
    await report(percent);
  }
}

class RunFailure extends Error {}

export const ABANDONED_SENTENCE = 'The worker solving this run stopped before it finished; nothing was kept. Run the scheduler again.';

/** What the clerk reads on a failed run: what was wrong and what to do, never a stack trace. */
export function failureSentence(error: unknown): string {
  if (error instanceof RunFailure) return error.message;
  if (error instanceof SchedulingError) {
    const problems = describeProblems(error.problems, 5);
    return `The court's scheduling data is not complete or not consistent; fix it and run again. ${problems.join('; ')}`.trim();
  }
  return 'The scheduler stopped on an unexpected error; nothing was planned. Try again, and report it if it happens again.';
}
