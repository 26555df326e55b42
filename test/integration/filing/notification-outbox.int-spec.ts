import { createHash, randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { TestingModule } from '@nestjs/testing';
import type { Job, Queue } from 'bull';
import { FILING_QUEUE, NOTIFY_FILING_OUTCOME, SweepNotificationOutbox } from '@ejustice/filing';
import { closeTestDb, createCourt, createUser, testConfig, testDb } from '@ejustice/testing';
import { filingLibModule } from './filing-lib-module';

/*
 * The notification outbox sweep against real PostgreSQL, Redis and Bull. A delivery whose job
 * used up its attempts (the mail server down for longer than its backoff, about a minute) stays
 * in Bull's failed set under the event's id, so queueing the event again under that id is a
 * no-op: the sweep must give that job another attempt, or the parties are never told by e-mail.
 */
describe('notification outbox sweep (integration)', () => {
  let moduleRef: TestingModule;
  let queue: Queue;
  let sweep: SweepNotificationOutbox;
  let mailDown = true;
  const delivered: string[] = [];

  beforeAll(async () => {
    // A Redis database of its own: this suite processes the filing queue itself.
    moduleRef = await filingLibModule(testConfig({ REDIS_URL: 'redis://127.0.0.1:6379/9' })).compile();
    await moduleRef.init();
    queue = moduleRef.get<Queue>(getQueueToken(FILING_QUEUE));
    await queue.obliterate({ force: true });
    sweep = moduleRef.get(SweepNotificationOutbox);
    // Stands in for the worker's delivery: it fails while the mail server is down.
    void queue.process(NOTIFY_FILING_OUTCOME, async (job: Job<{ eventId: string }>) => {
      if (mailDown) throw new Error('451 Mailbox busy, try later');
      delivered.push(job.data.eventId);
    });
  });

  afterAll(async () => {
    await moduleRef.close();
    await closeTestDb();
  });

  /** A decided filing's notification event, still unprocessed, an hour old. */
  async function pendingEvent(): Promise<string> {
    const court = await createCourt();
    const filer = await createUser({ roles: ['counsel'], courtId: court.id });
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    const { rows } = await testDb().query(
      `INSERT INTO filings (court_id, filer_user_id, filing_type, opens_case, title, confidentiality, urgent, status, received_at,
         idempotency_key, request_hash, fee_amount, fee_currency, fee_waived, new_case_type, new_case_title, new_case_confidentiality,
         decided_by, decided_at, reason_code)
       VALUES ($1, $2, 'petition', true, 'Petition', 'public', false, 'rejected', now(), $3, $4, 0, 'EUR', false, 'civil', 'A v. B', 'public',
         $5, now(), 'wrong_court')
       RETURNING id`,
      [court.id, filer.id, randomUUID(), createHash('sha256').update(randomUUID()).digest('hex'), clerk.id],
    );
    const event = await testDb().query(
      `INSERT INTO notification_events (filing_id, kind, created_at) VALUES ($1, 'filing.rejected', now() - interval '1 hour') RETURNING id`,
      [rows[0].id],
    );
    return event.rows[0].id as string;
  }

  it('gives a delivery that ran out of attempts another one, once, even with two sweeps at the same moment', async () => {
    const eventId = await pendingEvent();
    // The decision's job, as if its attempts were spent while the mail server was down.
    const first = await queue.add(NOTIFY_FILING_OUTCOME, { eventId }, { jobId: eventId, attempts: 1 });
    await expect(first.finished()).rejects.toThrow(/Mailbox busy/);
    expect(await (await queue.getJob(eventId))?.isFailed()).toBe(true);

    mailDown = false;
    // Two workers' sweeps at once (the deployment may run two): one of them retries the job.
    const results = await Promise.all([sweep.execute(60_000), sweep.execute(60_000)]);
    for (const r of results) expect(r.redisUnavailable).toBe(false);

    const job = await queue.getJob(eventId);
    // Delivered this time (finished() rejects for a job that failed again).
    await job?.finished();
    // Once: the later sweep found the job under way or done, not failed.
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered.filter((id) => id === eventId)).toEqual([eventId]);
    expect(results.map((r) => r.retried).sort()).toEqual([0, 1]);

    // A sweep after the delivery queues nothing again for it (the job is done, under the same id).
    await sweep.execute(60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered.filter((id) => id === eventId)).toEqual([eventId]);
  });
});
