import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { Repository } from 'typeorm';
import { Clock, DomainError } from '@ejustice/platform';
import type { ScheduleRunAccepted } from '../contract/schedule-run.contract';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { SchedulingInstanceQueries, isoDateIn } from '../instance/scheduling-instance.queries';
import { type SchedulingActor, assertMayPlan } from './schedule-run-permission';
import { SCHEDULING_QUEUE, SOLVE_JOB_OPTIONS, SOLVE_SCHEDULE, type SolveScheduleJob } from './scheduling-queue';

export interface RequestScheduleRunCommand {
  readonly courtId: string;
  /** The plan's first day; today in the court's time zone when absent. */
  readonly horizonStart?: string;
  /** The solver is deterministic for a seed; 1 when absent. */
  readonly seed?: number;
}

/** How long the request waits for Redis to take the job before it says the queue is down. */
const ENQUEUE_WAIT_MS = 2_000;

/**
 * A clerk or judge asks for a draft timetable: the run is recorded as queued, with the court's
 * time budget, and the worker solves it on the court's data as it is when the job starts.
 */
@Injectable()
export class RequestScheduleRun {
  private readonly logger = new Logger(RequestScheduleRun.name);

  constructor(
    @InjectRepository(ScheduleRun) private readonly runs: Repository<ScheduleRun>,
    @InjectQueue(SCHEDULING_QUEUE) private readonly queue: Queue<SolveScheduleJob>,
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
        status: 'queued',
        progress: 0,
        horizonStart: command.horizonStart ?? isoDateIn(this.clock.now(), settings.timeZone),
        seed: command.seed ?? 1,
        timeLimitSeconds: settings.timeLimitSeconds,
        queuedAt: this.clock.now(),
      }),
    );
    try {
      await withinMs(this.queue.add(SOLVE_SCHEDULE, { runId: run.id }, { ...SOLVE_JOB_OPTIONS, jobId: run.id }), ENQUEUE_WAIT_MS);
    } catch (error) {
      this.logger.error(`execute() not queued [run:${run.id}] [error:${String(error)}]`);
      const sentence = 'The scheduler’s queue could not be reached; nothing was planned. Try again in a few minutes.';
      await this.runs.update({ id: run.id }, { status: 'failed', error: sentence, finishedAt: this.clock.now() });
      throw new DomainError('unavailable', 'scheduling.queue_unavailable', sentence, { cause: error });
    }
    this.logger.log(`execute() queued [run:${run.id}] [court:${command.courtId}]`);
    return { runId: run.id, status: 'queued' };
  }
}

/**
 * Waits for Redis at most `ms`. A job that reaches Redis after the run was marked failed is
 * harmless: the worker solves only a run still queued.
 */
async function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
