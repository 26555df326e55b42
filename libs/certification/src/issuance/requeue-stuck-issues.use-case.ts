import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, MailSender } from '@ejustice/platform';
import { CertifiedCopy } from '../entities/certification.entities';
import { CertificationQueue } from './certification-queue';

/**
 * Issued copies whose requester was never told are owed the e-mail this long after their issue;
 * an older one (issued while the court sent no mail, say) is left to the requester, who can
 * follow the request and download the copy without it.
 */
export const DELIVERY_OWED_FOR_MS = 7 * 24 * 3600 * 1000;

/**
 * The register's own outbox: a copy that has been `issuing` for longer than `graceMs` since it
 * became ready, or `issued` that long without its requester told (the job lost between the two,
 * or its delivery out of attempts while the mail server was down), has its job queued again (none
 * in Redis) or retried (failed); the job's issue step then finds it issued and tells the
 * requester. The decision's own enqueue may have found Redis down; the row, not the queue, says
 * what is still owed.
 */
@Injectable()
export class RequeueStuckIssues {
  private readonly logger = new Logger(RequeueStuckIssues.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: CertificationQueue,
    private readonly clock: Clock,
    private readonly mail: MailSender,
  ) {}

  async execute(graceMs: number): Promise<{ queued: number; retried: number }> {
    const now = this.clock.now().getTime();
    const cutoff = new Date(now - graceMs);
    // Without a mail server nothing is owed: the delivery step would skip it, every sweep.
    const undelivered = this.mail.enabled
      ? ` OR (c.status = 'issued' AND c.delivered_at IS NULL AND c.delivery_refused_at IS NULL AND c.issued_at <= :cutoff AND c.issued_at > :owedSince)`
      : '';
    const stuck = await this.db
      .getRepository(CertifiedCopy)
      .createQueryBuilder('c')
      .select('c.id')
      .where(`((c.status = 'issuing' AND GREATEST(c.decided_at, c.payment_recorded_at) <= :cutoff)${undelivered})`, {
        cutoff,
        owedSince: new Date(now - DELIVERY_OWED_FOR_MS),
      })
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
