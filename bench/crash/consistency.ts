/*
 * The soak's verdict, as a pure function of what was read back (database rows, the stored files'
 * real hashes) and what the clients recorded. No I/O here, so the rules are unit-tested.
 *
 * A filing is whole when: it has its documents (positions 0..n-1, exactly the bytes its client
 * sent under its key), each document's blob row and stored file exist and the file's SHA-256 and
 * size are the recorded ones, its status history runs unbroken from `submitted` to its status,
 * it has exactly one `filing.submitted` audit event, and its review is all-or-nothing: a decided
 * filing has its decider, its one decision audit event, its one notification outbox row and the
 * per-document outcome its status says; an undecided one has none of these.
 */
import type { DecidedStatus, Ledger } from './ledger';

export interface FilingRow {
  readonly id: string;
  readonly filerUserId: string;
  readonly idempotencyKey: string;
  readonly status: string;
  readonly opensCase: boolean;
  readonly caseId: string | null;
  readonly claimedBy: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
}

export interface DocumentRow {
  readonly filingId: string;
  readonly position: number;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly reviewStatus: string;
  readonly docketEntryId: string | null;
}

export interface BlobRow {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly storageKey: string;
}

export interface HistoryRow {
  readonly filingId: string;
  readonly seq: number;
  readonly action: string;
  readonly fromStatus: string | null;
  readonly toStatus: string;
}

export interface Snapshot {
  readonly filings: readonly FilingRow[];
  readonly documents: readonly DocumentRow[];
  readonly blobs: readonly BlobRow[];
  /** What is really stored under each blob's key: its SHA-256 and size, or null when missing. */
  readonly files: ReadonlyMap<string, { readonly sha256: string; readonly sizeBytes: number } | null>;
  readonly history: readonly HistoryRow[];
  /** Audit events about filings: action and subject id. */
  readonly audit: readonly { readonly action: string; readonly filingId: string }[];
  readonly notifications: readonly { readonly filingId: string; readonly kind: string }[];
  readonly caseIds: ReadonlySet<string>;
  readonly docketEntryIds: ReadonlySet<string>;
}

export interface Verdict {
  /** Filings with any sign of a half-done submission or review. */
  readonly partialFilings: number;
  readonly findings: readonly string[];
  readonly filingsInDatabase: number;
  readonly acknowledgedPresent: number;
  readonly acknowledgedMissing: number;
  readonly reviewsPresent: number;
  readonly reviewsMissing: number;
  /** Filings committed whose client never got the receipt (gave up): not a loss, but worth showing. */
  readonly filedUnacknowledged: number;
}

