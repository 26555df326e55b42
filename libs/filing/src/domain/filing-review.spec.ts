import type { CaseViewer } from '@ejustice/cases';
import type { Role } from '@ejustice/vocabulary/role';
import { type CourtFilingPolicy, resolvePolicy } from './court-policy';
import {
  type DocumentDecision,
  type DocumentUnderReview,
  type FilingReviewDecision,
  type FilingUnderReview,
  type PartyUnderReview,
  type ReviewCommand,
  type ReviewRequest,
  decideClaim,
  decideRelease,
  decideReview,
  holdsClaim,
  isClaimLive,
} from './filing-review';
import { FILING_STATUSES, type FilingStatus, OPEN_FILING_STATUSES } from './filing-type';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const RECEIVED = new Date('2026-11-28T08:15:02.123Z');

const policy = resolvePolicy(
  { id: 'court', timeZone: 'UTC' },
  { maxDocumentBytes: 1024, maxDocuments: 20, claimMinutes: 30, feeCurrency: 'EUR' },
  null,
);

function viewer(userId: string, roles: Role[], courtId = 'court'): CaseViewer {
  return { userId, courtId, roles };
}
const clerk = viewer('clerk', ['clerk']);
const judge = viewer('judge', ['judge']);
const otherClerk = viewer('other-clerk', ['clerk']);

/** A filing into an existing case, waiting in the queue. */
function newFiling(over: Partial<FilingUnderReview> = {}): FilingUnderReview {
  return {
    courtId: 'court',
    status: 'submitted',
    filingType: 'motion',
    title: 'Motion to adjourn',
    receivedAt: RECEIVED,
    filerUserId: 'filer',
    urgent: false,
    opensCase: false,
    caseId: 'case',
    newCaseType: null,
    newCaseTitle: null,
    newCaseConfidentiality: null,
    claimedBy: null,
    claimExpiresAt: null,
    ...over,
  };
}

/** A petition that asks the court to open a case with a protected victim. */
function newOpeningFiling(over: Partial<FilingUnderReview> = {}): FilingUnderReview {
  return newFiling({
    filingType: 'petition',
    title: 'Petition for Amira Haddad',
    opensCase: true,
    caseId: null,
    newCaseType: 'family',
    newCaseTitle: 'Aziz v. Nassar (for Amira Haddad)',
    newCaseConfidentiality: 'confidential',
    urgent: true,
    ...over,
  });
}

const claimedBy = (userId: string, expiresAt = minutes(10)) => ({
  status: 'under_review' as const,
  claimedBy: userId,
  claimExpiresAt: expiresAt,
});

function newDocuments(n: number): DocumentUnderReview[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `doc-${i}`,
    position: i,
    title: i === 0 ? 'Lead' : `Exhibit ${i}`,
    sha256: `${i}`.repeat(64),
    confidentiality: i === 2 ? 'sealed' : 'public',
  }));
}

const PARTIES: PartyUnderReview[] = [
  {
    position: 1,
    partyRole: 'respondent',
    fullName: 'Karim Nassar',
    isProtected: false,
    pseudonym: null,
    isFiler: false,
    representedByFiler: false,
  },
  {
    position: 0,
    partyRole: 'victim',
    fullName: 'Amira Haddad',
    isProtected: true,
    pseudonym: 'V-1',
    isFiler: false,
    representedByFiler: true,
  },
  {
    position: 2,
    partyRole: 'petitioner',
    fullName: 'Layla Aziz',
    isProtected: false,
    pseudonym: null,
    isFiler: true,
    representedByFiler: false,
  },
];

const accept = (documentId: string, note: string | null = null): DocumentDecision => ({
  documentId,
  decision: 'accept',
  reasonCode: null,
  note,
});
const reject = (documentId: string, reasonCode: string | null = 'illegible', note: string | null = null): DocumentDecision => ({
  documentId,
  decision: 'reject',
  reasonCode,
  note,
});

