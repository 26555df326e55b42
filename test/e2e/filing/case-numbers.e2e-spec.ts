import { type RunningApi, type TestUser, closeTestDb, createCourt, createUser, http, login, startApiServer } from '@ejustice/testing';
import { freshStorageDir, makePdf, openingMetadata, submitFiling } from './filing-support';

describe('case numbers under concurrent acceptances (e2e)', () => {
  let api: RunningApi;
  let court: { id: string; code: string };
  let filer: TestUser;
  const clerks: { user: TestUser; token: string }[] = [];
  let filerToken: string;

  beforeAll(async () => {
    api = await startApiServer({ env: { STORAGE_DIR: freshStorageDir('numbers'), DATABASE_POOL_SIZE: '10' } });
    court = await createCourt();
    filer = await createUser({ roles: ['counsel'], courtId: court.id });
    filerToken = (await login(api.baseUrl, filer.email, filer.password)).accessToken;
    for (let i = 0; i < 4; i++) {
      const user = await createUser({ roles: ['clerk'], courtId: court.id });
      clerks.push({ user, token: (await login(api.baseUrl, user.email, user.password)).accessToken });
    }
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('gives twelve petitions accepted in parallel by four clerks the numbers 1 to 12 of their court, type and year, with no gap or twin', async () => {
    const filings: { id: string; lead: string; clerk: (typeof clerks)[number] }[] = [];
    for (let i = 0; i < 12; i++) {
      const meta = openingMetadata({
        newCase: {
          caseType: 'trafficking',
          title: `Matter ${i}`,
          confidentiality: 'confidential',
          parties: [{ partyRole: 'complainant', fullName: `Complainant ${i}`, representedByFiler: true }],
        },
      });
      const res = await submitFiling(api.baseUrl, filerToken, meta, [{ name: `p${i}.pdf`, bytes: await makePdf() }]);
      expect(res.status).toBe(201);
      const clerk = clerks[i % clerks.length];
      expect((await http(api.baseUrl, 'POST', `/api/filings/${res.body.filingId}/claim`, { token: clerk.token })).status).toBe(200);
      filings.push({ id: res.body.filingId, lead: res.body.documents[0].id, clerk });
    }
    const decisions = await Promise.all(
      filings.map((f) =>
        http(api.baseUrl, 'POST', `/api/filings/${f.id}/review`, {
          token: f.clerk.token,
          body: { action: 'accept', documents: [{ documentId: f.lead, decision: 'accept' }] },
        }),
      ),
    );
    expect(decisions.map((d) => d.status)).toEqual(Array(12).fill(200));
    const year = new Date().getUTCFullYear();
    const numbers = decisions.map((d) => d.body.caseNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `${court.code}-TIP-${year}-${String(i + 1).padStart(6, '0')}`));
    // Each new case's docket starts at 1.
    for (const d of decisions) expect(d.body.documents[0].docketEntry.seq).toBe(1);
  });

  it('gives documents accepted in parallel into one case the next docket numbers of that case, with no gap or twin', async () => {
    const opening = await submitFiling(
      api.baseUrl,
      filerToken,
      openingMetadata({
        newCase: {
          caseType: 'civil',
          title: 'Docket race',
          confidentiality: 'public',
          parties: [{ partyRole: 'plaintiff', fullName: 'Plaintiff R', representedByFiler: true }],
        },
      }),
      [{ name: 'p.pdf', bytes: await makePdf() }],
    );
    await http(api.baseUrl, 'POST', `/api/filings/${opening.body.filingId}/claim`, { token: clerks[0].token });
    const opened = await http(api.baseUrl, 'POST', `/api/filings/${opening.body.filingId}/review`, {
      token: clerks[0].token,
      body: { action: 'accept', documents: [{ documentId: opening.body.documents[0].id, decision: 'accept' }] },
    });
    const caseId = opened.body.caseId as string;
    const motions: { id: string; docs: string[]; clerk: (typeof clerks)[number] }[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await submitFiling(
        api.baseUrl,
        filerToken,
        {
          filingType: 'motion',
          caseId,
          title: `Motion ${i}`,
          confidentiality: 'public',
          documents: [{ title: 'Motion' }, { title: 'Exhibit' }],
        },
        [
          { name: 'm.pdf', bytes: await makePdf() },
          { name: 'e.pdf', bytes: await makePdf() },
        ],
      );
      const clerk = clerks[i % clerks.length];
      await http(api.baseUrl, 'POST', `/api/filings/${res.body.filingId}/claim`, { token: clerk.token });
      motions.push({ id: res.body.filingId, docs: res.body.documents.map((d: { id: string }) => d.id), clerk });
    }
    const results = await Promise.all(
      motions.map((m) =>
        http(api.baseUrl, 'POST', `/api/filings/${m.id}/review`, {
          token: m.clerk.token,
          body: { action: 'accept', documents: m.docs.map((documentId) => ({ documentId, decision: 'accept' })) },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const docket = await http(api.baseUrl, 'GET', `/api/cases/${caseId}/docket`, { token: filerToken });
    expect(docket.body.entries.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    // A filing's lead and its attachment are entered one after the other.
    for (const r of results) {
      const [lead, attachment] = r.body.documents.map((d: { docketEntry: { seq: number } }) => d.docketEntry.seq);
      expect(attachment).toBe(lead + 1);
    }
  });
});
