import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCase,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';
import { countRows, download, filesUnder, freshStorageDir, makePdf, openingMetadata, submitFiling } from './filing-support';

describe('submitting a filing (e2e)', () => {
  let api: RunningApi;
  let storageDir: string;
  let filer: TestUser;
  let counsel: TestUser;
  let stranger: TestUser;
  let clerk: TestUser;
  let courtId: string;
  const tokens: Record<string, string> = {};

  /** Nothing of this filer's was left anywhere: no row in any filing table, no file in storage. */
  async function expectNothingLeft(userId: string): Promise<void> {
    expect(await countRows('filings', 'filer_user_id = $1', [userId])).toBe(0);
    expect(filesUnder(storageDir)).toEqual([]);
  }

  beforeAll(async () => {
    storageDir = freshStorageDir('submit');
    api = await startApiServer({ env: { STORAGE_DIR: storageDir, COURT_DEFAULT_TIME_ZONE: 'UTC' } });
    const { rows } = await testDb().query(
      `INSERT INTO courts (code, name, time_zone) VALUES ($1, 'Cairo Test Court', 'Africa/Cairo') RETURNING id`,
      [
        `C${randomUUID()
          .replace(/-/g, '')
          .slice(0, 8)
          .toUpperCase()
          .replace(/^[0-9]/, 'X')}`,
      ],
    );
    courtId = rows[0].id;
    filer = await createUser({ roles: ['party'], courtId });
    counsel = await createUser({ roles: ['counsel'], courtId });
    stranger = await createUser({ roles: ['party'], courtId });
    clerk = await createUser({ roles: ['clerk'], courtId });
    for (const u of [filer, counsel, stranger, clerk]) tokens[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  describe('with fresh filers for each refusal', () => {
    let refused: TestUser;
    let token: string;
    beforeEach(async () => {
      refused = await createUser({ roles: ['party'], courtId });
      token = (await login(api.baseUrl, refused.email, refused.password)).accessToken;
    });

    it('refuses a file that is not a PDF whatever its name and content type, naming it, and keeps nothing', async () => {
      const res = await submitFiling(api.baseUrl, token, openingMetadata({}, 2), [
        { name: 'petition.pdf', bytes: await makePdf() },
        { name: 'exhibit-3.pdf', bytes: Buffer.from('GIF89a this is an image, not a PDF'), type: 'application/pdf' },
      ]);
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        code: 'filing.document_not_pdf',
        detail: '“exhibit-3.pdf” is not a PDF file.',
        document: 'exhibit-3.pdf',
      });
      await expectNothingLeft(refused.id);
    });

    it('refuses a truncated PDF', async () => {
      const pdf = await makePdf({ pages: 3 });
      const res = await submitFiling(api.baseUrl, token, openingMetadata(), [
        { name: 'cut.pdf', bytes: pdf.subarray(0, Math.floor(pdf.length * 0.7)) },
      ]);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('filing.document_damaged');
      expect(res.body.detail).toContain('“cut.pdf”');
      await expectNothingLeft(refused.id);
    });

    it('refuses an encrypted PDF', async () => {
      const doc = await PDFDocument.create();
      doc.addPage();
      doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128, P: -3904 }));
      const res = await submitFiling(api.baseUrl, token, openingMetadata(), [{ name: 'locked.pdf', bytes: await doc.save() }]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'filing.document_encrypted', document: 'locked.pdf' });
      await expectNothingLeft(refused.id);
    });

    it('refuses a PDF that runs JavaScript when opened', async () => {
      const doc = await PDFDocument.create();
      doc.addPage();
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
      const res = await submitFiling(api.baseUrl, token, openingMetadata(), [{ name: 'script.pdf', bytes: await doc.save() }]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'filing.document_active_content', feature: 'JavaScript' });
      await expectNothingLeft(refused.id);
    });

    it('refuses a document over the court’s size limit with 413, while it is still streaming in', async () => {
      await testDb().query(
        `INSERT INTO court_filing_policies (court_id, max_document_bytes) VALUES ($1, 300000) ON CONFLICT (court_id) DO UPDATE SET max_document_bytes = 300000`,
        [courtId],
      );
      try {
        const res = await submitFiling(api.baseUrl, token, openingMetadata(), [
          { name: 'big.pdf', bytes: await makePdf({ padTo: 2_000_000 }) },
        ]);
        expect(res.status).toBe(413);
        expect(res.body).toMatchObject({ code: 'filing.document_too_large', maxBytes: 300000 });
        expect(res.body.detail).toContain('“big.pdf”');
        await expectNothingLeft(refused.id);
      } finally {
        await testDb().query(`DELETE FROM court_filing_policies WHERE court_id = $1`, [courtId]);
      }
    });

    it('refuses more documents than the court accepts in one filing', async () => {
      await testDb().query(
        `INSERT INTO court_filing_policies (court_id, max_documents) VALUES ($1, 2) ON CONFLICT (court_id) DO UPDATE SET max_documents = 2`,
        [courtId],
      );
      try {
        const pdf = await makePdf();
        const res = await submitFiling(
          api.baseUrl,
          token,
          openingMetadata({}, 3),
          [1, 2, 3].map((i) => ({ name: `d${i}.pdf`, bytes: pdf })),
        );
        expect(res.status).toBe(413);
        expect(res.body.code).toBe('filing.too_many_documents');
        await expectNothingLeft(refused.id);
      } finally {
        await testDb().query(`DELETE FROM court_filing_policies WHERE court_id = $1`, [courtId]);
      }
    });

    it('refuses metadata sent after the files, a count mismatch, bad metadata and a missing key', async () => {
      const pdf = await makePdf();
      const late = await submitFiling(api.baseUrl, token, openingMetadata(), [{ name: 'a.pdf', bytes: pdf }], { metadataLast: true });
      expect(late.body.code).toBe('filing.metadata_first');
      const mismatch = await submitFiling(api.baseUrl, token, openingMetadata({}, 2), [{ name: 'a.pdf', bytes: pdf }]);
      expect(mismatch.body.code).toBe('filing.document_count_mismatch');
      const invalid = await submitFiling(api.baseUrl, token, openingMetadata({ filingType: 'ransom', confidentiality: 'secret' }), [
        { name: 'a.pdf', bytes: pdf },
      ]);
      expect(invalid.status).toBe(400);
      expect(invalid.body.code).toBe('validation_failed');
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['confidentiality', 'filingType']);
      const blank = await submitFiling(api.baseUrl, token, openingMetadata({ title: '   ' }), [{ name: 'a.pdf', bytes: pdf }]);
      expect(blank.body.errors).toEqual([{ field: 'title', message: 'title must not be blank' }]);
      const noKey = await submitFiling(api.baseUrl, token, openingMetadata(), [{ name: 'a.pdf', bytes: pdf }], { key: null });
      expect(noKey.body.code).toBe('filing.idempotency_key_required');
      const twins = openingMetadata({
        newCase: {
          caseType: 'trafficking',
          title: 'T',
          confidentiality: 'confidential',
          parties: [
            { partyRole: 'victim', fullName: 'Nour Aziz', isProtected: true, pseudonym: 'V-1', representedByFiler: true },
            { partyRole: 'witness', fullName: 'Hana Aziz', isProtected: true, pseudonym: 'v-1' },
          ],
        },
      });
      expect((await submitFiling(api.baseUrl, token, twins, [{ name: 'a.pdf', bytes: pdf }])).body.code).toBe('filing.pseudonym_taken');
      const named = openingMetadata({
        newCase: {
          caseType: 'civil',
          title: 'T',
          confidentiality: 'public',
          parties: [{ partyRole: 'victim', fullName: 'Nour Aziz', isProtected: true, pseudonym: 'nour aziz', isFiler: true }],
        },
      });
      expect((await submitFiling(api.baseUrl, token, named, [{ name: 'a.pdf', bytes: pdf }])).body.code).toBe('filing.pseudonym_is_name');
      const notJson = await submitFiling(api.baseUrl, token, '{"filingType":', [{ name: 'a.pdf', bytes: pdf }]);
      expect(notJson.body.code).toBe('filing.metadata_not_json');
      const nul = await submitFiling(api.baseUrl, token, openingMetadata({ title: 'Petition\u0000' }), [{ name: 'a.pdf', bytes: pdf }]);
      expect({ status: nul.status, code: nul.body.code }).toEqual({ status: 400, code: 'text_with_nul' });
      await expectNothingLeft(refused.id);
    });

    it('leaves no row and no file when the client aborts in the middle of an upload', async () => {
      const boundary = `----ejustice${randomUUID()}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(openingMetadata())}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="documents"; filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      const pdf = await makePdf({ padTo: 3_000_000 });
      const controller = new AbortController();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          // fetch does not cancel a request body when its signal aborts: end the stream here, or
          // it keeps being pulled (a timer each time) and holds the test process open.
          if (controller.signal.aborted) return c.error(new Error('the filer’s connection dropped'));
          if (sent === 0) c.enqueue(head);
          const chunk = pdf.subarray(sent, sent + 256 * 1024);
          sent += chunk.length;
          c.enqueue(chunk);
          // Half-way through the document, the filer's connection drops.
          if (sent > pdf.length / 2) {
            await new Promise((r) => setTimeout(r, 200));
            controller.abort();
          }
        },
      });
      await expect(
        fetch(`${api.baseUrl}/api/filings`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'idempotency-key': randomUUID(),
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
          body,
          duplex: 'half',
          signal: controller.signal,
        } as RequestInit),
      ).rejects.toThrow();
      // The server notices the closed connection and cleans up; give it a moment.
      for (let i = 0; i < 50 && filesUnder(storageDir).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      await expectNothingLeft(refused.id);
    });
  });

  it('files an opening petition and answers with a receipt: UTC and court time, hashes, sizes, page counts', async () => {
    const lead = await makePdf({ pages: 3 });
    const exhibit = await makePdf({ pages: 2 });
    const res = await submitFiling(api.baseUrl, tokens[filer.id], openingMetadata({ urgency: ['custody'] }, 2), [
      { name: 'C:\\Users\\me\\petition\u202Efdp.exe.pdf', bytes: lead },
      { name: '../../etc/بيان الشاهد.pdf', bytes: exhibit },
    ]);
    expect(res.status).toBe(201);
    const r = res.body;
    expect(r).toMatchObject({ status: 'submitted', filingType: 'petition', opensCase: true, courtId, caseId: null, caseNumber: null });
    expect(new Date(r.receivedAt).toISOString()).toBe(r.receivedAt);
    expect(r.receivedAtCourt.timeZone).toBe('Africa/Cairo');
    expect(new Date(r.receivedAtCourt.localTime).getTime()).toBe(new Date(r.receivedAt).getTime());
    expect(r.receivedAtCourt.localTime).toMatch(/\+0[23]:00$/);
    expect(r.documents).toEqual([
      expect.objectContaining({
        position: 0,
        role: 'lead',
        fileName: 'petitionfdp.exe.pdf',
        sha256: sha(lead),
        sizeBytes: lead.length,
        pageCount: 3,
      }),
      expect.objectContaining({
        position: 1,
        role: 'attachment',
        fileName: 'بيان الشاهد.pdf',
        sha256: sha(exhibit),
        sizeBytes: exhibit.length,
        pageCount: 2,
      }),
    ]);
    expect(r.fee).toEqual({ filingType: 'petition', amount: 5000, currency: 'EUR', waived: false, waiverReason: null, due: 5000 });
    // Stored content-addressed, and nothing left in the staging area.
    expect(filesUnder(storageDir)).toEqual(expect.arrayContaining([`documents/${sha(lead).slice(0, 2)}/${sha(lead)}`]));
    expect(filesUnder(join(storageDir, 'tmp'))).toEqual([]);
    const { rows } = await testDb().query(`SELECT action, data FROM audit_events WHERE subject_id = $1`, [r.filingId]);
    expect(rows).toEqual([{ action: 'filing.submitted', data: expect.objectContaining({ filingType: 'petition', opensCase: true }) }]);
    expect(JSON.stringify(rows)).not.toContain('Petitioner');
    expect(await countRows('filing_status_history', 'filing_id = $1', [r.filingId])).toBe(1);

    // The notice of electronic filing is a PDF the filer can download later.
    const notice = await download(api.baseUrl, tokens[filer.id], r.receiptPdfUrl);
    expect(notice.status).toBe(200);
    expect(notice.headers.get('content-type')).toBe('application/pdf');
    const parsed = await PDFDocument.load(notice.bytes);
    expect(parsed.getTitle()).toBe(`Notice of electronic filing ${r.filingId}`);
    expect(parsed.getKeywords()).toBe(`sha256:${sha(lead)} sha256:${sha(exhibit)}`);
    expect(parsed.getCreationDate()?.toISOString()).toBe(new Date(Math.floor(Date.parse(r.receivedAt) / 1000) * 1000).toISOString());

    // The document itself, streamed with its sanitised name.
    const doc = await download(api.baseUrl, tokens[filer.id], r.documents[1].contentUrl);
    expect(doc.status).toBe(200);
    expect(sha(doc.bytes)).toBe(sha(exhibit));
    expect(doc.headers.get('content-length')).toBe(String(exhibit.length));
    expect(doc.headers.get('content-disposition')).toBe(
      `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent('بيان الشاهد.pdf')}`,
    );
    expect(doc.headers.get('etag')).toBe(`"${sha(exhibit)}"`);
    // A stranger is told the filing and its documents do not exist.
    expect((await http(api.baseUrl, 'GET', `/api/filings/${r.filingId}`, { token: tokens[stranger.id] })).status).toBe(404);
    expect((await download(api.baseUrl, tokens[stranger.id], r.documents[1].contentUrl)).status).toBe(404);
    expect((await download(api.baseUrl, tokens[stranger.id], r.receiptPdfUrl)).status).toBe(404);
  });

  it('answers a replay with the same receipt and a reused key with 409, and files nothing twice', async () => {
    const pdf = await makePdf();
    const key = randomUUID();
    const meta = openingMetadata();
    const first = await submitFiling(
      api.baseUrl,
      tokens[counsel.id],
      {
        ...meta,
        newCase: { ...(meta.newCase as object), parties: [{ partyRole: 'plaintiff', fullName: 'A B', representedByFiler: true }] },
      },
      [{ name: 'a.pdf', bytes: pdf }],
      { key },
    );
    expect(first.status).toBe(201);
    const again = await submitFiling(
      api.baseUrl,
      tokens[counsel.id],
      {
        ...meta,
        newCase: { ...(meta.newCase as object), parties: [{ partyRole: 'plaintiff', fullName: 'A B', representedByFiler: true }] },
      },
      [{ name: 'a.pdf', bytes: pdf }],
      { key },
    );
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await submitFiling(
      api.baseUrl,
      tokens[counsel.id],
      {
        ...meta,
        title: 'Another petition',
        newCase: { ...(meta.newCase as object), parties: [{ partyRole: 'plaintiff', fullName: 'A B', representedByFiler: true }] },
      },
      [{ name: 'a.pdf', bytes: pdf }],
      { key },
    );
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('filing.idempotency_key_reused');
    expect(await countRows('filings', 'filer_user_id = $1', [counsel.id])).toBe(1);
  });

  it('processes exactly one of several concurrent submissions with the same key', async () => {
    const user = await createUser({ roles: ['party'], courtId });
    const token = (await login(api.baseUrl, user.email, user.password)).accessToken;
    const pdf = await makePdf({ padTo: 500_000 });
    const key = randomUUID();
    const meta = openingMetadata();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => submitFiling(api.baseUrl, token, meta, [{ name: 'same.pdf', bytes: pdf }], { key })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    // The others either waited for nothing (409 in use) or arrived after it and got the same receipt.
    for (const r of results.filter((x) => x.status !== 201)) {
      if (r.status === 200) expect(r.body.filingId).toBe(results.find((x) => x.status === 201)?.body.filingId);
      else expect(r.body.code).toBe('filing.idempotency_key_in_use');
    }
    expect(await countRows('filings', 'filer_user_id = $1', [user.id])).toBe(1);
    expect(filesUnder(join(storageDir, 'tmp'))).toEqual([]);
  });

  it('files into an existing case only for its parties and counsel', async () => {
    const c = await createCase({ courtId, parties: [{ partyRole: 'defendant', fullName: 'Defendant D', userId: filer.id }] });
    const meta = {
      filingType: 'motion',
      caseId: c.id,
      title: 'Motion to postpone',
      confidentiality: 'public',
      documents: [{ title: 'Motion' }],
    };
    const ok = await submitFiling(api.baseUrl, tokens[filer.id], meta, [{ name: 'motion.pdf', bytes: await makePdf() }]);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ caseId: c.id, caseNumber: c.number, opensCase: false });
    const notMine = await submitFiling(api.baseUrl, tokens[stranger.id], meta, [{ name: 'motion.pdf', bytes: await makePdf() }]);
    expect(notMine.status).toBe(404);
    expect(notMine.body.code).toBe('case.not_found');
    const clerkFiles = await submitFiling(api.baseUrl, tokens[clerk.id], meta, [{ name: 'motion.pdf', bytes: await makePdf() }]);
    expect(clerkFiles.status).toBe(403);
  });

  it('documents the filing endpoints in the OpenAPI description', async () => {
    const res = await http(api.baseUrl, 'GET', '/docs/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/filings',
        '/api/filings/queue',
        '/api/filings/{id}/review',
        '/api/filing-documents/{id}/content',
        '/api/cases/{id}/docket',
        '/api/inbox',
        '/api/filing-policy',
      ]),
    );
  });

  it('publishes the court policy and waives fees for victims', async () => {
    const policy = await http(api.baseUrl, 'GET', '/api/filing-policy', { token: tokens[filer.id] });
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({
      courtId,
      timeZone: 'Africa/Cairo',
      maxDocumentBytes: 50 * 1024 * 1024,
      acceptedMediaTypes: ['application/pdf'],
    });
    expect(policy.body.reasonCodes.map((r: { code: string }) => r.code)).toContain('illegible');
    const fee = await http(api.baseUrl, 'GET', '/api/filing-policy/fee?filingType=petition&actsForVictim=true', {
      token: tokens[filer.id],
    });
    expect(fee.body).toEqual({ filingType: 'petition', amount: 5000, currency: 'EUR', waived: true, waiverReason: 'victim', due: 0 });
    const victim = await submitFiling(
      api.baseUrl,
      tokens[counsel.id],
      openingMetadata({
        newCase: {
          caseType: 'trafficking',
          title: 'State v. X',
          confidentiality: 'confidential',
          parties: [{ partyRole: 'victim', fullName: 'Leila Haddad', isProtected: true, representedByFiler: true }],
        },
      }),
      [{ name: 'p.pdf', bytes: await makePdf() }],
    );
    expect(victim.status).toBe(201);
    expect(victim.body.fee).toMatchObject({ waived: true, due: 0 });
    const detail = await http(api.baseUrl, 'GET', `/api/filings/${victim.body.filingId}`, { token: tokens[counsel.id] });
    expect(detail.body.newCase.parties[0]).toMatchObject({ name: 'Leila Haddad', isProtected: true, pseudonym: 'Protected person 1' });
    expect(existsSync(join(storageDir, 'tmp'))).toBe(true);
  });
});

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
