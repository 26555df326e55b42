import { ManualClock } from '@ejustice/platform';
import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCase,
  createCourt,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';
import { freshStorageDir, makePdf, openingMetadata, submitFiling } from './filing-support';

describe('clerk review queue, claims and decisions (e2e)', () => {
  let api: RunningApi;
  const clock = new ManualClock(new Date());
  let courtId: string;
  let courtCode: string;
  let filer: TestUser;
  let clerkA: TestUser;
  let clerkB: TestUser;
  let otherCourtClerk: TestUser;
  const tokens: Record<string, string> = {};

  async function file(meta: Record<string, unknown>): Promise<{ filingId: string; documents: { id: string }[] }> {
    const documents = (meta.documents as unknown[]).length;
    const files = await Promise.all(Array.from({ length: documents }, async (_, i) => ({ name: `doc-${i}.pdf`, bytes: await makePdf() })));
    const res = await submitFiling(api.baseUrl, tokens[filer.id], meta, files);
    if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    api = await startApiServer({ clock, env: { STORAGE_DIR: freshStorageDir('review') } });
    const court = await createCourt();
    courtId = court.id;
    courtCode = court.code;
    filer = await createUser({ roles: ['counsel'], courtId });
    clerkA = await createUser({ roles: ['clerk'], courtId });
    clerkB = await createUser({ roles: ['clerk'], courtId });
    otherCourtClerk = await createUser({ roles: ['clerk'] });
    for (const u of [filer, clerkA, clerkB, otherCourtClerk]) tokens[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('lists urgent filings first, then the oldest, and filters by type, urgency, age and status', async () => {
    const ordinaryOld = await file(openingMetadata({ newCase: openingCase(), title: 'ordinary old' }));
    clock.advance(60_000);
    const ordinaryNew = await file(openingMetadata({ newCase: openingCase(), title: 'ordinary new' }));
    clock.advance(60_000);
    const urgentNew = await file(openingMetadata({ newCase: openingCase(), title: 'urgent new', urgency: ['child_victim'] }));
    clock.advance(60_000);
    const queue = await http(api.baseUrl, 'GET', '/api/filings/queue?limit=200', { token: tokens[clerkA.id] });
    expect(queue.status).toBe(200);
    const ids = queue.body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(urgentNew.filingId)).toBeLessThan(ids.indexOf(ordinaryOld.filingId));
    expect(ids.indexOf(ordinaryOld.filingId)).toBeLessThan(ids.indexOf(ordinaryNew.filingId));
    expect(queue.body.items.find((i: { id: string }) => i.id === urgentNew.filingId)).toMatchObject({
      urgent: true,
      urgencyGrounds: ['child_victim'],
      documentCount: 1,
      claim: null,
    });

    const urgentOnly = await http(api.baseUrl, 'GET', '/api/filings/queue?urgent=true', { token: tokens[clerkA.id] });
    expect(urgentOnly.body.items.every((i: { urgent: boolean }) => i.urgent)).toBe(true);
    const old = await http(api.baseUrl, 'GET', '/api/filings/queue?minAgeMinutes=3', { token: tokens[clerkA.id] });
    expect(old.body.items.map((i: { id: string }) => i.id)).toContain(ordinaryOld.filingId);
    expect(old.body.items.map((i: { id: string }) => i.id)).not.toContain(urgentNew.filingId);
    const emptyFilters = await http(api.baseUrl, 'GET', '/api/filings/queue?status=&filingType=&urgent=&minAgeMinutes=&limit=200', {
      token: tokens[clerkA.id],
    });
    expect(emptyFilters.body.items.map((i: { id: string }) => i.id)).toEqual(ids);
    expect((await http(api.baseUrl, 'GET', '/api/filings/queue?status=lost', { token: tokens[clerkA.id] })).body.code).toBe(
      'validation_failed',
    );
    const motions = await http(api.baseUrl, 'GET', '/api/filings/queue?filingType=motion', { token: tokens[clerkA.id] });
    expect(motions.body.items).toEqual([]);
    // Another court's clerk sees none of it, and a filer cannot see the queue at all.
    const other = await http(api.baseUrl, 'GET', '/api/filings/queue?limit=200', { token: tokens[otherCourtClerk.id] });
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(ordinaryOld.filingId);
    expect((await http(api.baseUrl, 'GET', `/api/filings/queue?courtId=${courtId}`, { token: tokens[otherCourtClerk.id] })).status).toBe(
      403,
    );
    expect((await http(api.baseUrl, 'GET', '/api/filings/queue', { token: tokens[filer.id] })).status).toBe(403);
  });

  it('lets exactly one of two clerks claiming at the same time review a filing', async () => {
    for (let round = 0; round < 5; round++) {
      const f = await file(openingMetadata({ newCase: openingCase() }));
      const [a, b] = await Promise.all([
        http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/claim`, { token: tokens[clerkA.id] }),
        http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/claim`, { token: tokens[clerkB.id] }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe('filing.claimed_by_other');
      const { rows } = await testDb().query(`SELECT action FROM filing_status_history WHERE filing_id = $1 ORDER BY seq`, [f.filingId]);
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['submitted', 'claimed']);
    }
  });

  it('returns a filing to the queue when the claim lapses, and refuses the lapsed clerk’s decision', async () => {
    const f = await file(openingMetadata({ newCase: openingCase() }));
    const claimed = await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/claim`, { token: tokens[clerkA.id] });
    expect(claimed.body.claim).toMatchObject({ claimedBy: { id: clerkA.id }, mine: true });
    expect((await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/claim`, { token: tokens[clerkB.id] })).status).toBe(409);
    clock.advance(31 * 60_000);
    const takeover = await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/claim`, { token: tokens[clerkB.id] });
    expect(takeover.status).toBe(200);
    expect(takeover.body.claim.claimedBy.id).toBe(clerkB.id);
    const late = await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/review`, {
      token: tokens[clerkA.id],
      body: { action: 'return', reasonCode: 'missing_information', note: 'x' },
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('filing.not_claimed');
    const { rows } = await testDb().query(
      `SELECT data FROM audit_events WHERE subject_id = $1 AND action = 'filing.claimed' ORDER BY seq`,
      [f.filingId],
    );
    expect(rows[1].data).toMatchObject({ lapsedClaimOf: clerkA.id });
  });

  it('accepts an opening filing: opens the case with the next number and dockets each accepted document', async () => {
    const f = await file(openingMetadata({ newCase: { ...openingCase(), caseType: 'family' }, title: 'Custody petition' }, 3));
    await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/claim`, { token: tokens[clerkA.id] });
    const res = await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/review`, {
      token: tokens[clerkA.id],
      body: {
        action: 'accept',
        documents: [
          { documentId: f.documents[0].id, decision: 'accept' },
          { documentId: f.documents[1].id, decision: 'reject', reasonCode: 'illegible', note: 'Page 2 is blank.' },
          { documentId: f.documents[2].id, decision: 'accept' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const year = new Date().getUTCFullYear();
    expect(res.body.status).toBe('partially_accepted');
    expect(res.body.caseNumber).toMatch(new RegExp(`^${courtCode}-FAM-${year}-\\d{6}$`));
    expect(res.body.documents.map((d: { reviewStatus: string; docketEntry: unknown }) => [d.reviewStatus, d.docketEntry === null])).toEqual(
      [
        ['accepted', false],
        ['rejected', true],
        ['accepted', false],
      ],
    );
    expect(res.body.documents.map((d: { docketEntry: { seq: number } | null }) => d.docketEntry?.seq ?? null)).toEqual([1, null, 2]);
    const docket = await http(api.baseUrl, 'GET', `/api/cases/${res.body.caseId}/docket`, { token: tokens[filer.id] });
    expect(docket.body.entries.map((e: { seq: number; entryType: string }) => [e.seq, e.entryType])).toEqual([
      [1, 'petition'],
      [2, 'attachment'],
    ]);
    expect(docket.body.entries[0].documents[0].id).toBe(f.documents[0].id);
    // The filer is a party (counsel) of the new case, and sees it in the case list.
    const cases = await http(api.baseUrl, 'GET', '/api/cases', { token: tokens[filer.id] });
    expect(cases.body.items.map((c: { id: string }) => c.id)).toContain(res.body.caseId);
    // History and audit: one row and one event per step, in the same transaction as the change.
    const history = await http(api.baseUrl, 'GET', `/api/filings/${f.filingId}/history`, { token: tokens[filer.id] });
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['submitted', 'claimed', 'partially_accepted']);
    const { rows } = await testDb().query(`SELECT action FROM audit_events WHERE case_id = $1 OR subject_id = $2 ORDER BY seq`, [
      res.body.caseId,
      f.filingId,
    ]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual([
      'filing.submitted',
      'filing.claimed',
      'case.opened',
      'docket.entry_added',
      'docket.entry_added',
      'filing.partially_accepted',
    ]);
    // A decided filing cannot be decided again.
    const again = await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/claim`, { token: tokens[clerkA.id] });
    expect(again.body.code).toBe('filing.already_decided');
  });

  it('rejects and returns with reason codes from the court’s list, and refuses unknown ones without changing anything', async () => {
    const c = await createCase({ courtId, parties: [{ partyRole: 'plaintiff', fullName: 'Plaintiff P', counselUserId: filer.id }] });
    const motion = await file({
      filingType: 'motion',
      caseId: c.id,
      title: 'Motion',
      confidentiality: 'public',
      documents: [{ title: 'Motion' }],
    });
    await http(api.baseUrl, 'POST', `/api/filings/${motion.filingId}/claim`, { token: tokens[clerkB.id] });
    const unknown = await http(api.baseUrl, 'POST', `/api/filings/${motion.filingId}/review`, {
      token: tokens[clerkB.id],
      body: { action: 'reject', reasonCode: 'not_a_code' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('filing.unknown_reason_code');
    const wrongAction = await http(api.baseUrl, 'POST', `/api/filings/${motion.filingId}/review`, {
      token: tokens[clerkB.id],
      body: { action: 'return', reasonCode: 'duplicate' },
    });
    expect(wrongAction.body.code).toBe('filing.unknown_reason_code');
    const noReason = await http(api.baseUrl, 'POST', `/api/filings/${motion.filingId}/review`, {
      token: tokens[clerkB.id],
      body: { action: 'reject' },
    });
    expect(noReason.body.code).toBe('filing.reason_required');
    expect((await testDb().query(`SELECT status FROM filings WHERE id = $1`, [motion.filingId])).rows[0].status).toBe('under_review');
    const returned = await http(api.baseUrl, 'POST', `/api/filings/${motion.filingId}/review`, {
      token: tokens[clerkB.id],
      body: { action: 'return', reasonCode: 'missing_attachment', note: 'Attach the expert report.' },
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      decision: { reasonCode: 'missing_attachment', note: 'Attach the expert report.', decidedBy: { id: clerkB.id } },
    });
    expect((await http(api.baseUrl, 'GET', `/api/cases/${c.id}/docket`, { token: tokens[filer.id] })).body.entries).toEqual([]);

    const dup = await file({
      filingType: 'motion',
      caseId: c.id,
      title: 'Motion again',
      confidentiality: 'public',
      documents: [{ title: 'Motion' }],
    });
    await http(api.baseUrl, 'POST', `/api/filings/${dup.filingId}/claim`, { token: tokens[clerkB.id] });
    const rejected = await http(api.baseUrl, 'POST', `/api/filings/${dup.filingId}/review`, {
      token: tokens[clerkB.id],
      body: { action: 'reject', reasonCode: 'duplicate' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', documents: [{ reviewStatus: 'rejected', reasonCode: 'duplicate' }] });
  });

  it('refuses inconsistent per-document decisions', async () => {
    const f = await file(openingMetadata({ newCase: openingCase() }, 2));
    await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/claim`, { token: tokens[clerkA.id] });
    const leadRejected = await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/review`, {
      token: tokens[clerkA.id],
      body: {
        action: 'accept',
        documents: [
          { documentId: f.documents[0].id, decision: 'reject', reasonCode: 'illegible' },
          { documentId: f.documents[1].id, decision: 'accept' },
        ],
      },
    });
    expect(leadRejected.body.code).toBe('filing.lead_rejected');
    const incomplete = await http(api.baseUrl, 'POST', `/api/filings/${f.filingId}/review`, {
      token: tokens[clerkA.id],
      body: { action: 'accept', documents: [{ documentId: f.documents[0].id, decision: 'accept' }] },
    });
    expect(incomplete.body.code).toBe('filing.document_decisions_incomplete');
    expect(
      (await testDb().query(`SELECT count(*)::int AS n FROM cases c JOIN filings f ON f.case_id = c.id WHERE f.id = $1`, [f.filingId]))
        .rows[0].n,
    ).toBe(0);
  });

  function openingCase() {
    return {
      caseType: 'civil',
      title: 'Civil matter',
      confidentiality: 'public',
      parties: [{ partyRole: 'plaintiff', fullName: 'Plaintiff Q', representedByFiler: true }],
    };
  }
});
