import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, ManualClock } from '@ejustice/platform';
import { ClaimFiling, NotificationDispatcher, ReleaseFiling, ReviewFiling } from '@ejustice/filing';
import { type TestUser, closeTestDb, createCourt, createUser, testConfig, testDb } from '@ejustice/testing';
import { filingLibModule } from './filing-lib-module';

/*
 * The review use cases against the real PostgreSQL with the real migrations, called directly:
 * what only a database can show (row locks that make concurrent claims queue, a refusal that
 * leaves nothing behind, a decision and its audit event committed as one transaction). The rules
 * themselves are the domain's unit tests (libs/filing/src/domain/filing-review.spec.ts); the HTTP
 * answers are test/e2e/filing/review.e2e-spec.ts.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds; the bound only proves that nothing hung. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function principal(u: TestUser): UserPrincipal {
  return { kind: 'user', userId: u.id, courtId: u.courtId, roles: u.roles, sessionId: randomUUID() };
}

interface ArrangedFiling {
  id: string;
  documentIds: string[];
}

/**
 * A filing as a submission leaves it, put straight into the database (arranging is not a court
 * action): a subsequent filing into `caseId`, or an opening filing proposing a protected victim.
 */
async function arrangeFiling(over: { courtId: string; filerId: string; caseId?: string; documents?: number }): Promise<ArrangedFiling> {
  const opening = !over.caseId;
  const { rows } = await testDb().query(
    `INSERT INTO filings (court_id, filer_user_id, filing_type, opens_case, case_id, new_case_type, new_case_title,
       new_case_confidentiality, title, confidentiality, urgent, status, received_at, idempotency_key, request_hash,
       fee_amount, fee_currency, fee_waived)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'public', false, 'submitted', now(), $10, $11, 0, 'EUR', false)
     RETURNING id`,
    [
      over.courtId,
      over.filerId,
      opening ? 'petition' : 'motion',
      opening,
      over.caseId ?? null,
      opening ? 'civil' : null,
      opening ? 'Aziz v. Nassar (for Amira Haddad)' : null,
      opening ? 'public' : null,
      opening ? 'Petition for Amira Haddad' : 'Motion',
      randomUUID(),
      createHash('sha256').update(randomUUID()).digest('hex'),
    ],
  );
  const filingId: string = rows[0].id;
  const documentIds: string[] = [];
  for (let position = 0; position < (over.documents ?? 2); position++) {
    const sha = createHash('sha256').update(randomBytes(16)).digest('hex');
    await testDb().query(`INSERT INTO document_blobs (sha256, size_bytes, page_count, storage_key) VALUES ($1, 100, 1, $2)`, [
      sha,
      `documents/${sha.slice(0, 2)}/${sha}`,
    ]);
    const doc = await testDb().query(
      `INSERT INTO filing_documents (filing_id, position, title, file_name, sha256, size_bytes, page_count, confidentiality)
       VALUES ($1, $2, $3, $4, $5, 100, 1, 'public') RETURNING id`,
      [filingId, position, position === 0 ? 'Lead' : `Exhibit ${position}`, `doc-${position}.pdf`, sha],
    );
    documentIds.push(doc.rows[0].id);
  }
  if (opening) {
    await testDb().query(
      `INSERT INTO filing_parties (filing_id, position, party_role, full_name, is_protected, pseudonym, is_filer, represented_by_filer)
       VALUES ($1, 0, 'victim', 'Amira Haddad', true, 'V-1', false, true), ($1, 1, 'respondent', 'Karim Nassar', false, NULL, false, false)`,
      [filingId],
    );
  }
  await testDb().query(
    `INSERT INTO filing_status_history (filing_id, seq, action, from_status, to_status, actor_user_id, occurred_at)
     VALUES ($1, 1, 'submitted', NULL, 'submitted', $2, now())`,
    [filingId, over.filerId],
  );
  return { id: filingId, documentIds };
}

