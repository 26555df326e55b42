import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hearings, the people in them, and one-time links for people without accounts.
 * btree_gist lets the database itself refuse to seat one judge in two live hearings at once.
 */
export class CreateHearings1795860300000 implements MigrationInterface {
  name = 'CreateHearings1795860300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE hearings (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id           uuid NOT NULL REFERENCES courts (id) ON DELETE RESTRICT,
        case_id            uuid NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
        title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        hearing_type       text NOT NULL CHECK (hearing_type IN ('first_appearance', 'bail', 'case_management', 'trial', 'testimony', 'sentencing', 'appeal', 'other')),
        status             text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'open', 'in_recess', 'adjourned', 'closed')),
        scheduled_start    timestamptz NOT NULL,
        scheduled_end      timestamptz NOT NULL,
        presiding_judge_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        room_locked        boolean NOT NULL DEFAULT false,
        created_at         timestamptz NOT NULL DEFAULT now(),
        CHECK (scheduled_end > scheduled_start),
        CONSTRAINT hearings_judge_not_double_booked EXCLUDE USING gist (
          presiding_judge_id WITH =,
          tstzrange(scheduled_start, scheduled_end) WITH &&
        ) WHERE (presiding_judge_id IS NOT NULL AND status IN ('scheduled', 'open', 'in_recess'))
      )`);
    await q.query(`CREATE INDEX hearings_case_idx ON hearings (case_id)`);
    await q.query(`CREATE INDEX hearings_court_start_idx ON hearings (court_id, scheduled_start)`);
    await q.query(`
      CREATE TABLE hearing_participants (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hearing_id   uuid NOT NULL REFERENCES hearings (id) ON DELETE CASCADE,
        user_id      uuid REFERENCES users (id) ON DELETE RESTRICT,
        party_id     uuid REFERENCES parties (id) ON DELETE RESTRICT,
        hearing_role text NOT NULL CHECK (hearing_role IN ('judge', 'clerk', 'prosecutor', 'defence_counsel', 'victim_counsel', 'defendant', 'witness', 'victim', 'interpreter', 'supporter', 'observer')),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        state        text NOT NULL DEFAULT 'invited' CHECK (state IN ('invited', 'waiting', 'admitted', 'in_consultation', 'disconnected', 'removed')),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hearing_participants_id_hearing_key UNIQUE (id, hearing_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX hearing_participants_user_once ON hearing_participants (hearing_id, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE hearing_links (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hearing_id     uuid NOT NULL,
        participant_id uuid NOT NULL,
        token_hash     char(64) NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        created_by     uuid REFERENCES users (id) ON DELETE RESTRICT,
        created_at     timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL,
        used_at        timestamptz,
        revoked_at     timestamptz,
        CHECK (expires_at > created_at),
        -- The link's participant must belong to the link's hearing.
        CONSTRAINT hearing_links_participant_in_hearing FOREIGN KEY (participant_id, hearing_id)
          REFERENCES hearing_participants (id, hearing_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX hearing_links_participant_idx ON hearing_links (participant_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hearing_links`);
    await q.query(`DROP TABLE hearing_participants`);
    await q.query(`DROP TABLE hearings`);
    await q.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
