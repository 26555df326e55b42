import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The court record: cases with gapless numbers, their parties (with protected identities) and
 * the docket. Rules that must never break are constraints here, not only checks in code.
 */
export class CreateCasesAndDocket1795860200000 implements MigrationInterface {
  name = 'CreateCasesAndDocket1795860200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id           uuid NOT NULL REFERENCES courts (id) ON DELETE RESTRICT,
        number             text NOT NULL UNIQUE,
        case_type          text NOT NULL CHECK (case_type IN ('trafficking', 'criminal', 'civil', 'family', 'labour', 'administrative')),
        title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stayed', 'disposed')),
        confidentiality    text NOT NULL DEFAULT 'public' CHECK (confidentiality IN ('public', 'confidential', 'sealed')),
        urgent             boolean NOT NULL DEFAULT false,
        assigned_judge_id  uuid REFERENCES users (id) ON DELETE RESTRICT,
        opened_at          timestamptz NOT NULL,
        disposed_at        timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'disposed') = (disposed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX cases_court_idx ON cases (court_id, opened_at DESC)`);
    await q.query(`CREATE INDEX cases_judge_idx ON cases (assigned_judge_id) WHERE assigned_judge_id IS NOT NULL`);
    // One row per court, case type and year; the next case number is taken by incrementing it
    // under a row lock, so numbers are gapless even when clerks accept filings at the same time.
    await q.query(`
      CREATE TABLE case_number_counters (
        court_id   uuid NOT NULL REFERENCES courts (id) ON DELETE RESTRICT,
        case_type  text NOT NULL,
        year       integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
        last_value integer NOT NULL CHECK (last_value >= 0),
        PRIMARY KEY (court_id, case_type, year)
      )`);
    await q.query(`
      CREATE TABLE parties (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
        party_role      text NOT NULL CHECK (party_role IN ('petitioner', 'respondent', 'plaintiff', 'complainant', 'defendant', 'victim', 'witness', 'prosecution')),
        full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
        is_protected    boolean NOT NULL DEFAULT false,
        pseudonym       text CHECK (pseudonym IS NULL OR length(pseudonym) BETWEEN 1 AND 60),
        user_id         uuid REFERENCES users (id) ON DELETE RESTRICT,
        counsel_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        created_at      timestamptz NOT NULL DEFAULT now(),
        -- A protected person must always have a pseudonym to be shown in their place.
        CONSTRAINT parties_protected_has_pseudonym CHECK (NOT is_protected OR pseudonym IS NOT NULL),
        -- The pseudonym must never be the real name.
        CONSTRAINT parties_pseudonym_not_name CHECK (pseudonym IS NULL OR lower(pseudonym) <> lower(full_name))
      )`);
    await q.query(`CREATE INDEX parties_case_idx ON parties (case_id)`);
    await q.query(`CREATE INDEX parties_user_idx ON parties (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX parties_counsel_idx ON parties (counsel_user_id) WHERE counsel_user_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX parties_pseudonym_per_case ON parties (case_id, lower(pseudonym)) WHERE pseudonym IS NOT NULL`);
    await q.query(`
      CREATE TABLE docket_entries (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id         uuid NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
        seq             integer NOT NULL CHECK (seq > 0),
        entry_type      text NOT NULL CHECK (length(entry_type) BETWEEN 1 AND 60),
        summary         text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
        confidentiality text NOT NULL DEFAULT 'public' CHECK (confidentiality IN ('public', 'confidential', 'sealed')),
        filed_at        timestamptz NOT NULL,
        entered_by      uuid REFERENCES users (id) ON DELETE RESTRICT,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT docket_entries_seq_per_case UNIQUE (case_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE docket_entries`);
    await q.query(`DROP TABLE parties`);
    await q.query(`DROP TABLE case_number_counters`);
    await q.query(`DROP TABLE cases`);
  }
}
