import {
  type CaseType,
  type CaseViewer,
  type Confidentiality,
  type OpenCaseCommand,
  type ProtectedName,
  maskProtectedNames,
} from '@ejustice/cases';
import type { DomainError } from '@ejustice/platform/errors/domain-error';
import type { NotificationKind } from '../entities/notification.entities';
import { type CourtFilingPolicy, reasonAllowed } from './court-policy';
import { isReviewer } from './filing-access';
import { FilingErrors } from './filing-errors';
import {
  type FilingHistoryAction,
  type FilingStatus,
  type FilingType,
  OPEN_FILING_STATUSES,
  type ProposedParty,
  type ReviewAction,
} from './filing-type';

/**
 * The clerk's review of a filing as pure decisions (ECF ReviewFilingCallback): claim, release and
 * review. Each asks permission first (the court's clerks and judges, an open filing, the claim),
 * then applies the rules of the step, and answers with a refusal (the problem the use case
 * throws) or the outcome: the filing row's changes, the documents' review results, the events to
 * persist (status history, audit) and the effects to run (open the case, add docket entries,
 * announce the outcome). No I/O, no clock: the caller passes `now`.
 */

/** The claim a clerk holds on a filing while reviewing it. */
export interface FilingClaim {
  readonly claimedBy: string | null;
  readonly claimExpiresAt: Date | null;
}

/**
 * Whether someone holds the filing now. A claim lapses at its expiry without anyone releasing
 * it: from then on the filing is back in the queue, for anyone (its old claimant too) to take.
 */
export function isClaimLive(claim: FilingClaim, now: Date): boolean {
  return claim.claimedBy !== null && claim.claimExpiresAt !== null && claim.claimExpiresAt > now;
}

/** Whether `userId` holds the live claim: only they review or release the filing. */
export function holdsClaim(claim: FilingClaim, userId: string, now: Date): boolean {
  return isClaimLive(claim, now) && claim.claimedBy === userId;
}

/** What review needs to know of a filing (the Filing row is one). */
export interface FilingUnderReview extends FilingClaim {
  readonly courtId: string;
  readonly status: FilingStatus;
  readonly filingType: FilingType;
  readonly title: string;
  /** The official time of filing: the docket entries' filing time. */
  readonly receivedAt: Date;
  readonly filerUserId: string;
  readonly urgent: boolean;
  readonly opensCase: boolean;
  readonly caseId: string | null;
  readonly newCaseType: CaseType | null;
  readonly newCaseTitle: string | null;
  readonly newCaseConfidentiality: Confidentiality | null;
}

/** A document of the filing (a FilingDocument row is one); position 0 is the lead document. */
export interface DocumentUnderReview {
  readonly id: string;
  readonly position: number;
  readonly title: string;
  readonly sha256: string;
  readonly confidentiality: Confidentiality;
}

/** A party an opening filing proposes (a FilingParty row is one). */
export interface PartyUnderReview extends ProposedParty {
  readonly position: number;
}

export interface DocumentDecision {
  readonly documentId: string;
  readonly decision: 'accept' | 'reject';
  readonly reasonCode: string | null;
  readonly note: string | null;
}

/** The clerk's decision as sent: per-document decisions count for `accept` only, the reason for `reject` and `return` only. */
export interface ReviewRequest {
  readonly action: ReviewAction;
  readonly documents: readonly DocumentDecision[];
  readonly reasonCode: string | null;
  readonly note: string | null;
}

export type DecidedFilingStatus = Exclude<FilingStatus, 'submitted' | 'under_review'>;

/** The review fields of the filing row a decision changes, with their new values; the others stay. */
export interface FilingReviewChanges {
  readonly status: FilingStatus;
  readonly claimedBy: string | null;
  readonly claimExpiresAt: Date | null;
  readonly decidedBy?: string;
  readonly decidedAt?: Date;
  readonly reasonCode?: string | null;
  readonly reasonNote?: string | null;
}

/** A document's review result. An accepted one is also docketed (an `addDocketEntry` effect names it). */
export interface DocumentReviewChange {
  readonly documentId: string;
  readonly reviewStatus: 'accepted' | 'rejected';
  readonly reasonCode: string | null;
  readonly reasonNote: string | null;
}

