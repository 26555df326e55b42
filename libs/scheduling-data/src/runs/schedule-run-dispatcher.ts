import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { LessThan, type Repository } from 'typeorm';
import { Clock, DomainError, retryFailedJob } from '@ejustice/platform';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { SCHEDULING_QUEUE, SOLVE_JOB_OPTIONS, SOLVE_SCHEDULE, type SolveScheduleJob } from './scheduling-queue';

/** How long a request waits for Redis to take the job before it says the queue is down. */
const ENQUEUE_WAIT_MS = 2_000;

export const QUEUE_UNAVAILABLE_SENTENCE = 'The scheduler’s queue could not be reached; nothing was planned. Try again in a few minutes.';

/**
 * Hands a run recorded as queued to the worker (job id = run id, so a run is queued once),
 * whoever asked for it: a clerk, the nightly schedule or a re-plan. A queue that does not answer
 * leaves the run failed with a sentence, never queued for ever.
 */
@Injectable()
export class ScheduleRunDispatcher {
  private readonly logger = new Logger(ScheduleRunDispatcher.name);

  constructor(
    @InjectRepository(ScheduleRun) private readonly runs: Repository<ScheduleRun>,
    @InjectQueue(SCHEDULING_QUEUE) private readonly queue: Queue<SolveScheduleJob>,
    private readonly clock: Clock,
  ) {}

  async dispatch(run: Pick<ScheduleRun, 'id' | 'courtId' | 'trigger'>): Promise<void> {
    try {
      await withinMs(this.queue.add(SOLVE_SCHEDULE, { runId: run.id }, { ...SOLVE_JOB_OPTIONS, jobId: run.id }), ENQUEUE_WAIT_MS);
    } catch (error) {
      this.logger.error(`dispatch() not queued [run:${run.id}] [error:${String(error)}]`);
      await this.runs.update(
        { id: run.id, status: 'queued' },
        { status: 'failed', error: QUEUE_UNAVAILABLE_SENTENCE, finishedAt: this.clock.now() },
      );
      throw new DomainError('unavailable', 'scheduling.queue_unavailable', QUEUE_UNAVAILABLE_SENTENCE, { cause: error });
    }
    this.logger.log(`dispatch() queued [run:${run.id}] [court:${run.courtId}] [trigger:${run.trigger}]`);
  }

  /**
   * For the worker's upkeep: runs still queued `olderThanMs` after they were recorded whose job
   * is gone (Redis restarted empty) get it again; one whose job failed before it could claim the
   * run (the database away at that moment) is retried. Without this nothing would ever solve
   * them, and the clerk's page would say "queued" for ever. A run waiting behind another solve
   * has its job and is left alone; adding under the run's id never makes a second job.
   */
  async requeueLost(olderThanMs: number): Promise<{ queued: number; retried: number }> {
    const stale = await this.runs.find({
      where: { status: 'queued', queuedAt: LessThan(new Date(this.clock.now().getTime() - olderThanMs)) },
      order: { queuedAt: 'ASC' },
      take: LOST_RUNS_BATCH,
    });
    let queued = 0;
    let retried = 0;
    for (const run of stale) {
      const job = await this.queue.getJob(run.id);
      if (!job) {
        await this.queue.add(SOLVE_SCHEDULE, { runId: run.id }, { ...SOLVE_JOB_OPTIONS, jobId: run.id });
        queued += 1;
        this.logger.warn(`requeueLost() queued again: its job was gone [run:${run.id}] [court:${run.courtId}]`);
      } else if (await retryFailedJob(job)) {
        retried += 1;
        this.logger.warn(`requeueLost() retried: its job failed before the run was claimed [run:${run.id}] [court:${run.courtId}]`);
      }
    }
    return { queued, retried };
  }
}

/** Lost runs looked at per upkeep (one a minute); more wait for the next. */
const LOST_RUNS_BATCH = 100;

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
