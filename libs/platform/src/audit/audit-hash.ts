import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers (everything but the hash itself). */
export interface HashedAuditFields {
  seq: number;
  id: string;
  occurredAt: Date;
  courtId: string | null;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  caseId: string | null;
  hearingId: string | null;
  data: Record<string, unknown>;
  requestId: string | null;
  prevHash: string;
}

export function auditEventHash(e: HashedAuditFields): string {
  const body = canonicalJson({
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt,
    courtId: e.courtId,
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    caseId: e.caseId,
    hearingId: e.hearingId,
    data: e.data,
    requestId: e.requestId,
  });
  return createHash('sha256').update(e.prevHash).update('\n').update(body).digest('hex');
}