/** A fact to persist in the transaction of the change: the status history row, then the audit event. */
export type FilingReviewEvent =
  | {
      readonly type: 'status_changed';
      readonly action: FilingHistoryAction;
      readonly from: FilingStatus;
      readonly to: FilingStatus;
      readonly reasonCode: string | null;
      readonly note: string | null;
    }
  /** The court action's audit event; the use case adds actor, subject, court and case. */
  | { readonly type: 'audited'; readonly action: string; readonly data?: Readonly<Record<string, unknown>> };

/** What the use case does beyond writing the filing's rows, in this order. */
export type FilingReviewEffect =
  /** An opening filing's acceptance opens its case (the next number of court, type and year). */
  | { readonly type: 'openCase'; readonly command: Omit<OpenCaseCommand, 'actor'> }
  /** An accepted document goes on the case's docket with the case's next sequence. */
  | {
      readonly type: 'addDocketEntry';
      readonly documentId: string;
      readonly entryType: string;
      readonly summary: string;
      readonly confidentiality: Confidentiality;
      readonly filedAt: Date;
      readonly enteredBy: string;
    }
  /** The outcome is announced to the filer: an outbox row in the transaction, queued after the commit. */
  | { readonly type: 'announce'; readonly kind: NotificationKind };

export type FilingReviewDecision =
  | { readonly ok: false; readonly error: DomainError }
  | {
      readonly ok: true;
      readonly changes: FilingReviewChanges;
      readonly documents: readonly DocumentReviewChange[];
      readonly events: readonly FilingReviewEvent[];
      readonly effects: readonly FilingReviewEffect[];
    };

export interface ClaimCommand {
  readonly reviewer: CaseViewer;
  readonly filing: FilingUnderReview;
  /** The court's claim time (policy.claimMinutes). */
  readonly claimMinutes: number;
  readonly now: Date;
}

export interface ReleaseCommand {
  readonly reviewer: CaseViewer;
  readonly filing: FilingUnderReview;
  readonly now: Date;
}

export interface ReviewCommand {
  readonly reviewer: CaseViewer;
  readonly filing: FilingUnderReview;
  readonly documents: readonly DocumentUnderReview[];
  /** An opening filing's proposed parties: the case's parties once accepted. */
  readonly parties: readonly PartyUnderReview[];
  /** A subsequent filing's case: its protected parties, whose names the docket text must not show. */
  readonly caseProtectedNames: readonly ProtectedName[];
  readonly policy: CourtFilingPolicy;
  readonly request: ReviewRequest;
  readonly now: Date;
}

export type ReviewStep = 'claim' | 'release' | 'review';

/**
 * Who may take a step on a filing now. Only the court's clerks and judges act on its filings; to
 * anyone else the filing does not exist. A decided filing is closed to every step: asked before
 * the claim, since a decided filing holds no claim and "already decided" is what the clerk needs
 * to hear. Then the claim: nobody claims over another's live claim (a lapsed one may be taken
 * over), and only the live claimant reviews or releases.
 */
export function refuseReviewStep(step: ReviewStep, reviewer: CaseViewer, filing: FilingUnderReview, now: Date): DomainError | undefined {
  if (!isReviewer(reviewer, filing.courtId)) return FilingErrors.notFound();
  if (!OPEN_FILING_STATUSES.includes(filing.status)) return FilingErrors.notOpen(filing.status);
  if (step === 'claim') return isClaimLive(filing, now) && filing.claimedBy !== reviewer.userId ? FilingErrors.claimedByOther() : undefined;
  return holdsClaim(filing, reviewer.userId, now) ? undefined : FilingErrors.notClaimed();
}

/**
 * A clerk (or judge) takes a filing for the court's claim time. Claiming one's own live claim
 * again renews it: a new expiry, audited, but no new history row (nothing changed hands).
 * Taking over a lapsed claim records whose it was.
 */
export function decideClaim(cmd: ClaimCommand): FilingReviewDecision {
  const { reviewer, filing, now } = cmd;
  const error = refuseReviewStep('claim', reviewer, filing, now);
  if (error) return { ok: false, error };
  const previous = filing.claimedBy;
  const renewal = holdsClaim(filing, reviewer.userId, now);
  const expiresAt = new Date(now.getTime() + cmd.claimMinutes * 60_000);
  const events: FilingReviewEvent[] = renewal
    ? []
    : [{ type: 'status_changed', action: 'claimed', from: filing.status, to: 'under_review', reasonCode: null, note: null }];
  events.push({
    type: 'audited',
    action: renewal ? 'filing.claim_renewed' : 'filing.claimed',
    data: { expiresAt: expiresAt.toISOString(), ...(previous && previous !== reviewer.userId ? { lapsedClaimOf: previous } : {}) },
  });
  return {
    ok: true,
    changes: { status: 'under_review', claimedBy: reviewer.userId, claimExpiresAt: expiresAt },
    documents: [],
    events,
    effects: [],
  };
}

