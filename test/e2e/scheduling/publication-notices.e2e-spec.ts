import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import type { SchedulePlan } from '@ejustice/scheduling';
import {
  MailPublicationNotices,
  PUBLICATION_EMAIL_SUBJECT,
  SweepPublicationMail,
  type ScheduleRunPublication,
  type ScheduleRunView,
} from '@ejustice/scheduling-data';
import type { SummonsPage, SummonsView } from '@ejustice/hearings';
import { NEUTRAL_EMAIL_SUBJECT } from '@ejustice/platform';
import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createUser,
  http,
  login,
  startApiServer,
  testConfig,
  testDb,
} from '@ejustice/testing';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { MailSink, type ReceivedMail } from '../filing/mail-sink';
import { waitFor } from '@ejustice/testing/wait-for';

/** A Redis database of its own: only this suite's worker (the one with SMTP) takes these jobs. */
const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379/6' };
const VICTIM = 'Amal Haddad';

describe('a publication tells everyone: e-mails to account holders through Bull, summonses for the people without accounts (e2e)', () => {
  let api: RunningApi;
  let worker: INestApplication;
  const sink = new MailSink();
  let court: SeededSchedulingCourt;
  let timeZone: string;
  let counselPublic: TestUser;
  let counselConfidential: TestUser;
  let outsider: TestUser;
  let plan: SchedulePlan;
  let runId: string;
  let published: ScheduleRunPublication;
  const token: Record<string, string> = {};
  const caseNumber: Record<string, string> = {};
  const summonsesPath = () => `/api/courts/${court.court.id}/summonses`;

  const mailsOf = (run: string) => sink.mails.filter((m) => m.messageId.startsWith(`<publication.${run}.`));
  const allSent = (run: string) =>
    waitFor(
      `the e-mails of publication ${run}`,
      async () => {
        const { rows } = await testDb().query(
          `SELECT count(*)::int AS n FROM schedule_notice_emails WHERE schedule_run_id = $1 AND sent_at IS NULL`,
          [run],
        );
        return rows[0].n === 0 ? true : undefined;
      },
      60_000,
    );
  const emailOf = async (userId: string): Promise<string> =>
    (await testDb().query(`SELECT email FROM users WHERE id = $1`, [userId])).rows[0].email;
  const mailTo = async (run: string, userId: string): Promise<ReceivedMail[]> => {
    const address = await emailOf(userId);
    return mailsOf(run).filter((m) => m.to.includes(address));
  };

  beforeAll(async () => {
    const redis = new Redis({ host: '127.0.0.1', port: 6379, db: 6 });
    await redis.flushdb();
    redis.disconnect();
    const smtpUrl = await sink.start();
    // The api writes the outbox only when SMTP is configured; the worker sends it.
    api = await startApiServer({ env: { ...REDIS, SMTP_URL: smtpUrl } });
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ ...REDIS, SMTP_URL: smtpUrl, WORKER_PORT: '0' }))],
    }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();

    court = await seedSchedulingCourt({ timeLimitSeconds: 1 });
    timeZone = (await testDb().query(`SELECT time_zone FROM courts WHERE id = $1`, [court.court.id])).rows[0].time_zone;
    counselPublic = await createUser({ roles: ['counsel'], courtId: court.court.id });
    counselConfidential = await createUser({ roles: ['counsel'], courtId: court.court.id });
    outsider = await createUser({ roles: ['counsel'], courtId: court.court.id });
    // The family case stays public with a counsel of its own; the civil case becomes confidential with another.
    await testDb().query(
      `INSERT INTO parties (case_id, party_role, full_name, counsel_user_id) VALUES ($1, 'petitioner', 'Nadia Petitioner', $2)`,
      [court.cases.family, counselPublic.id],
    );
    await testDb().query(
      `INSERT INTO parties (case_id, party_role, full_name, counsel_user_id) VALUES ($1, 'plaintiff', 'Rami Plaintiff', $2)`,
      [court.cases.remote, counselConfidential.id],
    );
    await testDb().query(`UPDATE cases SET confidentiality = 'confidential' WHERE id = $1`, [court.cases.remote]);
    for (const c of Object.values(court.cases)) {
      caseNumber[c] = (await testDb().query(`SELECT number FROM cases WHERE id = $1`, [c])).rows[0].number;
    }
    for (const u of [court.clerk, court.judges.specialist, outsider])
      token[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;

    const queued = await http(api.baseUrl, 'POST', `/api/courts/${court.court.id}/schedule-runs`, {
      token: token[court.clerk.id],
      body: { horizonStart: SCHEDULING_HORIZON_START, seed: 3 },
    });
    expect(queued.status).toBe(202);
    runId = queued.body.runId;
    const draft = await waitFor(
      'the draft',
      async () => {
        const res = await http<ScheduleRunView>(api.baseUrl, 'GET', `/api/courts/${court.court.id}/schedule-runs/${runId}`, {
          token: token[court.clerk.id],
        });
        return res.body.status === 'done' ? res.body : undefined;
      },
      60_000,
    );
    plan = draft.plan as SchedulePlan;
    const res = await http<ScheduleRunPublication>(api.baseUrl, 'POST', `/api/courts/${court.court.id}/schedule-runs/${runId}/publish`, {
      token: token[court.clerk.id],
    });
    expect(res.status).toBe(200);
    published = res.body;
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.close();
    await closeTestDb();
  });

  it('e-mails every account holder told in the inbox once, after the commit, by the worker', async () => {
    await allSent(runId);
    const { rows: inbox } = await testDb().query(`SELECT user_id FROM inbox_messages WHERE schedule_run_id = $1`, [runId]);
    expect(inbox).toHaveLength(published.notified);
    const mails = mailsOf(runId);
    expect(mails).toHaveLength(published.notified);
    const addresses = await Promise.all(inbox.map((r) => emailOf(r.user_id)));
    expect(mails.flatMap((m) => m.to).sort()).toEqual(addresses.sort());
    for (const mail of mails) {
      expect(mail.text).not.toContain(VICTIM);
      expect(mail.text).not.toContain('Amal');
      expect(mail.text).not.toContain(caseNumber[court.cases.trafficking]);
      expect(mail.text).not.toContain(caseNumber[court.cases.remote]);
    }
  });

  it('tells the judges and counsel of public cases the day, time (the court’s zone, named) and case number', async () => {
    expect(plan.assignments.map((a) => a.case)).toEqual(expect.arrayContaining([court.cases.family, court.cases.remote]));
    const family = plan.assignments.find((a) => a.case === court.cases.family)!;
    const [toCounsel] = await mailTo(runId, counselPublic.id);
    expect(toCounsel.subject).toBe(PUBLICATION_EMAIL_SUBJECT);
    expect(toCounsel.text).toContain(`case ${caseNumber[court.cases.family]}: listed for`);
    expect(toCounsel.text).toContain(`${family.date}, ${family.start}–${family.end} (court time, ${timeZone})`);
    const [toJudge] = await mailTo(runId, family.judge);
    expect(toJudge.subject).toBe(PUBLICATION_EMAIL_SUBJECT);
    expect(toJudge.text).toContain(`${family.date}, ${family.start}–${family.end} (court time, ${timeZone})`);
  });

  it('sends a neutral notice for a confidential case, and for a case with a protected victim', async () => {
    for (const userId of [counselConfidential.id]) {
      const mails = await mailTo(runId, userId);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(NEUTRAL_EMAIL_SUBJECT);
      expect(mails[0].text).toMatch(/^You have a new notice on the e-justice platform\.\nSign in to read it: .*\/login$/);
    }
    // Counsel of the protected victim sits in the trafficking case only.
    const victimCounsel: { counsel_user_id: string }[] = (
      await testDb().query(`SELECT counsel_user_id FROM parties WHERE case_id = $1 AND is_protected`, [court.cases.trafficking])
    ).rows;
    const [toVictimCounsel] = await mailTo(runId, victimCounsel[0].counsel_user_id);
    expect(toVictimCounsel.subject).toBe(NEUTRAL_EMAIL_SUBJECT);
  });

  it('sends one e-mail per run and recipient, however often and however concurrently the job runs', async () => {
    const before = mailsOf(runId).length;
    const mailer = worker.get(MailPublicationNotices);
    expect(await mailer.execute(runId)).toEqual({ sent: 0, skipped: 0 });
    // One row made pending again (a crash after the send, before the commit): two jobs at once send it once.
    await testDb().query(`UPDATE schedule_notice_emails SET sent_at = NULL WHERE schedule_run_id = $1 AND user_id = $2`, [
      runId,
      counselPublic.id,
    ]);
    const results = await Promise.all([mailer.execute(runId), mailer.execute(runId)]);
    expect(results.map((r) => r.sent).sort()).toEqual([0, 1]);
    expect(mailsOf(runId)).toHaveLength(before + 1);
  });

  it('passes over an address the mail server refuses for good, and sends the others', async () => {
    const address = await emailOf(counselPublic.id);
    const before = mailsOf(runId).length;
    await testDb().query(`UPDATE schedule_notice_emails SET sent_at = NULL, message_id = NULL WHERE schedule_run_id = $1`, [runId]);
    const { rows: pending } = await testDb().query(`SELECT count(*)::int AS n FROM schedule_notice_emails WHERE schedule_run_id = $1`, [
      runId,
    ]);
    sink.refused.add(address);
    try {
      const result = await worker.get(MailPublicationNotices).execute(runId);
      expect(result).toEqual({ sent: pending[0].n - 1, skipped: 1 });
    } finally {
      sink.refused.delete(address);
    }
    expect(mailsOf(runId)).toHaveLength(before + pending[0].n - 1);
    const { rows } = await testDb().query(
      `SELECT sent_at IS NOT NULL AS done, message_id FROM schedule_notice_emails WHERE schedule_run_id = $1 AND user_id = $2`,
      [runId, counselPublic.id],
    );
    // Done with, and no message recorded: it is not tried again by every sweep.
    expect(rows[0]).toEqual({ done: true, message_id: null });
  });

  it('queues again, from the outbox sweep, a publication whose e-mails were left unsent (Redis down, a job given up)', async () => {
    const before = (await mailTo(runId, counselConfidential.id)).length;
    await testDb().query(
      `UPDATE schedule_notice_emails SET sent_at = NULL, created_at = now() - interval '1 hour' WHERE schedule_run_id = $1 AND user_id = $2`,
      [runId, counselConfidential.id],
    );
    const swept = await worker.get(SweepPublicationMail).execute(60_000);
    expect(swept.redisUnavailable).toBe(false);
    expect(swept.queued).toBeGreaterThanOrEqual(1);
    await allSent(runId);
    expect(await mailTo(runId, counselConfidential.id)).toHaveLength(before + 1);
  });

  describe('summonses of the people without an account', () => {
    let pending: SummonsPage;

    it('creates one per seat without an account in the same transaction, and the publication counts them', async () => {
      const { rows } = await testDb().query(
        `SELECT count(*)::int AS n FROM hearing_participants p JOIN published_hearings ph ON ph.hearing_id = p.hearing_id AND ph.run_id = $1
          WHERE p.user_id IS NULL`,
        [runId],
      );
      expect(published.summonses).toBe(rows[0].n);
      expect(published.summonses).toBeGreaterThan(0);
      const res = await http<SummonsPage>(api.baseUrl, 'GET', `${summonsesPath()}?status=pending&limit=200`, {
        token: token[court.clerk.id],
      });
      expect(res.status).toBe(200);
      pending = res.body;
      expect(pending.total).toBe(published.summonses);
      expect(pending.items.every((s) => s.reason === 'listed' && s.delivery === null && s.scheduleRunId === runId)).toBe(true);
      expect(new Set(pending.items.map((s) => s.participant.role))).toEqual(new Set(['victim', 'defendant', 'interpreter', 'supporter']));
      const judge = await http(api.baseUrl, 'GET', summonsesPath(), { token: token[court.judges.specialist.id] });
      expect(judge.status).toBe(200);
      const refused = await http(api.baseUrl, 'GET', summonsesPath(), { token: token[outsider.id] });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'summons.forbidden' });
    });

    it('names a person under an anonymity order by the pseudonym to a clerk the order does not name', async () => {
      const victim = pending.items.find((s) => s.participant.role === 'victim')!;
      expect(victim.participant.displayName).toBe(VICTIM);
      await testDb().query(
        `INSERT INTO special_measure_orders (hearing_id, participant_id, kind, terms, reason, made_by, made_at)
         VALUES ($1, $2, 'anonymity', '{"pseudonym": "Witness Q"}', 'Fear of reprisals', $3, now())`,
        [victim.hearing.id, victim.participant.id, court.judges.specialist.id],
      );
      const res = await http<SummonsPage>(api.baseUrl, 'GET', `${summonsesPath()}?limit=200`, { token: token[court.clerk.id] });
      const shown = res.body.items.find((s) => s.id === victim.id)!;
      expect(shown.participant.displayName).toBe('Witness Q');
      // Nowhere in that hearing's summonses (the order is of that hearing; in the others the court knows her).
      expect(JSON.stringify(res.body.items.filter((s) => s.hearing.id === victim.hearing.id))).not.toContain(VICTIM);
    });

    it('records a delivery once, answers the same one again, refuses another with 409, and audits it', async () => {
      const summons = pending.items.find((s) => s.participant.role === 'interpreter')!;
      const path = `/api/summonses/${summons.id}/delivery`;
      const first = await http<SummonsView>(api.baseUrl, 'POST', path, {
        token: token[court.clerk.id],
        body: { method: 'phone', note: 'Confirmed by phone' },
      });
      expect(first.status).toBe(200);
      expect(first.body.delivery).toMatchObject({ method: 'phone', note: 'Confirmed by phone', by: { userId: court.clerk.id } });
      const again = await http<SummonsView>(api.baseUrl, 'POST', path, {
        token: token[court.clerk.id],
        body: { method: 'phone', note: 'Confirmed by phone' },
      });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const other = await http(api.baseUrl, 'POST', path, { token: token[court.clerk.id], body: { method: 'post' } });
      expect(other.status).toBe(409);
      expect(other.body).toMatchObject({ code: 'summons.already_delivered' });
      const byJudge = await http(api.baseUrl, 'POST', path, { token: token[court.judges.specialist.id], body: { method: 'phone' } });
      expect(byJudge.status).toBe(403);
      const bad = await http(api.baseUrl, 'POST', path, { token: token[court.clerk.id], body: { method: 'pigeon' } });
      expect(bad.status).toBe(400);
      const { rows } = await testDb().query(
        `SELECT data FROM audit_events WHERE action = 'hearing.summons_delivered' AND subject_id = $1`,
        [summons.id],
      );
      expect(rows).toEqual([{ data: expect.objectContaining({ method: 'phone', participantId: summons.participant.id, noted: true }) }]);
      const delivered = await http<SummonsPage>(api.baseUrl, 'GET', `${summonsesPath()}?status=delivered`, {
        token: token[court.clerk.id],
      });
      expect(delivered.body.items.map((s) => s.id)).toEqual([summons.id]);
      const stillPending = await http<SummonsPage>(api.baseUrl, 'GET', summonsesPath(), { token: token[court.clerk.id] });
      expect(stillPending.body.total).toBe(published.summonses - 1);
    });

    it('a later publication that adjourns a hearing supersedes its open summonses, tells its people so, and e-mails the adjournment', async () => {
      const custody = plan.assignments.find((a) => a.case === court.cases.custody)!;
      const next = { ...plan, assignments: plan.assignments.filter((a) => a !== custody) };
      const { rows } = await testDb().query(
        `INSERT INTO schedule_runs (court_id, requested_by, status, progress, horizon_start, seed, time_limit_seconds, plan, finished_at)
         VALUES ($1, $2, 'done', 100, $3, 3, 1, $4, now()) RETURNING id`,
        [court.court.id, court.clerk.id, SCHEDULING_HORIZON_START, JSON.stringify(next)],
      );
      const second: string = rows[0].id;
      const res = await http<ScheduleRunPublication>(api.baseUrl, 'POST', `/api/courts/${court.court.id}/schedule-runs/${second}/publish`, {
        token: token[court.clerk.id],
      });
      expect(res.body).toMatchObject({ released: 1 });
      const hearingId = (
        await testDb().query(`SELECT hearing_id FROM hearing_summonses WHERE schedule_run_id = $1 AND reason = 'adjourned' LIMIT 1`, [
          second,
        ])
      ).rows[0].hearing_id;
      const { rows: tasks } = await testDb().query(
        `SELECT participant_id, schedule_run_id, reason, superseded_at IS NOT NULL AS superseded, delivered_at IS NOT NULL AS delivered
           FROM hearing_summonses WHERE hearing_id = $1 ORDER BY created_at`,
        [hearingId],
      );
      const newer = tasks.filter((t) => t.schedule_run_id === second);
      expect(newer.length).toBe(res.body.summonses);
      expect(newer.every((t) => t.reason === 'adjourned' && !t.superseded)).toBe(true);
      const older = tasks.filter((t) => t.schedule_run_id === runId);
      expect(older.every((t) => t.delivered || t.superseded)).toBe(true);
      // The interpreter's was delivered before (it stays so); the defendant's was still open.
      expect(older.filter((t) => t.delivered)).toHaveLength(1);
      const oldOne = older.find((t) => t.superseded);
      expect(oldOne).toBeDefined();
      const { rows: ids } = await testDb().query(`SELECT id FROM hearing_summonses WHERE participant_id = $1 AND schedule_run_id = $2`, [
        oldOne.participant_id,
        runId,
      ]);
      const late = await http(api.baseUrl, 'POST', `/api/summonses/${ids[0].id}/delivery`, {
        token: token[court.clerk.id],
        body: { method: 'post' },
      });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'summons.superseded' });
      // The inbox names the adjourned hearing by its title.
      const { rows: notices } = await testDb().query(`SELECT body FROM inbox_messages WHERE schedule_run_id = $1 AND user_id = $2`, [
        second,
        custody.judge,
      ]);
      expect(notices[0].body).toContain(`- Bail: ${caseNumber[court.cases.custody]}: adjourned, no longer on the court's timetable`);
      await allSent(second);
      const [toJudge] = await mailTo(second, custody.judge);
      expect(toJudge.subject).toBe(PUBLICATION_EMAIL_SUBJECT);
      expect(toJudge.text).toContain(`case ${caseNumber[court.cases.custody]}: adjourned`);
    });

    it('refuses to move a hearing that has opened since the draft, and writes nothing', async () => {
      const family = plan.assignments.find((a) => a.case === court.cases.family)!;
      const { rows: current } = await testDb().query(`SELECT id, plan FROM schedule_runs WHERE court_id = $1 AND status = 'published'`, [
        court.court.id,
      ]);
      const base = current[0].plan as SchedulePlan;
      const moved = { ...family, judge: court.judges.onLeave.id === family.judge ? court.judges.specialist.id : court.judges.onLeave.id };
      const next = {
        ...base,
        assignments: base.assignments.map((a) => (a.case === family.case && a.hearing === family.hearing ? moved : a)),
      };
      const hearingId = (
        await testDb().query(`SELECT hearing_id FROM published_hearings WHERE case_id = $1 AND need_index = $2`, [
          family.case,
          family.hearing,
        ])
      ).rows[0].hearing_id;
      await testDb().query(`UPDATE hearings SET status = 'open' WHERE id = $1`, [hearingId]);
      const { rows } = await testDb().query(
        `INSERT INTO schedule_runs (court_id, requested_by, status, progress, horizon_start, seed, time_limit_seconds, plan, finished_at)
         VALUES ($1, $2, 'done', 100, $3, 3, 1, $4, now()) RETURNING id`,
        [court.court.id, court.clerk.id, SCHEDULING_HORIZON_START, JSON.stringify(next)],
      );
      const before = (await testDb().query(`SELECT count(*)::int AS n FROM hearing_summonses WHERE court_id = $1`, [court.court.id]))
        .rows[0].n;
      const res = await http(api.baseUrl, 'POST', `/api/courts/${court.court.id}/schedule-runs/${rows[0].id}/publish`, {
        token: token[court.clerk.id],
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'scheduling.hearing_under_way' });
      const after = (await testDb().query(`SELECT count(*)::int AS n FROM hearing_summonses WHERE court_id = $1`, [court.court.id])).rows[0]
        .n;
      expect(after).toBe(before);
      expect(
        (await testDb().query(`SELECT count(*)::int AS n FROM schedule_notice_emails WHERE schedule_run_id = $1`, [rows[0].id])).rows[0].n,
      ).toBe(0);
    });
  });
});
