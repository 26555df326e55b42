import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance orders: the presiding judge's leave for a non-party (the press, a member of the
 * public, a supporter) to attend a hearing of a confidential or sealed case. Recorded, changed
 * and revoked like the special-measures orders, in the same table and with the same rules (a
 * reason, who revoked it and why, at most one in force per participant through
 * special_measure_orders_one_in_force); it names one participant and has no terms.
 */
export class AddAttendanceOrders1795900100000 implements MigrationInterface {
  name = 'AddAttendanceOrders1795900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE special_measure_orders DROP CONSTRAINT special_measure_orders_kind_check`);
    await q.query(`
      ALTER TABLE special_measure_orders ADD CONSTRAINT special_measure_orders_kind_check
        CHECK (kind IN ('anonymity', 'screen', 'audio_only', 'supporter', 'evidence_in_private', 'remote_witness_room', 'attendance'))`);
    // Leave to attend is the whole of the order: nothing in its terms for anyone to read into it.
    await q.query(`
      ALTER TABLE special_measure_orders ADD CONSTRAINT special_measure_orders_attendance_terms
        CHECK (kind <> 'attendance' OR terms = '{}'::jsonb)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Orders are never deleted: going back is refused while any attendance order is on record.
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM special_measure_orders WHERE kind = 'attendance') THEN
          RAISE EXCEPTION 'attendance orders are on record; they cannot be removed by a migration';
        END IF;
      END $$`);
    await q.query(`ALTER TABLE special_measure_orders DROP CONSTRAINT special_measure_orders_attendance_terms`);
    await q.query(`ALTER TABLE special_measure_orders DROP CONSTRAINT special_measure_orders_kind_check`);
    await q.query(`
      ALTER TABLE special_measure_orders ADD CONSTRAINT special_measure_orders_kind_check
        CHECK (kind IN ('anonymity', 'screen', 'audio_only', 'supporter', 'evidence_in_private', 'remote_witness_room'))`);
  }
}