/** The claimant gives the filing back to the queue. */
export function decideRelease(cmd: ReleaseCommand): FilingReviewDecision {
  const { reviewer, filing, now } = cmd;
  const error = refuseReviewStep('release', reviewer, filing, now);
  if (error) return { ok: false, error };
  return {
    ok: true,
    changes: { status: 'submitted', claimedBy: null, claimExpiresAt: null },
    documents: [],
    events: [
      { type: 'status_changed', action: 'released', from: filing.status, to: 'submitted', reasonCode: null, note: null },
      { type: 'audited', action: 'filing.released' },
    ],
    effects: [],
  };
}

/**
 * The claimant's decision on the filing:
 * - accept: every document decided exactly once, a rejected one with a reason the court lists for
 *   rejections; the lead document must be accepted. An opening filing opens its case; every
 *   accepted document becomes a docket entry, in the order of the filing. Some rejected:
 *   partially accepted;
 * - reject: the whole filing, each document with the filing's reason (one the court lists for
 *   rejections);
 * - return: sent back to the filer for correction with a reason the court lists for returns; the
 *   documents stay undecided.
 * Either way the claim ends, the decision is recorded with its history row and audit event, and
 * the outcome is announced to the filer.
 */
export function decideReview(cmd: ReviewCommand): FilingReviewDecision {
  const { reviewer, filing, request, now } = cmd;
  const error = refuseReviewStep('review', reviewer, filing, now);
  if (error) return { ok: false, error };
  const documents = [...cmd.documents].sort((a, b) => a.position - b.position);
  const ruled = request.action === 'accept' ? accept(cmd, documents) : refuse(cmd, request.action, documents);
  if (!ruled.ok) return ruled;

  const { status, changes, effects } = ruled;
  const reasonCode = request.action === 'accept' ? null : request.reasonCode;
  return {
    ok: true,
    changes: {
      status,
      claimedBy: null,
      claimExpiresAt: null,
      decidedBy: reviewer.userId,
      decidedAt: now,
      reasonCode,
      reasonNote: request.note,
    },
    documents: changes,
    events: [
      { type: 'status_changed', action: status, from: filing.status, to: status, reasonCode, note: request.note },
      {
        type: 'audited',
        action: `filing.${status}`,
        data: {
          reasonCode,
          documents: documents.map((d) => ({ id: d.id, sha256: d.sha256, decision: auditedDecision(request, d.id) })),
        },
      },
    ],
    effects: [...effects, { type: 'announce', kind: `filing.${status}` }],
  };
}

/** The names of the filing's protected people, as the public record must show them: by pseudonym. */
export function protectedNamesOf(cmd: Pick<ReviewCommand, 'filing' | 'parties' | 'caseProtectedNames'>): ProtectedName[] {
  if (!cmd.filing.opensCase) return [...cmd.caseProtectedNames];
  return [...cmd.parties]
    .sort((a, b) => a.position - b.position)
    .filter((p) => p.isProtected)
    .map((p) => ({ fullName: p.fullName, pseudonym: p.pseudonym as string }));
}

/** A reason is required for a rejection or a return, and must be one the court lists for that action. */
export function refuseReason(policy: CourtFilingPolicy, code: string | null, action: 'reject' | 'return'): DomainError | undefined {
  if (!code) return FilingErrors.reasonRequired();
  if (!reasonAllowed(policy, code, action)) return FilingErrors.unknownReason(code);
  return undefined;
}

/**
 * Whether the per-document decisions of an acceptance hold together: each document of the filing
 * decided exactly once, rejections with a reason, and the lead accepted (an attachment accepted
 * without its lead would reach the docket out of context; nothing accepted is a rejection).
 */
export function refuseDocumentDecisions(
  policy: CourtFilingPolicy,
  documents: readonly DocumentUnderReview[],
  decisions: readonly DocumentDecision[],
): DomainError | undefined {
  const ids = new Set(decisions.map((d) => d.documentId));
  if (ids.size !== decisions.length || ids.size !== documents.length || documents.some((d) => !ids.has(d.id)))
    return FilingErrors.documentDecisionsIncomplete();
  for (const d of decisions) {
    if (d.decision !== 'reject') continue;
    const error = refuseReason(policy, d.reasonCode, 'reject');
    if (error) return error;
  }
  const lead = [...documents].sort((a, b) => a.position - b.position)[0];
  if (!lead || decisionOn(decisions, lead.id).decision !== 'accept') {
    return decisions.some((d) => d.decision === 'accept') ? FilingErrors.leadRejectedAttachmentAccepted() : FilingErrors.nothingAccepted();
  }
  return undefined;
}

