import { getQueueToken } from '@nestjs/bull';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { extractPdfText } from '@ejustice/platform/pdf/pdf-text.testing';
import { CERTIFICATION_QUEUE, IssueCertifiedCopy, RequeueStuckIssues, verifySealedPdf } from '@ejustice/certification';
import {
  type RunningApi,
  type TestCase,
  type TestUser,
  closeTestDb,
  createCase,
  createCourt,
  createUser,
  http,
  login,
  startApiServer,
  testConfig,
  testDb,
} from '@ejustice/testing';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { freshStorageDir } from '../filing/filing-support';
import { MailSink } from '../filing/mail-sink';
import { docketDocuments, eventually, undocketedDocument } from './certification-support';

const VICTIM = 'Leila Mansour Aziz';
const REDIS_URL = 'redis://127.0.0.1:6379/11';
const VERIFY_LIMIT = 60;

describe('certified copies: request, approval, payment, the issue job, download, verification and revocation (e2e)', () => {
  let api: RunningApi;
  const sink = new MailSink();
  const mailsOf = (copyId: string) =>
    eventually(
      async () => sink.mails.filter((m) => m.messageId.includes(copyId)),
      (m) => m.length > 0,
      'the e-mail',
    );
  let worker: INestApplication;
  let sealFile: string;
  let clerk: TestUser;
  let judge: TestUser;
  let victimCounsel: TestUser;
  let defendant: TestUser;
  let stranger: TestUser;
  let otherClerk: TestUser;
  const tokens: Record<string, string> = {};
  let theCase: TestCase;
  let publicDoc: string;
  let confidentialDoc: string;
  let sealedDoc: string;
  let pendingDoc: string;

  const as = (u: TestUser) => tokens[u.id];
  const publicRequest = (body: Record<string, unknown>) => http(api.baseUrl, 'POST', '/api/public/certified-copies', { body });
  const request = (u: TestUser, body: Record<string, unknown>) =>
    http(api.baseUrl, 'POST', '/api/certified-copies', { token: as(u), body });
  const decide = (u: TestUser, id: string, action: string, body?: unknown) =>
    http(api.baseUrl, 'POST', `/api/certified-copies/${id}/${action}`, { token: as(u), body });
  const issued = (read: () => Promise<{ body: any }>) => eventually(read, (r) => r.body.status === 'issued', 'the copy to be issued');
  async function snapshot(copyId: string) {
    const row = await testDb().query(`SELECT * FROM certified_copies WHERE id = $1`, [copyId]);
    const audit = await testDb().query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1`, [copyId]);
    return { row: row.rows[0], audit: audit.rows[0].n };
  }

  beforeAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys('ratelimit:certification-verify:*');
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    const smtpUrl = await sink.start();
    sealFile = join(mkdtempSync(join(tmpdir(), 'ejustice-seal-')), 'seal.p12');
    const env = {
      STORAGE_DIR: freshStorageDir('certification'),
      REDIS_URL,
      CERTIFICATION_SEAL_P12_FILE: sealFile,
      CERTIFICATION_VERIFY_RATE_LIMIT_PER_MINUTE: String(VERIFY_LIMIT),
    };
    api = await startApiServer({ env });
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ ...env, SMTP_URL: smtpUrl, WORKER_PORT: '0' }))],
    }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();

    // An Arabic-speaking court: its copies state the certification in Arabic and in English.
    const court = await createCourt({ language: 'ar', nameEnglish: 'Al-Nour District Court' });
    const other = await createCourt();
    clerk = await createUser({ roles: ['clerk'], courtId: court.id, displayName: 'Clerk Samir Haddad' });
    judge = await createUser({ roles: ['judge'], courtId: court.id });
    victimCounsel = await createUser({ roles: ['counsel'], courtId: court.id });
    defendant = await createUser({ roles: ['party'], courtId: court.id });
    stranger = await createUser({ roles: ['party'], courtId: court.id });
    otherClerk = await createUser({ roles: ['clerk'], courtId: other.id });
    for (const u of [clerk, judge, victimCounsel, defendant, stranger, otherClerk])
      tokens[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
    theCase = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: 'public',
      parties: [
        { partyRole: 'victim', fullName: VICTIM, isProtected: true, pseudonym: 'V-7', counselUserId: victimCounsel.id },
        { partyRole: 'defendant', fullName: 'Yusuf Karam', userId: defendant.id },
      ],
    });
    [publicDoc, confidentialDoc, sealedDoc] = await docketDocuments(api.baseUrl, as(victimCounsel), as(clerk), theCase.id, [
      { level: 'public', title: `Statement of ${VICTIM}` },
      { level: 'confidential', title: 'Medical report' },
      { level: 'sealed', title: 'Protected address' },
    ]);
    pendingDoc = await undocketedDocument(api.baseUrl, as(victimCounsel), theCase.id);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink.close();
    await closeTestDb();
  });

  describe('who may request a copy', () => {
    const body = (documentId: string) => ({ documentId, copies: 1, purpose: 'For the bank' });

    it('the public, with an e-mail address, for a public document: the fee from the schedule, per copy', async () => {
      const res = await publicRequest({ ...body(publicDoc), copies: 3, email: 'Someone@Example.org' });
      expect(res.status).toBe(201);
      expect(res.body.accessKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(res.body.request).toMatchObject({
        status: 'requested',
        copies: 3,
        fee: { perCopy: 500, amount: 1500, waiverReason: null, paymentStatus: 'due' },
        verificationCode: null,
      });
      const row = await testDb().query(`SELECT requester_email, access_key_sha256 FROM certified_copies WHERE id = $1`, [
        res.body.request.id,
      ]);
      expect(row.rows[0].requester_email).toBe('someone@example.org');
      expect(row.rows[0].access_key_sha256).toBe(createHash('sha256').update(res.body.accessKey).digest('hex'));
    });

    it('the public needs an e-mail address', async () => {
      expect((await publicRequest(body(publicDoc))).status).toBe(400);
    });

    it.each(['confidential', 'sealed', 'pending'] as const)(
      'nobody of the public for a %s document: 404, as if it did not exist',
      async (which) => {
        const id = { confidential: confidentialDoc, sealed: sealedDoc, pending: pendingDoc }[which];
        const res = await publicRequest({ ...body(id), email: 'a@example.org' });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('certification.document_not_found');
      },
    );

    it('parties and counsel for a confidential document; not a stranger, not a clerk of another court', async () => {
      expect((await request(defendant, body(confidentialDoc))).status).toBe(201);
      for (const u of [stranger, otherClerk]) {
        const res = await request(u, body(confidentialDoc));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('certification.document_not_found');
      }
    });

    it('waives the fee for the victim’s counsel', async () => {
      const res = await request(victimCounsel, { ...body(confidentialDoc), copies: 2 });
      expect(res.status).toBe(201);
      expect(res.body.request.fee).toMatchObject({ amount: 1000, waiverReason: 'victim', paymentStatus: 'waived' });
    });

    it('nobody for a sealed document, the court’s clerk included, until a judge authorises that person', async () => {
      for (const u of [defendant, victimCounsel, clerk]) expect((await request(u, body(sealedDoc))).status).toBe(404);
      const byClerk = await http(api.baseUrl, 'POST', '/api/certified-copy-authorisations', {
        token: as(clerk),
        body: { documentId: sealedDoc, userId: victimCounsel.id, reason: 'Needed for the protection order' },
      });
      expect(byClerk.status).toBe(403);
      expect(byClerk.body.code).toBe('certification.not_judge');
      const byJudge = await http(api.baseUrl, 'POST', '/api/certified-copy-authorisations', {
        token: as(judge),
        body: { documentId: sealedDoc, userId: victimCounsel.id, reason: 'Needed for the protection order' },
      });
      expect(byJudge.status).toBe(201);
      expect((await request(victimCounsel, body(sealedDoc))).status).toBe(201);
      expect((await request(defendant, body(sealedDoc))).status).toBe(404);
    });

    describe('the fee quoted before a request is the fee the request charges', () => {
      const quote = (u: TestUser | null, documentId: string, copies: string) =>
        http(
          api.baseUrl,
          'GET',
          `/api/${u ? '' : 'public/'}certified-copies/fee?documentId=${encodeURIComponent(documentId)}&copies=${encodeURIComponent(copies)}`,
          u ? { token: as(u) } : {},
        );
      const count = async () => (await testDb().query(`SELECT count(*)::int AS n FROM certified_copies`)).rows[0].n as number;

      it('to the public for a public document, per copy from the schedule', async () => {
        const quoted = await quote(null, publicDoc, '3');
        expect(quoted.status).toBe(200);
        expect(quoted.body).toEqual({
          documentId: publicDoc,
          copies: 3,
          fee: { perCopy: 500, amount: 1500, currency: expect.any(String), waiverReason: null, paymentStatus: 'due' },
        });
        const requested = await publicRequest({ ...body(publicDoc), copies: 3, email: 'quote@example.org' });
        expect(requested.body.request.fee).toEqual(quoted.body.fee);
      });

      it('waived for the victim’s counsel, as the request then is', async () => {
        const quoted = await quote(victimCounsel, confidentialDoc, '2');
        expect(quoted.status).toBe(200);
        expect(quoted.body.fee).toMatchObject({ amount: 1000, waiverReason: 'victim', paymentStatus: 'waived' });
        const requested = await request(victimCounsel, { ...body(confidentialDoc), copies: 2 });
        expect(requested.body.request.fee).toEqual(quoted.body.fee);
      });

      it('a document the asker may not request is not found, as for the request, and nothing is written', async () => {
        const before = await count();
        for (const [u, id] of [
          [null, confidentialDoc],
          [null, sealedDoc],
          [null, pendingDoc],
          [stranger, confidentialDoc],
          [otherClerk, confidentialDoc],
          [defendant, sealedDoc],
        ] as const) {
          const res = await quote(u, id, '1');
          expect(res.status).toBe(404);
          expect(res.body.code).toBe('certification.document_not_found');
        }
        expect(await count()).toBe(before);
      });

      it.each([
        ['no copies', '0'],
        ['too many copies', '21'],
        ['copies that are not a number', 'two'],
        ['a document id that is not one', 'not-a-uuid'],
      ])('refuses %s with 400 and the field', async (what, value) => {
        const res =
          what === 'a document id that is not one' ? await quote(null, value, '1') : await quote(victimCounsel, confidentialDoc, value);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([
          what === 'a document id that is not one' ? 'documentId' : 'copies',
        ]);
      });
    });

    it('nobody for a document that is not on the docket, not even its filer', async () => {
      const res = await request(victimCounsel, body(pendingDoc));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('certification.document_not_found');
    });
  });

  describe('a public request through to revocation', () => {
    let copyId: string;
    let accessKey: string;
    let code: string;
    let pdf: Buffer;
    let linkPath: string;
    const follow = () => http(api.baseUrl, 'GET', `/api/public/certified-copies/${copyId}`, { headers: { 'x-access-key': accessKey } });

    it('is requested, approved by the clerk, and waits for its fee', async () => {
      const res = await publicRequest({ documentId: publicDoc, copies: 2, purpose: 'For an embassy', email: 'visa@example.org' });
      copyId = res.body.request.id;
      accessKey = res.body.accessKey;
      expect(
        (await http(api.baseUrl, 'GET', `/api/public/certified-copies/${copyId}`, { headers: { 'x-access-key': 'wrong' } })).status,
      ).toBe(404);
      const queue = await http(api.baseUrl, 'GET', '/api/certified-copies?status=requested', { token: as(clerk) });
      expect(queue.body.map((c: { id: string }) => c.id)).toContain(copyId);
      const approved = await decide(clerk, copyId, 'approve');
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', verificationCode: null, fee: { paymentStatus: 'due' } });
    });

    it('a clerk of another court may not act on it, and nothing is written', async () => {
      const before = await snapshot(copyId);
      const res = await decide(otherClerk, copyId, 'payment', { outcome: 'paid' });
      expect(res.status).toBe(404);
      expect(await snapshot(copyId)).toEqual(before);
    });

    it('a refused transition leaves nothing written', async () => {
      const before = await snapshot(copyId);
      const revoke = await decide(clerk, copyId, 'revoke', { reason: 'Too early' });
      expect(revoke.status).toBe(409);
      expect(revoke.body).toMatchObject({ code: 'certification.wrong_state', status: 409 });
      expect(revoke.headers.get('content-type')).toContain('application/problem+json');
      const approveAgain = await decide(clerk, copyId, 'approve');
      expect(approveAgain.status).toBe(409);
      expect(await snapshot(copyId)).toEqual(before);
    });

    it('is issued by the job once the clerk records the fee paid: rendered, sealed, stored, in the register', async () => {
      const paid = await decide(clerk, copyId, 'payment', { outcome: 'paid', note: 'Receipt 2026-118' });
      expect(paid.status).toBe(200);
      expect(paid.body).toMatchObject({ status: 'issuing', fee: { paymentStatus: 'paid' } });
      code = paid.body.verificationCode;
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      const done = await issued(follow);
      expect(done.body).toMatchObject({ status: 'issued', verificationCode: code });
      const job = await worker.get<Queue>(getQueueToken(CERTIFICATION_QUEUE)).getJob(`issue:${copyId}`);
      expect(job?.progress()).toBe(100);
      const row = (await snapshot(copyId)).row;
      expect(row).toMatchObject({ status: 'issued', certified_by: clerk.id, verification_code: code });
      expect(row.sha256).toBe(done.body.sha256);
      expect(row.issued_at).toBeInstanceOf(Date);
    });

    it('downloads through an expiring link; the copy is sealed, whole and trusted by the court CA', async () => {
      const link = await http(api.baseUrl, 'POST', `/api/public/certified-copies/${copyId}/download-link`, {
        headers: { 'x-access-key': accessKey },
      });
      expect(link.status).toBe(200);
      const expiresIn = new Date(link.body.expiresAt).getTime() - Date.now();
      expect(expiresIn).toBeGreaterThan(6 * 24 * 3600_000);
      linkPath = new URL(link.body.url).pathname;
      const res = await fetch(`${api.baseUrl}${linkPath}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      pdf = Buffer.from(await res.arrayBuffer());
      expect(createHash('sha256').update(pdf).digest('hex')).toBe((await follow()).body.sha256);
      const ca = readFileSync(`${sealFile}.ca.pem`, 'utf8');
      expect(verifySealedPdf(pdf, [ca])).toMatchObject({ valid: true, unmodified: true, trusted: true });
      expect(pdf.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
      // The court's language first, then English, read back by poppler as a reader would.
      const text = extractPdfText(pdf);
      expect(text).toContain('نسخة مصدقة');
      expect(text).toContain('Al-Nour District Court');
    });

    it('e-mails the public requester a download link, once', async () => {
      const mails = await mailsOf(copyId);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ to: ['visa@example.org'], subject: 'Your certified copy is ready' });
      expect(mails[0].text).toContain(code);
      const url = /https?:\/\/\S+\/api\/certified-copy-downloads\/[A-Za-z0-9_-]{43}/.exec(mails[0].text)?.[0] as string;
      const res = await fetch(`${api.baseUrl}${new URL(url).pathname}`);
      expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
      expect(mails[0].text).not.toMatch(/Leila|Mansour|Aziz/);
    });

    it('refuses an expired link with 410', async () => {
      const link = await http(api.baseUrl, 'POST', `/api/public/certified-copies/${copyId}/download-link`, {
        headers: { 'x-access-key': accessKey },
      });
      const token = new URL(link.body.url).pathname.split('/').pop() as string;
      await testDb().query(
        `UPDATE certified_copy_download_links SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE token_sha256 = $1`,
        [createHash('sha256').update(token).digest('hex')],
      );
      const res = await http(api.baseUrl, 'GET', `/api/certified-copy-downloads/${token}`);
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('certification.link_expired');
      expect((await http(api.baseUrl, 'GET', `/api/certified-copy-downloads/${'x'.repeat(43)}`)).status).toBe(404);
    });

    it('verifies by code: what it is, by which court, valid, its hash; the protected name masked', async () => {
      const res = await http(api.baseUrl, 'GET', `/api/certified-copy-verification/${code.toLowerCase()}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        verificationCode: code,
        status: 'valid',
        document: { confidentiality: 'public', title: 'Statement of V-7', caseNumber: theCase.number, pageCount: 2 },
        sha256: createHash('sha256').update(pdf).digest('hex'),
        revoked: null,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/Leila|Mansour|Aziz/);
    });

    it('verifies by upload: the hash in the register and the seal valid; one changed byte is not in the register', async () => {
      const res = await fetch(`${api.baseUrl}/api/certified-copy-verification`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      });
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body).toMatchObject({
        verificationCode: code,
        status: 'valid',
        seal: { valid: true, unmodified: true, trusted: true, problem: null },
      });
      const changed = Buffer.from(pdf);
      changed[200] ^= 1;
      const bad = await fetch(`${api.baseUrl}/api/certified-copy-verification`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: changed,
      });
      expect(bad.status).toBe(404);
      expect(((await bad.json()) as { code: string }).code).toBe('certification.not_in_register');
      expect(verifySealedPdf(changed).valid).toBe(false);
    });

    it('a retried or duplicated job never makes a second copy or code', async () => {
      const before = await snapshot(copyId);
      const issue = worker.get(IssueCertifiedCopy);
      expect(await Promise.all([issue.execute(copyId), issue.execute(copyId)])).toEqual(['already_issued', 'already_issued']);
      expect(await snapshot(copyId)).toEqual(before);
    });

    it('is revoked by a clerk with a reason, audited; verification then says revoked, when and why; the link stops', async () => {
      expect((await decide(clerk, copyId, 'revoke', { reason: '   ' })).status).toBe(400);
      const res = await decide(clerk, copyId, 'revoke', { reason: 'Issued on a superseded statement.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'revoked', revocationReason: 'Issued on a superseded statement.' });
      const audit = await testDb().query(
        `SELECT actor_id, data FROM audit_events WHERE subject_id = $1 AND action = 'certified_copy.revoked'`,
        [copyId],
      );
      expect(audit.rows).toEqual([{ actor_id: clerk.id, data: { reason: 'Issued on a superseded statement.' } }]);
      const verified = await http(api.baseUrl, 'GET', `/api/certified-copy-verification/${code}`);
      expect(verified.body).toMatchObject({
        status: 'revoked',
        revoked: { at: res.body.revokedAt, reason: 'Issued on a superseded statement.' },
      });
      const upload = await fetch(`${api.baseUrl}/api/certified-copy-verification`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      });
      expect((await upload.json()) as object).toMatchObject({ status: 'revoked', seal: { valid: true } });
      expect((await fetch(`${api.baseUrl}${linkPath}`)).status).toBe(404);
    });
  });

  describe('a confidential copy, fee waived by the clerk', () => {
    it('is issued, and verification says nothing of what it is beyond its level', async () => {
      const asked = await request(defendant, { documentId: confidentialDoc, copies: 1, purpose: 'For my lawyer abroad' });
      const id = asked.body.request.id;
      expect((await decide(clerk, id, 'payment', { outcome: 'waived', note: 'Hardship' })).body).toMatchObject({ status: 'requested' });
      const approved = await decide(clerk, id, 'approve');
      expect(approved.body).toMatchObject({ status: 'issuing', fee: { paymentStatus: 'waived' } });
      const done = await issued(() => http(api.baseUrl, 'GET', `/api/certified-copies/${id}`, { token: as(defendant) }));
      expect((await http(api.baseUrl, 'GET', `/api/certified-copies/${id}`, { token: as(stranger) })).status).toBe(404);
      const link = await http(api.baseUrl, 'POST', `/api/certified-copies/${id}/download-link`, { token: as(defendant) });
      const pdf = Buffer.from(await (await fetch(link.body.url.replace(/^https?:\/\/[^/]+/, api.baseUrl))).arrayBuffer());
      expect(verifySealedPdf(pdf)).toMatchObject({ valid: true, unmodified: true });
      const verified = await http(api.baseUrl, 'GET', `/api/certified-copy-verification/${done.body.verificationCode}`);
      expect(verified.body.document).toEqual({ confidentiality: 'confidential', title: null, caseNumber: null, pageCount: null });
      expect(JSON.stringify(verified.body)).not.toContain('Medical report');
      const mails = await mailsOf(id);
      expect(mails.map((m) => m.to)).toEqual([[defendant.email]]);
      expect(mails[0].text).not.toMatch(/Medical|certified-copy-downloads/);
      // An account holder also finds it in the in-app inbox, once, saying nothing of the document.
      const inbox = await http(api.baseUrl, 'GET', '/api/inbox', { token: as(defendant) });
      const ready = inbox.body.items.filter((m: { kind: string }) => m.kind === 'certified_copy.issued');
      expect(ready).toEqual([expect.objectContaining({ subject: 'Your certified copy is ready', data: { certifiedCopyId: id } })]);
      expect(JSON.stringify(ready)).not.toContain('Medical');
    });

    it('a sealed copy is verified without a word of the document', async () => {
      const asked = await request(victimCounsel, { documentId: sealedDoc, copies: 1, purpose: 'Protection order' });
      const id = asked.body.request.id;
      expect((await decide(clerk, id, 'approve')).body).toMatchObject({ status: 'issuing' });
      const done = await issued(() => http(api.baseUrl, 'GET', `/api/certified-copies/${id}`, { token: as(victimCounsel) }));
      const verified = await http(api.baseUrl, 'GET', `/api/certified-copy-verification/${done.body.verificationCode}`);
      expect(verified.body.document).toEqual({ confidentiality: 'sealed', title: null, caseNumber: null, pageCount: null });
      expect(JSON.stringify(verified.body)).not.toMatch(/Protected address|TEST-/);
    });
  });

  describe('refusal', () => {
    it('is by a clerk with a reason the requester reads; a refused request is final and never issued', async () => {
      const asked = await request(defendant, { documentId: publicDoc, copies: 1, purpose: 'Unclear' });
      const id = asked.body.request.id;
      expect((await decide(clerk, id, 'refuse', { reason: '' })).status).toBe(400);
      const refused = await decide(clerk, id, 'refuse', { reason: 'Ask the registry for the full bundle instead.' });
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({
        status: 'refused',
        refusalReason: 'Ask the registry for the full bundle instead.',
        verificationCode: null,
      });
      const mine = await http(api.baseUrl, 'GET', `/api/certified-copies/${id}`, { token: as(defendant) });
      expect(mine.body).toMatchObject({ status: 'refused', refusalReason: 'Ask the registry for the full bundle instead.' });
      const before = await snapshot(id);
      for (const [action, body] of [
        ['approve', undefined],
        ['payment', { outcome: 'paid' }],
        ['refuse', { reason: 'again' }],
      ] as const) {
        const res = await decide(clerk, id, action, body);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('certification.wrong_state');
      }
      expect((await http(api.baseUrl, 'POST', `/api/certified-copies/${id}/download-link`, { token: as(defendant) })).body.code).toBe(
        'certification.not_issued',
      );
      expect(await snapshot(id)).toEqual(before);
      const audit = await testDb().query(
        `SELECT actor_id, data FROM audit_events WHERE subject_id = $1 AND action = 'certified_copy.refused'`,
        [id],
      );
      expect(audit.rows).toEqual([{ actor_id: clerk.id, data: { reason: 'Ask the registry for the full bundle instead.' } }]);
    });

    it('only by the court’s clerks: a judge of the court and the requester are refused (403), and nothing is written', async () => {
      const asked = await request(defendant, { documentId: publicDoc, copies: 1, purpose: 'Records' });
      const id = asked.body.request.id;
      const before = await snapshot(id);
      const byJudge = await decide(judge, id, 'approve');
      expect(byJudge.status).toBe(403);
      expect(byJudge.body.code).toBe('certification.not_clerk');
      expect((await decide(defendant, id, 'approve')).status).toBe(403);
      expect(await snapshot(id)).toEqual(before);
    });
  });

  describe('the issue job is idempotent', () => {
    it('two attempts at once make one copy, one code, one register entry; the queued job then finds it issued', async () => {
      const queue = worker.get<Queue>(getQueueToken(CERTIFICATION_QUEUE));
      await queue.pause(true);
      try {
        const asked = await request(victimCounsel, { documentId: publicDoc, copies: 1, purpose: 'Twice' });
        const id = asked.body.request.id;
        const approved = await decide(clerk, id, 'approve');
        expect(approved.body.status).toBe('issuing');
        const issue = worker.get(IssueCertifiedCopy);
        const outcomes = await Promise.all([issue.execute(id), issue.execute(id)]);
        expect(outcomes.sort()).toEqual(['already_issued', 'issued']);
        const after = await snapshot(id);
        expect(after.row).toMatchObject({ status: 'issued', verification_code: approved.body.verificationCode });
        const issuedEvents = await testDb().query(
          `SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'certified_copy.issued'`,
          [id],
        );
        expect(issuedEvents.rows[0].n).toBe(1);
        await queue.resume(true);
        const job = await eventually(
          async () => queue.getJob(`issue:${id}`),
          (j) => j !== null && j.finishedOn !== undefined && j.finishedOn !== null,
          'the queued job to finish',
        );
        expect(job?.returnvalue).toBe('already_issued');
        // The job only delivers what the attempts issued: the requester is told once.
        const final = await snapshot(id);
        expect(final.row.delivered_at).toBeInstanceOf(Date);
        expect({ ...final.row, delivered_at: null }).toEqual(after.row);
        expect(await mailsOf(id)).toHaveLength(1);
      } finally {
        await queue.resume(true);
      }
    });
  });

  describe('a copy whose job Redis lost', () => {
    it('is queued again from the register by the sweep, and issued', async () => {
      const queue = worker.get<Queue>(getQueueToken(CERTIFICATION_QUEUE));
      await queue.pause(true);
      let id = '';
      try {
        const asked = await request(victimCounsel, { documentId: publicDoc, copies: 1, purpose: 'Lost job' });
        id = asked.body.request.id;
        expect((await decide(clerk, id, 'approve')).body.status).toBe('issuing');
        await (await queue.getJob(`issue:${id}`))?.remove();
        expect(await queue.getJob(`issue:${id}`)).toBeNull();
      } finally {
        await queue.resume(true);
      }
      const sweep = worker.get(RequeueStuckIssues);
      expect(await sweep.execute(0)).toMatchObject({ queued: 1 });
      await issued(() => http(api.baseUrl, 'GET', `/api/certified-copies/${id}`, { token: as(victimCounsel) }));
      expect(await sweep.execute(0)).toEqual({ queued: 0, retried: 0 });
    });

    it('issued but never delivered (its job lost between the two), is queued again until the requester is told, once', async () => {
      const queue = worker.get<Queue>(getQueueToken(CERTIFICATION_QUEUE));
      await queue.pause(true);
      let id = '';
      try {
        const asked = await publicRequest({ documentId: publicDoc, copies: 1, purpose: 'Lost delivery', email: 'lost@example.org' });
        id = asked.body.request.id;
        await decide(clerk, id, 'approve');
        expect((await decide(clerk, id, 'payment', { outcome: 'paid' })).body.status).toBe('issuing');
        await (await queue.getJob(`issue:${id}`))?.remove();
        // The worker issued it and died before telling anyone; Redis lost the job.
        expect(await worker.get(IssueCertifiedCopy).execute(id)).toBe('issued');
      } finally {
        await queue.resume(true);
      }
      expect((await snapshot(id)).row).toMatchObject({ status: 'issued', delivered_at: null });
      const sweep = worker.get(RequeueStuckIssues);
      expect(await sweep.execute(0)).toEqual({ queued: 1, retried: 0 });
      expect(await mailsOf(id)).toHaveLength(1);
      await eventually(
        () => snapshot(id),
        (s) => s.row.delivered_at instanceof Date,
        'the delivery to be recorded',
      );
      expect(await sweep.execute(0)).toEqual({ queued: 0, retried: 0 });
      await new Promise((r) => setTimeout(r, 500));
      expect(sink.mails.filter((m) => m.messageId.includes(id))).toHaveLength(1);
    });

    it('issued to an address the mail server refuses for good: the refusal is recorded once, and no sweep tries it again', async () => {
      const address = 'no-such-mailbox@example.org';
      sink.refused.add(address);
      try {
        const asked = await publicRequest({ documentId: publicDoc, copies: 1, purpose: 'Refused address', email: address });
        const id = asked.body.request.id;
        await decide(clerk, id, 'approve');
        expect((await decide(clerk, id, 'payment', { outcome: 'paid' })).body.status).toBe('issuing');
        const job = await eventually(
          async () => worker.get<Queue>(getQueueToken(CERTIFICATION_QUEUE)).getJob(`issue:${id}`),
          (j) => j !== null && !!j.finishedOn,
          'the issue job to finish',
        );
        // Issued, and the job done: a refusal for good is no failure to retry with backoff.
        expect(job?.failedReason).toBeUndefined();
        const { row } = await snapshot(id);
        expect(row).toMatchObject({ status: 'issued', delivered_at: null });
        expect(row.delivery_refused_at).toBeInstanceOf(Date);
        expect(await worker.get(RequeueStuckIssues).execute(0)).toEqual({ queued: 0, retried: 0 });
        expect(sink.mails.filter((m) => m.messageId.includes(id))).toHaveLength(0);
        // The copy is still the requester's to download by following the request.
        const link = await http(api.baseUrl, 'POST', `/api/public/certified-copies/${id}/download-link`, {
          headers: { 'x-access-key': asked.body.accessKey },
        });
        expect(link.status).toBe(200);
        expect(link.body.url).toMatch(/\/api\/certified-copy-downloads\//);
      } finally {
        sink.refused.delete(address);
      }
    });
  });

  describe('automatic approval', () => {
    it('where the court chose it, approves public documents by itself, and only those', async () => {
      await testDb().query(`INSERT INTO court_certification_policies (court_id, auto_approve_public) VALUES ($1, true)`, [theCase.courtId]);
      try {
        const pub = await publicRequest({ documentId: publicDoc, copies: 1, purpose: 'Records', email: 'b@example.org' });
        expect(pub.body.request).toMatchObject({ status: 'approved', fee: { paymentStatus: 'due' } });
        const conf = await request(defendant, { documentId: confidentialDoc, copies: 1, purpose: 'Records' });
        expect(conf.body.request.status).toBe('requested');
      } finally {
        await testDb().query(`DELETE FROM court_certification_policies WHERE court_id = $1`, [theCase.courtId]);
      }
    });
  });

  describe('verification is rate-limited per client network', () => {
    it(`answers 429 after ${VERIFY_LIMIT} requests a minute`, async () => {
      const from = { 'x-forwarded-for': '203.0.113.9' };
      const statuses: number[] = [];
      for (let i = 0; i < VERIFY_LIMIT; i++)
        statuses.push((await http(api.baseUrl, 'GET', '/api/certified-copy-verification/0000-0000-0000-0000', { headers: from })).status);
      expect(statuses.every((s) => s === 404)).toBe(true);
      const limited = await http(api.baseUrl, 'GET', '/api/certified-copy-verification/0000-0000-0000-0000', { headers: from });
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('certification.rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another network is not held back by that one.
      const other = { 'x-forwarded-for': '198.51.100.4' };
      expect((await http(api.baseUrl, 'GET', '/api/certified-copy-verification/0000-0000-0000-0000', { headers: other })).status).toBe(404);
    });
  });
});
