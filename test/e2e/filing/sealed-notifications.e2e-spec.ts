import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
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
import { freshStorageDir, makePdf, submitFiling } from './filing-support';
import { MailSink, type ReceivedMail } from './mail-sink';

type Level = 'public' | 'confidential' | 'sealed';

const VICTIM = 'Leila Mansour Aziz';
const NEUTRAL_SUBJECT = 'New notice on the e-justice platform';

describe('filing notifications tell only those who may read the filing, and e-mail nothing of confidential or sealed matter (e2e)', () => {
  let api: RunningApi;
  let worker: INestApplication;
  const sink = new MailSink();
  let publicUrl: string;
  let filer: TestUser;
  let clerk: TestUser;
  let defendant: TestUser;
  let defenceCounsel: TestUser;
  const tokens: Record<string, string> = {};
  let publicCase: TestCase;
  let confidentialCase: TestCase;

  beforeAll(async () => {
    const smtpUrl = await sink.start();
    const storage = freshStorageDir('sealed-notifications');
    // A Redis database of its own: the notifications suite's worker, running meanwhile on the
    // default one, would take this suite's jobs and send their e-mails to its own mail sink.
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379/12' };
    api = await startApiServer({ env: { STORAGE_DIR: storage, ...redis } });
    const workerConfig = testConfig({ STORAGE_DIR: storage, SMTP_URL: smtpUrl, WORKER_PORT: '0', ...redis });
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(workerConfig)] }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
    publicUrl = worker.get<AppConfig>(APP_CONFIG).http.publicUrl;

    const court = await createCourt();
    filer = await createUser({ roles: ['counsel'], courtId: court.id });
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    defendant = await createUser({ roles: ['party'], courtId: court.id });
    defenceCounsel = await createUser({ roles: ['counsel'], courtId: court.id });
    for (const u of [filer, clerk, defendant, defenceCounsel]) tokens[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
    const parties = [
      { partyRole: 'victim' as const, fullName: VICTIM, isProtected: true, pseudonym: 'V-3', counselUserId: filer.id },
      { partyRole: 'defendant' as const, fullName: 'Yusuf Karam', userId: defendant.id, counselUserId: defenceCounsel.id },
    ];
    publicCase = await createCase({ courtId: court.id, caseType: 'trafficking', confidentiality: 'public', parties });
    confidentialCase = await createCase({ courtId: court.id, caseType: 'trafficking', confidentiality: 'confidential', parties });
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.close();
    await closeTestDb();
  });

  /** Files a motion with the given documents' levels, has the clerk decide it, and waits until its notification was delivered. */
  async function fileAndDecide(
    c: TestCase,
    title: string,
    levels: Level[],
    decision: 'accept' | { action: 'return' | 'reject'; reasonCode: string; note?: string } = 'accept',
  ): Promise<{ filingId: string; eventId: string; mails: ReceivedMail[]; inbox: { user_id: string; subject: string; body: string }[] }> {
    const res = await submitFiling(
      api.baseUrl,
      tokens[filer.id],
      {
        filingType: 'motion',
        caseId: c.id,
        title,
        confidentiality: levels[0],
        documents: levels.map((confidentiality, i) => ({ title: i === 0 ? 'Motion' : `Exhibit ${i}`, confidentiality })),
      },
      await Promise.all(levels.map(async (_, i) => ({ name: `part-${i}.pdf`, bytes: await makePdf() }))),
    );
    expect(res.status).toBe(201);
    await http(api.baseUrl, 'POST', `/api/filings/${res.body.filingId}/claim`, { token: tokens[clerk.id] });
    const body =
      decision === 'accept'
        ? { action: 'accept', documents: res.body.documents.map((d: { id: string }) => ({ documentId: d.id, decision: 'accept' })) }
        : decision;
    const decided = await http(api.baseUrl, 'POST', `/api/filings/${res.body.filingId}/review`, { token: tokens[clerk.id], body });
    expect(decided.status).toBe(200);
    const { rows } = await testDb().query(`SELECT id FROM notification_events WHERE filing_id = $1`, [res.body.filingId]);
    const eventId: string = rows[0].id;
    const until = Date.now() + 20_000;
    for (;;) {
      const done = await testDb().query(`SELECT processed_at FROM notification_events WHERE id = $1`, [eventId]);
      if (done.rows[0].processed_at) break;
      if (Date.now() > until) throw new Error(`Timed out waiting for the delivery of event ${eventId}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const inbox = await testDb().query(`SELECT user_id, subject, body FROM inbox_messages WHERE event_id = $1`, [eventId]);
    return { filingId: res.body.filingId, eventId, mails: sink.for(eventId), inbox: inbox.rows };
  }

  function expectNeutral(mails: ReceivedMail[], secrets: string[]): void {
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.subject).toBe(NEUTRAL_SUBJECT);
      expect(m.text).toBe(`You have a new notice on the e-justice platform.\nSign in to read it: ${publicUrl}/login`);
      for (const secret of secrets) {
        expect(m.subject).not.toContain(secret);
        expect(m.text).not.toContain(secret);
      }
    }
  }

  const recipients = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();

  it('tells of an accepted sealed filing no party who may not read it, neither in the inbox nor by e-mail', async () => {
    const title = 'Sealed motion on the informant';
    const { filingId, mails, inbox } = await fileAndDecide(publicCase, title, ['sealed']);
    // The filer is told the outcome of their own filing, and only them: the other side may not read it.
    expect(inbox.map((m) => m.user_id)).toEqual([filer.id]);
    expect(recipients(mails)).toEqual([filer.email]);
    expectNeutral(mails, [title, 'informant', publicCase.number]);
    for (const u of [defendant, defenceCounsel]) {
      const res = await http(api.baseUrl, 'GET', '/api/inbox', { token: tokens[u.id] });
      expect(JSON.stringify(res.body)).not.toContain(filingId);
      expect(JSON.stringify(res.body)).not.toContain('informant');
    }
    // The details wait behind sign-in, for the filer.
    const own = await http(api.baseUrl, 'GET', '/api/inbox', { token: tokens[filer.id] });
    const message = own.body.items.find((m: { data: { filingId: string } }) => m.data.filingId === filingId);
    expect(message).toMatchObject({
      kind: 'filing.accepted',
      subject: `Filing accepted: ${title}`,
      data: { caseNumber: publicCase.number },
    });
  });

  it('sends only a neutral notice by e-mail for a confidential filing, to the filer too; the inbox keeps the details', async () => {
    const title = `Confidential motion to shield ${VICTIM}`;
    const { filingId, mails, inbox } = await fileAndDecide(publicCase, title, ['confidential']);
    expect(recipients(mails)).toEqual([filer.email, defendant.email, defenceCounsel.email].sort());
    expectNeutral(mails, [title, 'Confidential motion', 'shield', 'V-3', publicCase.number, ...VICTIM.split(' ')]);
    expect(inbox.map((m) => m.user_id).sort()).toEqual([filer.id, defendant.id, defenceCounsel.id].sort());
    const res = await http(api.baseUrl, 'GET', '/api/inbox', { token: tokens[defendant.id] });
    const message = res.body.items.find((m: { data: { filingId: string } }) => m.data.filingId === filingId);
    expect(message.subject).toBe('Filing accepted: Confidential motion to shield V-3');
    expect(message.body).toContain(publicCase.number);
  });

  it('tells the parties of a public filing with a sealed exhibit, since they may read its lead, but only neutrally by e-mail', async () => {
    const title = 'Motion with a sealed exhibit';
    const { mails, inbox } = await fileAndDecide(publicCase, title, ['public', 'sealed']);
    expect(inbox.map((m) => m.user_id).sort()).toEqual([filer.id, defendant.id, defenceCounsel.id].sort());
    expect(recipients(mails)).toEqual([filer.email, defendant.email, defenceCounsel.email].sort());
    expectNeutral(mails, [title, 'sealed exhibit', publicCase.number]);
  });

  it('names neither a confidential case nor a public filing in it by e-mail', async () => {
    const title = 'Public motion in a closed case';
    const { mails } = await fileAndDecide(confidentialCase, title, ['public']);
    expect(recipients(mails)).toEqual([filer.email, defendant.email, defenceCounsel.email].sort());
    expectNeutral(mails, [title, 'closed case', confidentialCase.number]);
  });

  it('sends the filer of a returned confidential filing a neutral e-mail, without the title, case or clerk’s note', async () => {
    const title = 'Confidential application for relocation';
    const { mails, inbox } = await fileAndDecide(publicCase, title, ['confidential'], {
      action: 'return',
      reasonCode: 'missing_information',
      note: 'State the new address.',
    });
    expect(inbox.map((m) => m.user_id)).toEqual([filer.id]);
    expect(recipients(mails)).toEqual([filer.email]);
    expectNeutral(mails, [title, 'relocation', 'new address', publicCase.number]);
  });

  it('keeps the full e-mail for a public filing in a public case, protected names masked', async () => {
    const title = `Public motion naming ${VICTIM}`;
    const { filingId, mails } = await fileAndDecide(publicCase, title, ['public']);
    expect(recipients(mails)).toEqual([filer.email, defendant.email, defenceCounsel.email].sort());
    for (const m of mails) {
      expect(m.subject).toBe('Filing accepted: Public motion naming V-3');
      expect(m.text).toContain(`"Public motion naming V-3" in case ${publicCase.number} was accepted by the court`);
      expect(m.raw).not.toMatch(/Leila|Mansour|Aziz/);
    }
    expect(mails.find((m) => m.to.includes(filer.email))?.text).toContain(`${publicUrl}/filings/${filingId}`);
  });
});
