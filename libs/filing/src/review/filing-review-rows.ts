import type { EntityManager } from 'typeorm';
import { type AuditLog, userActor } from '@ejustice/platform';
import { FilingErrors } from '../domain/filing-errors';
import type { FilingReviewEvent } from '../domain/filing-review';
import { Filing } from '../entities/filing.entity';
import { FilingStatusChange } from '../entities/filing-status-change.entity';

/**
 * Locks a filing's row for the rest of the transaction: every review step on it queues here, so
 * each decides on the row as the step before it left it. Who may see it is the decision's to say.
 */
export async function lockFiling(m: EntityManager, filingId: string): Promise<Filing> {
  const f = await m.getRepository(Filing).findOne({ where: { id: filingId }, lock: { mode: 'pessimistic_write' } });
  if (!f) throw FilingErrors.notFound();
  return f;
}

/**
 * Writes a decision's events in the transaction of its change: the status history row, then the
 * audit event, last (it holds the audit chain's lock until the commit).
 */
export async function writeReviewEvents(
  m: EntityManager,
  audit: AuditLog,
  step: { filing: Pick<Filing, 'id' | 'courtId'>; caseId: string | null; actorUserId: string; at: Date },
  events: readonly FilingReviewEvent[],
): Promise<void> {
  for (const e of events) {
    if (e.type === 'status_changed') {
      const [{ next }]: { next: number }[] = await m.query(
        'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM filing_status_history WHERE filing_id = $1',
        [step.filing.id],
      );
      await m.insert(FilingStatusChange, {
        filingId: step.filing.id,
        seq: next,
        action: e.action,
        fromStatus: e.from,
        toStatus: e.to,
        actorUserId: step.actorUserId,
        reasonCode: e.reasonCode,
        note: e.note,
        occurredAt: step.at,
      });
    } else {
      await audit.record(m, {
        action: e.action,
        actor: userActor(step.actorUserId),
        subject: { type: 'filing', id: step.filing.id },
        courtId: step.filing.courtId,
        caseId: step.caseId,
        data: e.data,
      });
    }
  }
}
