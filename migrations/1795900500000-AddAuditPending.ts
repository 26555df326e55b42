import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events written now and chained a moment later. An event appended straight to the chain
 * holds the chain's lock until its transaction commits, so every such transaction commits alone,
 * one disk flush after the other: at 50 concurrent filings that queue, not the work, set the
 * pace. An event may instead be written here, in the transaction of the change it records (it
 * exists if and only if that change committed), without the lock; a short sealing transaction
 * then moves every pending event into `audit_events` under the lock, linking and hashing each as
 * the chain always did, many events to one flush. The chain, and `audit-verify`, are unchanged.
 *
 * The apps may add a pending event and move it into the chain, nothing else: UPDATE and TRUNCATE
 * are refused, and so is DELETE of an event the chain does not hold yet (a trigger checks that
 * the chain has it, by id, in the same transaction), so the app role can no more drop a pending
 * event than a chained one.
 */
export class AddAuditPending1795900500000 implements MigrationInterface {
  name = 'AddAuditPending1795900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_pending (
        pos          bigserial PRIMARY KEY,
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
        request_id   text
      )`);
    await q.query(`
      CREATE FUNCTION audit_pending_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_events WHERE id = OLD.id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_pending: % is refused (an event leaves only into the chain)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_pending_leaves_only_into_the_chain
        BEFORE UPDATE OR DELETE ON audit_pending
        FOR EACH ROW EXECUTE FUNCTION audit_pending_guard()`);
    await q.query(`
      CREATE TRIGGER audit_pending_no_truncate
        BEFORE TRUNCATE ON audit_pending
        FOR EACH STATEMENT EXECUTE FUNCTION audit_pending_guard()`);
    // The default privileges (CreateAppRole) gave the apps UPDATE too; a pending event is never changed.
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ejustice_app') THEN
          REVOKE ALL ON audit_pending FROM ejustice_app;
          GRANT SELECT, INSERT, DELETE ON audit_pending TO ejustice_app;
          GRANT USAGE, SELECT ON SEQUENCE audit_pending_pos_seq TO ejustice_app;
        END IF;
      END
      $$`);
  }

  /** Pending events are audit history not yet chained: like the chain, they are never dropped by a migration. */
  async down(q: QueryRunner): Promise<void> {
    const [{ events }]: { events: number }[] = await q.query(`SELECT count(*)::int AS events FROM audit_pending`);
    if (events > 0) {
      throw new Error(
        `Refusing to drop audit_pending: it holds ${events} audit events not yet chained. Start the api or the worker once (they chain pending events at start) and migrate down again.`,
      );
    }
    await q.query(`DROP TABLE audit_pending`);
    await q.query(`DROP FUNCTION audit_pending_guard()`);
  }
}
