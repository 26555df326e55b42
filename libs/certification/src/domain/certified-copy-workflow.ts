import type { CaseViewer } from '@ejustice/cases/domain/case-access';
import type { DomainError } from '@ejustice/platform/errors/domain-error';
import { type CopyStatus, type PaymentStatus, isSettled } from './certified-copy';
import { CertificationErrors } from './certification-errors';

/** What the workflow needs to know of a request (a CertifiedCopy row is one). */
export interface CopyUnderDecision {
  readonly courtId: string;
  readonly status: CopyStatus;
  readonly paymentStatus: PaymentStatus;
}

/** A clerk's action on a request. */
export type CopyAction =
  | { readonly kind: 'approve' }
  | { readonly kind: 'refuse'; readonly reason: string }
  | { readonly kind: 'record_payment'; readonly outcome: 'paid' | 'waived'; readonly note: string | null }
  | { readonly kind: 'revoke'; readonly reason: string };

/** The row's fields a decision changes; the others stay. */
export interface CopyChanges {
  readonly status?: CopyStatus;
  readonly paymentStatus?: PaymentStatus;
  readonly decidedBy?: string;
  readonly decidedAt?: Date;
  readonly refusalReason?: string;
  readonly paymentRecordedBy?: string;
  readonly paymentRecordedAt?: Date;
  readonly paymentNote?: string | null;
  readonly verificationCode?: string;
  readonly revokedBy?: string;
  readonly revokedAt?: Date;
  readonly revocationReason?: string;
}

export type CopyDecision =
  | { readonly ok: false; readonly error: DomainError }
  | {
      readonly ok: true;
      readonly changes: CopyChanges;
      /** The audit event of the action (past tense). */
      readonly audit: { readonly action: string; readonly data: Record<string, unknown> };
      /** The request is now approved and settled: its code is minted and the rendering job must be queued. */
      readonly issue: boolean;
    };

export interface CopyDecisionInput {
  /** Who acts: a signed-in user, or `system` for the court policy's automatic approval. */
  readonly actor: CaseViewer | 'system';
  readonly copy: CopyUnderDecision;
  readonly action: CopyAction;
  readonly now: Date;
  /** A fresh verification code, used only if this decision starts the issue. */
  readonly mintedCode: string;
}

const MAX_REASON = 2000;

/** The court's clerks decide its requests; the court's policy (`system`) may approve a public one by itself. */
function mayAct(actor: CaseViewer | 'system', courtId: string, action: CopyAction['kind']): boolean {
  if (actor === 'system') return action === 'approve';
  return actor.courtId === courtId && actor.roles.includes('clerk');
}

const PAST: Record<CopyAction['kind'], string> = {
  approve: 'approved',
  refuse: 'refused',
  record_payment: 'settled',
  revoke: 'revoked',
};

/**
 * A clerk's action on a certified-copy request as a pure decision (issue 10, points 2 and 7):
 * permission first (the court's clerks; automatic approval only approves), then the state, then
 * the action's own rules. Approving a settled request, or settling an approved one, starts the
 * issue: the code is minted now, once, so that a retried job renders the same code.
 * No I/O, no clock: the caller passes `now` and the minted code.
 */
export function decideCopyAction(input: CopyDecisionInput): CopyDecision {
  const { actor, copy, action, now } = input;
  if (!mayAct(actor, copy.courtId, action.kind)) return { ok: false, error: CertificationErrors.notClerk() };
  const by = actor === 'system' ? null : actor.userId;
  const refuse = () => ({ ok: false as const, error: CertificationErrors.wrongState(copy.status, PAST[action.kind]) });
  switch (action.kind) {
    case 'approve': {
      if (copy.status !== 'requested') return refuse();
      const issue = isSettled(copy.paymentStatus);
      return {
        ok: true,
        issue,
        changes: {
          status: issue ? 'issuing' : 'approved',
          ...(by ? { decidedBy: by } : {}),
          decidedAt: now,
          ...(issue ? { verificationCode: input.mintedCode } : {}),
        },
        audit: { action: 'certified_copy.approved', data: { automatic: by === null, paymentStatus: copy.paymentStatus } },
      };
    }
    case 'refuse': {
      if (copy.status !== 'requested' && copy.status !== 'approved') return refuse();
      const reason = action.reason.trim();
      if (!reason || reason.length > MAX_REASON) return { ok: false, error: CertificationErrors.reasonRequired() };
      return {
        ok: true,
        issue: false,
        changes: { status: 'refused', decidedBy: by as string, decidedAt: now, refusalReason: reason },
        audit: { action: 'certified_copy.refused', data: { reason } },
      };
    }
    case 'record_payment': {
      if (copy.status !== 'requested' && copy.status !== 'approved') return refuse();
      if (copy.paymentStatus !== 'due') return { ok: false, error: CertificationErrors.paymentAlreadySettled() };
      const issue = copy.status === 'approved';
      return {
        ok: true,
        issue,
        changes: {
          paymentStatus: action.outcome,
          paymentRecordedBy: by as string,
          paymentRecordedAt: now,
          paymentNote: action.note?.trim() || null,
          ...(issue ? { status: 'issuing' as const, verificationCode: input.mintedCode } : {}),
        },
        audit: { action: `certified_copy.fee_${action.outcome}`, data: {} },
      };
    }
    case 'revoke': {
      if (copy.status !== 'issued') return refuse();
      const reason = action.reason.trim();
      if (!reason || reason.length > MAX_REASON) return { ok: false, error: CertificationErrors.reasonRequired() };
      return {
        ok: true,
        issue: false,
        changes: { status: 'revoked', revokedBy: by as string, revokedAt: now, revocationReason: reason },
        audit: { action: 'certified_copy.revoked', data: { reason } },
      };
    }
  }
}

/** Whether the court's policy approves a request by itself: only a public document, only where the court chose it. */
export function approvesAutomatically(autoApprovePublic: boolean, documentConfidentiality: string, caseConfidentiality: string): boolean {
  return autoApprovePublic && documentConfidentiality === 'public' && caseConfidentiality === 'public';
}