function review(
  request: Partial<ReviewRequest>,
  over: Partial<Omit<ReviewCommand, 'request'>> & { documentCount?: number } = {},
): FilingReviewDecision {
  const { documentCount, ...rest } = over;
  return decideReview({
    reviewer: clerk,
    filing: newFiling(claimedBy('clerk')),
    documents: newDocuments(documentCount ?? 2),
    parties: [],
    caseProtectedNames: [],
    policy,
    now: NOW,
    ...rest,
    request: { action: 'accept', documents: [], reasonCode: null, note: null, ...request },
  });
}

function ok(d: FilingReviewDecision) {
  if (!d.ok) throw new Error(`refused: ${d.error.code}`);
  return d;
}

function refusal(d: FilingReviewDecision): string {
  if (d.ok) throw new Error('expected a refusal');
  return d.error.code;
}

const DECIDED = FILING_STATUSES.filter((s) => !OPEN_FILING_STATUSES.includes(s));

describe('filing review decisions', () => {
  describe('the claim', () => {
    it.each([
      ['nobody claimed it', { claimedBy: null, claimExpiresAt: null }, false],
      ['it runs until later', { claimedBy: 'clerk', claimExpiresAt: minutes(1) }, true],
      ['it lapsed', { claimedBy: 'clerk', claimExpiresAt: minutes(-1) }, false],
      ['it lapses this very instant', { claimedBy: 'clerk', claimExpiresAt: NOW }, false],
      ['it has no expiry (never written so)', { claimedBy: 'clerk', claimExpiresAt: null }, false],
    ])('is live or not when %s', (_, claim, live) => {
      expect(isClaimLive(claim, NOW)).toBe(live);
      expect(holdsClaim(claim, 'clerk', NOW)).toBe(live);
      expect(holdsClaim(claim, 'other-clerk', NOW)).toBe(false);
    });
  });

  describe('permission first: only the court’s clerks and judges act on its filings', () => {
    const outsiders: [string, CaseViewer][] = [
      ['a clerk of another court', viewer('clerk', ['clerk'], 'elsewhere')],
      ['a judge of another court', viewer('judge', ['judge'], 'elsewhere')],
      ['counsel of the court', viewer('counsel', ['counsel'])],
      ['the admin of the court', viewer('admin', ['admin'])],
      ['a prosecutor of the court', viewer('prosecutor', ['prosecutor'])],
    ];
    const steps = {
      claim: (reviewer: CaseViewer, filing: FilingUnderReview) => decideClaim({ reviewer, filing, claimMinutes: 30, now: NOW }),
      release: (reviewer: CaseViewer, filing: FilingUnderReview) => decideRelease({ reviewer, filing, now: NOW }),
      review: (reviewer: CaseViewer, filing: FilingUnderReview) =>
        review({ action: 'return', reasonCode: 'missing_information' }, { reviewer, filing }),
    };

    for (const [step, decide] of Object.entries(steps)) {
      it.each(outsiders)(`tells %s, at any status, that there is no such filing to ${step}`, (_, outsider) => {
        for (const status of FILING_STATUSES) {
          // Even holding the claim (an account that lost its role, or moved court) is no permission.
          const filing = newFiling(status === 'under_review' ? claimedBy(outsider.userId) : { status });
          expect([status, refusal(decide(outsider, filing))]).toEqual([status, 'filing.not_found']);
        }
      });

      it.each(DECIDED)(`refuses to ${step} a filing already %s`, (status) => {
        const d = decide(clerk, newFiling({ status }));
        expect(d).toMatchObject({
          ok: false,
          error: { code: 'filing.already_decided', message: `This filing has already been ${status.replace('_', ' ')}.` },
        });
      });
    }

    it('lets a judge of the court claim, release and review as a clerk does', () => {
      expect(decideClaim({ reviewer: judge, filing: newFiling(), claimMinutes: 30, now: NOW }).ok).toBe(true);
      expect(decideRelease({ reviewer: judge, filing: newFiling(claimedBy('judge')), now: NOW }).ok).toBe(true);
      expect(
        review({ action: 'return', reasonCode: 'missing_information' }, { reviewer: judge, filing: newFiling(claimedBy('judge')) }).ok,
      ).toBe(true);
    });
  });

  describe('claiming', () => {
    const claim = (filing: FilingUnderReview, reviewer = clerk, claimMinutes = 30) =>
      decideClaim({ reviewer, filing, claimMinutes, now: NOW });

    it('takes a waiting filing for the court’s claim time, with a history row and an audit event', () => {
      expect(ok(claim(newFiling(), clerk, 45))).toEqual({
        ok: true,
        changes: { status: 'under_review', claimedBy: 'clerk', claimExpiresAt: minutes(45) },
        documents: [],
        events: [
          { type: 'status_changed', action: 'claimed', from: 'submitted', to: 'under_review', reasonCode: null, note: null },
          { type: 'audited', action: 'filing.claimed', data: { expiresAt: minutes(45).toISOString() } },
        ],
        effects: [],
      });
    });

    it.each([
      ['live', minutes(1)],
      ['lapsing later this very second', new Date(NOW.getTime() + 1)],
    ])('refuses a filing another clerk holds (%s)', (_, expiresAt) => {
      expect(refusal(claim(newFiling(claimedBy('other-clerk', expiresAt))))).toBe('filing.claimed_by_other');
    });

    it.each([
      ['lapsed a minute ago', minutes(-1)],
      ['lapsing this very instant', NOW],
    ])('takes over a claim that %s, and records whose it was', (_, expiresAt) => {
      expect(ok(claim(newFiling(claimedBy('other-clerk', expiresAt))))).toMatchObject({
        changes: { status: 'under_review', claimedBy: 'clerk', claimExpiresAt: minutes(30) },
        events: [
          { type: 'status_changed', action: 'claimed', from: 'under_review', to: 'under_review' },
          { type: 'audited', action: 'filing.claimed', data: { expiresAt: minutes(30).toISOString(), lapsedClaimOf: 'other-clerk' } },
        ],
      });
    });

    it('renews one’s own live claim: a new expiry, audited, and no history row (nothing changed hands)', () => {
      expect(ok(claim(newFiling(claimedBy('clerk', minutes(5)))))).toEqual({
        ok: true,
        changes: { status: 'under_review', claimedBy: 'clerk', claimExpiresAt: minutes(30) },
        documents: [],
        events: [{ type: 'audited', action: 'filing.claim_renewed', data: { expiresAt: minutes(30).toISOString() } }],
        effects: [],
      });
    });

    it('claims afresh after one’s own claim lapsed, without calling it a takeover', () => {
      const d = ok(claim(newFiling(claimedBy('clerk', minutes(-5)))));
      expect(d.events).toEqual([
        { type: 'status_changed', action: 'claimed', from: 'under_review', to: 'under_review', reasonCode: null, note: null },
        { type: 'audited', action: 'filing.claimed', data: { expiresAt: minutes(30).toISOString() } },
      ]);
    });
  });

  describe('releasing', () => {
    it('gives the claimant’s filing back to the queue', () => {
      expect(ok(decideRelease({ reviewer: clerk, filing: newFiling(claimedBy('clerk')), now: NOW }))).toEqual({
        ok: true,
        changes: { status: 'submitted', claimedBy: null, claimExpiresAt: null },
        documents: [],
        events: [
          { type: 'status_changed', action: 'released', from: 'under_review', to: 'submitted', reasonCode: null, note: null },
          { type: 'audited', action: 'filing.released' },
        ],
        effects: [],
      });
    });

    it.each([
      ['nobody claimed', newFiling()],
      ['another clerk holds', newFiling(claimedBy('other-clerk'))],
      ['another clerk’s claim lapsed on', newFiling(claimedBy('other-clerk', minutes(-1)))],
      ['the clerk’s own claim lapsed on', newFiling(claimedBy('clerk', minutes(-1)))],
      ['the clerk’s own claim lapses this instant on', newFiling(claimedBy('clerk', NOW))],
    ])('refuses to release a filing %s', (_, filing) => {
      expect(refusal(decideRelease({ reviewer: clerk, filing, now: NOW }))).toBe('filing.not_claimed');
    });
  });

  describe('reviewing: only the live claimant decides', () => {
    it.each([
      ['nobody claimed', newFiling()],
      ['another clerk holds', newFiling(claimedBy('other-clerk'))],
      ['the clerk’s own claim lapsed on', newFiling(claimedBy('clerk', minutes(-1)))],
    ])('refuses to decide a filing %s', (_, filing) => {
      for (const action of ['accept', 'reject', 'return'] as const) {
        const d = review({ action, reasonCode: 'illegible', documents: [accept('doc-0'), accept('doc-1')] }, { filing });
        expect([action, refusal(d)]).toEqual([action, 'filing.not_claimed']);
      }
    });

    it('refuses another clerk’s decision on a filing the clerk holds', () => {
      expect(refusal(review({ action: 'return', reasonCode: 'illegible' }, { reviewer: otherClerk }))).toBe('filing.not_claimed');
    });
  });

  describe('returning for correction', () => {
    it('sends the filing back with a reason the court lists for returns, leaving the documents undecided', () => {
      const d = ok(review({ action: 'return', reasonCode: 'missing_information', note: 'Add the address.' }));
      expect(d).toEqual({
        ok: true,
        changes: {
          status: 'returned',
          claimedBy: null,
          claimExpiresAt: null,
          decidedBy: 'clerk',
          decidedAt: NOW,
          reasonCode: 'missing_information',
          reasonNote: 'Add the address.',
        },
        documents: [],
        events: [
          {
            type: 'status_changed',
            action: 'returned',
            from: 'under_review',
            to: 'returned',
            reasonCode: 'missing_information',
            note: 'Add the address.',
          },
          {
            type: 'audited',
            action: 'filing.returned',
            data: {
              reasonCode: 'missing_information',
              documents: [
                { id: 'doc-0', sha256: '0'.repeat(64), decision: 'returned' },
                { id: 'doc-1', sha256: '1'.repeat(64), decision: 'returned' },
              ],
            },
          },
        ],
        effects: [{ type: 'announce', kind: 'filing.returned' }],
      });
    });

    it('takes no notice of per-document decisions sent along', () => {
      const d = ok(review({ action: 'return', reasonCode: 'illegible', documents: [reject('doc-0'), accept('doc-1')] }));
      expect([d.documents, d.effects]).toEqual([[], [{ type: 'announce', kind: 'filing.returned' }]]);
    });

    it.each([
      ['without a reason', null, 'filing.reason_required'],
      ['with an empty reason', '', 'filing.reason_required'],
      ['with a code the court does not have', 'not_a_code', 'filing.unknown_reason_code'],
      ['with a code the court keeps for rejections', 'duplicate', 'filing.unknown_reason_code'],
    ])('refuses a return %s', (_, reasonCode, code) => {
      expect(refusal(review({ action: 'return', reasonCode }))).toBe(code);
    });
  });

  describe('rejecting the whole filing', () => {
    it('rejects every document with the filing’s reason and note', () => {
      const d = ok(review({ action: 'reject', reasonCode: 'duplicate', note: 'Filed twice.' }, { documentCount: 3 }));
      expect(d.changes).toMatchObject({ status: 'rejected', reasonCode: 'duplicate', reasonNote: 'Filed twice.', claimedBy: null });
      expect(d.documents).toEqual(
        ['doc-0', 'doc-1', 'doc-2'].map((documentId) => ({
          documentId,
          reviewStatus: 'rejected',
          reasonCode: 'duplicate',
          reasonNote: 'Filed twice.',
        })),
      );
      expect(d.events[1]).toMatchObject({
        action: 'filing.rejected',
        data: { reasonCode: 'duplicate', documents: [{ decision: 'reject' }, { decision: 'reject' }, { decision: 'reject' }] },
      });
      expect(d.effects).toEqual([{ type: 'announce', kind: 'filing.rejected' }]);
    });

    it.each([
      ['without a reason', null, 'filing.reason_required'],
      ['with a code the court does not have', 'not_a_code', 'filing.unknown_reason_code'],
      ['with a code the court keeps for returns', 'missing_information', 'filing.unknown_reason_code'],
    ])('refuses a rejection %s', (_, reasonCode, code) => {
      expect(refusal(review({ action: 'reject', reasonCode }))).toBe(code);
    });

    it('takes the reason codes from the court’s own policy', () => {
      const own: CourtFilingPolicy = { ...policy, reasonCodes: [{ code: 'late', label: 'Late', appliesTo: ['reject'] }] };
      expect(ok(review({ action: 'reject', reasonCode: 'late' }, { policy: own })).changes.status).toBe('rejected');
      expect(refusal(review({ action: 'reject', reasonCode: 'duplicate' }, { policy: own }))).toBe('filing.unknown_reason_code');
      expect(refusal(review({ action: 'return', reasonCode: 'late' }, { policy: own }))).toBe('filing.unknown_reason_code');
    });
  });

  describe('accepting: every document decided exactly once', () => {
    it.each([
      ['one document left out', [accept('doc-0')]],
      ['one document decided twice', [accept('doc-0'), accept('doc-1'), reject('doc-1')]],
      ['a document of another filing', [accept('doc-0'), accept('doc-1'), accept('doc-9')]],
      ['a document swapped for another filing’s', [accept('doc-0'), accept('doc-9')]],
      ['no decisions at all', []],
    ])('refuses %s', (_, documents) => {
      expect(refusal(review({ action: 'accept', documents }))).toBe('filing.document_decisions_incomplete');
    });

    it.each([
      ['without a reason', null, 'filing.reason_required'],
      ['with a code the court does not have', 'not_a_code', 'filing.unknown_reason_code'],
      ['with a code the court keeps for returns', 'missing_attachment', 'filing.unknown_reason_code'],
    ])('refuses a rejected document %s', (_, reasonCode, code) => {
      expect(refusal(review({ action: 'accept', documents: [accept('doc-0'), reject('doc-1', reasonCode)] }))).toBe(code);
    });

    it('refuses an attachment accepted when its lead document is rejected', () => {
      expect(refusal(review({ action: 'accept', documents: [reject('doc-0'), accept('doc-1')] }))).toBe('filing.lead_rejected');
    });

    it('refuses an acceptance that accepts nothing: that is a rejection', () => {
      expect(refusal(review({ action: 'accept', documents: [reject('doc-0'), reject('doc-1')] }))).toBe('filing.nothing_accepted');
    });

    it('checks completeness first, then the reasons, then the lead', () => {
      expect(refusal(review({ action: 'accept', documents: [reject('doc-0', null)] }))).toBe('filing.document_decisions_incomplete');
      expect(refusal(review({ action: 'accept', documents: [reject('doc-0', null), accept('doc-1')] }))).toBe('filing.reason_required');
      // The first rejected document without a good reason is the one named.
      const d = review({ action: 'accept', documents: [reject('doc-0', 'nope'), reject('doc-1', 'nada')] });
      expect(d).toMatchObject({ ok: false, error: { code: 'filing.unknown_reason_code', details: { reasonCode: 'nope' } } });
    });

    it('takes no filing-level reason for an acceptance', () => {
      const d = ok(review({ action: 'accept', reasonCode: 'duplicate', note: 'Fine.', documents: [accept('doc-0'), accept('doc-1')] }));
      expect(d.changes).toMatchObject({ reasonCode: null, reasonNote: 'Fine.' });
      expect(d.events[0]).toMatchObject({ reasonCode: null, note: 'Fine.' });
      expect(d.events[1]).toMatchObject({ data: { reasonCode: null } });
    });
  });

  describe('accepting a filing into an existing case', () => {
    it('dockets every accepted document, in the filing’s order, and accepts the filing', () => {
      const documents = newDocuments(3).reverse();
      const d = ok(
        review(
          { action: 'accept', note: 'All good.', documents: [accept('doc-2', 'sealed part'), accept('doc-0'), accept('doc-1')] },
          { documents },
        ),
      );
      expect(d.changes).toEqual({
        status: 'accepted',
        claimedBy: null,
        claimExpiresAt: null,
        decidedBy: 'clerk',
        decidedAt: NOW,
        reasonCode: null,
        reasonNote: 'All good.',
      });
      expect(d.documents).toEqual([
        { documentId: 'doc-0', reviewStatus: 'accepted', reasonCode: null, reasonNote: null },
        { documentId: 'doc-1', reviewStatus: 'accepted', reasonCode: null, reasonNote: null },
        { documentId: 'doc-2', reviewStatus: 'accepted', reasonCode: null, reasonNote: 'sealed part' },
      ]);
      expect(d.effects).toEqual([
        {
          type: 'addDocketEntry',
          documentId: 'doc-0',
          entryType: 'motion',
          summary: 'Motion to adjourn — Lead',
          confidentiality: 'public',
          filedAt: RECEIVED,
          enteredBy: 'clerk',
        },
        {
          type: 'addDocketEntry',
          documentId: 'doc-1',
          entryType: 'attachment',
          summary: 'Attachment 1 to Motion to adjourn — Exhibit 1',
          confidentiality: 'public',
          filedAt: RECEIVED,
          enteredBy: 'clerk',
        },
        {
          type: 'addDocketEntry',
          documentId: 'doc-2',
          entryType: 'attachment',
          summary: 'Attachment 2 to Motion to adjourn — Exhibit 2',
          confidentiality: 'sealed',
          filedAt: RECEIVED,
          enteredBy: 'clerk',
        },
        { type: 'announce', kind: 'filing.accepted' },
      ]);
      expect(d.events).toEqual([
        { type: 'status_changed', action: 'accepted', from: 'under_review', to: 'accepted', reasonCode: null, note: 'All good.' },
        {
          type: 'audited',
          action: 'filing.accepted',
          data: {
            reasonCode: null,
            documents: [0, 1, 2].map((i) => ({ id: `doc-${i}`, sha256: `${i}`.repeat(64), decision: 'accept' })),
          },
        },
      ]);
    });

    it('partially accepts: rejected documents keep their own reason and stay off the docket', () => {
      const d = ok(
        review(
          { action: 'accept', documents: [accept('doc-0'), reject('doc-1', 'illegible', 'Page 2 is blank.'), accept('doc-2')] },
          { documentCount: 3 },
        ),
      );
      expect(d.changes.status).toBe('partially_accepted');
      expect(d.documents[1]).toEqual({
        documentId: 'doc-1',
        reviewStatus: 'rejected',
        reasonCode: 'illegible',
        reasonNote: 'Page 2 is blank.',
      });
      expect(d.effects.map((e) => (e.type === 'addDocketEntry' ? e.documentId : e.type))).toEqual(['doc-0', 'doc-2', 'announce']);
      expect(d.effects.at(-1)).toEqual({ type: 'announce', kind: 'filing.partially_accepted' });
      expect(d.events[1]).toMatchObject({
        action: 'filing.partially_accepted',
        data: { documents: [{ decision: 'accept' }, { decision: 'reject' }, { decision: 'accept' }] },
      });
    });

    it('writes the case’s protected people into the docket by pseudonym, and opens no case', () => {
      const d = ok(
        review(
          { action: 'accept', documents: [accept('doc-0')] },
          {
            filing: newFiling({ ...claimedBy('clerk'), title: 'Statement of Amira Haddad' }),
            documentCount: 1,
            caseProtectedNames: [{ fullName: 'Amira Haddad', pseudonym: 'V-1' }],
          },
        ),
      );
      expect(d.effects).toEqual([
        expect.objectContaining({ type: 'addDocketEntry', summary: 'Statement of V-1 — Lead' }),
        { type: 'announce', kind: 'filing.accepted' },
      ]);
    });

    it('cuts a docket summary to the docket’s 2,000 characters', () => {
      const d = ok(
        review(
          { action: 'accept', documents: [accept('doc-0')] },
          { filing: newFiling({ ...claimedBy('clerk'), title: 'x'.repeat(2500) }), documentCount: 1 },
        ),
      );
      expect(d.effects[0]).toMatchObject({ summary: 'x'.repeat(2000) });
    });
  });

  describe('accepting an opening filing opens its case', () => {
    const opening = (over: Partial<FilingUnderReview> = {}) => newOpeningFiling({ ...claimedBy('clerk'), ...over });

    it('opens the case with the proposed parties, the filer linked as party or counsel, before docketing into it', () => {
      const d = ok(review({ action: 'accept', documents: [accept('doc-0'), accept('doc-1')] }, { filing: opening(), parties: PARTIES }));
      expect(d.effects[0]).toEqual({
        type: 'openCase',
        command: {
          courtId: 'court',
          caseType: 'family',
          title: 'Aziz v. Nassar (for V-1)',
          confidentiality: 'confidential',
          urgent: true,
          assignedJudgeId: null,
          openedAt: NOW,
          parties: [
            { partyRole: 'victim', fullName: 'Amira Haddad', isProtected: true, pseudonym: 'V-1', userId: null, counselUserId: 'filer' },
            { partyRole: 'respondent', fullName: 'Karim Nassar', isProtected: false, pseudonym: null, userId: null, counselUserId: null },
            {
              partyRole: 'petitioner',
              fullName: 'Layla Aziz',
              isProtected: false,
              pseudonym: null,
              userId: 'filer',
              counselUserId: null,
            },
          ],
        },
      });
      expect(d.effects.slice(1)).toEqual([
        expect.objectContaining({ type: 'addDocketEntry', documentId: 'doc-0', entryType: 'petition', summary: 'Petition for V-1 — Lead' }),
        expect.objectContaining({ type: 'addDocketEntry', documentId: 'doc-1', entryType: 'attachment' }),
        { type: 'announce', kind: 'filing.accepted' },
      ]);
    });

    it('masks only the filing’s own protected parties, not a case’s it has none of', () => {
      const d = ok(
        review(
          { action: 'accept', documents: [accept('doc-0')] },
          {
            filing: opening({ title: 'About Karim Nassar' }),
            parties: PARTIES,
            documentCount: 1,
            caseProtectedNames: [{ fullName: 'Karim Nassar', pseudonym: 'W-9' }],
          },
        ),
      );
      expect(d.effects[1]).toMatchObject({ summary: 'About Karim Nassar — Lead' });
    });

    it('cuts the case title to 300 characters', () => {
      const d = ok(
        review(
          { action: 'accept', documents: [accept('doc-0')] },
          { filing: opening({ newCaseTitle: 'T'.repeat(400) }), parties: PARTIES, documentCount: 1 },
        ),
      );
      expect(d.effects[0]).toMatchObject({ command: { title: 'T'.repeat(300) } });
    });

    it.each([
      ['rejected', 'reject' as const, 'illegible'],
      ['returned', 'return' as const, 'missing_information'],
    ])('opens no case when %s', (_, action, reasonCode) => {
      const d = ok(review({ action, reasonCode }, { filing: opening(), parties: PARTIES }));
      expect(d.effects.map((e) => e.type)).toEqual(['announce']);
    });
  });

  describe('every status', () => {
    const decide: Record<string, (filing: FilingUnderReview) => FilingReviewDecision> = {
      claim: (filing) => decideClaim({ reviewer: clerk, filing, claimMinutes: 30, now: NOW }),
      release: (filing) => decideRelease({ reviewer: clerk, filing, now: NOW }),
      review: (filing) => review({ action: 'return', reasonCode: 'illegible' }, { filing }),
    };
    const onFiling = (status: FilingStatus) => newFiling(status === 'under_review' ? claimedBy('clerk') : { status });

    it.each(FILING_STATUSES)('answers each step on a filing %s as the rules say', (status) => {
      const outcome = Object.fromEntries(
        Object.entries(decide).map(([step, run]) => {
          const d = run(onFiling(status));
          return [step, d.ok ? d.changes.status : d.error.code];
        }),
      );
      const expected: Record<FilingStatus, Record<string, string>> = {
        submitted: { claim: 'under_review', release: 'filing.not_claimed', review: 'filing.not_claimed' },
        under_review: { claim: 'under_review', release: 'submitted', review: 'returned' },
        accepted: { claim: 'filing.already_decided', release: 'filing.already_decided', review: 'filing.already_decided' },
        partially_accepted: { claim: 'filing.already_decided', release: 'filing.already_decided', review: 'filing.already_decided' },
        rejected: { claim: 'filing.already_decided', release: 'filing.already_decided', review: 'filing.already_decided' },
        returned: { claim: 'filing.already_decided', release: 'filing.already_decided', review: 'filing.already_decided' },
      };
      expect(outcome).toEqual(expected[status]);
    });
  });
});
