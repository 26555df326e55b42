import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, userActor } from '@ejustice/platform';
import { isReviewer } from '../domain/filing-access';
import { FilingErrors } from '../domain/filing-errors';
import { type FilingHistoryAction, type FilingStatus, OPEN_FILING_STATUSES } from '../domain/filing-type';
import { Filing } from '../entities/filing.entity';
import { FilingStatusChange } from '../entities/filing-status-change.entity';
import { CourtPolicyService } from '../services/court-policy.service';

/** Locks a filing's row for the rest of the transaction: every review step on it queues here. */
export async function lockFiling(m: EntityManager, viewer: UserPrincipal, filingId: string): Promise<Filing> {
  const f = await m.getRepository(Filing).findOne({ where: { id: filingId }, lock: { mode: 'pessimistic_write' } });
  if (!f || !isReviewer(viewer, f.courtId)) throw FilingErrors.notFound();
  return f;
}

export async function appendHistory(
  m: EntityManager,
  entry: {
    filingId: string;
    action: FilingHistoryAction;
    fromStatus: FilingStatus | null;
    toStatus: FilingStatus;
    actorUserId: string | null;
    reasonCode?: string | null;
    note?: string | null;
    at: Date;
  },
): Promise<void> {
  const [{ next }]: { next: number }[] = await m.query(
    'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM filing_status_history WHERE filing_id = $1',
    [entry.filingId],
  );
  await m.insert(FilingStatusChange, {
    filingId: entry.filingId,
    seq: next,
    action: entry.action,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    actorUserId: entry.actorUserId,
    reasonCode: entry.reasonCode ?? null,
    note: entry.note ?? null,
    occurredAt: entry.at,
  });
}

/**
 * A clerk (or judge) of the court takes a filing for review. The row lock makes concurrent claims
 * queue: the first wins, the others find a live claim and are refused, so two clerks never review
 * the same filing. A claim lapses after the court's claim time (the injected Clock decides), and
 * then anyone may take the filing over; claiming one's own filing again renews the claim.
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
      const f = await lockFiling(m, cmd.clerk, cmd.filingId);
      if (!OPEN_FILING_STATUSES.includes(f.status)) throw FilingErrors.notOpen(f.status);
      const now = this.clock.now();
      const live = f.claimedBy !== null && f.claimExpiresAt !== null && f.claimExpiresAt > now;
      if (live && f.claimedBy !== cmd.clerk.userId) throw FilingErrors.claimedByOther();
      const policy = await this.policies.forCourt(f.courtId, m);
      const expiresAt = new Date(now.getTime() + policy.claimMinutes * 60_000);
      const previous = f.claimedBy;
      const from = f.status;
      await m.update(Filing, { id: f.id }, { claimedBy: cmd.clerk.userId, claimExpiresAt: expiresAt, status: 'under_review' });
      const renewal = live && previous === cmd.clerk.userId;
      if (!renewal) {
        await appendHistory(m, {
          filingId: f.id,
          action: 'claimed',
          fromStatus: from,
          toStatus: 'under_review',
          actorUserId: cmd.clerk.userId,
          at: now,
        });
      }
      await this.audit.record(m, {
        action: renewal ? 'filing.claim_renewed' : 'filing.claimed',
        actor: userActor(cmd.clerk.userId),
        subject: { type: 'filing', id: f.id },
        courtId: f.courtId,
        caseId: f.caseId,
        data: { expiresAt: expiresAt.toISOString(), ...(previous && previous !== cmd.clerk.userId ? { lapsedClaimOf: previous } : {}) },
      });
      return m.getRepository(Filing).findOneByOrFail({ id: f.id });
    });
  }
}

/** The claimant gives the filing back to the queue. */
@Injectable()
export class ReleaseFiling {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: { clerk: UserPrincipal; filingId: string }): Promise<Filing> {
    return this.db.transaction(async (m) => {
      const f = await lockFiling(m, cmd.clerk, cmd.filingId);
      if (!OPEN_FILING_STATUSES.includes(f.status)) throw FilingErrors.notOpen(f.status);
      const now = this.clock.now();
      if (f.claimedBy !== cmd.clerk.userId || !f.claimExpiresAt || f.claimExpiresAt <= now) throw FilingErrors.notClaimed();
      await m.update(Filing, { id: f.id }, { claimedBy: null, claimExpiresAt: null, status: 'submitted' });
      await appendHistory(m, {
        filingId: f.id,
        action: 'released',
        fromStatus: f.status,
        toStatus: 'submitted',
        actorUserId: cmd.clerk.userId,
        at: now,
      });
      await this.audit.record(m, {
        action: 'filing.released',
        actor: userActor(cmd.clerk.userId),
        subject: { type: 'filing', id: f.id },
        courtId: f.courtId,
        caseId: f.caseId,
      });
      return m.getRepository(Filing).findOneByOrFail({ id: f.id });
    });
  }
}
