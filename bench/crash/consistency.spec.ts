import { type BlobRow, type DocumentRow, type FilingRow, type HistoryRow, type Snapshot, judge } from './consistency';
import { Ledger, type ReviewRecord, type SubmissionRecord } from './ledger';

const sha = (c: string) => c.repeat(64);
const key = (c: string) => `documents/${c}${c}/${sha(c)}`;

/** One filer's filing `id` of documents with the hashes `shas`, submitted and (optionally) decided. */
function world(over: { status?: string; shas?: string[] } = {}): { snapshot: Mutable; ledger: Ledger } {
  const shas = over.shas ?? ['a', 'b'];
  const status = over.status ?? 'submitted';
  const decided = !['submitted', 'under_review'].includes(status);
  const filing: FilingRow = {
    id: 'f1',
    filerUserId: 'u1',
    idempotencyKey: 'k1',
    status,
    opensCase: true,
    caseId: status === 'accepted' ? 'c1' : null,
    claimedBy: status === 'under_review' ? 'clerk' : null,
    decidedBy: decided ? 'clerk' : null,
    decidedAt: decided ? new Date() : null,
  };
  const documents: DocumentRow[] = shas.map((c, position) => ({
    filingId: 'f1',
    position,
    sha256: sha(c),
    sizeBytes: 10,
    reviewStatus: status === 'accepted' ? 'accepted' : status === 'rejected' ? 'rejected' : 'pending',
    docketEntryId: status === 'accepted' ? `d${position}` : null,
  }));
  const blobs: BlobRow[] = shas.map((c) => ({ sha256: sha(c), sizeBytes: 10, storageKey: key(c) }));
  const history: HistoryRow[] = [{ filingId: 'f1', seq: 1, action: 'submitted', fromStatus: null, toStatus: 'submitted' }];
  if (status !== 'submitted')
    history.push({ filingId: 'f1', seq: 2, action: 'claimed', fromStatus: 'submitted', toStatus: 'under_review' });
  if (decided) history.push({ filingId: 'f1', seq: 3, action: status, fromStatus: 'under_review', toStatus: status });
  const snapshot: Mutable = {
    filings: [filing],
    documents,
    blobs,
    files: new Map(shas.map((c) => [key(c), { sha256: sha(c), sizeBytes: 10 }])),
    history,
    audit: [{ action: 'filing.submitted', filingId: 'f1' }, ...(decided ? [{ action: `filing.${status}`, filingId: 'f1' }] : [])],
    notifications: decided ? [{ filingId: 'f1', kind: `filing.${status}` }] : [],
    caseIds: new Set(['c1']),
    docketEntryIds: new Set(['d0', 'd1']),
  };
  const ledger = new Ledger();
  const submission: SubmissionRecord = {
    key: 'k1',
    filer: 0,
    filerUserId: 'u1',
    opensCase: true,
    documents: shas.map((c) => ({ sha256: sha(c), sizeBytes: 10 })),
    state: 'acknowledged',
    attempts: 1,
    interrupted: 0,
    keyInUse: 0,
    serverErrors: 0,
    filingId: 'f1',
  };
  ledger.submissions.push(submission);
  return { snapshot, ledger };
}

type Mutable = { -readonly [K in keyof Snapshot]: Snapshot[K] };

function review(over: Partial<ReviewRecord>): ReviewRecord {
  return {
    filingId: 'f1',
    clerk: 0,
    clerkUserId: 'clerk',
    action: 'accept',
    expectedStatus: 'accepted',
    rejectedPositions: [],
    state: 'acknowledged',
    attempts: 1,
    interrupted: 0,
    ...over,
  };
}