const DECIDED: readonly string[] = ['accepted', 'partially_accepted', 'rejected', 'returned'];

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function judge(snapshot: Snapshot, ledger: Ledger): Verdict {
  const findings: string[] = [];
  const partial = new Set<string>();
  const flag = (filingId: string, text: string) => {
    partial.add(filingId);
    findings.push(`filing ${filingId}: ${text}`);
  };

  const docsOf = groupBy(snapshot.documents, (d) => d.filingId);
  const historyOf = groupBy(snapshot.history, (h) => h.filingId);
  const auditOf = groupBy(snapshot.audit, (a) => a.filingId);
  const notificationsOf = groupBy(snapshot.notifications, (n) => n.filingId);
  const blobs = new Map(snapshot.blobs.map((b) => [b.sha256, b]));
  const sent = new Map(ledger.submissions.map((s) => [`${s.filerUserId}/${s.key}`, s]));
  const filingIds = new Set(snapshot.filings.map((f) => f.id));

  for (const f of snapshot.filings) {
    const docs = [...(docsOf.get(f.id) ?? [])].sort((a, b) => a.position - b.position);
    if (docs.length === 0) flag(f.id, 'has no documents');
    docs.forEach((d, i) => {
      if (d.position !== i) flag(f.id, `document positions are ${docs.map((x) => x.position).join(',')}, not 0..${docs.length - 1}`);
    });

    const submission = sent.get(`${f.filerUserId}/${f.idempotencyKey}`);
    if (!submission) {
      flag(f.id, `no client sent its key ${f.idempotencyKey}`);
    } else {
      const want = submission.documents.map((d) => `${d.sha256}:${d.sizeBytes}`).join(' ');
      const got = docs.map((d) => `${d.sha256}:${d.sizeBytes}`).join(' ');
      if (want !== got) flag(f.id, `documents ${got || '(none)'} differ from the ${submission.documents.length} sent`);
      if (submission.state === 'refused') flag(f.id, `was filed although its submission was refused (${submission.lastAnswer})`);
      if (submission.state === 'acknowledged' && submission.filingId !== f.id)
        flag(f.id, `its key was acknowledged as another filing ${submission.filingId}`);
    }

    for (const d of docs) {
      const blob = blobs.get(d.sha256);
      if (!blob) {
        flag(f.id, `document ${d.position} (${d.sha256.slice(0, 12)}…) has no blob row`);
        continue;
      }
      if (blob.sizeBytes !== d.sizeBytes)
        flag(f.id, `document ${d.position}'s blob says ${blob.sizeBytes} bytes, the document ${d.sizeBytes}`);
      const file = snapshot.files.get(blob.storageKey);
      if (!file) flag(f.id, `document ${d.position}'s file ${blob.storageKey} is missing`);
      else if (file.sha256 !== d.sha256) flag(f.id, `document ${d.position}'s file hashes to ${file.sha256}, not ${d.sha256}`);
      else if (file.sizeBytes !== d.sizeBytes) flag(f.id, `document ${d.position}'s file has ${file.sizeBytes} bytes, not ${d.sizeBytes}`);
    }

    const history = [...(historyOf.get(f.id) ?? [])].sort((a, b) => a.seq - b.seq);
    if (history.length === 0 || history[0].action !== 'submitted' || history[0].fromStatus !== null) {
      flag(f.id, 'its status history does not start with "submitted"');
    }
    history.forEach((h, i) => {
      if (h.seq !== i + 1) flag(f.id, `status history seq ${h.seq} at place ${i + 1}`);
      if (i > 0 && h.fromStatus !== history[i - 1].toStatus)
        flag(f.id, `status history #${h.seq} goes from ${h.fromStatus}, but #${history[i - 1].seq} ended in ${history[i - 1].toStatus}`);
    });
    if (history.length > 0 && history[history.length - 1].toStatus !== f.status)
      flag(f.id, `status is ${f.status} but its history ends in ${history[history.length - 1].toStatus}`);

    const actions = (auditOf.get(f.id) ?? []).map((a) => a.action);
    const count = (action: string) => actions.filter((a) => a === action).length;
    if (count('filing.submitted') !== 1) flag(f.id, `${count('filing.submitted')} "filing.submitted" audit events`);
    const decisionEvents = actions.filter((a) => DECIDED.some((s) => a === `filing.${s}`));
    const notifications = (notificationsOf.get(f.id) ?? []).map((n) => n.kind);

    if (DECIDED.includes(f.status)) {
      if (!f.decidedBy || !f.decidedAt) flag(f.id, `is ${f.status} without its decider and time`);
      if (f.claimedBy) flag(f.id, `is ${f.status} but still claimed`);
      if (decisionEvents.length !== 1 || decisionEvents[0] !== `filing.${f.status}`)
        flag(f.id, `is ${f.status} with decision audit events [${decisionEvents.join(', ')}]`);
      if (notifications.length !== 1 || notifications[0] !== `filing.${f.status}`)
        flag(f.id, `is ${f.status} with notification rows [${notifications.join(', ')}]`);
      checkDocumentOutcome(f, docs, snapshot, (text) => flag(f.id, text));
    } else {
      if (f.decidedBy || f.decidedAt) flag(f.id, `is ${f.status} but names a decider`);
      if (decisionEvents.length > 0) flag(f.id, `is ${f.status} but has decision audit events [${decisionEvents.join(', ')}]`);
      if (notifications.length > 0) flag(f.id, `is ${f.status} but has notification rows [${notifications.join(', ')}]`);
      if (docs.some((d) => d.reviewStatus !== 'pending' || d.docketEntryId)) flag(f.id, `is ${f.status} but some documents were decided`);
      if ((f.status === 'under_review') !== (f.claimedBy !== null)) flag(f.id, `is ${f.status} with claimed_by ${f.claimedBy}`);
    }
  }

  const referenced = new Set(snapshot.documents.map((d) => d.sha256));
  for (const b of snapshot.blobs) if (!referenced.has(b.sha256)) findings.push(`blob ${b.sha256} has a row but no document names it`);

  let acknowledgedPresent = 0;
  let acknowledgedMissing = 0;
  let filedUnacknowledged = 0;
  const filingsByKey = new Map(snapshot.filings.map((f) => [`${f.filerUserId}/${f.idempotencyKey}`, f]));
  for (const s of ledger.submissions) {
    if (s.state === 'acknowledged') {
      if (s.filingId && filingIds.has(s.filingId) && !partial.has(s.filingId)) acknowledgedPresent += 1;
      else {
        acknowledgedMissing += 1;
        findings.push(`acknowledged filing ${s.filingId} (key ${s.key}) is ${filingIds.has(s.filingId ?? '') ? 'not whole' : 'missing'}`);
      }
    } else if (filingsByKey.has(`${s.filerUserId}/${s.key}`)) {
      filedUnacknowledged += 1;
    }
  }

  let reviewsPresent = 0;
  let reviewsMissing = 0;
  const filings = new Map(snapshot.filings.map((f) => [f.id, f]));
  for (const r of ledger.reviews) {
    if (r.state !== 'acknowledged' && r.state !== 'applied_unacknowledged') continue;
    const f = filings.get(r.filingId);
    const docs = docsOf.get(r.filingId) ?? [];
    const rejected = docs
      .filter((d) => d.reviewStatus === 'rejected')
      .map((d) => d.position)
      .sort((a, b) => a - b);
    const problem = !f
      ? 'is missing'
      : f.status !== r.expectedStatus
        ? `is ${f.status}`
        : f.decidedBy !== r.clerkUserId
          ? `was decided by ${f.decidedBy}, not the clerk ${r.clerkUserId}`
          : r.expectedStatus !== 'returned' && rejected.join(',') !== [...r.rejectedPositions].sort((a, b) => a - b).join(',')
            ? `has documents [${rejected.join(',')}] rejected, the clerk rejected [${r.rejectedPositions.join(',')}]`
            : undefined;
    if (problem === undefined && !partial.has(r.filingId)) {
      if (r.state === 'acknowledged') reviewsPresent += 1;
      continue;
    }
    if (r.state === 'acknowledged') reviewsMissing += 1;
    findings.push(
      `${r.state.replace('_', ' ')} review ${r.action} → ${r.expectedStatus} of filing ${r.filingId} ${problem ?? 'is not whole'}`,
    );
  }

  return {
    partialFilings: partial.size,
    findings,
    filingsInDatabase: snapshot.filings.length,
    acknowledgedPresent,
    acknowledgedMissing,
    reviewsPresent,
    reviewsMissing,
    filedUnacknowledged,
  };
}

