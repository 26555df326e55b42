import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import { checkPlan, validateInstance } from '@ejustice/scheduling';
import { SCHEDULING_QUEUE, SchedulingInstanceQueries, type ScheduleRunView } from '@ejustice/scheduling-data';
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
import { waitFor } from '@ejustice/testing/wait-for';

/** A Redis database of its own: no other suite's worker takes these jobs, and this one takes no other's. */
const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379/9' };

describe('schedule runs: a clerk asks, the Bull worker solves on the court’s data, the draft is checked (e2e)', () => {
  let api: RunningApi;
  let worker: INestApplication;
  let seeded: SeededSchedulingCourt;
  let other: SeededSchedulingCourt;
  let party: TestUser;
  const token: Record<string, string> = {};
  const runsPath = (courtId: string) => `/api/courts/${courtId}/schedule-runs`;

  beforeAll(async () => {
    api = await startApiServer({ env: REDIS });
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ ...REDIS, WORKER_PORT: '0' }))],
    }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
    seeded = await seedSchedulingCourt({ timeLimitSeconds: 1 });
    other = await seedSchedulingCourt({ timeLimitSeconds: 1 });
    party = await createUser({ roles: ['party'], courtId: seeded.court.id });
    for (const u of [seeded.clerk, seeded.judges.specialist, other.clerk, party])
      token[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await closeTestDb();
  });

  it('queues a run for a clerk (202), the worker brings it to done with a plan the checker accepts, and the job shows its progress', async () => {
    const queued = await http(api.baseUrl, 'POST', runsPath(seeded.court.id), {
      token: token[seeded.clerk.id],
      body: { horizonStart: SCHEDULING_HORIZON_START, seed: 5 },
    });
    expect(queued.status).toBe(202);
    expect(queued.body).toEqual({ runId: expect.any(String), status: 'queued' });
    const runId: string = queued.body.runId;

    const done = await waitFor('the run to finish', async () => {
      const res = await http<ScheduleRunView>(api.baseUrl, 'GET', `${runsPath(seeded.court.id)}/${runId}`, {
        token: token[seeded.clerk.id],
      });
      expect(res.status).toBe(200);
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
    });
    expect(done).toMatchObject({
      id: runId,
      courtId: seeded.court.id,
      status: 'done',
      progress: 100,
      horizonStart: SCHEDULING_HORIZON_START,
      seed: 5,
      timeLimitSeconds: 1,
      cases: 4,
      objective: expect.any(Number),
      bound: expect.any(Number),
      error: null,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    const instance = validateInstance(await api.app.get(SchedulingInstanceQueries).instanceFor(seeded.court.id, SCHEDULING_HORIZON_START));
    expect(checkPlan(instance, done.plan).violations).toEqual([]);
    // Five hearings needed, the child witness's three-hour trial held in two blocks: six placings, all placed.
    expect((done.plan as { summary: { hearingsPlaced: number; hearings: number } }).summary).toMatchObject({
      hearingsPlaced: 6,
      hearings: 6,
    });

    const job = await worker.get<Queue>(getQueueToken(SCHEDULING_QUEUE)).getJob(runId);
    expect(job?.progress()).toBe(100);

    // A judge of the court reads the same draft.
    const byJudge = await http(api.baseUrl, 'GET', `${runsPath(seeded.court.id)}/${runId}`, { token: token[seeded.judges.specialist.id] });
    expect(byJudge.status).toBe(200);
    expect(byJudge.body.plan).toEqual(done.plan);
  });

  it('refuses a party of the court, to ask or to read, with a stable code', async () => {
    const asked = await http(api.baseUrl, 'POST', runsPath(seeded.court.id), { token: token[party.id], body: {} });
    expect(asked.status).toBe(403);
    expect(asked.body).toMatchObject({ code: 'scheduling.role_forbidden', status: 403 });
    expect(asked.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const { runId } = (await http(api.baseUrl, 'POST', runsPath(seeded.court.id), { token: token[seeded.clerk.id], body: {} })).body;
    const read = await http(api.baseUrl, 'GET', `${runsPath(seeded.court.id)}/${runId}`, { token: token[party.id] });
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('scheduling.role_forbidden');
    expect(read.body.plan).toBeUndefined();
  });

  it('refuses another court’s clerk, to ask or to read, and does not queue anything for them', async () => {
    const asked = await http(api.baseUrl, 'POST', runsPath(seeded.court.id), { token: token[other.clerk.id], body: {} });
    expect(asked.status).toBe(403);
    expect(asked.body.code).toBe('scheduling.other_court');
    const { runId } = (await http(api.baseUrl, 'POST', runsPath(seeded.court.id), { token: token[seeded.clerk.id], body: {} })).body;
    const read = await http(api.baseUrl, 'GET', `${runsPath(seeded.court.id)}/${runId}`, { token: token[other.clerk.id] });
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('scheduling.other_court');
    // Their own court's path with our run's id: no such run there.
    const elsewhere = await http(api.baseUrl, 'GET', `${runsPath(other.court.id)}/${runId}`, { token: token[other.clerk.id] });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('scheduling.run_not_found');
    const { rows } = await testDb().query(`SELECT count(*)::int AS n FROM schedule_runs WHERE requested_by = ANY($1::uuid[])`, [
      [other.clerk.id, party.id],
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a malformed request before queuing anything', async () => {
    for (const body of [{ seed: -1 }, { horizonStart: 'next monday' }, { seed: 1.5 }, { timeLimitSeconds: 600 }]) {
      const res = await http(api.baseUrl, 'POST', runsPath(seeded.court.id), { token: token[seeded.clerk.id], body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const notAnId = await http(api.baseUrl, 'GET', `${runsPath(seeded.court.id)}/not-a-run`, { token: token[seeded.clerk.id] });
    expect(notAnId.status).toBe(400);
  });
});
