import type { DataSource } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { GENESIS_HASH, auditEventHash } from './audit-hash';

export type AuditChainBreak =
  | { readonly reason: 'sequence_gap'; readonly seq: number; readonly id: string; readonly expectedSeq: number }
  | { readonly reason: 'prev_hash_mismatch'; readonly seq: number; readonly id: string }
  | { readonly reason: 'hash_mismatch'; readonly seq: number; readonly id: string };

export type AuditChainReport =
  | { readonly intact: true; readonly events: number; readonly headHash: string }
  | { readonly intact: false; readonly events: number; readonly firstBreak: AuditChainBreak };

/**
 * Walks the whole chain in order and stops at the first broken link: a missing event
 * (sequence gap), an event that does not point at its predecessor, or an event whose
 * content no longer matches its hash. Reads in pages so the chain may be of any length.
 */
export async function verifyAuditChain(dataSource: DataSource, pageSize = 5000): Promise<AuditChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const page = await dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.seq >= :from', { from: expectedSeq })
      .orderBy('e.seq', 'ASC')
      .limit(pageSize)
      .getMany();
    if (page.length === 0) return { intact: true, events: checked, headHash: prevHash };
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
