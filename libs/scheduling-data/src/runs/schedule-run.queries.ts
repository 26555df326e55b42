import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '@ejustice/platform';
import type { ScheduleRunView } from '../contract/schedule-run.contract';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { type SchedulingActor, assertMayPlan } from './schedule-run-permission';

export function toScheduleRunView(run: ScheduleRun): ScheduleRunView {
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
    error: run.error,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    publishedAt: run.publishedAt?.toISOString() ?? null,
    supersededAt: run.supersededAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ScheduleRunQueries {
  constructor(@InjectRepository(ScheduleRun) private readonly runs: Repository<ScheduleRun>) {}

  /** One run of the actor's court; a run of another court is as absent as one that never was. */
  async view(actor: SchedulingActor, courtId: string, runId: string): Promise<ScheduleRunView> {
    assertMayPlan(actor, courtId);
    const run = await this.runs.findOneBy({ id: runId, courtId });
    if (!run) throw new DomainError('not_found', 'scheduling.run_not_found', 'No such scheduling run in this court.');
    return toScheduleRunView(run);
  }
}