describe('the crash soak verdict', () => {
  it('finds nothing wrong with whole filings, submitted or decided, and counts them present', () => {
    for (const status of ['submitted', 'under_review', 'accepted', 'rejected', 'returned']) {
      const { snapshot, ledger } = world({ status });
      if (status !== 'submitted' && status !== 'under_review')
        ledger.reviews.push(
          review({
            action: status === 'accepted' ? 'accept' : status === 'rejected' ? 'reject' : 'return',
            expectedStatus: status as ReviewRecord['expectedStatus'],
            rejectedPositions: status === 'rejected' ? [0, 1] : [],
          }),
        );
      const sut = judge(snapshot, ledger);
      expect({ status, findings: sut.findings }).toEqual({ status, findings: [] });
      expect(sut.acknowledgedPresent).toBe(1);
      expect(sut.reviewsPresent).toBe(ledger.reviews.length);
    }
  });

  it('calls a filing partial when a document row, its blob or its file is missing, or the file is not its bytes', () => {
    const cases: [string, (s: Mutable) => void, RegExp][] = [
      ['document row', (s) => (s.documents = s.documents.slice(0, 1)), /differ from the 2 sent/],
      ['blob row', (s) => (s.blobs = s.blobs.slice(1)), /document 0 .* has no blob row/],
      ['file', (s) => (s.files = new Map([[key('b'), { sha256: sha('b'), sizeBytes: 10 }]])), /file .* is missing/],
      ['bytes', (s) => (s.files = new Map([...s.files, [key('a'), { sha256: sha('c'), sizeBytes: 10 }]])), /hashes to c+, not a+/],
    ];
    for (const [what, damage, finding] of cases) {
      const { snapshot, ledger } = world();
      damage(snapshot);
      const sut = judge(snapshot, ledger);
      expect({ what, partial: sut.partialFilings }).toEqual({ what, partial: 1 });
      expect(sut.findings.join('\n')).toMatch(finding);
      expect(sut.acknowledgedPresent).toBe(0);
      expect(sut.acknowledgedMissing).toBe(1);
    }
  });

  it('calls a review half-applied when the status, its history, its audit event, its notification or its documents disagree', () => {
    const cases: [string, (s: Mutable) => void, RegExp][] = [
      ['audit event', (s) => (s.audit = s.audit.filter((a) => a.action === 'filing.submitted')), /decision audit events \[\]/],
      ['notification', (s) => (s.notifications = []), /notification rows \[\]/],
      ['history', (s) => (s.history = s.history.slice(0, 2)), /history ends in under_review/],
      [
        'documents',
        (s) => (s.documents = s.documents.map((d) => ({ ...d, reviewStatus: 'pending', docketEntryId: null }))),
        /accepted but documents/,
      ],
      ['case', (s) => (s.caseIds = new Set()), /case c1 does not exist/],
    ];
    for (const [what, damage, finding] of cases) {
      const { snapshot, ledger } = world({ status: 'accepted' });
      ledger.reviews.push(review({}));
      damage(snapshot);
      const sut = judge(snapshot, ledger);
      expect({ what, partial: sut.partialFilings, reviewsPresent: sut.reviewsPresent }).toEqual({ what, partial: 1, reviewsPresent: 0 });
      expect(sut.findings.join('\n')).toMatch(finding);
    }
  });

  it('calls an undecided filing with decision traces half-applied', () => {
    const { snapshot, ledger } = world({ status: 'under_review' });
    snapshot.audit = [...snapshot.audit, { action: 'filing.rejected', filingId: 'f1' }];
    expect(judge(snapshot, ledger).findings).toEqual([
      'filing f1: is under_review but has decision audit events [filing.rejected]',
      'acknowledged filing f1 (key k1) is not whole',
    ]);
  });

  it('misses an acknowledged filing or review that is not in the database', () => {
    const { snapshot, ledger } = world();
    ledger.reviews.push(review({}));
    snapshot.filings = [];
    const sut = judge(snapshot, ledger);
    expect(sut.acknowledgedMissing).toBe(1);
    expect(sut.reviewsMissing).toBe(1);
    expect(sut.findings).toContain('acknowledged filing f1 (key k1) is missing');
  });

  it('flags a filing no client sent, and one filed although refused, and counts those filed without a receipt', () => {
    const stranger = world();
    stranger.ledger.submissions.length = 0;
    expect(judge(stranger.snapshot, stranger.ledger).findings).toEqual(['filing f1: no client sent its key k1']);

    const refused = world();
    refused.ledger.submissions[0].state = 'refused';
    refused.ledger.submissions[0].lastAnswer = '400 filing.document_damaged';
    expect(judge(refused.snapshot, refused.ledger).findings).toEqual([
      'filing f1: was filed although its submission was refused (400 filing.document_damaged)',
    ]);

    const lost = world();
    lost.ledger.submissions[0].state = 'abandoned';
    const sut = judge(lost.snapshot, lost.ledger);
    expect(sut.findings).toEqual([]);
    expect(sut.filedUnacknowledged).toBe(1);
  });
});
