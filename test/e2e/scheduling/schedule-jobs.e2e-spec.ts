import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import { Redis } from 'ioredis';
import { type SchedulePlan, checkPlan, minimalMovesPolicy, validateInstance } from '@ejustice/scheduling';
import {
  NIGHTLY_SCHEDULE,
  SCHEDULING_QUEUE,
  SchedulingInstanceQueries,
  type ScheduleRunPublication,
  type ScheduleRunView,
} from '@ejustice/scheduling-data';
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
import { NightlySchedules } from '../../../apps/worker/src/scheduling/nightly-schedules';
import { waitFor } from '@ejustice/testing/wait-for';

/** A Redis database of its own: no other suite's worker takes these jobs, and this one takes no other's. */
const REDIS_DB = 4;
const REDIS = { REDIS_URL: `redis://127.0.0.1:6379/${REDIS_DB}` };

/** A court busier than it can hear in its week: the solver's improvement works for its whole budget. */
async function addBacklog(courtId: string, cases: number): Promise<void> {
  await testDb().query(
    `WITH made AS (
       INSERT INTO cases (court_id, number, case_type, title, confidentiality, opened_at)
       SELECT $1, 'BACKLOG-' || replace(gen_random_uuid()::text, '-', ''), 'civil', 'Backlog case ' || i, 'public', now() - (i || ' days')::interval
         FROM generate_series(1, $2) AS i
       RETURNING id, opened_at)
     INSERT INTO case_hearing_needs (case_id, seq, hearing_type, minutes)
     SELECT id, 1, 'case_management', 30 + (extract(epoch FROM opened_at)::bigint % 4) * 15 FROM made`,
    [courtId, cases],
  );
}

