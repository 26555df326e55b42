import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock } from '@ejustice/platform';
import { decideClaim, decideRelease } from '../domain/filing-review';
import { Filing } from '../entities/filing.entity';
import { CourtPolicyService } from '../services/court-policy.service';
import { lockFiling, writeReviewEvents } from './filing-review-rows';

/**
 * A clerk (or judge) of the court takes a filing for review (`decideClaim` holds the rules). The
 * row lock makes concurrent claims queue: the first wins, the others find a live claim and are
 * refused, so two clerks never review the same filing. The clock is read once the lock is held,
 * so a claim that lapsed while a step waited is seen as lapsed.
 */
@Injectable()
export class ClaimFiling {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: CourtPolicyService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: { clerk: UserPrincipal; filingId: string }): Promise<Filing> {
    return this.db.transaction(async (m) => {
      const f = await lockFiling(m, cmd.filingId);
      const policy = await this.policies.forCourt(f.courtId, m);
      const now = this.clock.now();
      const decision = decideClaim({ reviewer: cmd.clerk, filing: f, claimMinutes: policy.claimMinutes, now });
      if (!decision.ok) throw decision.error;
      await m.update(Filing, { id: f.id }, decision.changes);
      await writeReviewEvents(m, this.audit, { filing: f, caseId: f.caseId, actorUserId: cmd.clerk.userId, at: now }, decision.events);
      return m.getRepository(Filing).findOneByOrFail({ id: f.id });
    });
  }
}

/** The claimant gives the filing back to the queue (`decideRelease`). */
@Injectable()
export class ReleaseFiling {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: { clerk: UserPrincipal; filingId: string }): Promise<Filing> {
    return this.db.transaction(async (m) => {
      const f = await lockFiling(m, cmd.filingId);
      const now = this.clock.now();
      const decision = decideRelease({ reviewer: cmd.clerk, filing: f, now });
      if (!decision.ok) throw decision.error;
      await m.update(Filing, { id: f.id }, decision.changes);
      await writeReviewEvents(m, this.audit, { filing: f, caseId: f.caseId, actorUserId: cmd.clerk.userId, at: now }, decision.events);
      return m.getRepository(Filing).findOneByOrFail({ id: f.id });
    });
  }
}
