import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  type PlanAssignment,
  type PlanMove,
  type ScheduleInstance,
  type SchedulePlan,
  checkMove,
  checkPlan,
  formatClockTime,
  parseClockTime,
  validateInstance,
} from '@ejustice/scheduling';
import { SchedulingInstanceQueries, type ScheduleRunSummary, type ScheduleRunView } from '@ejustice/scheduling-data';
import { type RunningApi, closeTestDb, http, login, startApiServer, testConfig, testDb } from '@ejustice/testing';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { waitFor } from '@ejustice/testing/wait-for';

/** A Redis database of its own: no other suite's worker takes these jobs, and this one takes no other's. */
const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379/7' };

const moveOf = (a: PlanAssignment, over: Partial<PlanMove> = {}): PlanMove => ({
  case: a.case,
  hearing: a.hearing,
  part: a.part,
  session: a.session,
  start: a.start,
  judge: a.judge,
  room: a.room,
  ...over,
});

/**
 * A move of some listing to somewhere else that breaks nothing, found by trying every session,
 * start (quarter hours), judge and room with the pure checker: what a clerk does by hand.
 */
function someAllowedMove(instance: ScheduleInstance, plan: SchedulePlan): PlanMove {
  for (const a of plan.assignments) {
    for (const session of instance.sessions) {
      for (let t = parseClockTime(session.start) as number; t < (parseClockTime(session.end) as number); t += 15) {
        for (const judge of instance.judges) {
          for (const room of instance.rooms) {
            const move = moveOf(a, { session: session.id, start: formatClockTime(t), judge: judge.id, room: room.id });
            if (move.session === a.session && move.start === a.start) continue;
            if (checkMove(instance, plan, move).ok) return move;
          }
        }
      }
    }
  }
  throw new Error('no listing of the draft can move anywhere');
}

