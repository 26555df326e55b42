import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Courts, accounts and their roles, sessions with rotating refresh tokens, and login throttling. */
export class CreateCourtsAndIdentity1795860100000 implements MigrationInterface {
  name = 'CreateCourtsAndIdentity1795860100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE courts (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9]{1,11}$'),
        name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone  text NOT NULL DEFAULT 'UTC',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id      uuid NOT NULL REFERENCES courts (id) ON DELETE RESTRICT,
        email         text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        disabled_at   timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_court_idx ON users (court_id)`);
    await q.query(`
      CREATE TABLE user_roles (
        user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role       text NOT NULL CHECK (role IN ('admin', 'judge', 'clerk', 'prosecutor', 'counsel', 'party', 'interpreter', 'supporter', 'observer')),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, role)
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at     timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL,
        revoked_at     timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('logout', 'refresh_token_reuse', 'account_disabled', 'expired')),
        CHECK (expires_at > created_at),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        CHECK (expires_at > created_at)
      )`);
    // At most one unspent refresh token per session: rotation spends the old one before the new one exists.
    await q.query(`CREATE UNIQUE INDEX refresh_tokens_one_live_per_session ON refresh_tokens (session_id) WHERE used_at IS NULL`);
    // Keyed by a hash of the normalised e-mail, known or not, so a locked unknown address behaves
    // exactly like a locked account and the lock-out reveals nothing about who has an account.
    await q.query(`
      CREATE TABLE login_throttles (
        email_key       char(64) PRIMARY KEY,
        failures        integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
        locked_until    timestamptz,
        last_failure_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttles`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE user_roles`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE courts`);
  }
}