describe('the scheduler as a job: progress, nightly runs, publishing a draft, re-planning after a cancellation (e2e)', () => {
  let api: RunningApi;
  let worker: INestApplication;
  let queue: Queue;
  let court: SeededSchedulingCourt;
  let nightlyCourt: SeededSchedulingCourt;
  let party: TestUser;
  const token: Record<string, string> = {};
  const runsPath = (courtId: string) => `/api/courts/${courtId}/schedule-runs`;

  const view = async (courtId: string, runId: string, as: string) => {
    const res = await http<ScheduleRunView>(api.baseUrl, 'GET', `${runsPath(courtId)}/${runId}`, { token: token[as] });
    expect(res.status).toBe(200);
    return res.body;
  };
  const finished = (courtId: string, runId: string, as: string) =>
    waitFor(
      `run ${runId} to finish`,
      async () => {
        const run = await view(courtId, runId, as);
        return run.status === 'queued' || run.status === 'running' ? undefined : run;
      },
      60_000,
    );
  const solve = async (seeded: SeededSchedulingCourt) => {
    const queued = await http(api.baseUrl, 'POST', runsPath(seeded.court.id), {
      token: token[seeded.clerk.id],
      body: { horizonStart: SCHEDULING_HORIZON_START, seed: 3 },
    });
    expect(queued.status).toBe(202);
    const done = await finished(seeded.court.id, queued.body.runId, seeded.clerk.id);
    expect(done.status).toBe('done');
    return done;
  };
  const publish = (seeded: SeededSchedulingCourt, runId: string, as: string, key?: string) =>
    http(api.baseUrl, 'POST', `${runsPath(seeded.court.id)}/${runId}/publish`, {
      token: token[as],
      headers: key ? { 'Idempotency-Key': key } : undefined,
    });

  beforeAll(async () => {
    // Repeatable jobs outlive a run of the suite in Redis; start from an empty database of our own.
    const redis = new Redis({ host: '127.0.0.1', port: 6379, db: REDIS_DB });
    await redis.flushdb();
    redis.disconnect();
    nightlyCourt = await seedSchedulingCourt({ timeLimitSeconds: 1 });
    await testDb().query(`UPDATE court_scheduling_policies SET nightly_hour = 2 WHERE court_id = $1`, [nightlyCourt.court.id]);

    api = await startApiServer({ env: REDIS });
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ ...REDIS, WORKER_PORT: '0' }))],
    }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
    queue = worker.get<Queue>(getQueueToken(SCHEDULING_QUEUE));

    court = await seedSchedulingCourt({ timeLimitSeconds: 1 });
    party = await createUser({ roles: ['party'], courtId: court.court.id });
    for (const u of [court.clerk, court.judges.specialist, nightlyCourt.clerk, party])
      token[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await closeTestDb();
  });

  it('shows a run’s progress and phase while the solver works, rising to 100 when it is done', async () => {
    const busy = await seedSchedulingCourt({ timeLimitSeconds: 3 });
    await addBacklog(busy.court.id, 400);
    token[busy.clerk.id] = (await login(api.baseUrl, busy.clerk.email, busy.clerk.password)).accessToken;
    const queued = await http(api.baseUrl, 'POST', runsPath(busy.court.id), {
      token: token[busy.clerk.id],
      body: { horizonStart: SCHEDULING_HORIZON_START },
    });
    expect(queued.status).toBe(202);

    const seen: Pick<ScheduleRunView, 'status' | 'progress' | 'phase'>[] = [];
    const done = await waitFor(
      'the busy run to finish',
      async () => {
        const run = await view(busy.court.id, queued.body.runId, busy.clerk.id);
        seen.push({ status: run.status, progress: run.progress, phase: run.phase });
        return run.status === 'done' || run.status === 'failed' ? run : undefined;
      },
      60_000,
    );

    expect(done).toMatchObject({ status: 'done', progress: 100, phase: null, trigger: 'request', mode: 'full' });
    // While it ran, the clerk saw the solver's own progress: past assembling, before the check.
    const solving = seen.filter((s) => s.status === 'running' && s.progress > 20 && s.progress < 95);
    expect(solving.length).toBeGreaterThan(0);
    expect(solving.every((s) => ['construct', 'custody', 'compact', 'bound', 'improve', 'explain'].includes(s.phase ?? ''))).toBe(true);
    expect(seen.every((s, i) => i === 0 || s.progress >= seen[i - 1].progress)).toBe(true);
    expect((await queue.getJob(queued.body.runId))?.progress()).toBe(100);
  });

  it('keeps one nightly job per court that set an hour, in its time zone, in line with the hour it sets', async () => {
    const nightlyJobs = async () =>
      (await queue.getRepeatableJobs()).filter((job) => job.name === NIGHTLY_SCHEDULE && job.id === `nightly-${nightlyCourt.court.id}`);
    const { rows: zone } = await testDb().query(`SELECT time_zone FROM courts WHERE id = $1`, [nightlyCourt.court.id]);
    // Registered when the worker started.
    expect((await nightlyJobs()).map((job) => ({ cron: job.cron, tz: job.tz }))).toEqual([{ cron: '0 2 * * *', tz: zone[0].time_zone }]);
    await testDb().query(`UPDATE court_scheduling_policies SET nightly_hour = 23 WHERE court_id = $1`, [nightlyCourt.court.id]);
    await worker.get(NightlySchedules).sync();
    expect((await nightlyJobs()).map((job) => job.cron)).toEqual(['0 23 * * *']);
    await testDb().query(`UPDATE court_scheduling_policies SET nightly_hour = NULL WHERE court_id = $1`, [nightlyCourt.court.id]);
    await worker.get(NightlySchedules).sync();
    expect(await nightlyJobs()).toEqual([]);

    // The job itself, as the repeat fires it: a draft of the court's plan from today, asked by nobody.
    await queue.add(NIGHTLY_SCHEDULE, { courtId: nightlyCourt.court.id });
    const { rows } = await waitFor(
      'the nightly run',
      async () => {
        const found = await testDb().query(`SELECT id FROM schedule_runs WHERE court_id = $1 AND trigger = 'nightly'`, [
          nightlyCourt.court.id,
        ]);
        return found.rows.length ? found : undefined;
      },
      60_000,
    );
    const nightly = await finished(nightlyCourt.court.id, rows[0].id, nightlyCourt.clerk.id);
    expect(nightly).toMatchObject({ trigger: 'nightly', mode: 'full', status: 'done' });
  });

  describe('publishing a draft, and re-planning after a cancellation', () => {
    let draft: ScheduleRunView;
    let plan: SchedulePlan;
    let published: ScheduleRunPublication;

    beforeAll(async () => {
      draft = await solve(court);
      plan = draft.plan as SchedulePlan;
    });

    it('refuses a judge, a party and another court’s clerk, and writes nothing', async () => {
      const byJudge = await publish(court, draft.id, court.judges.specialist.id);
      expect(byJudge.status).toBe(403);
      expect(byJudge.body).toMatchObject({ code: 'scheduling.publish_role_forbidden' });
      expect((await publish(court, draft.id, party.id)).body).toMatchObject({ code: 'scheduling.publish_role_forbidden' });
      const otherClerk = await http(api.baseUrl, 'POST', `${runsPath(court.court.id)}/${draft.id}/publish`, {
        token: token[nightlyCourt.clerk.id],
      });
      expect(otherClerk.status).toBe(403);
      expect(otherClerk.body.code).toBe('scheduling.other_court');
      const { rows } = await testDb().query(`SELECT count(*)::int AS n FROM hearings WHERE court_id = $1`, [court.court.id]);
      expect(rows[0].n).toBe(0);
    });

    it('publishes in one transaction: a hearing per listing with its participants, the run published, the audit, an inbox notice for everyone concerned', async () => {
      const res = await publish(court, draft.id, court.clerk.id, 'publish-key-0001');
      expect(res.status).toBe(200);
      published = res.body as ScheduleRunPublication;
      expect(published).toEqual({
        runId: draft.id,
        status: 'published',
        publishedAt: expect.any(String),
        supersededRunId: null,
        created: plan.assignments.length,
        kept: 0,
        moved: 0,
        released: 0,
        notified: expect.any(Number),
        summonses: expect.any(Number),
      });

      const { rows: hearings } = await testDb().query(
        `SELECT h.id, h.case_id, h.hearing_type, h.status, h.presiding_judge_id, h.title,
                to_char(h.scheduled_start AT TIME ZONE c.time_zone, 'YYYY-MM-DD HH24:MI') AS starts,
                to_char(h.scheduled_end AT TIME ZONE c.time_zone, 'HH24:MI') AS ends, ph.room_id, ph.remote, ph.need_index, ph.part
           FROM hearings h JOIN courts c ON c.id = h.court_id JOIN published_hearings ph ON ph.hearing_id = h.id AND ph.run_id = $2
          WHERE h.court_id = $1`,
        [court.court.id, draft.id],
      );
      expect(hearings).toHaveLength(plan.assignments.length);
      for (const a of plan.assignments) {
        const h = hearings.find((row) => row.case_id === a.case && row.need_index === a.hearing && row.part === a.part);
        expect(h).toMatchObject({
          hearing_type: a.type,
          status: 'scheduled',
          presiding_judge_id: a.judge,
          starts: `${a.date} ${a.start}`,
          ends: a.end,
          room_id: a.room,
          remote: a.remote,
        });
        // Titles name the hearing and the case, never a person.
        expect(h.title).not.toMatch(/Haddad|Salim|Tahir/);
      }

      // The trafficking case: judge, victim and defendant, both counsel, the intermediary.
      const trafficking = hearings.find((h) => h.case_id === court.cases.trafficking);
      const { rows: seats } = await testDb().query(
        `SELECT hearing_role, user_id, party_id IS NOT NULL AS party FROM hearing_participants WHERE hearing_id = $1 ORDER BY hearing_role`,
        [trafficking.id],
      );
      expect(seats.map((s) => s.hearing_role)).toEqual(['defence_counsel', 'defendant', 'judge', 'supporter', 'victim', 'victim_counsel']);
      expect(seats.find((s) => s.hearing_role === 'judge')?.user_id).toBe(trafficking.presiding_judge_id);
      // The custody case's bail hearing: its Arabic interpreter.
      const custody = hearings.find((h) => h.case_id === court.cases.custody);
      const { rows: custodySeats } = await testDb().query(
        `SELECT hearing_role, display_name FROM hearing_participants WHERE hearing_id = $1`,
        [custody.id],
      );
      expect(custodySeats).toEqual(expect.arrayContaining([{ hearing_role: 'interpreter', display_name: 'Interpreter Salem (ar)' }]));

      const run = await view(court.court.id, draft.id, court.clerk.id);
      expect(run).toMatchObject({ status: 'published', publishedAt: published.publishedAt });

      const { rows: audit } = await testDb().query(
        `SELECT action, count(*)::int AS n FROM audit_events WHERE court_id = $1 AND action IN ('hearing.scheduled', 'schedule_run.published') GROUP BY action ORDER BY action`,
        [court.court.id],
      );
      expect(audit).toEqual([
        { action: 'hearing.scheduled', n: plan.assignments.length },
        { action: 'schedule_run.published', n: 1 },
      ]);

      const { rows: counsel } = await testDb().query(`SELECT counsel_user_id FROM parties WHERE case_id = $1 ORDER BY party_role`, [
        court.cases.trafficking,
      ]);
      const { rows: inbox } = await testDb().query(
        `SELECT user_id, kind, subject, body, data FROM inbox_messages WHERE schedule_run_id = $1 ORDER BY user_id`,
        [draft.id],
      );
      expect(inbox).toHaveLength(published.notified);
      const recipients = inbox.map((m) => m.user_id);
      for (const userId of [...counsel.map((c) => c.counsel_user_id), ...new Set(plan.assignments.map((a) => a.judge))]) {
        expect(recipients).toContain(userId);
      }
      for (const message of inbox) {
        expect(message.kind).toBe('schedule.published');
        // Behind sign-in or not, a notice names no protected person.
        expect(message.body).not.toMatch(/Amal|Haddad/);
      }
      // Each notice lists the hearings its reader sits in.
      for (const message of inbox) {
        const { rows: sits } = await testDb().query(
          `SELECT hp.hearing_id FROM hearing_participants hp JOIN published_hearings ph ON ph.hearing_id = hp.hearing_id
            WHERE hp.user_id = $1 AND ph.run_id = $2 ORDER BY hp.hearing_id`,
          [message.user_id, draft.id],
        );
        expect(message.data.hearings.map((h: { hearingId: string }) => h.hearingId).sort()).toEqual(sits.map((r) => r.hearing_id));
      }
    });

    it('answers the same publication asked again with the same key, and refuses it otherwise with 409', async () => {
      const again = await publish(court, draft.id, court.clerk.id, 'publish-key-0001');
      expect(again.status).toBe(200);
      expect(again.body).toEqual(published);
      const other = await publish(court, draft.id, court.clerk.id, 'publish-key-0002');
      expect(other.status).toBe(409);
      expect(other.body).toMatchObject({ code: 'scheduling.run_already_published', status: 409 });
      expect(other.body.detail).toMatch(/already published/);
      const { rows } = await testDb().query(`SELECT count(*)::int AS n FROM hearings WHERE court_id = $1`, [court.court.id]);
      expect(rows[0].n).toBe(plan.assignments.length);
    });

    it('calls off a published hearing, queues a minimal-moves re-plan that moves no other hearing, and publishing it supersedes the first', async () => {
      const { rows } = await testDb().query(`SELECT hearing_id FROM published_hearings WHERE case_id = $1`, [court.cases.remote]);
      const hearingId: string = rows[0].hearing_id;
      const refused = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/cancel`, {
        token: token[party.id],
        body: { reason: 'judge_unavailable' },
      });
      expect(refused.status).toBe(403);
      const badReason = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/cancel`, {
        token: token[court.judges.specialist.id],
        body: { reason: 'the weather' },
      });
      expect(badReason.status).toBe(400);

      const cancelled = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/cancel`, {
        token: token[court.judges.specialist.id],
        body: { reason: 'judge_unavailable' },
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toEqual({ hearingId, status: 'adjourned', replanRunId: expect.any(String) });
      const twice = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/cancel`, {
        token: token[court.judges.specialist.id],
        body: { reason: 'judge_unavailable' },
      });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('hearing.not_cancellable');
      const { rows: adjournments } = await testDb().query(`SELECT reason FROM case_adjournments WHERE hearing_id = $1`, [hearingId]);
      expect(adjournments).toEqual([{ reason: 'judge_unavailable' }]);

      const replan = await finished(court.court.id, cancelled.body.replanRunId, court.clerk.id);
      expect(replan).toMatchObject({ status: 'done', trigger: 'replan', mode: 'minimal_moves', publishedMoved: 0 });
      const replanned = replan.plan as SchedulePlan;
      const instance = validateInstance(await api.app.get(SchedulingInstanceQueries).instanceFor(court.court.id, replan.horizonStart));
      expect(checkPlan({ ...instance, policy: minimalMovesPolicy(instance.policy) }, replanned).violations).toEqual([]);
      // Every hearing still on the published timetable stays exactly where it was.
      const stillPublished = plan.assignments.filter((a) => a.case !== court.cases.remote);
      for (const a of stillPublished) {
        expect(replanned.assignments.find((b) => b.case === a.case && b.hearing === a.hearing && b.part === a.part)).toMatchObject({
          session: a.session,
          start: a.start,
          judge: a.judge,
          room: a.room,
          kept: true,
        });
      }

      const republished = await publish(court, replan.id, court.clerk.id);
      expect(republished.status).toBe(200);
      expect(republished.body).toMatchObject({
        supersededRunId: draft.id,
        kept: stillPublished.length,
        moved: 0,
        released: 0,
        created: replanned.assignments.length - stillPublished.length,
      });
      expect(await view(court.court.id, draft.id, court.clerk.id)).toMatchObject({
        status: 'superseded',
        supersededAt: expect.any(String),
      });
      const stale = await publish(court, draft.id, court.clerk.id, 'publish-key-0001');
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('scheduling.run_superseded');
    });

    it('an adjournment in the hearing room (not through the api) leaves a re-plan request the worker’s upkeep queues', async () => {
      const { rows } = await testDb().query(
        `SELECT ph.hearing_id FROM published_hearings ph JOIN schedule_runs r ON r.id = ph.run_id AND r.status = 'published'
          WHERE ph.court_id = $1 AND ph.case_id = $2`,
        [court.court.id, court.cases.family],
      );
      // What the media node's room ledger writes when the judge adjourns the sitting.
      await testDb().query(`UPDATE hearings SET status = 'open' WHERE id = $1`, [rows[0].hearing_id]);
      await testDb().query(`UPDATE hearings SET status = 'adjourned' WHERE id = $1`, [rows[0].hearing_id]);
      const { rows: requests } = await testDb().query(`SELECT run_id FROM schedule_replan_requests WHERE hearing_id = $1`, [
        rows[0].hearing_id,
      ]);
      expect(requests).toEqual([{ run_id: null }]);
      const { rows: off } = await testDb().query(`SELECT 1 FROM published_hearings WHERE hearing_id = $1`, [rows[0].hearing_id]);
      expect(off).toEqual([]);

      await queue.add('scheduling-upkeep', {});
      const runId = await waitFor(
        'the upkeep to queue a re-plan',
        async () => {
          const found = await testDb().query(`SELECT run_id FROM schedule_replan_requests WHERE hearing_id = $1 AND run_id IS NOT NULL`, [
            rows[0].hearing_id,
          ]);
          return found.rows[0]?.run_id as string | undefined;
        },
        60_000,
      );
      expect(await finished(court.court.id, runId, court.clerk.id)).toMatchObject({
        status: 'done',
        trigger: 'replan',
        mode: 'minimal_moves',
      });
    });
  });

  it('publishes nothing at all when a hearing cannot be created (a judge booked meanwhile), and says why', async () => {
    const seeded = await seedSchedulingCourt({ timeLimitSeconds: 1 });
    token[seeded.clerk.id] = (await login(api.baseUrl, seeded.clerk.email, seeded.clerk.password)).accessToken;
    const draft = await solve(seeded);
    const first = (draft.plan as SchedulePlan).assignments[0];
    const { rows } = await testDb().query(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end, presiding_judge_id)
       SELECT $1, $2, 'Listed by hand', 'other', ($3::date + $4::time) AT TIME ZONE c.time_zone, ($3::date + $5::time) AT TIME ZONE c.time_zone, $6
         FROM courts c WHERE c.id = $1 RETURNING id`,
      [seeded.court.id, seeded.cases.remote, first.date, first.start, first.end, first.judge],
    );

    const refused = await publish(seeded, draft.id, seeded.clerk.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('scheduling.judge_double_booked');
    const counts = await testDb().query(
      `SELECT (SELECT count(*)::int FROM hearings WHERE court_id = $1) AS hearings,
              (SELECT count(*)::int FROM published_hearings WHERE court_id = $1) AS listed,
              (SELECT count(*)::int FROM inbox_messages WHERE schedule_run_id = $2) AS inbox,
              (SELECT count(*)::int FROM audit_events WHERE court_id = $1 AND action IN ('hearing.scheduled', 'schedule_run.published')) AS audit,
              (SELECT status FROM schedule_runs WHERE id = $2) AS status`,
      [seeded.court.id, draft.id],
    );
    expect(counts.rows[0]).toEqual({ hearings: 1, listed: 0, inbox: 0, audit: 0, status: 'done' });

    await testDb().query(`DELETE FROM hearings WHERE id = $1`, [rows[0].id]);
    const published = await publish(seeded, draft.id, seeded.clerk.id);
    expect(published.status).toBe(200);
  });
});
