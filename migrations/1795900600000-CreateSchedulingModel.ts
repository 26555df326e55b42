import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the hearing scheduler (libs/scheduling) needs beyond the court record: the facts that drive
 * a pending case's priority and the hearings it still needs, its adjournments; the court's
 * resources (judge profiles, rooms physical or virtual, day and night sessions, interpreters,
 * supporters and intermediaries) and their days off; the court's scheduling policy; and the runs
 * of the solver, each a draft plan. Cases, courts, users with the judge role and hearings already
 * exist; these tables hang off them.
 */
export class CreateSchedulingModel1795900600000 implements MigrationInterface {
  name = 'CreateSchedulingModel1795900600000';

  async up(q: QueryRunner): Promise<void> {
    // Weekdays are ISO (1 = Monday … 7 = Sunday); NULL means every day, every kind.
    // The time budget is at most ten minutes: the solve holds the worker's event loop that long
    // (libs/scheduling-data/src/runs/scheduling-queue.ts sizes the job lock to it).
    await q.query(`
      CREATE TABLE court_scheduling_policies (
        court_id           uuid PRIMARY KEY REFERENCES courts (id) ON DELETE CASCADE,
        time_limit_seconds integer NOT NULL DEFAULT 10 CHECK (time_limit_seconds BETWEEN 1 AND 600),
        horizon_days       integer NOT NULL DEFAULT 28 CHECK (horizon_days BETWEEN 1 AND 366),
        policy             jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(policy) = 'object'),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE case_scheduling_facts (
        case_id               uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        offence               text CHECK (offence IS NULL OR length(offence) BETWEEN 1 AND 200),
        in_custody            boolean NOT NULL DEFAULT false,
        custody_limit         date,
        interpreter_languages text[] NOT NULL DEFAULT '{}',
        needs_intermediary    boolean NOT NULL DEFAULT false,
        needs_supporter       boolean NOT NULL DEFAULT false,
        needs_live_link       boolean NOT NULL DEFAULT false,
        remote_allowed        boolean NOT NULL DEFAULT false,
        judge_specialisms     text[] NOT NULL DEFAULT '{}',
        updated_at            timestamptz NOT NULL DEFAULT now(),
        -- A defendant in custody is held under a time limit; without one there is no custody to count.
        CONSTRAINT case_scheduling_custody_has_limit CHECK (in_custody = (custody_limit IS NOT NULL))
      )`);
    // Victims and witnesses as the scheduler sees them: child or vulnerable, and for a witness the
    // person's key across cases (a police officer testifies in several), never a name.
    await q.query(`
      CREATE TABLE case_scheduling_people (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id    uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        role       text NOT NULL CHECK (role IN ('victim', 'witness')),
        person_key text CHECK (person_key IS NULL OR length(person_key) BETWEEN 1 AND 100),
        party_id   uuid REFERENCES parties (id) ON DELETE SET NULL,
        is_child      boolean NOT NULL DEFAULT false,
        is_vulnerable boolean NOT NULL DEFAULT false,
        CONSTRAINT case_scheduling_witness_has_key CHECK (role <> 'witness' OR person_key IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX case_scheduling_people_case_idx ON case_scheduling_people (case_id)`);
    await q.query(`
      CREATE TABLE case_hearing_needs (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id                 uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        seq                     integer NOT NULL CHECK (seq > 0),
        hearing_type            text NOT NULL CHECK (hearing_type IN ('first_appearance', 'bail', 'case_management', 'trial', 'testimony', 'sentencing', 'appeal', 'other')),
        minutes                 integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        min_days_after_previous integer CHECK (min_days_after_previous BETWEEN 0 AND 366),
        CONSTRAINT case_hearing_needs_seq_per_case UNIQUE (case_id, seq)
      )`);
    await q.query(`
      CREATE TABLE case_adjournments (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id      uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        hearing_id   uuid REFERENCES hearings (id) ON DELETE SET NULL,
        adjourned_on date NOT NULL,
        reason       text NOT NULL CHECK (reason IN ('no_court_time', 'judge_unavailable', 'interpreter_unavailable', 'courts_suspended', 'witness_unavailable', 'prosecution_request', 'defence_request', 'other')),
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_adjournments_case_idx ON case_adjournments (case_id)`);
    await q.query(`
      CREATE TABLE judge_profiles (
        user_id                     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        specialisms                 text[] NOT NULL DEFAULT '{}',
        sitting_weekdays            smallint[] CHECK (sitting_weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        sitting_kinds               text[] CHECK (sitting_kinds <@ ARRAY['day','night']::text[]),
        max_sitting_minutes_per_day integer NOT NULL CHECK (max_sitting_minutes_per_day BETWEEN 1 AND 1440)
      )`);
    await q.query(`
      CREATE TABLE scheduling_rooms (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id           uuid NOT NULL REFERENCES courts (id) ON DELETE CASCADE,
        name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        is_virtual         boolean NOT NULL,
        equipment          text[] NOT NULL DEFAULT '{}',
        available_weekdays smallint[] CHECK (available_weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        available_kinds    text[] CHECK (available_kinds <@ ARRAY['day','night']::text[]),
        CONSTRAINT scheduling_rooms_name_per_court UNIQUE (court_id, name)
      )`);
    await q.query(`
      CREATE TABLE court_sessions (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id    uuid NOT NULL REFERENCES courts (id) ON DELETE CASCADE,
        sitting_on  date NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('day', 'night')),
        starts_at   time NOT NULL,
        ends_at     time NOT NULL,
        CONSTRAINT court_sessions_hours CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX court_sessions_court_day_idx ON court_sessions (court_id, sitting_on)`);
    // The rooms open in a session; a session with none listed opens every room available that day.
    await q.query(`
      CREATE TABLE court_session_rooms (
        session_id uuid NOT NULL REFERENCES court_sessions (id) ON DELETE CASCADE,
        room_id    uuid NOT NULL REFERENCES scheduling_rooms (id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, room_id)
      )`);
    await q.query(`
      CREATE TABLE court_interpreters (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id           uuid NOT NULL REFERENCES courts (id) ON DELETE CASCADE,
        name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        languages          text[] NOT NULL CHECK (cardinality(languages) > 0),
        available_weekdays smallint[] CHECK (available_weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        available_kinds    text[] CHECK (available_kinds <@ ARRAY['day','night']::text[])
      )`);
    await q.query(`
      CREATE TABLE court_supporters (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id           uuid NOT NULL REFERENCES courts (id) ON DELETE CASCADE,
        name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role               text NOT NULL CHECK (role IN ('intermediary', 'supporter')),
        available_weekdays smallint[] CHECK (available_weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        available_kinds    text[] CHECK (available_kinds <@ ARRAY['day','night']::text[])
      )`);
    // Days off of every resource in one table: exactly one of the four owners, each a real key.
    await q.query(`
      CREATE TABLE scheduling_unavailability (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        judge_user_id  uuid REFERENCES judge_profiles (user_id) ON DELETE CASCADE,
        room_id        uuid REFERENCES scheduling_rooms (id) ON DELETE CASCADE,
        interpreter_id uuid REFERENCES court_interpreters (id) ON DELETE CASCADE,
        supporter_id   uuid REFERENCES court_supporters (id) ON DELETE CASCADE,
        from_date      date NOT NULL,
        to_date        date NOT NULL,
        CONSTRAINT scheduling_unavailability_one_owner CHECK (num_nonnulls(judge_user_id, room_id, interpreter_id, supporter_id) = 1),
        CONSTRAINT scheduling_unavailability_range CHECK (to_date >= from_date)
      )`);
    await q.query(`
      CREATE TABLE schedule_runs (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id           uuid NOT NULL REFERENCES courts (id) ON DELETE CASCADE,
        requested_by       uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        status             text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress           integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        horizon_start      date NOT NULL,
        seed               integer NOT NULL,
        time_limit_seconds integer NOT NULL CHECK (time_limit_seconds BETWEEN 1 AND 600),
        objective          double precision,
        bound              double precision,
        gap                double precision,
        cases_count        integer,
        plan               jsonb,
        error              text,
        queued_at          timestamptz NOT NULL DEFAULT now(),
        started_at         timestamptz,
        finished_at        timestamptz,
        CONSTRAINT schedule_runs_done_has_plan CHECK ((status = 'done') = (plan IS NOT NULL)),
        CONSTRAINT schedule_runs_failed_says_why CHECK ((status = 'failed') = (error IS NOT NULL)),
        CONSTRAINT schedule_runs_finished CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX schedule_runs_court_idx ON schedule_runs (court_id, queued_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'schedule_runs',
      'scheduling_unavailability',
      'court_supporters',
      'court_interpreters',
      'court_session_rooms',
      'court_sessions',
      'scheduling_rooms',
      'judge_profiles',
      'case_adjournments',
      'case_hearing_needs',
      'case_scheduling_people',
      'case_scheduling_facts',
      'court_scheduling_policies',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