/** Everything a review step may write, for one filing: a refused step must leave all of it as it was. */
async function footprint(filingId: string, courtId: string) {
  const q = async (sql: string, params: unknown[]) => (await testDb().query(sql, params)).rows;
  return {
    filing: await q(
      `SELECT status, case_id, claimed_by, claim_expires_at, decided_by, decided_at, reason_code, reason_note FROM filings WHERE id = $1`,
      [filingId],
    ),
    documents: await q(
      `SELECT id, review_status, reason_code, reason_note, docket_entry_id FROM filing_documents WHERE filing_id = $1 ORDER BY position`,
      [filingId],
    ),
    history: await q(`SELECT seq, action FROM filing_status_history WHERE filing_id = $1 ORDER BY seq`, [filingId]),
    audit: await q(`SELECT seq, action FROM audit_events WHERE subject_id = $1 OR court_id = $2 ORDER BY seq`, [filingId, courtId]),
    notifications: await q(`SELECT id FROM notification_events WHERE filing_id = $1`, [filingId]),
    cases: await q(`SELECT id FROM cases WHERE court_id = $1 ORDER BY id`, [courtId]),
    docket: await q(`SELECT d.id FROM docket_entries d JOIN cases c ON c.id = d.case_id WHERE c.court_id = $1 ORDER BY d.id`, [courtId]),
  };
}

