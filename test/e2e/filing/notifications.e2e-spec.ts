import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import { SMTPServer } from 'smtp-server';
import { DeliverNotification, FILING_QUEUE } from '@ejustice/filing';
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
  testConfig,
  testDb,
} from '@ejustice/testing';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { freshStorageDir, makePdf, submitFiling } from './filing-support';
import { waitFor } from '@ejustice/testing/wait-for';

interface Mail {
  to: string[];
  subject: string;
  raw: string;
}

const VICTIM = 'Amal Nasser Haddad';

describe('outcome notifications through the Bull worker: inbox and e-mail, never twice (e2e)', () => {
  let api: RunningApi;
  let worker: INestApplication;
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  /** Addresses whose next delivery the SMTP server refuses once (a transient failure). */
  const failOnce = new Set<string>();
  /** Addresses the SMTP server refuses for good (550: no such mailbox). */
  const refused = new Set<string>();
  let filer: TestUser;
  let clerk: TestUser;
  let defendant: TestUser;
  let defenceCounsel: TestUser;
  const tokens: Record<string, string> = {};
  let caseId: string;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (failOnce.delete(address.address)) return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        if (refused.has(address.address)) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (c: string) => (raw += c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '', raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const storage = freshStorageDir('notifications');
    // A Redis database of its own: its worker must not deliver other suites' notifications, nor they its.
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379/10' };
    api = await startApiServer({ env: { STORAGE_DIR: storage, ...redis } });
    const workerConfig = testConfig({ STORAGE_DIR: storage, SMTP_URL: `smtp://127.0.0.1:${port}`, WORKER_PORT: '0', ...redis });
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(workerConfig)] }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();

    const court = await createCourt();
    filer = await createUser({ roles: ['counsel'], courtId: court.id });
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    defendant = await createUser({ roles: ['party'], courtId: court.id });
    defenceCounsel = await createUser({ roles: ['counsel'], courtId: court.id });
    for (const u of [filer, clerk, defendant, defenceCounsel]) tokens[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
    const c = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      parties: [
        { partyRole: 'victim', fullName: VICTIM, isProtected: true, pseudonym: 'V-7', counselUserId: filer.id },
        { partyRole: 'defendant', fullName: 'Omar Salim', userId: defendant.id, counselUserId: defenceCounsel.id },
      ],
    });
    caseId = c.id;
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await closeTestDb();
  });

  async function fileAndDecide(
    title: string,
    decision: Record<string, unknown> | 'accept',
  ): Promise<{ filingId: string; eventId: string }> {
    const res = await submitFiling(
      api.baseUrl,
      tokens[filer.id],
      { filingType: 'motion', caseId, title, confidentiality: 'confidential', documents: [{ title: 'Motion' }] },
      [{ name: 'motion.pdf', bytes: await makePdf() }],
    );
    expect(res.status).toBe(201);
    await http(api.baseUrl, 'POST', `/api/filings/${res.body.filingId}/claim`, { token: tokens[clerk.id] });
    const body =
      decision === 'accept' ? { action: 'accept', documents: [{ documentId: res.body.documents[0].id, decision: 'accept' }] } : decision;
    const decided = await http(api.baseUrl, 'POST', `/api/filings/${res.body.filingId}/review`, { token: tokens[clerk.id], body });
    expect(decided.status).toBe(200);
    const { rows } = await testDb().query(`SELECT id FROM notification_events WHERE filing_id = $1`, [res.body.filingId]);
    return { filingId: res.body.filingId, eventId: rows[0].id };
  }

  /** Waits until the worker has processed the event's notifications. */
  async function delivered(eventId: string): Promise<void> {
    await waitFor(
      'delivery',
      async () =>
        (await testDb().query(`SELECT processed_at FROM notification_events WHERE id = $1`, [eventId])).rows[0].processed_at
          ? true
          : undefined,
      20_000,
      () => deliveryState(eventId),
    );
  }

  /** The e-mails of one notification event: their Message-ID starts with the event id. */
  function mailsFor(eventId: string): Mail[] {
    return mails.filter((m) => m.raw.includes(`<${eventId}.`));
  }

  /** What became of an event's delivery, for a wait that ran out. */
  async function deliveryState(eventId: string): Promise<string> {
    const sent = `${mailsFor(eventId).length} e-mails sent`;
    const job = await worker.get<Queue>(getQueueToken(FILING_QUEUE)).getJob(eventId);
    if (!job) return `${sent}, no job for the event (the api left it to the outbox sweep, which is off in this suite)`;
    const reason = job.failedReason ? `, last failure: ${job.failedReason}` : '';
    return `${sent}, the event's job ${await job.getState()} after ${job.attemptsMade} failed attempts${reason}`;
  }

  it('tells the filer and the other parties of an acceptance, in the inbox and by e-mail, with the victim by pseudonym', async () => {
    const { filingId, eventId } = await fileAndDecide(`Motion to protect ${VICTIM}`, 'accept');
    for (const u of [filer, defendant, defenceCounsel]) {
      const inbox = await waitFor(
        `inbox of ${u.email}`,
        async () => {
          const res = await http(api.baseUrl, 'GET', '/api/inbox', { token: tokens[u.id] });
          return res.body.items.find((m: { data: { filingId: string } }) => m.data.filingId === filingId);
        },
        20_000,
      );
      expect(inbox).toMatchObject({ kind: 'filing.accepted', readAt: null, data: { caseId, status: 'accepted' } });
      expect(JSON.stringify(inbox)).not.toMatch(/Amal|Nasser|Haddad/);
      expect(inbox.subject).toBe('Filing accepted: Motion to protect V-7');
    }
    await waitFor(
      'three e-mails',
      async () => (mailsFor(eventId).length >= 3 ? true : undefined),
      20_000,
      () => deliveryState(eventId),
    );
    expect(
      mailsFor(eventId)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([filer.email, defendant.email, defenceCounsel.email].sort());
    for (const m of mailsFor(eventId)) expect(m.raw).not.toMatch(/Amal|Nasser|Haddad/);
    // The clerk is not a recipient.
    expect((await http(api.baseUrl, 'GET', '/api/inbox', { token: tokens[clerk.id] })).body.items).toEqual([]);
  });

  it('sends nothing twice when the same event is delivered again', async () => {
    const { eventId } = await fileAndDecide('Motion two', 'accept');
    await delivered(eventId);
    const sent = mailsFor(eventId).length;
    expect(sent).toBe(3);
    const again = await worker.get(DeliverNotification).execute(eventId);
    expect(again).toEqual({ inbox: 0, emails: 0 });
    // And as a job again, through the queue (a duplicate enqueue after a crash).
    const queue = worker.get<Queue>(getQueueToken(FILING_QUEUE));
    const job = await queue.add('notify-filing-outcome', { eventId }, { jobId: `${eventId}-again` });
    await job.finished();
    expect(mailsFor(eventId)).toHaveLength(sent);
    const { rows } = await testDb().query(`SELECT count(*)::int AS n FROM inbox_messages WHERE event_id = $1`, [eventId]);
    expect(rows[0].n).toBe(3);
  });

  it('retries with backoff after a transient mail failure, and still sends each person exactly one e-mail', async () => {
    failOnce.add(defendant.email);
    const { eventId } = await fileAndDecide('Motion three', 'accept');
    await waitFor(
      'the retried delivery',
      async () => (mailsFor(eventId).length >= 3 ? true : undefined),
      30_000,
      () => deliveryState(eventId),
    );
    const queue = worker.get<Queue>(getQueueToken(FILING_QUEUE));
    const job = await queue.getJob(eventId);
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 500));
    const to = mailsFor(eventId).flatMap((m) => m.to);
    expect(to.sort()).toEqual([filer.email, defendant.email, defenceCounsel.email].sort());
  });

  it('still tells everyone else, and finishes, when the mail server refuses one address for good', async () => {
    // The filer comes first among the recipients: a refusal must not hold back the others.
    refused.add(filer.email);
    try {
      const { eventId } = await fileAndDecide('Motion five', 'accept');
      await delivered(eventId);
      expect(
        mailsFor(eventId)
          .flatMap((m) => m.to)
          .sort(),
      ).toEqual([defendant.email, defenceCounsel.email].sort());
      const { rows } = await testDb().query(`SELECT user_id FROM inbox_messages WHERE event_id = $1 ORDER BY user_id`, [eventId]);
      expect(rows.map((r) => r.user_id)).toEqual([filer.id, defendant.id, defenceCounsel.id].sort());
      // No e-mail is recorded as sent to the refused address.
      const sent = await testDb().query(`SELECT user_id FROM email_deliveries WHERE event_id = $1`, [eventId]);
      expect(sent.rows.map((r) => r.user_id).sort()).toEqual([defendant.id, defenceCounsel.id].sort());
    } finally {
      refused.delete(filer.email);
    }
  });

  it('tells only the filer when a filing is returned for correction', async () => {
    const { filingId, eventId } = await fileAndDecide('Motion four', {
      action: 'return',
      reasonCode: 'missing_information',
      note: 'Add the dates.',
    });
    await delivered(eventId);
    expect(mailsFor(eventId).flatMap((m) => m.to)).toEqual([filer.email]);
    const inbox = await http(api.baseUrl, 'GET', '/api/inbox?unread=true', { token: tokens[filer.id] });
    const message = inbox.body.items.find((m: { data: { filingId: string } }) => m.data.filingId === filingId);
    expect(message).toMatchObject({ kind: 'filing.returned', data: { reasonCode: 'missing_information' } });
    expect(message.body).toContain("Clerk's note: Add the dates.");
    const read = await http(api.baseUrl, 'POST', `/api/inbox/${message.id}/read`, { token: tokens[filer.id] });
    expect(read.body.readAt).not.toBeNull();
    expect((await http(api.baseUrl, 'POST', `/api/inbox/${message.id}/read`, { token: tokens[defendant.id] })).status).toBe(404);
  });
});
