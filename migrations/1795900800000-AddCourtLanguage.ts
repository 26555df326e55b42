import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a court works in, and its name in English: a certified copy of an Arabic court
 * states its certification in Arabic and in English, naming the court in each. Existing courts
 * work in English until their administrator says otherwise.
 */
export class AddCourtLanguage1795900800000 implements MigrationInterface {
  name = 'AddCourtLanguage1795900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE courts
        ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('ar', 'en', 'fr')),
        ADD COLUMN name_en text CHECK (name_en IS NULL OR length(name_en) BETWEEN 1 AND 300)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE courts DROP COLUMN name_en, DROP COLUMN language`);
  }
}