type Ruling =
  | { readonly ok: false; readonly error: DomainError }
  | {
      readonly ok: true;
      readonly status: DecidedFilingStatus;
      readonly changes: readonly DocumentReviewChange[];
      readonly effects: readonly FilingReviewEffect[];
    };

function accept(cmd: ReviewCommand, documents: readonly DocumentUnderReview[]): Ruling {
  const { filing, request, reviewer } = cmd;
  const error = refuseDocumentDecisions(cmd.policy, documents, request.documents);
  if (error) return { ok: false, error };

  // Docket text and the case title are public record: a protected person appears in them only
  // by pseudonym, whatever the filer typed.
  const names = protectedNamesOf(cmd);
  const effects: FilingReviewEffect[] = [];
  if (filing.opensCase) effects.push({ type: 'openCase', command: newCase(cmd, names) });
  const changes: DocumentReviewChange[] = [];
  for (const d of documents) {
    const decision = decisionOn(request.documents, d.id);
    if (decision.decision === 'reject') {
      changes.push({ documentId: d.id, reviewStatus: 'rejected', reasonCode: decision.reasonCode, reasonNote: decision.note });
      continue;
    }
    const summary = d.position === 0 ? `${filing.title} — ${d.title}` : `Attachment ${d.position} to ${filing.title} — ${d.title}`;
    effects.push({
      type: 'addDocketEntry',
      documentId: d.id,
      entryType: d.position === 0 ? filing.filingType : 'attachment',
      summary: maskProtectedNames(summary, names).slice(0, 2000),
      confidentiality: d.confidentiality,
      filedAt: filing.receivedAt,
      enteredBy: reviewer.userId,
    });
    changes.push({ documentId: d.id, reviewStatus: 'accepted', reasonCode: null, reasonNote: decision.note });
  }
  const someRejected = changes.some((c) => c.reviewStatus === 'rejected');
  return { ok: true, status: someRejected ? 'partially_accepted' : 'accepted', changes, effects };
}

function refuse(cmd: ReviewCommand, action: 'reject' | 'return', documents: readonly DocumentUnderReview[]): Ruling {
  const { request } = cmd;
  const error = refuseReason(cmd.policy, request.reasonCode, action);
  if (error) return { ok: false, error };
  if (action === 'return') return { ok: true, status: 'returned', changes: [], effects: [] };
  const changes = documents.map((d): DocumentReviewChange => ({
    documentId: d.id,
    reviewStatus: 'rejected',
    reasonCode: request.reasonCode,
    reasonNote: request.note,
  }));
  return { ok: true, status: 'rejected', changes, effects: [] };
}

/** The case an accepted opening filing opens: the filer becomes the party they are, or counsel for the one they act for. */
function newCase(cmd: ReviewCommand, names: readonly ProtectedName[]): Omit<OpenCaseCommand, 'actor'> {
  const { filing } = cmd;
  return {
    courtId: filing.courtId,
    caseType: filing.newCaseType as CaseType,
    title: maskProtectedNames(filing.newCaseTitle as string, names).slice(0, 300),
    confidentiality: filing.newCaseConfidentiality as Confidentiality,
    urgent: filing.urgent,
    assignedJudgeId: null,
    openedAt: cmd.now,
    parties: [...cmd.parties]
      .sort((a, b) => a.position - b.position)
      .map((p) => ({
        partyRole: p.partyRole,
        fullName: p.fullName,
        isProtected: p.isProtected,
        pseudonym: p.pseudonym,
        userId: p.isFiler ? filing.filerUserId : null,
        counselUserId: p.representedByFiler ? filing.filerUserId : null,
      })),
  };
}

function decisionOn(decisions: readonly DocumentDecision[], documentId: string): DocumentDecision {
  return decisions.find((d) => d.documentId === documentId) as DocumentDecision;
}

/** How the audit trail records each document's fate. */
function auditedDecision(request: ReviewRequest, documentId: string): 'accept' | 'reject' | 'returned' {
  if (request.action === 'return') return 'returned';
  if (request.action === 'reject') return 'reject';
  return decisionOn(request.documents, documentId).decision;
}