function checkDocumentOutcome(f: FilingRow, docs: readonly DocumentRow[], snapshot: Snapshot, flag: (text: string) => void): void {
  const status = f.status as DecidedStatus;
  const accepted = docs.filter((d) => d.reviewStatus === 'accepted');
  const rejected = docs.filter((d) => d.reviewStatus === 'rejected');
  for (const d of accepted) {
    if (!d.docketEntryId || !snapshot.docketEntryIds.has(d.docketEntryId)) flag(`accepted document ${d.position} has no docket entry`);
  }
  for (const d of docs) if (d.reviewStatus !== 'accepted' && d.docketEntryId) flag(`${d.reviewStatus} document ${d.position} is docketed`);
  switch (status) {
    case 'accepted':
      if (accepted.length !== docs.length) flag(`is accepted but documents are [${docs.map((d) => d.reviewStatus).join(', ')}]`);
      break;
    case 'partially_accepted':
      if (docs[0]?.reviewStatus !== 'accepted' || rejected.length === 0 || accepted.length + rejected.length !== docs.length)
        flag(`is partially accepted but documents are [${docs.map((d) => d.reviewStatus).join(', ')}]`);
      break;
    case 'rejected':
      if (rejected.length !== docs.length) flag(`is rejected but documents are [${docs.map((d) => d.reviewStatus).join(', ')}]`);
      break;
    case 'returned':
      if (docs.some((d) => d.reviewStatus !== 'pending'))
        flag(`is returned but documents are [${docs.map((d) => d.reviewStatus).join(', ')}]`);
      break;
  }
  if ((status === 'accepted' || status === 'partially_accepted') && (!f.caseId || !snapshot.caseIds.has(f.caseId))) {
    flag(`is ${status} but its case ${f.caseId} does not exist`);
  }
}
