import { Client } from 'pg';
import { SeatedHelpers1796001000000 } from '../../../migrations/1796001000000-SeatedHelpers';
import { migrateUp } from '../../../scripts/migrate';
import { createScratchDatabase, runMigration } from './scratch-database';

/**
 * Seats the published timetable made before the migration are linked to the court's interpreter
 * or supporter whose name they carry, when exactly one has it; the others stay unlinked.
 */
describe('SeatedHelpers migration (integration)', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let db: Client;

  beforeAll(async () => {
    scratch = await createScratchDatabase('seatedhelpers');
    await migrateUp(scratch.url);
    db = new Client({ connectionString: scratch.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await scratch?.drop();
  });

  const migrate = (direction: 'up' | 'down') => runMigration(scratch.url, new SeatedHelpers1796001000000(), direction);

  it('links the seats of a published hearing to the one interpreter or supporter of that name, with the interpreter’s language', async () => {
    await migrate('down');
    const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0].id as string;
    const court = await one(`INSERT INTO courts (code, name, time_zone) VALUES ('MIG2', 'Court', 'UTC') RETURNING id`);
    const judge = await one(
      `INSERT INTO users (court_id, email, display_name, password_hash) VALUES ($1, 'judge@mig.court', 'Judge', '$argon2id$x') RETURNING id`,
      [court],
    );
    const caseId = await one(
      `INSERT INTO cases (court_id, number, case_type, title, opened_at) VALUES ($1, 'MIG-2', 'criminal', 'Case', now()) RETURNING id`,
      [court],
    );
    const hearing = await one(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end)
       VALUES ($1, $2, 'Trial', 'trial', now(), now() + interval '1 hour') RETURNING id`,
      [court, caseId],
    );
    const session = await one(
      `INSERT INTO court_sessions (court_id, sitting_on, kind, starts_at, ends_at) VALUES ($1, current_date, 'day', '09:00', '13:00') RETURNING id`,
      [court],
    );
    const room = await one(`INSERT INTO scheduling_rooms (court_id, name, is_virtual) VALUES ($1, 'Room 1', false) RETURNING id`, [court]);
    const run = await one(
      `INSERT INTO schedule_runs (court_id, requested_by, horizon_start, seed, time_limit_seconds) VALUES ($1, $2, current_date, 1, 1) RETURNING id`,
      [court, judge],
    );
    await db.query(
      `INSERT INTO published_hearings (hearing_id, run_id, court_id, case_id, need_index, session_id, starts_at, judge_id, room_id, remote)
       VALUES ($1, $2, $3, $4, 0, $5, '09:00', $6, $7, false)`,
      [hearing, run, court, caseId, session, judge, room],
    );
    const salem = await one(`INSERT INTO court_interpreters (court_id, name, languages) VALUES ($1, 'Salem', '{ar,fr}') RETURNING id`, [
      court,
    ]);
    await db.query(`INSERT INTO court_interpreters (court_id, name, languages) VALUES ($1, 'Twin', '{fr}'), ($1, 'Twin', '{fr}')`, [court]);
    const karim = await one(`INSERT INTO court_supporters (court_id, name, role) VALUES ($1, 'Karim', 'supporter') RETURNING id`, [court]);
    const seat = (role: string, name: string) =>
      one(`INSERT INTO hearing_participants (hearing_id, hearing_role, display_name) VALUES ($1, $2, $3) RETURNING id`, [
        hearing,
        role,
        name,
      ]);
    const seats = {
      salem: await seat('interpreter', 'Salem (fr)'),
      twin: await seat('interpreter', 'Twin (fr)'),
      byHand: await seat('interpreter', 'Somebody (ar)'),
      karim: await seat('supporter', 'Karim'),
    };

    await migrate('up');
    const { rows } = await db.query(
      `SELECT id, language, court_interpreter_id, court_supporter_id FROM hearing_participants WHERE hearing_id = $1`,
      [hearing],
    );
    const byId = new Map(rows.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(seats.salem)).toMatchObject({ language: 'fr', court_interpreter_id: salem, court_supporter_id: null });
    // Two interpreters of that name: which one sits is not known, so neither is linked.
    expect(byId.get(seats.twin)).toMatchObject({ language: null, court_interpreter_id: null });
    expect(byId.get(seats.byHand)).toMatchObject({ language: null, court_interpreter_id: null });
    expect(byId.get(seats.karim)).toMatchObject({ court_interpreter_id: null, court_supporter_id: karim });
  });
});
