import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseQueries } from '@ejustice/cases';
import type { UserPrincipal } from '@ejustice/identity';
import {
  Filing,
  FilingReceipts,
  type ReceivedSubmission,
  type SubmissionMetadata,
  SubmitFiling,
  type SubmitFilingCommand,
  UploadStaging,
} from '@ejustice/filing';
import { type TestUser, closeTestDb, createCase, createCourt, createUser, testConfig, testDb } from '@ejustice/testing';
import { freshStorageDir, makePdf } from '../../e2e/filing/filing-support';
import { filingLibModule } from './filing-lib-module';

/*
 * SubmitFiling against the real PostgreSQL with the real migrations, called directly: what the
 * one statement that writes a submission must leave (every row, the audit event in the chain, the
 * files in the store), and that the receipt answered at once, built from what was written, is the
 * receipt the rows give (which is what a replay, and the notice of electronic filing, state).
 */

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function principal(u: TestUser): UserPrincipal {
  return { kind: 'user', userId: u.id, courtId: u.courtId, roles: u.roles, sessionId: randomUUID() };
}

describe('SubmitFiling (integration: real PostgreSQL and storage, called directly)', () => {
  let moduleRef: TestingModule;
  let submit: SubmitFiling;
  let receipts: FilingReceipts;
  let staging: UploadStaging;
  let storageDir: string;
  let courtId: string;
  let counsel: TestUser;

  /** A submission as the transport would read it: each PDF staged from a stream, in order. */
  function command(filer: TestUser, metadata: SubmissionMetadata, pdfs: readonly Buffer[], key = randomUUID()): SubmitFilingCommand {
    return {
      filer: principal(filer),
      idempotencyKey: key,
      receive: async (limits, _policy, staged): Promise<ReceivedSubmission> => {
        const files = [];
        for (const [i, pdf] of pdfs.entries()) {
          const file = await staging.stage(
            Readable.from([pdf.subarray(0, 1000), pdf.subarray(1000)]),
            `doc-${i}.pdf`,
            limits.maxDocumentBytes,
          );
          staged.push(file);
          files.push(file);
        }
        return { metadata, files };
      },
    };
  }

  /** The receipt as the rows state it, read back: what a replay and the notice of electronic filing are given. */
  async function reloadedReceipt(filingId: string) {
    return receipts.receiptOf(
      await moduleRef.get<DataSource>(getDataSourceToken()).getRepository(Filing).findOneByOrFail({ id: filingId }),
    );
  }

  beforeAll(async () => {
    storageDir = freshStorageDir('submit-filing');
    const config = testConfig({ STORAGE_DIR: storageDir });
    moduleRef = await filingLibModule(config).compile();
    await moduleRef.init();
    submit = moduleRef.get(SubmitFiling);
    receipts = moduleRef.get(FilingReceipts);
    staging = moduleRef.get(UploadStaging);
    courtId = (await createCourt({ timeZone: 'Africa/Cairo' })).id;
    counsel = await createUser({ roles: ['counsel'], courtId });
  });

  afterAll(async () => {
    await moduleRef?.close();
    await closeTestDb();
  });

  it('writes an opening filing, its parties, documents, blobs, history row and audit event, and answers the receipt its rows give', async () => {
    const lead = await makePdf({ pages: 2 });
    const exhibit = await makePdf({ pages: 1 });
    const metadata: SubmissionMetadata = {
      filingType: 'petition',
      caseId: null,
      newCase: {
        caseType: 'family',
        title: 'Haddad v. Nassar',
        confidentiality: 'confidential',
        parties: [
          {
            partyRole: 'petitioner',
            fullName: 'Amira Haddad',
            isProtected: true,
            pseudonym: null,
            isFiler: false,
            representedByFiler: true,
          },
          {
            partyRole: 'respondent',
            fullName: 'Karim Nassar',
            isProtected: false,
            pseudonym: null,
            isFiler: false,
            representedByFiler: false,
          },
        ],
      },
      title: 'Petition for custody',
      confidentiality: 'confidential',
      urgency: ['custody', 'custody'],
      documents: [
        { title: 'Petition', confidentiality: null },
        { title: 'Birth certificate', confidentiality: 'sealed' },
      ],
    };

    const { receipt, replayed } = await submit.execute(command(counsel, metadata, [lead, exhibit]));

    expect(replayed).toBe(false);
    expect(receipt).toEqual(await reloadedReceipt(receipt.filingId));
    expect(receipt).toMatchObject({ status: 'submitted', opensCase: true, courtId, caseId: null, caseNumber: null });
    expect(receipt.receivedAtCourt.timeZone).toBe('Africa/Cairo');
    const q = async (sql: string) => (await testDb().query(sql, [receipt.filingId])).rows;
    expect(await q(`SELECT urgent, urgency_grounds, new_case_type, request_hash IS NOT NULL AS hashed FROM filings WHERE id = $1`)).toEqual(
      [{ urgent: true, urgency_grounds: ['custody'], new_case_type: 'family', hashed: true }],
    );
    // The protected petitioner gets a pseudonym, as the parties' rules want.
    expect(
      await q(
        `SELECT position, party_role, is_protected, pseudonym IS NOT NULL AS named FROM filing_parties WHERE filing_id = $1 ORDER BY position`,
      ),
    ).toEqual([
      { position: 0, party_role: 'petitioner', is_protected: true, named: true },
      { position: 1, party_role: 'respondent', is_protected: false, named: false },
    ]);
    expect(
      await q(
        `SELECT position, sha256, size_bytes, page_count, confidentiality, review_status FROM filing_documents WHERE filing_id = $1 ORDER BY position`,
      ),
    ).toEqual([
      {
        position: 0,
        sha256: sha(lead),
        size_bytes: String(lead.length),
        page_count: 2,
        confidentiality: 'confidential',
        review_status: 'pending',
      },
      {
        position: 1,
        sha256: sha(exhibit),
        size_bytes: String(exhibit.length),
        page_count: 1,
        confidentiality: 'sealed',
        review_status: 'pending',
      },
    ]);
    expect(await q(`SELECT seq, action, to_status, actor_user_id FROM filing_status_history WHERE filing_id = $1`)).toEqual([
      { seq: 1, action: 'submitted', to_status: 'submitted', actor_user_id: counsel.id },
    ]);
    // The event is in the chain by the time the filer is answered, and nothing waits to be chained.
    expect(await q(`SELECT action, actor_id, court_id FROM audit_events WHERE subject_id = $1`)).toEqual([
      { action: 'filing.submitted', actor_id: counsel.id, court_id: courtId },
    ]);
    expect(await q(`SELECT 1 FROM audit_pending WHERE subject_id = $1`)).toEqual([]);
    for (const pdf of [lead, exhibit]) expect(existsSync(join(storageDir, 'documents', sha(pdf).slice(0, 2), sha(pdf)))).toBe(true);
  });

  it('files into an existing case with the same bytes twice, and answers the receipt its rows give, case number included', async () => {
    const c = await createCase({ courtId, parties: [{ partyRole: 'plaintiff', fullName: 'Sara Mansour', counselUserId: counsel.id }] });
    const pdf = await makePdf({ pages: 3 });
    const metadata: SubmissionMetadata = {
      filingType: 'motion',
      caseId: c.id,
      newCase: null,
      title: 'Motion to adjourn',
      confidentiality: 'public',
      urgency: [],
      documents: [
        { title: 'Motion', confidentiality: null },
        { title: 'The same motion again', confidentiality: null },
      ],
    };
    const key = randomUUID();

    const first = await submit.execute(command(counsel, metadata, [pdf, pdf], key));

    expect(first.receipt).toEqual(await reloadedReceipt(first.receipt.filingId));
    expect(first.receipt).toMatchObject({ caseId: c.id, caseNumber: c.number });
    expect(first.receipt.documents.map((d) => [d.position, d.sha256])).toEqual([
      [0, sha(pdf)],
      [1, sha(pdf)],
    ]);
    expect((await testDb().query(`SELECT count(*)::int AS n FROM document_blobs WHERE sha256 = $1`, [sha(pdf)])).rows).toEqual([{ n: 1 }]);
    // The same submission again is answered from the rows, with the very same receipt.
    const again = await submit.execute(command(counsel, metadata, [pdf, pdf], key));
    expect(again).toEqual({ receipt: first.receipt, replayed: true });
  });

  describe('checking the key and the case while the documents arrive', () => {
    const motionIn = (caseId: string): SubmissionMetadata => ({
      filingType: 'motion',
      caseId,
      newCase: null,
      title: 'Motion for special measures',
      confidentiality: 'public',
      urgency: [],
      documents: [{ title: 'Motion', confidentiality: null }],
    });

    /** The transport as the multipart reader is: the metadata handed over first, then each file staged. */
    function announcing(filer: TestUser, metadata: SubmissionMetadata, pdfs: readonly Buffer[], seen: (when: string) => void) {
      const inner = command(filer, metadata, pdfs);
      return {
        ...inner,
        receive: async (...args: Parameters<SubmitFilingCommand['receive']>) => {
          args[2].metadata?.(metadata);
          seen('metadata');
          return inner.receive(...args);
        },
      };
    }

    afterEach(() => jest.restoreAllMocks());

    it('looks up the case and the key the moment the metadata is in, before the first document arrives', async () => {
      const c = await createCase({ courtId, parties: [{ partyRole: 'plaintiff', fullName: 'Sara Mansour', counselUserId: counsel.id }] });
      const dataSource = moduleRef.get<DataSource>(getDataSourceToken());
      const order: string[] = [];
      jest.spyOn(moduleRef.get(CaseQueries), 'loadVisible').mockImplementation(function (this: CaseQueries, ...args) {
        order.push('case');
        return jest.requireActual<typeof import('@ejustice/cases')>('@ejustice/cases').CaseQueries.prototype.loadVisible.apply(this, args);
      });
      const query = dataSource.query.bind(dataSource);
      jest.spyOn(dataSource, 'query').mockImplementation((...args: Parameters<DataSource['query']>) => {
        if (/FROM filings WHERE filer_user_id = \$1 AND idempotency_key = \$2/.test(args[0])) order.push('key');
        return query(...args);
      });
      jest.spyOn(staging, 'stage').mockImplementation(function (this: UploadStaging, ...args) {
        order.push('document');
        return jest.requireActual<typeof import('@ejustice/filing')>('@ejustice/filing').UploadStaging.prototype.stage.apply(this, args);
      });

      const { receipt } = await submit.execute(
        announcing(counsel, motionIn(c.id), [await makePdf({ pages: 1 })], (when) => order.push(when)),
      );

      expect(order).toEqual(['key', 'case', 'metadata', 'document']);
      expect(receipt).toEqual(await reloadedReceipt(receipt.filingId));
      expect(receipt).toMatchObject({ caseId: c.id, caseNumber: c.number });
    });

    it('still answers a refused document before a case the filer may not file in, whichever was known first', async () => {
      const stranger = await createUser({ roles: ['counsel'], courtId });
      const c = await createCase({ courtId, parties: [{ partyRole: 'plaintiff', fullName: 'Sara Mansour', counselUserId: counsel.id }] });
      const damaged = Buffer.concat([(await makePdf({ pages: 1 })).subarray(0, 400), Buffer.from('\n%%EOF\n')]);

      await expect(submit.execute(announcing(stranger, motionIn(c.id), [damaged], () => undefined))).rejects.toMatchObject({
        code: 'filing.document_damaged',
      });
      // With a sound document, the case is what is refused (one the filer may not see is not found).
      await expect(
        submit.execute(announcing(stranger, motionIn(c.id), [await makePdf({ pages: 1 })], () => undefined)),
      ).rejects.toMatchObject({ code: 'case.not_found' });
      expect((await testDb().query('SELECT count(*)::int AS n FROM filings WHERE filer_user_id = $1', [stranger.id])).rows).toEqual([
        { n: 0 },
      ]);
    });
  });

  it('stores a name with a lone UTF-16 surrogate as the replacement character, as a text parameter always did', async () => {
    // JSON.parse lets a filer's metadata carry "\ud800"; PostgreSQL's JSON refuses it, its text takes U+FFFD.
    const pdf = await makePdf({ pages: 1 });
    const metadata: SubmissionMetadata = {
      filingType: 'petition',
      caseId: null,
      newCase: {
        caseType: 'civil',
        title: 'Broken \ud800 title',
        confidentiality: 'public',
        parties: [
          {
            partyRole: 'plaintiff',
            fullName: 'Lone \udc00 surrogate',
            isProtected: false,
            pseudonym: null,
            isFiler: true,
            representedByFiler: false,
          },
        ],
      },
      title: 'Petition \ud800',
      confidentiality: 'public',
      urgency: [],
      documents: [{ title: 'Petition \udfff', confidentiality: null }],
    };

    const { receipt } = await submit.execute(command(counsel, metadata, [pdf]));

    expect(receipt).toEqual(await reloadedReceipt(receipt.filingId));
    const q = async (sql: string) => (await testDb().query(sql, [receipt.filingId])).rows;
    expect(await q(`SELECT full_name FROM filing_parties WHERE filing_id = $1`)).toEqual([{ full_name: 'Lone \ufffd surrogate' }]);
    expect(await q(`SELECT title FROM filing_documents WHERE filing_id = $1`)).toEqual([{ title: 'Petition \ufffd' }]);
  });

  it('leaves no row and no audit event when the statement writing the rows is refused', async () => {
    const pdf = await makePdf({ pages: 1 });
    const before = await testDb().query(`SELECT count(*)::int AS n FROM audit_pending`);
    // The filings table refuses a title over 300 characters: the metadata's own rules do not run
    // when the use case is called directly, so the database's constraint is what stops it here,
    // after the file was put in the store (where, without a row, it is the orphan sweep's).
    const metadata: SubmissionMetadata = {
      filingType: 'petition',
      caseId: null,
      newCase: {
        caseType: 'civil',
        title: 'Too long',
        confidentiality: 'public',
        parties: [
          { partyRole: 'plaintiff', fullName: 'A B', isProtected: false, pseudonym: null, isFiler: true, representedByFiler: false },
        ],
      },
      title: 'x'.repeat(301),
      confidentiality: 'public',
      urgency: [],
      documents: [{ title: 'Petition', confidentiality: null }],
    };
    const key = randomUUID();

    await expect(submit.execute(command(counsel, metadata, [pdf], key))).rejects.toThrow(/check constraint/);

    expect((await testDb().query(`SELECT id FROM filings WHERE idempotency_key = $1`, [key])).rows).toEqual([]);
    expect((await testDb().query(`SELECT 1 FROM document_blobs WHERE sha256 = $1`, [sha(pdf)])).rows).toEqual([]);
    expect((await testDb().query(`SELECT 1 FROM filing_documents WHERE sha256 = $1`, [sha(pdf)])).rows).toEqual([]);
    expect(
      await testDb()
        .query(`SELECT count(*)::int AS n FROM audit_pending`)
        .then((r) => r.rows),
    ).toEqual(before.rows);
  });
});
