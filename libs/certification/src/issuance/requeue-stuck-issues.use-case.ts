import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@ejustice/platform';
import { CertifiedCopy } from '../entities/certification.entities';
import { CertificationQueue } from './certification-queue';

/**
 * The register's own outbox: a copy that has been `issuing` for longer than `graceMs` since it
 * became ready has its job queued again (none in Redis) or retried (failed). The decision's own
 * enqueue may have found Redis down; the row, not the queue, says what is still owed.
 */
@Injectable()
export class RequeueStuckIssues {
  private readonly logger = new Logger(RequeueStuckIssues.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: CertificationQueue,
    private readonly clock: Clock,
  ) {}

  async execute(graceMs: number): Promise<{ queued: number; retried: number }> {
    const cutoff = new Date(this.clock.now().getTime() - graceMs);
    const stuck = await this.db
      .getRepository(CertifiedCopy)
      .createQueryBuilder('c')
      .select('c.id')
      .where(`c.status = 'issuing'`)
      .andWhere('GREATEST(c.decided_at, c.payment_recorded_at) <= :cutoff', { cutoff })
      .orderBy('c.requested_at', 'ASC')
      .take(500)
      .getMany();
    let queued = 0;
    let retried = 0;
    for (const { id } of stuck) {
      const outcome = await this.queue.requeue(id);
      if (outcome === 'queued') queued += 1;
      if (outcome === 'retried') retried += 1;
    }
    if (queued + retried > 0) this.logger.log(`execute() requeued [queued:${queued}] [retried:${retried}]`);
    return { queued, retried };
  }
}
