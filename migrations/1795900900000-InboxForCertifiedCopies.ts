import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The in-app inbox takes notices of certified copies too: an account holder whose copy is issued
 * finds it there, not only in their mailbox. A message comes from exactly one source, a filing's
 * notification event or a certified copy, and at most once per source and user.
 */
export class InboxForCertifiedCopies1795900900000 implements MigrationInterface {
  name = 'InboxForCertifiedCopies1795900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inbox_messages
        ALTER COLUMN event_id DROP NOT NULL,
        ADD COLUMN certified_copy_id uuid REFERENCES certified_copies (id) ON DELETE RESTRICT,
        ADD CONSTRAINT inbox_messages_one_source CHECK ((event_id IS NULL) <> (certified_copy_id IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX inbox_messages_once_per_copy ON inbox_messages (certified_copy_id, user_id) WHERE certified_copy_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM inbox_messages WHERE certified_copy_id IS NOT NULL`);
    await q.query(`DROP INDEX inbox_messages_once_per_copy`);
    await q.query(`
      ALTER TABLE inbox_messages
        DROP CONSTRAINT inbox_messages_one_source,
        DROP COLUMN certified_copy_id,
        ALTER COLUMN event_id SET NOT NULL`);
  }
}
