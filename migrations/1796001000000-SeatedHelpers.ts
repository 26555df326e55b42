import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A seat of a hearing knows which of the court's interpreters or supporters fills it: the one the
 * published timetable listed (`court_interpreter_id`, `court_supporter_id`), so that a re-plan
 * keeps them busy while it sits and follows them when it changes who sits. An interpreter's seat
 * also carries the language they interpret (`language`, as one seated by hand does).
 *
 * A helper the re-plan stands down (their seat removed, another sits instead) whom the registry
 * had told to come is a summons too, for it to tell them they are no longer needed: reason
 * `released`.
 *
 * Seats the timetable made before are matched by the name they were given ("Name (ar)" for an
 * interpreter, the name for a supporter) where exactly one of the court's interpreters or
 * supporters has it; the others stay unlinked, as seated by hand. Removing an interpreter or a
 * supporter from the court leaves the seat, unlinked.
 */
export class SeatedHelpers1796001000000 implements MigrationInterface {
  name = 'SeatedHelpers1796001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hearing_participants
        ADD COLUMN court_interpreter_id uuid REFERENCES court_interpreters (id) ON DELETE SET NULL,
        ADD COLUMN court_supporter_id uuid REFERENCES court_supporters (id) ON DELETE SET NULL,
        ADD CONSTRAINT hearing_participants_interpreter_seat CHECK (court_interpreter_id IS NULL OR hearing_role = 'interpreter'),
        ADD CONSTRAINT hearing_participants_supporter_seat CHECK (court_supporter_id IS NULL OR hearing_role = 'supporter')`);
    await q.query(
      `CREATE INDEX hearing_participants_court_interpreter ON hearing_participants (court_interpreter_id) WHERE court_interpreter_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX hearing_participants_court_supporter ON hearing_participants (court_supporter_id) WHERE court_supporter_id IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE hearing_summonses DROP CONSTRAINT hearing_summonses_reason_check,
        ADD CONSTRAINT hearing_summonses_reason_check CHECK (reason IN ('listed', 'moved', 'adjourned', 'released'))`);
    await q.query(`
      UPDATE hearing_participants hp
         SET court_interpreter_id = m.interpreter_id, language = coalesce(hp.language, m.language)
        FROM (SELECT hp2.id, min(i.id::text)::uuid AS interpreter_id, min(l.language) AS language
                FROM hearing_participants hp2
                JOIN published_hearings ph ON ph.hearing_id = hp2.hearing_id
                JOIN court_interpreters i ON i.court_id = ph.court_id
                CROSS JOIN LATERAL unnest(i.languages) AS l (language)
               WHERE hp2.hearing_role = 'interpreter' AND hp2.display_name = i.name || ' (' || l.language || ')'
               GROUP BY hp2.id HAVING count(DISTINCT i.id) = 1) m
       WHERE hp.id = m.id`);
    await q.query(`
      UPDATE hearing_participants hp
         SET court_supporter_id = m.supporter_id
        FROM (SELECT hp2.id, min(s.id::text)::uuid AS supporter_id
                FROM hearing_participants hp2
                JOIN published_hearings ph ON ph.hearing_id = hp2.hearing_id
                JOIN court_supporters s ON s.court_id = ph.court_id AND s.name = hp2.display_name
               WHERE hp2.hearing_role = 'supporter'
               GROUP BY hp2.id HAVING count(*) = 1) m
       WHERE hp.id = m.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM hearing_summonses WHERE reason = 'released'`);
    await q.query(`
      ALTER TABLE hearing_summonses DROP CONSTRAINT hearing_summonses_reason_check,
        ADD CONSTRAINT hearing_summonses_reason_check CHECK (reason IN ('listed', 'moved', 'adjourned'))`);
    await q.query(`ALTER TABLE hearing_participants DROP COLUMN court_interpreter_id, DROP COLUMN court_supporter_id`);
  }
}
