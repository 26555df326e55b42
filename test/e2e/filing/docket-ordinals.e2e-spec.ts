import type { Role } from '@ejustice/vocabulary/role';
import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCourt,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';
import { freshStorageDir, makePdf, submitFiling } from './filing-support';

type Level = 'public' | 'confidential' | 'sealed';

/** The documents of the filing that opens the case, in docket order. */
const LEVELS: Level[] = ['public', 'sealed', 'public', 'confidential', 'sealed', 'public'];

describe('docket numbers: the bench sees the case sequence, everyone else a gapless ordinal of what they may read (e2e)', () => {
  let api: RunningApi;
  const users: Record<string, { user: TestUser; token: string }> = {};
  let caseId: string;
  let filingId: string;

  beforeAll(async () => {
    api = await startApiServer({ env: { STORAGE_DIR: freshStorageDir('docket-ordinals') } });
    const court = await createCourt();
    const make = async (label: string, roles: Role[]) => {
      const user = await createUser({ roles, courtId: court.id });
      users[label] = { user, token: (await login(api.baseUrl, user.email, user.password)).accessToken };
    };
    await make('judge', ['judge']);
    await make('clerk', ['clerk']);
    await make('prosecutor', ['prosecutor']);
    await make('defendant', ['party']);
    await make('observer', ['observer']);

    const res = await submitFiling(
      api.baseUrl,
      users.prosecutor.token,
      {
        filingType: 'complaint',
        newCase: {
          caseType: 'criminal',
          title: 'Prosecution v. Haddad',
          confidentiality: 'public',
          parties: [
            { partyRole: 'prosecution', fullName: 'Public Prosecution', representedByFiler: true },
            { partyRole: 'defendant', fullName: 'Nabil Haddad' },
          ],
        },
        title: 'Complaint',
        confidentiality: 'public',
        documents: LEVELS.map((confidentiality, i) => ({ title: `Part ${i + 1} (${confidentiality})`, confidentiality })),
      },
      await Promise.all(LEVELS.map(async (_, i) => ({ name: `part-${i + 1}.pdf`, bytes: await makePdf() }))),
    );
    expect(res.status).toBe(201);
    filingId = res.body.filingId;
    await http(api.baseUrl, 'POST', `/api/filings/${filingId}/claim`, { token: users.clerk.token });
    const accepted = await http(api.baseUrl, 'POST', `/api/filings/${filingId}/review`, {
      token: users.clerk.token,
      body: { action: 'accept', documents: res.body.documents.map((d: { id: string }) => ({ documentId: d.id, decision: 'accept' })) },
    });
    expect(accepted.status).toBe(200);
    caseId = accepted.body.caseId;
    await testDb().query(`UPDATE parties SET user_id = $1 WHERE case_id = $2 AND party_role = 'defendant'`, [
      users.defendant.user.id,
      caseId,
    ]);
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  /** The parts (1-based, in the case's sequence) each viewer may read. */
  const readable: Record<string, number[]> = {
    judge: [1, 2, 3, 4, 5, 6],
    clerk: [1, 2, 3, 4, 5, 6],
    prosecutor: [1, 3, 4, 6],
    defendant: [1, 3, 4, 6],
    observer: [1, 3, 6],
  };
  /** The numbers each viewer is shown for those parts: the bench the case's own, the others 1, 2, 3... */
  const shown: Record<string, number[]> = {
    judge: [1, 2, 3, 4, 5, 6],
    clerk: [1, 2, 3, 4, 5, 6],
    prosecutor: [1, 2, 3, 4],
    defendant: [1, 2, 3, 4],
    observer: [1, 2, 3],
  };
  const partOf = (summary: string) => Number(/Part (\d+)/.exec(summary)?.[1]);

  it.each(Object.keys(readable))('numbers the docket for the %s without gaps that betray hidden entries', async (label) => {
    const { token } = users[label];
    const docket = await http(api.baseUrl, 'GET', `/api/cases/${caseId}/docket`, { token });
    expect(docket.status).toBe(200);
    const entries: { seq: number; summary: string }[] = docket.body.entries;
    expect(entries.map((e) => partOf(e.summary))).toEqual(readable[label]);
    expect(entries.map((e) => e.seq)).toEqual(shown[label]);

    const detail = await http(api.baseUrl, 'GET', `/api/cases/${caseId}`, { token });
    expect(detail.status).toBe(200);
    const listed: { seq: number; summary: string }[] = detail.body.docket;
    expect(listed.map((e) => [e.seq, partOf(e.summary)])).toEqual(entries.map((e) => [e.seq, partOf(e.summary)]));
  });

  it('gives the filer, in their filing, the numbers their docket shows, and no number for the sealed parts they may not read', async () => {
    const res = await http(api.baseUrl, 'GET', `/api/filings/${filingId}`, { token: users.prosecutor.token });
    expect(res.status).toBe(200);
    expect(res.body.documents.map((d: { docketEntry: { seq: number } | null }) => d.docketEntry?.seq ?? null)).toEqual([
      1,
      null,
      2,
      3,
      null,
      4,
    ]);
    const clerkView = await http(api.baseUrl, 'GET', `/api/filings/${filingId}`, { token: users.clerk.token });
    expect(clerkView.body.documents.map((d: { docketEntry: { seq: number } }) => d.docketEntry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
