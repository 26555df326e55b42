import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: an append-only hash chain. The database itself refuses UPDATE, DELETE and
 * TRUNCATE, so not even a bug (or an operator with the application's credentials) can rewrite
 * history without first disabling the trigger, which `audit:verify` would then expose.
 */
export class CreateAuditEvents1795860000000 implements MigrationInterface {
  name = 'CreateAuditEvents1795860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        seq          bigint PRIMARY KEY CHECK (seq > 0),
        id           uuid NOT NULL UNIQUE,
        occurred_at  timestamptz NOT NULL,
        court_id     uuid,
        actor_type   text NOT NULL CHECK (actor_type IN ('user', 'participant', 'system')),
        actor_id     text,
        action       text NOT NULL CHECK (action ~ '^[a-z_]+(\\.[a-z_]+)+$'),
        subject_type text NOT NULL,
        subject_id   text,
        case_id      uuid,
        hearing_id   uuid,
        data         jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id   text,
        prev_hash    char(64) NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash         char(64) NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX audit_events_case_idx ON audit_events (case_id, seq) WHERE case_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_events_hearing_idx ON audit_events (hearing_id, seq) WHERE hearing_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id)`);
    await q.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only
        BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate
        BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);
  }

  /**
   * Migrating down never destroys audit history: an empty chain may go, one that holds events
   * stays, and the whole `migrate down` stops here (this step rolls back; the steps after it in
   * the list have already been reverted). Archiving and dropping it is a deliberate act of the
   * owner, outside the tools.
   */
  async down(q: QueryRunner): Promise<void> {
    const [{ events }]: { events: number }[] = await q.query(`SELECT count(*)::int AS events FROM audit_events`);
    if (events > 0) {
      throw new Error(
        `Refusing to drop audit_events: it holds ${events} audit events, the legal record of what happened, and migrate down never destroys audit history. ` +
          `If the table truly must go, archive it first (pg_dump --table=audit_events) and drop it by hand as its owner.`,
      );
    }
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_refuse_change()`);
  }
}