describe('the schedule board: a clerk’s manual move is checked against every hard constraint before it is saved (e2e)', () => {
  let api: RunningApi;
  let worker: INestApplication;
  let court: SeededSchedulingCourt;
  const token: Record<string, string> = {};
  const runsPath = () => `/api/courts/${court.court.id}/schedule-runs`;
  let run: ScheduleRunView;
  let instance: ScheduleInstance;

  const storedPlan = async (runId: string): Promise<SchedulePlan> =>
    (await testDb().query(`SELECT plan FROM schedule_runs WHERE id = $1`, [runId])).rows[0].plan;
  const movesAudited = async (runId: string): Promise<number> =>
    (
      await testDb().query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'schedule_run.listing_moved' AND subject_id = $1`, [
        runId,
      ])
    ).rows[0].n;

  beforeAll(async () => {
    api = await startApiServer({ env: REDIS });
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ ...REDIS, WORKER_PORT: '0' }))],
    }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
    court = await seedSchedulingCourt({ timeLimitSeconds: 1 });
    for (const u of [court.clerk, court.judges.specialist]) token[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;

    const queued = await http(api.baseUrl, 'POST', runsPath(), {
      token: token[court.clerk.id],
      body: { horizonStart: SCHEDULING_HORIZON_START, seed: 2 },
    });
    expect(queued.status).toBe(202);
    run = await waitFor('the run to finish', async () => {
      const res = await http<ScheduleRunView>(api.baseUrl, 'GET', `${runsPath()}/${queued.body.runId}`, { token: token[court.clerk.id] });
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
    });
    expect(run.status).toBe('done');
    instance = validateInstance(await api.app.get(SchedulingInstanceQueries).instanceFor(court.court.id, SCHEDULING_HORIZON_START));
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
    await closeTestDb();
  });

  it('lists the court’s runs for its clerks and judges, newest first, without their plans', async () => {
    for (const who of [court.clerk.id, court.judges.specialist.id]) {
      const res = await http<ScheduleRunSummary[]>(api.baseUrl, 'GET', runsPath(), { token: token[who] });
      expect(res.status).toBe(200);
      expect(res.body[0]).toMatchObject({ id: run.id, status: 'done', horizonStart: SCHEDULING_HORIZON_START });
      expect(res.body[0]).not.toHaveProperty('plan');
    }
  });

  /** The labels the seeded court's data gives the ids `plan` names, built from the seed, not from the api. */
  const expectedLabels = async (plan: SchedulePlan) => {
    const judgeNames = new Map(Object.values(court.judges).map((j) => [j.id, j.displayName]));
    const rooms = new Map([
      [court.rooms.liveLink, { name: 'Courtroom 1', virtual: false }],
      [court.rooms.plain, { name: 'Courtroom 2', virtual: false }],
      [court.rooms.virtual, { name: 'Virtual room A', virtual: true }],
    ]);
    const [day1, day2, day3, night] = court.sessions;
    const sessions = new Map([
      [day1, { date: '2027-03-01', start: '09:00', end: '16:00', night: false }],
      [day2, { date: '2027-03-02', start: '09:00', end: '16:00', night: false }],
      [day3, { date: '2027-03-03', start: '09:00', end: '16:00', night: false }],
      [night, { date: '2027-03-02', start: '18:00', end: '21:00', night: true }],
    ]);
    const caseIds = [...new Set([...plan.assignments.map((a) => a.case), ...plan.unscheduled.map((u) => u.case)])];
    const numbers = new Map<string, string>(
      (await testDb().query(`SELECT id, number FROM cases WHERE id = ANY($1::uuid[])`, [caseIds])).rows.map(
        (r: { id: string; number: string }) => [r.id, r.number],
      ),
    );
    const ids = (values: string[]) => [...new Set(values)].sort();
    return {
      judges: ids(plan.assignments.map((a) => a.judge)).map((id) => ({ id, name: judgeNames.get(id) })),
      rooms: ids(plan.assignments.map((a) => a.room)).map((id) => ({ id, ...rooms.get(id) })),
      sessions: ids(plan.assignments.map((a) => a.session)).map((id) => ({ id, ...sessions.get(id) })),
      cases: ids(caseIds).map((id) => ({ id, number: numbers.get(id) })),
    };
  };
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));

  it('names what the plan names as a clerk knows it: judges, rooms, sessions with their hours, cases by number only', async () => {
    const plan = run.plan as SchedulePlan;
    const expected = await expectedLabels(plan);
    // The seeded court's plan lists more than one judge, room and case: the labels are not trivially one of each.
    expect(expected.judges.length).toBeGreaterThan(1);
    expect(expected.cases.length).toBeGreaterThan(1);
    for (const who of [court.clerk.id, court.judges.specialist.id]) {
      const res = await http<ScheduleRunView>(api.baseUrl, 'GET', `${runsPath()}/${run.id}`, { token: token[who] });
      expect(res.status).toBe(200);
      const labels = res.body.labels as NonNullable<ScheduleRunView['labels']>;
      expect({
        judges: byId(labels.judges),
        rooms: byId(labels.rooms),
        sessions: byId(labels.sessions),
        cases: byId(labels.cases),
      }).toEqual(expected);
      // The seeded victim is protected and the defendant is named: neither name is on the board.
      expect(JSON.stringify(labels)).not.toMatch(/Amal Haddad|Omar Salim/);
    }
  });

  it('refuses a judge double-booked: the check says why, the save answers 409 with the reason, and nothing is written', async () => {
    const plan = run.plan as SchedulePlan;
    // Two listings of different cases: the first moved onto the second's judge, session and start.
    const [a, b] = [plan.assignments[0], plan.assignments.find((x) => x.case !== plan.assignments[0].case) as PlanAssignment];
    const move = moveOf(a, { session: b.session, start: b.start, judge: b.judge });

    const checked = await http(api.baseUrl, 'POST', `${runsPath()}/${run.id}/moves/check`, { token: token[court.clerk.id], body: move });
    expect(checked.status).toBe(200);
    expect(checked.body.ok).toBe(false);
    const doubleBooked = checked.body.violations.find((v: { constraint: string }) => v.constraint === 'double_booked');
    expect(doubleBooked.message).toMatch(/two places at once|overlap|double/i);

    const saved = await http(api.baseUrl, 'POST', `${runsPath()}/${run.id}/moves`, { token: token[court.clerk.id], body: move });
    expect(saved.status).toBe(409);
    expect(saved.body).toMatchObject({ code: 'scheduling.move_refused', status: 409 });
    expect(saved.body.violations).toEqual(checked.body.violations);
    expect(saved.body.detail).toContain(doubleBooked.message);
    expect(await storedPlan(run.id)).toEqual(run.plan);
    expect(await movesAudited(run.id)).toBe(0);
  });

  it('saves an allowed move to the draft: the plan holds it, still breaks nothing, and the move is audited', async () => {
    const plan = run.plan as SchedulePlan;
    const move = someAllowedMove(instance, plan);
    const checked = await http(api.baseUrl, 'POST', `${runsPath()}/${run.id}/moves/check`, { token: token[court.clerk.id], body: move });
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ ok: true, violations: [] });

    const saved = await http(api.baseUrl, 'POST', `${runsPath()}/${run.id}/moves`, { token: token[court.clerk.id], body: move });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ runId: run.id, ok: true });
    const after = await storedPlan(run.id);
    const moved = after.assignments.find((x) => x.case === move.case && x.hearing === move.hearing && x.part === move.part);
    expect(moved).toMatchObject({ session: move.session, start: move.start, judge: move.judge, room: move.room });
    expect(checkPlan(instance, after).violations).toEqual([]);
    expect(await movesAudited(run.id)).toBe(1);
    // The run read again labels the moved plan, the judge and room moved to included.
    const read = await http<ScheduleRunView>(api.baseUrl, 'GET', `${runsPath()}/${run.id}`, { token: token[court.clerk.id] });
    const labels = read.body.labels as NonNullable<ScheduleRunView['labels']>;
    expect({
      judges: byId(labels.judges),
      rooms: byId(labels.rooms),
      sessions: byId(labels.sessions),
      cases: byId(labels.cases),
    }).toEqual(await expectedLabels(after));
  });

  it('lets only clerks move, and only in a draft', async () => {
    const plan = await storedPlan(run.id);
    const move = moveOf(plan.assignments[0]);
    const byJudge = await http(api.baseUrl, 'POST', `${runsPath()}/${run.id}/moves`, {
      token: token[court.judges.specialist.id],
      body: move,
    });
    expect(byJudge.status).toBe(403);
    expect(byJudge.body.code).toBe('scheduling.publish_role_forbidden');

    const published = await http(api.baseUrl, 'POST', `${runsPath()}/${run.id}/publish`, { token: token[court.clerk.id] });
    expect(published.status).toBe(200);
    const refused = await http(api.baseUrl, 'POST', `${runsPath()}/${run.id}/moves`, { token: token[court.clerk.id], body: move });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('scheduling.run_not_draft');
    expect(await storedPlan(run.id)).toEqual(plan);
  });

  it('refuses a malformed move before checking anything', async () => {
    const plan = await storedPlan(run.id);
    const good = moveOf(plan.assignments[0]);
    for (const body of [
      { ...good, start: '9h' },
      { ...good, part: 0 },
      { ...good, hearing: 1.5 },
      { ...good, judge: undefined },
    ]) {
      const res = await http(api.baseUrl, 'POST', `${runsPath()}/${run.id}/moves/check`, { token: token[court.clerk.id], body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
  });
});
