import { type RunningApi, type TestUser, closeTestDb, createCourt, createUser, login, startApiServer, testDb } from '@ejustice/testing';
import type { Role } from '@ejustice/vocabulary/role';
import { ResponseRecorder, download, freshStorageDir, makePdf, submitFiling } from './filing-support';

const VICTIM = 'Mariam Yousef Khalil';
const WITNESS = 'Samir Odeh';

interface Viewer {
  label: string;
  user: TestUser;
  token: string;
  entitled: boolean;
}

describe('confidentiality of filings, documents and protected identities, for every role (e2e)', () => {
  let api: RunningApi;
  let recorder: ResponseRecorder;
  const v: Record<string, Viewer> = {};
  let caseId: string;
  let filingId: string;
  const docs: Record<'public' | 'confidential' | 'sealed', string> = { public: '', confidential: '', sealed: '' };

  beforeAll(async () => {
    api = await startApiServer({ env: { STORAGE_DIR: freshStorageDir('confidentiality') } });
    recorder = new ResponseRecorder(api.baseUrl);
    const court = await createCourt();
    const other = await createCourt();
    const make = async (label: string, roles: Role[], entitled: boolean, courtId = court.id) => {
      const user = await createUser({ roles, courtId });
      v[label] = { label, user, token: (await login(api.baseUrl, user.email, user.password)).accessToken, entitled };
    };
    await make('judge', ['judge'], true);
    await make('clerk', ['clerk'], true);
    await make('prosecutor', ['prosecutor'], true);
    await make('defenceCounsel', ['counsel'], false);
    await make('defendant', ['party'], false);
    await make('observer', ['observer'], false);
    await make('admin', ['admin'], false);
    await make('neighbour', ['party'], false);
    await make('otherCourtJudge', ['judge'], false, other.id);

    // The prosecution opens the case; the victim and a witness are protected.
    const metadata = {
      filingType: 'complaint',
      newCase: {
        caseType: 'trafficking',
        title: `Prosecution v. Dahan (victim ${VICTIM})`,
        confidentiality: 'public',
        parties: [
          { partyRole: 'prosecution', fullName: 'Public Prosecution', representedByFiler: true },
          { partyRole: 'victim', fullName: VICTIM, isProtected: true, pseudonym: 'V-1' },
          { partyRole: 'witness', fullName: WITNESS, isProtected: true },
          { partyRole: 'defendant', fullName: 'Karim Dahan' },
        ],
      },
      title: `Complaint on behalf of ${VICTIM}`,
      confidentiality: 'public',
      urgency: ['protective_order'],
      documents: [
        { title: 'Complaint' },
        { title: `Statement of Mariam Khalil`, confidentiality: 'confidential' },
        { title: 'Medical report', confidentiality: 'sealed' },
      ],
    };
    const res = await submitFiling(api.baseUrl, v.prosecutor.token, metadata, [
      { name: 'complaint.pdf', bytes: await makePdf() },
      { name: 'statement-mariam-khalil.pdf', bytes: await makePdf() },
      { name: 'medical.pdf', bytes: await makePdf() },
    ]);
    expect(res.status).toBe(201);
    filingId = res.body.filingId;
    [docs.public, docs.confidential, docs.sealed] = res.body.documents.map((d: { id: string }) => d.id);
    await recorder.call(v.clerk, 'POST', `/api/filings/${filingId}/claim`);
    const accepted = await recorder.call(v.clerk, 'POST', `/api/filings/${filingId}/review`, {
      action: 'accept',
      documents: Object.values(docs).map((documentId) => ({ documentId, decision: 'accept' })),
    });
    expect(accepted.status).toBe(200);
    caseId = accepted.body.caseId;
    // Arrange what no filing does: the defendant's own account and defence counsel join the case.
    await testDb().query(`UPDATE parties SET user_id = $1, counsel_user_id = $2 WHERE case_id = $3 AND party_role = 'defendant'`, [
      v.defendant.user.id,
      v.defenceCounsel.user.id,
      caseId,
    ]);
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  afterAll(() => {
    // Every response of this suite to a viewer not entitled to know the protected people.
    expect(recorder.count).toBeGreaterThan(60);
    expect(recorder.leaks([VICTIM, WITNESS])).toEqual([]);
  });

  const expected: Record<string, { case: number; public: number; confidential: number; sealed: number }> = {
    judge: { case: 200, public: 200, confidential: 200, sealed: 200 },
    clerk: { case: 200, public: 200, confidential: 200, sealed: 200 },
    prosecutor: { case: 200, public: 200, confidential: 200, sealed: 404 },
    defenceCounsel: { case: 200, public: 200, confidential: 200, sealed: 404 },
    defendant: { case: 200, public: 200, confidential: 200, sealed: 404 },
    observer: { case: 200, public: 200, confidential: 404, sealed: 404 },
    admin: { case: 404, public: 404, confidential: 404, sealed: 404 },
    neighbour: { case: 404, public: 404, confidential: 404, sealed: 404 },
    otherCourtJudge: { case: 404, public: 404, confidential: 404, sealed: 404 },
  };

  it.each(Object.keys(expected))('gives the %s exactly the documents their role and relation allow', async (label) => {
    const viewer = v[label];
    const want = expected[label];
    const detail = await recorder.call(viewer, 'GET', `/api/cases/${caseId}`);
    expect(detail.status).toBe(want.case);
    const docket = await recorder.call(viewer, 'GET', `/api/cases/${caseId}/docket`);
    expect(docket.status).toBe(want.case);
    for (const level of ['public', 'confidential', 'sealed'] as const) {
      const res = await download(api.baseUrl, viewer.token, `/api/filing-documents/${docs[level]}/content`);
      recorder.record(
        viewer,
        'GET',
        `/api/filing-documents/${docs[level]}/content`,
        `${res.headers.get('content-disposition') ?? ''} ${res.status === 200 ? '' : res.bytes.toString('utf8')}`,
      );
      expect({ level, status: res.status }).toEqual({ level, status: want[level] });
      if (want.case === 200) {
        const listed = docket.body.entries.flatMap((e: { documents: { id: string }[] }) => e.documents.map((d) => d.id));
        expect({ level, listed: listed.includes(docs[level]) }).toEqual({ level, listed: want[level] === 200 });
      }
    }
    await recorder.call(viewer, 'GET', '/api/cases');
    await recorder.call(viewer, 'GET', '/api/filings');
    await recorder.call(viewer, 'GET', `/api/filings/${filingId}`);
    await recorder.call(viewer, 'GET', `/api/filings/${filingId}/history`);
    await recorder.call(viewer, 'GET', '/api/inbox');
  });

  it('shows the protected victim by pseudonym, in the case, its title and the docket, to those not entitled', async () => {
    for (const label of ['defenceCounsel', 'defendant', 'observer']) {
      const detail = await recorder.call(v[label], 'GET', `/api/cases/${caseId}`);
      expect(detail.body.parties).toEqual(
        expect.arrayContaining([
          { id: expect.any(String), partyRole: 'victim', name: 'V-1', isProtected: true },
          { id: expect.any(String), partyRole: 'witness', name: 'Protected person 1', isProtected: true },
        ]),
      );
      expect(detail.body.title).toBe('Prosecution v. Dahan (victim V-1)');
      const docket = await recorder.call(v[label], 'GET', `/api/cases/${caseId}/docket`);
      expect(docket.body.entries[0].summary).toBe('Complaint on behalf of V-1 — Complaint');
    }
    const counsel = await recorder.call(v.defenceCounsel, 'GET', `/api/cases/${caseId}/docket`);
    expect(counsel.body.entries[1].documents[0]).toMatchObject({ title: 'Statement of V-1', fileName: 'statement-V-1.pdf' });
  });

  it('tells the court and the prosecution who the protected people are (so the scan above can fail)', async () => {
    for (const label of ['judge', 'prosecutor']) {
      const detail = await recorder.call(v[label], 'GET', `/api/cases/${caseId}`);
      expect(JSON.stringify(detail.body)).toContain(VICTIM);
      expect(JSON.stringify(detail.body)).toContain(WITNESS);
    }
    const filing = await recorder.call(v.clerk, 'GET', `/api/filings/${filingId}`);
    expect(filing.body.newCase.parties.map((p: { name: string }) => p.name)).toEqual([
      'Public Prosecution',
      VICTIM,
      WITNESS,
      'Karim Dahan',
    ]);
    const doc = await download(api.baseUrl, v.judge.token, `/api/filing-documents/${docs.confidential}/content`);
    expect(doc.headers.get('content-disposition')).toContain('statement-mariam-khalil.pdf');
  });
});
