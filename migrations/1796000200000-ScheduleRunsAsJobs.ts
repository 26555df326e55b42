import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduler as a job (issue 11, point 7):
 * - a run says which phase the solver is in, who or what asked for it (a clerk, the nightly
 *   schedule, a re-plan after an adjournment) and in which mode (`minimal_moves` for a re-plan);
 * - a draft is published (`published`, one per court at a time) and a later publication
 *   supersedes it;
 * - `published_hearings`: the hearings the published timetable listed, each where the plan put
 *   it, so that a re-plan knows what "moving as few as possible" is measured against;
 * - a published hearing that is adjourned (in the room, or called off by the api) is taken off
 *   the published timetable and leaves a re-plan request, by a trigger: no path that adjourns a
 *   hearing can forget it;
 * - the in-app inbox takes notices of a publication (one per person and publication);
 * - a court may have its scheduler run every night, at an hour of its own time zone.
 */
export class ScheduleRunsAsJobs1796000200000 implements MigrationInterface {
  name = 'ScheduleRunsAsJobs1796000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE schedule_runs
        DROP CONSTRAINT schedule_runs_status_check,
        DROP CONSTRAINT schedule_runs_done_has_plan,
        DROP CONSTRAINT schedule_runs_finished,
        ALTER COLUMN requested_by DROP NOT NULL,
        ADD COLUMN trigger text NOT NULL DEFAULT 'request' CHECK (trigger IN ('request', 'nightly', 'replan')),
        ADD COLUMN mode text NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'minimal_moves')),
        ADD COLUMN phase text CHECK (phase IN ('assemble', 'construct', 'custody', 'compact', 'bound', 'improve', 'explain', 'check')),
        ADD COLUMN published_at timestamptz,
        ADD COLUMN published_by uuid REFERENCES users (id) ON DELETE RESTRICT,
        ADD COLUMN publish_key text CHECK (length(publish_key) BETWEEN 1 AND 200),
        ADD COLUMN publication jsonb,
        ADD COLUMN superseded_at timestamptz,
        ADD CONSTRAINT schedule_runs_status_check CHECK (status IN ('queued', 'running', 'done', 'failed', 'published', 'superseded')),
        ADD CONSTRAINT schedule_runs_done_has_plan CHECK ((status IN ('done', 'published', 'superseded')) = (plan IS NOT NULL)),
        ADD CONSTRAINT schedule_runs_finished CHECK ((status IN ('done', 'failed', 'published', 'superseded')) = (finished_at IS NOT NULL)),
        ADD CONSTRAINT schedule_runs_requester CHECK (trigger <> 'request' OR requested_by IS NOT NULL),
        ADD CONSTRAINT schedule_runs_publication CHECK ((status IN ('published', 'superseded')) = (published_at IS NOT NULL AND published_by IS NOT NULL AND publication IS NOT NULL)),
        ADD CONSTRAINT schedule_runs_supersession CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))`);
    await q.query(`CREATE UNIQUE INDEX schedule_runs_one_published ON schedule_runs (court_id) WHERE status = 'published'`);

    await q.query(`
      CREATE TABLE published_hearings (
        hearing_id  uuid PRIMARY KEY REFERENCES hearings (id) ON DELETE CASCADE,
        run_id      uuid NOT NULL REFERENCES schedule_runs (id) ON DELETE RESTRICT,
        court_id    uuid NOT NULL REFERENCES courts (id) ON DELETE CASCADE,
        case_id     uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        need_index  integer NOT NULL CHECK (need_index >= 0),
        part        integer NOT NULL DEFAULT 1 CHECK (part >= 1),
        session_id  uuid NOT NULL REFERENCES court_sessions (id) ON DELETE RESTRICT,
        starts_at   text NOT NULL CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        judge_id    uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        room_id     uuid NOT NULL REFERENCES scheduling_rooms (id) ON DELETE RESTRICT,
        remote      boolean NOT NULL,
        CONSTRAINT published_hearings_once UNIQUE (court_id, case_id, need_index, part)
      )`);
    await q.query(`CREATE INDEX published_hearings_run_idx ON published_hearings (run_id)`);

    await q.query(`
      CREATE TABLE schedule_replan_requests (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id     uuid NOT NULL REFERENCES courts (id) ON DELETE CASCADE,
        hearing_id   uuid NOT NULL REFERENCES hearings (id) ON DELETE CASCADE,
        requested_at timestamptz NOT NULL DEFAULT now(),
        run_id       uuid REFERENCES schedule_runs (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX schedule_replan_requests_pending_idx ON schedule_replan_requests (court_id) WHERE run_id IS NULL`);
    await q.query(`
      CREATE FUNCTION scheduling_replan_on_adjournment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'adjourned' AND OLD.status IS DISTINCT FROM 'adjourned' THEN
          DELETE FROM published_hearings WHERE hearing_id = NEW.id;
          IF FOUND THEN
            INSERT INTO schedule_replan_requests (court_id, hearing_id) VALUES (NEW.court_id, NEW.id);
          END IF;
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER hearings_replan_on_adjournment AFTER UPDATE OF status ON hearings
        FOR EACH ROW EXECUTE FUNCTION scheduling_replan_on_adjournment()`);

    await q.query(`
      ALTER TABLE inbox_messages
        DROP CONSTRAINT inbox_messages_one_source,
        ADD COLUMN schedule_run_id uuid REFERENCES schedule_runs (id) ON DELETE RESTRICT,
        ADD CONSTRAINT inbox_messages_one_source CHECK (num_nonnulls(event_id, certified_copy_id, schedule_run_id) = 1)`);
    await q.query(
      `CREATE UNIQUE INDEX inbox_messages_once_per_publication ON inbox_messages (schedule_run_id, user_id) WHERE schedule_run_id IS NOT NULL`,
    );

    await q.query(`ALTER TABLE court_scheduling_policies ADD COLUMN nightly_hour smallint CHECK (nightly_hour BETWEEN 0 AND 23)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE court_scheduling_policies DROP COLUMN nightly_hour`);
    await q.query(`DELETE FROM inbox_messages WHERE schedule_run_id IS NOT NULL`);
    await q.query(`DROP INDEX inbox_messages_once_per_publication`);
    await q.query(`
      ALTER TABLE inbox_messages
        DROP CONSTRAINT inbox_messages_one_source,
        DROP COLUMN schedule_run_id,
        ADD CONSTRAINT inbox_messages_one_source CHECK ((event_id IS NULL) <> (certified_copy_id IS NULL))`);
    await q.query(`DROP TRIGGER hearings_replan_on_adjournment ON hearings`);
    await q.query(`DROP FUNCTION scheduling_replan_on_adjournment()`);
    await q.query(`DROP TABLE schedule_replan_requests`);
    await q.query(`DROP TABLE published_hearings`);
    await q.query(`DROP INDEX schedule_runs_one_published`);
    // Runs only the new code knows of cannot stay under the old rules.
    await q.query(`DELETE FROM schedule_runs WHERE requested_by IS NULL`);
    await q.query(`UPDATE schedule_runs SET status = 'done' WHERE status IN ('published', 'superseded')`);
    await q.query(`
      ALTER TABLE schedule_runs
        DROP CONSTRAINT schedule_runs_supersession,
        DROP CONSTRAINT schedule_runs_publication,
        DROP CONSTRAINT schedule_runs_requester,
        DROP CONSTRAINT schedule_runs_finished,
        DROP CONSTRAINT schedule_runs_done_has_plan,
        DROP CONSTRAINT schedule_runs_status_check,
        DROP COLUMN superseded_at,
        DROP COLUMN publication,
        DROP COLUMN publish_key,
        DROP COLUMN published_by,
        DROP COLUMN published_at,
        DROP COLUMN phase,
        DROP COLUMN mode,
        DROP COLUMN trigger,
        ALTER COLUMN requested_by SET NOT NULL,
        ADD CONSTRAINT schedule_runs_status_check CHECK (status IN ('queued', 'running', 'done', 'failed')),
        ADD CONSTRAINT schedule_runs_done_has_plan CHECK ((status = 'done') = (plan IS NOT NULL)),
        ADD CONSTRAINT schedule_runs_finished CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL))`);
  }
}
