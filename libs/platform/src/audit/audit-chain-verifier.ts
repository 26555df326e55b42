import type { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { GENESIS_HASH, auditEventHash } from './audit-hash';

export type AuditChainBreak =
  | { readonly reason: 'sequence_gap'; readonly seq: number; readonly id: string; readonly expectedSeq: number }
  | { readonly reason: 'prev_hash_mismatch'; readonly seq: number; readonly id: string }
  | { readonly reason: 'hash_mismatch'; readonly seq: number; readonly id: string };

export type AuditChainReport =
  | { readonly intact: true; readonly events: number; readonly headSeq: number; readonly headHash: string }
  | { readonly intact: false; readonly events: number; readonly firstBreak: AuditChainBreak };

export interface VerifyAuditChainOptions {
  readonly pageSize?: number;
  /**
   * Start after this event, taking its hash as known (a checkpoint already vouched for it);
   * `events` then counts only the events after it.
   */
  readonly after?: { readonly seq: number; readonly hash: string };
  /** Called with each event's number and hash as the walk passes it. */
  readonly onLink?: (seq: number, hash: string) => void;
}

/**
 * Walks the whole chain in order and stops at the first broken link: a missing event
 * (sequence gap), an event that does not point at its predecessor, or an event whose
 * content no longer matches its hash. Reads in pages so the chain may be of any length.
 * An intact chain may still have lost its tail or been recomputed wholesale: only a
 * checkpoint kept outside the database tells (see verifyAuditChainWithCheckpoints).
 */
export async function verifyAuditChain(
  dataSource: DataSource | EntityManager,
  options: VerifyAuditChainOptions = {},
): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 5000;
  let expectedSeq = (options.after?.seq ?? 0) + 1;
  let prevHash = options.after?.hash ?? GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const page = await dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.seq >= :from', { from: expectedSeq })
      .orderBy('e.seq', 'ASC')
      .limit(pageSize)
      .getMany();
    if (page.length === 0) return { intact: true, events: checked, headSeq: expectedSeq - 1, headHash: prevHash };
    for (const event of page) {
      if (event.seq !== expectedSeq) {
        return { intact: false, events: checked, firstBreak: { reason: 'sequence_gap', seq: event.seq, id: event.id, expectedSeq } };
      }
      if (event.prevHash !== prevHash) {
        return { intact: false, events: checked, firstBreak: { reason: 'prev_hash_mismatch', seq: event.seq, id: event.id } };
      }
      if (auditEventHash(event) !== event.hash) {
        return { intact: false, events: checked, firstBreak: { reason: 'hash_mismatch', seq: event.seq, id: event.id } };
      }
      options.onLink?.(event.seq, event.hash);
      prevHash = event.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}

export function describeAuditReport(report: AuditChainReport): string {
  if (report.intact) return `Audit chain intact: ${report.events} events, head ${report.headHash}.`;
  const b = report.firstBreak;
  const what = {
    sequence_gap: `expected event #${b.reason === 'sequence_gap' ? b.expectedSeq : ''} but found #${b.seq}: events were removed`,
    prev_hash_mismatch: `it does not link to the event before it: events were removed or reordered`,
    hash_mismatch: `its content no longer matches its hash: it was altered after it was written`,
  }[b.reason];
  return `Audit chain BROKEN at event #${b.seq} (id ${b.id}): ${what}. ${report.events} events before it are intact.`;
}
