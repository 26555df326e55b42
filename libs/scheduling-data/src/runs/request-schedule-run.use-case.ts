import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '@ejustice/platform';
import type { ScheduleRunAccepted } from '../contract/schedule-run.contract';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { SchedulingInstanceQueries, isoDateIn } from '../instance/scheduling-instance.queries';
import { type SchedulingActor, assertMayPlan } from './schedule-run-permission';
import { ScheduleRunDispatcher } from './schedule-run-dispatcher';

export interface RequestScheduleRunCommand {
  readonly courtId: string;
  /** The plan's first day; today in the court's time zone when absent. */
  readonly horizonStart?: string;
  /** The solver is deterministic for a seed; 1 when absent. */
  readonly seed?: number;
}

/**
 * A clerk or judge asks for a draft timetable: the run is recorded as queued, with the court's
 * time budget, and the worker solves it on the court's data as it is when the job starts.
 */
@Injectable()
export class RequestScheduleRun {
  constructor(
    @InjectRepository(ScheduleRun) private readonly runs: Repository<ScheduleRun>,
    private readonly dispatcher: ScheduleRunDispatcher,
    private readonly instances: SchedulingInstanceQueries,
    private readonly clock: Clock,
  ) {}

  async execute(actor: SchedulingActor & { readonly userId: string }, command: RequestScheduleRunCommand): Promise<ScheduleRunAccepted> {
    assertMayPlan(actor, command.courtId);
    const settings = await this.instances.settings(command.courtId);
    const run = await this.runs.save(
      this.runs.create({
        courtId: command.courtId,
        requestedBy: actor.userId,
        trigger: 'request',
        mode: 'full',
        status: 'queued',
        progress: 0,
        horizonStart: command.horizonStart ?? isoDateIn(this.clock.now(), settings.timeZone),
        seed: command.seed ?? 1,
        timeLimitSeconds: settings.timeLimitSeconds,
        queuedAt: this.clock.now(),
      }),
    );
    await this.dispatcher.dispatch(run);
    return { runId: run.id, status: 'queued' };
  }
}