describe('filing review use cases (integration: real PostgreSQL, called directly)', () => {
  const clock = new ManualClock(new Date());
  const dispatched: string[] = [];
  let moduleRef: TestingModule;
  let claim: ClaimFiling;
  let release: ReleaseFiling;
  let review: ReviewFiling;
  let audit: AuditLog;
  let courtId: string;
  let filer: TestUser;
  let clerks: TestUser[];

  beforeAll(async () => {
    const config = testConfig();
    // The filing lib as the api composes it, without the HTTP layer; notifications are recorded
    // instead of queued, so the test sees what a decision announces and when.
    moduleRef = await filingLibModule(config)
      .overrideProvider(Clock)
      .useValue(clock)
      .overrideProvider(NotificationDispatcher)
      .useValue({ dispatch: async (eventId: string) => void dispatched.push(eventId) })
      .compile();
    await moduleRef.init();
    claim = moduleRef.get(ClaimFiling);
    release = moduleRef.get(ReleaseFiling);
    review = moduleRef.get(ReviewFiling);
    audit = moduleRef.get(AuditLog);
    courtId = (await createCourt()).id;
    filer = await createUser({ roles: ['counsel'], courtId });
    clerks = await Promise.all([0, 1, 2, 3].map(() => createUser({ roles: ['clerk'], courtId })));
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await moduleRef?.close();
    await closeTestDb();
  });

  it('lets exactly one of four clerks claiming at the same instant have the filing; the others are refused and write nothing', async () => {
    for (let round = 0; round < 3; round++) {
      const f = await arrangeFiling({ courtId, filerId: filer.id });
      // Hold the filing's row, so that all four claims are inside their transactions, queued on
      // the same lock, before any of them may decide: a real race, every round.
      const holder = await testDb().connect();
      let outcomes: PromiseSettledResult<unknown>[];
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM filings WHERE id = $1 FOR UPDATE', [f.id]);
        const racing = Promise.allSettled(clerks.map((c) => claim.execute({ clerk: principal(c), filingId: f.id })));
        await until('the four claims to queue on the filing’s row lock', async () => {
          // Asked on another connection: inside a transaction, pg_stat_activity keeps its first snapshot.
          const { rows } = await testDb().query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          return rows[0].n === clerks.length;
        });
        await holder.query('COMMIT');
        outcomes = await racing;
      } finally {
        await holder.query('ROLLBACK');
        holder.release();
      }
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((o) => o.reason.code)).toEqual(['filing.claimed_by_other', 'filing.claimed_by_other', 'filing.claimed_by_other']);
      const winner = clerks[outcomes.findIndex((o) => o.status === 'fulfilled')];
      const { rows } = await testDb().query(`SELECT status, claimed_by FROM filings WHERE id = $1`, [f.id]);
      expect(rows[0]).toEqual({ status: 'under_review', claimed_by: winner.id });
      const after = await footprint(f.id, courtId);
      expect(after.history.map((h) => h.action)).toEqual(['submitted', 'claimed']);
      const claims = await testDb().query(`SELECT actor_id FROM audit_events WHERE subject_id = $1 AND action LIKE 'filing.claim%'`, [
        f.id,
      ]);
      expect(claims.rows).toEqual([{ actor_id: winner.id }]);
    }
  });

  it('lets another clerk take over a lapsed claim, and then refuses the lapsed claimant’s release and review', async () => {
    const [a, b] = clerks;
    const f = await arrangeFiling({ courtId, filerId: filer.id });
    await claim.execute({ clerk: principal(a), filingId: f.id });
    await expect(claim.execute({ clerk: principal(b), filingId: f.id })).rejects.toMatchObject({ code: 'filing.claimed_by_other' });

    clock.advance(31 * 60_000);
    const taken = await claim.execute({ clerk: principal(b), filingId: f.id });
    expect({ claimedBy: taken.claimedBy, expiresAt: taken.claimExpiresAt }).toEqual({
      claimedBy: b.id,
      expiresAt: new Date(clock.now().getTime() + 30 * 60_000),
    });
    const before = await footprint(f.id, courtId);
    await expect(release.execute({ clerk: principal(a), filingId: f.id })).rejects.toMatchObject({ code: 'filing.not_claimed' });
    await expect(
      review.execute({ clerk: principal(a), filingId: f.id, action: 'return', documents: [], reasonCode: 'illegible', note: null }),
    ).rejects.toMatchObject({ code: 'filing.not_claimed' });
    expect(await footprint(f.id, courtId)).toEqual(before);

    const { rows } = await testDb().query(
      `SELECT action, actor_id, data FROM audit_events WHERE subject_id = $1 AND action LIKE 'filing.claim%' ORDER BY seq`,
      [f.id],
    );
    expect(rows).toEqual([
      { action: 'filing.claimed', actor_id: a.id, data: { expiresAt: expect.any(String) } },
      { action: 'filing.claimed', actor_id: b.id, data: { expiresAt: taken.claimExpiresAt!.toISOString(), lapsedClaimOf: a.id } },
    ]);
    // The new claimant may give it back; the queue then holds it unclaimed.
    const released = await release.execute({ clerk: principal(b), filingId: f.id });
    expect({ status: released.status, claimedBy: released.claimedBy }).toEqual({ status: 'submitted', claimedBy: null });
  });

  it('leaves nothing written when a review is refused: no status row, no audit event, no case, no docket entry, no notification', async () => {
    const [a, b] = clerks;
    const f = await arrangeFiling({ courtId, filerId: filer.id, documents: 3 });
    await claim.execute({ clerk: principal(a), filingId: f.id });
    const before = await footprint(f.id, courtId);
    const announced = dispatched.length;
    const [lead, second, third] = f.documentIds;
    const refused: [string, Parameters<ReviewFiling['execute']>[0]][] = [
      [
        'filing.lead_rejected',
        {
          clerk: principal(a),
          filingId: f.id,
          action: 'accept',
          reasonCode: null,
          note: null,
          documents: [
            { documentId: lead, decision: 'reject', reasonCode: 'illegible', note: null },
            { documentId: second, decision: 'accept', reasonCode: null, note: null },
            { documentId: third, decision: 'accept', reasonCode: null, note: null },
          ],
        },
      ],
      [
        'filing.document_decisions_incomplete',
        {
          clerk: principal(a),
          filingId: f.id,
          action: 'accept',
          reasonCode: null,
          note: null,
          documents: [{ documentId: lead, decision: 'accept', reasonCode: null, note: null }],
        },
      ],
      [
        'filing.unknown_reason_code',
        { clerk: principal(a), filingId: f.id, action: 'reject', documents: [], reasonCode: 'missing_information', note: null },
      ],
      ['filing.reason_required', { clerk: principal(a), filingId: f.id, action: 'return', documents: [], reasonCode: null, note: 'x' }],
      ['filing.not_claimed', { clerk: principal(b), filingId: f.id, action: 'return', documents: [], reasonCode: 'illegible', note: null }],
    ];
    for (const [code, cmd] of refused) {
      await expect(review.execute(cmd)).rejects.toMatchObject({ code });
      expect([code, await footprint(f.id, courtId)]).toEqual([code, before]);
    }
    expect(dispatched).toHaveLength(announced);
  });

  it('rolls back the whole acceptance, the case it opened and its docket entries included, when its audit event cannot be written', async () => {
    const [a] = clerks;
    const f = await arrangeFiling({ courtId, filerId: filer.id });
    await claim.execute({ clerk: principal(a), filingId: f.id });
    const before = await footprint(f.id, courtId);
    const record = audit.record.bind(audit);
    jest.spyOn(audit, 'record').mockImplementation(async (m, entry) => {
      if (entry.action === 'filing.accepted') throw new Error('audit store unavailable');
      return record(m, entry);
    });
    await expect(
      review.execute({
        clerk: principal(a),
        filingId: f.id,
        action: 'accept',
        reasonCode: null,
        note: null,
        documents: f.documentIds.map((documentId) => ({ documentId, decision: 'accept' as const, reasonCode: null, note: null })),
      }),
    ).rejects.toThrow('audit store unavailable');
    expect(await footprint(f.id, courtId)).toEqual(before);
  });

  it('commits an accepted opening filing, its case, its docket entries, its history row, its outbox row and its audit event as one transaction', async () => {
    const [a] = clerks;
    const f = await arrangeFiling({ courtId, filerId: filer.id });
    await claim.execute({ clerk: principal(a), filingId: f.id });
    const decided = await review.execute({
      clerk: principal(a),
      filingId: f.id,
      action: 'accept',
      reasonCode: null,
      note: 'Accepted.',
      documents: [
        { documentId: f.documentIds[0], decision: 'accept', reasonCode: null, note: null },
        { documentId: f.documentIds[1], decision: 'reject', reasonCode: 'illegible', note: 'Blank page.' },
      ],
    });
    expect({ status: decided.status, claimedBy: decided.claimedBy, decidedBy: decided.decidedBy }).toEqual({
      status: 'partially_accepted',
      claimedBy: null,
      decidedBy: a.id,
    });
    const caseId = decided.caseId as string;
    // PostgreSQL stamps each row with the transaction that wrote it (xmin): one stamp for all.
    const { rows } = await testDb().query(
      `SELECT 'filing' AS what, xmin::text AS tx FROM filings WHERE id = $1
       UNION ALL SELECT 'document', xmin::text FROM filing_documents WHERE filing_id = $1
       UNION ALL SELECT 'history:' || action, xmin::text FROM filing_status_history WHERE filing_id = $1 AND action = 'partially_accepted'
       UNION ALL SELECT 'outbox', xmin::text FROM notification_events WHERE filing_id = $1
       UNION ALL SELECT 'case', xmin::text FROM cases WHERE id = $2
       UNION ALL SELECT 'party', xmin::text FROM parties WHERE case_id = $2
       UNION ALL SELECT 'docket', xmin::text FROM docket_entries WHERE case_id = $2
       UNION ALL SELECT 'audit:' || action, xmin::text FROM audit_events WHERE case_id = $2 AND action <> 'filing.claimed'`,
      [f.id, caseId],
    );
    expect(rows.map((r) => r.what).sort()).toEqual(
      [
        'audit:case.opened',
        'audit:docket.entry_added',
        'audit:filing.partially_accepted',
        'case',
        'docket',
        'document',
        'document',
        'filing',
        'history:partially_accepted',
        'outbox',
        'party',
        'party',
      ].sort(),
    );
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);

    // The audit event is the transaction's last word, and the notification goes out after the commit.
    const events = await testDb().query(`SELECT action FROM audit_events WHERE case_id = $1 ORDER BY seq`, [caseId]);
    expect(events.rows.map((e) => e.action)).toEqual(['case.opened', 'docket.entry_added', 'filing.partially_accepted']);
    const outbox = await testDb().query(`SELECT id, kind FROM notification_events WHERE filing_id = $1`, [f.id]);
    expect(outbox.rows).toEqual([{ id: expect.any(String), kind: 'filing.partially_accepted' }]);
    expect(dispatched).toContain(outbox.rows[0].id);
    // The public record names the protected victim by pseudonym only.
    const docket = await testDb().query(`SELECT summary FROM docket_entries WHERE case_id = $1`, [caseId]);
    const title = await testDb().query(`SELECT title FROM cases WHERE id = $1`, [caseId]);
    expect([title.rows[0].title, docket.rows[0].summary]).toEqual(['Aziz v. Nassar (for V-1)', 'Petition for V-1 — Lead']);
  });

  it('commits a claim with its history row and its audit event in one transaction', async () => {
    const f = await arrangeFiling({ courtId, filerId: filer.id });
    await claim.execute({ clerk: principal(clerks[2]), filingId: f.id });
    const { rows } = await testDb().query(
      `SELECT xmin::text AS tx FROM filings WHERE id = $1
       UNION ALL SELECT xmin::text FROM filing_status_history WHERE filing_id = $1 AND action = 'claimed'
       UNION ALL SELECT xmin::text FROM audit_events WHERE subject_id = $1::text AND action = 'filing.claimed'`,
      [f.id],
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
  });
});
