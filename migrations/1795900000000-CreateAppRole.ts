import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The apps' own role. Until now the api, media nodes and worker connected as the owner of the
 * schema, who may `ALTER TABLE audit_events DISABLE TRIGGER`, rewrite history and switch the
 * guard back on. From here the migrations alone run as the owner; the apps connect as
 * `ejustice_app` (or a login that is a member of it, which `migrate up` provisions from
 * DATABASE_APP_URL): ordinary reads and writes everywhere, but on the audit chain only INSERT
 * and SELECT, and owner of nothing, so it can neither rewrite the chain nor disarm its triggers.
 *
 * Roles belong to the whole cluster while grants belong to one database: the role may already
 * exist (another database of the cluster, or a concurrent migration, made it), and `down`
 * takes back this database's grants but leaves the role to the others.
 */
export class CreateAppRole1795900000000 implements MigrationInterface {
  name = 'CreateAppRole1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ejustice_app') THEN
          BEGIN
            CREATE ROLE ejustice_app NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created in the meantime by a migration of another database
          END;
        END IF;
      END
      $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ejustice_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ejustice_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ejustice_app`);
    // The chain is append-only for the apps; the triggers still stand behind this for the owner.
    await q.query(`REVOKE ALL ON audit_events FROM ejustice_app`);
    await q.query(`GRANT SELECT, INSERT ON audit_events TO ejustice_app`);
    await q.query(`REVOKE ALL ON schema_migrations FROM ejustice_app`);
    // Tables and sequences that later migrations create (as this same owner) get the ordinary
    // rights at once; a migration that adds another append-only table revokes them for it.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ejustice_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ejustice_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ejustice_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ejustice_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ejustice_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ejustice_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ejustice_app`);
  }
}
