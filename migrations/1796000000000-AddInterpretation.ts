import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Interpretation. A hearing's floor language (null: its court's), and each participant's
 * language: for an interpreter, the language they interpret into (their channel; the other side
 * of their pair is the floor's); for anyone else, the language they need (a witness who needs
 * interpretation hears that channel by default). Languages are lower-case BCP 47 tags, as
 * LANGUAGE_TAG in the signalling contract reads them.
 */
export class AddInterpretation1796000000000 implements MigrationInterface {
  name = 'AddInterpretation1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hearings
        ADD COLUMN floor_language text CHECK (floor_language ~ '^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$')`);
    await q.query(`
      ALTER TABLE hearing_participants
        ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hearing_participants DROP COLUMN language`);
    await q.query(`ALTER TABLE hearings DROP COLUMN floor_language`);
  }
}
