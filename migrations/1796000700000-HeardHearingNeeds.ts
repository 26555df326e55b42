import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hearing held is no longer needed (audit of issue 11, gap 2). When a published hearing is
 * closed and every published part of its need is closed, a trigger marks the need heard
 * (`heard_at`, `heard_hearing_id`), takes the need's parts off the published timetable (held:
 * nothing left to keep or move) and renumbers the case's later published needs, whose
 * `need_index` counts the hearings still needed. No path that closes a hearing can forget it.
 */
export class HeardHearingNeeds1796000700000 implements MigrationInterface {
  name = 'HeardHearingNeeds1796000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_hearing_needs
        ADD COLUMN heard_at timestamptz,
        ADD COLUMN heard_hearing_id uuid REFERENCES hearings (id) ON DELETE SET NULL,
        ADD CONSTRAINT case_hearing_needs_heard_by CHECK (heard_hearing_id IS NULL OR heard_at IS NOT NULL)`);
    await q.query(`CREATE INDEX case_hearing_needs_pending_idx ON case_hearing_needs (case_id, seq) WHERE heard_at IS NULL`);
    await q.query(`
      CREATE FUNCTION scheduling_need_heard_on_close() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        listed published_hearings%ROWTYPE;
      BEGIN
        IF NEW.status = 'closed' AND OLD.status IS DISTINCT FROM 'closed' THEN
          SELECT * INTO listed FROM published_hearings WHERE hearing_id = NEW.id;
          IF NOT FOUND THEN
            RETURN NEW;
          END IF;
          IF EXISTS (SELECT 1 FROM published_hearings ph JOIN hearings h ON h.id = ph.hearing_id
                      WHERE ph.case_id = listed.case_id AND ph.need_index = listed.need_index AND h.status <> 'closed') THEN
            RETURN NEW;
          END IF;
          UPDATE case_hearing_needs SET heard_at = now(), heard_hearing_id = NEW.id
           WHERE id = (SELECT id FROM case_hearing_needs WHERE case_id = listed.case_id AND heard_at IS NULL
                        ORDER BY seq OFFSET listed.need_index LIMIT 1);
          DELETE FROM published_hearings WHERE case_id = listed.case_id AND need_index = listed.need_index;
          -- Two steps, so that the unique (court, case, need, part) never sees two rows at once.
          UPDATE published_hearings SET need_index = need_index + 999999
           WHERE case_id = listed.case_id AND need_index > listed.need_index;
          UPDATE published_hearings SET need_index = need_index - 1000000
           WHERE case_id = listed.case_id AND need_index >= 1000000;
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER hearings_need_heard_on_close AFTER UPDATE OF status ON hearings
        FOR EACH ROW EXECUTE FUNCTION scheduling_need_heard_on_close()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER hearings_need_heard_on_close ON hearings`);
    await q.query(`DROP FUNCTION scheduling_need_heard_on_close()`);
    // Under the old rules a need heard is simply gone.
    await q.query(`DELETE FROM case_hearing_needs WHERE heard_at IS NOT NULL`);
    await q.query(`DROP INDEX case_hearing_needs_pending_idx`);
    await q.query(`
      ALTER TABLE case_hearing_needs
        DROP CONSTRAINT case_hearing_needs_heard_by,
        DROP COLUMN heard_hearing_id,
        DROP COLUMN heard_at`);
  }
}
