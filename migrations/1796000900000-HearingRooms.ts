import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hearing holds the court room it sits in: the one the published timetable put it in, or one a
 * clerk books when listing it by hand. The database refuses two hearings still to be held
 * ('scheduled') in one room at overlapping times. Only bookings are checked: a hearing that opens,
 * or one adjourned that the judge opens again, never fails on its room. The check waits for the
 * commit, so a publication that moves hearings between rooms may pass through states that would
 * clash on the way. A room is one of the hearing's own court (the composite key); removing a room
 * leaves past hearings without one.
 */
export class HearingRooms1796000900000 implements MigrationInterface {
  name = 'HearingRooms1796000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scheduling_rooms ADD CONSTRAINT scheduling_rooms_id_court UNIQUE (id, court_id)`);
    await q.query(`
      ALTER TABLE hearings
        ADD COLUMN room_id uuid,
        ADD CONSTRAINT hearings_room_of_court FOREIGN KEY (room_id, court_id)
          REFERENCES scheduling_rooms (id, court_id) ON DELETE SET NULL (room_id)`);
    await q.query(`UPDATE hearings h SET room_id = ph.room_id FROM published_hearings ph WHERE ph.hearing_id = h.id`);
    await q.query(`
      ALTER TABLE hearings
        ADD CONSTRAINT hearings_room_not_double_booked EXCLUDE USING gist (
          room_id WITH =,
          tstzrange(scheduled_start, scheduled_end) WITH &&
        ) WHERE (room_id IS NOT NULL AND status = 'scheduled') DEFERRABLE INITIALLY DEFERRED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE hearings DROP CONSTRAINT hearings_room_not_double_booked, DROP CONSTRAINT hearings_room_of_court, DROP COLUMN room_id`,
    );
    await q.query(`ALTER TABLE scheduling_rooms DROP CONSTRAINT scheduling_rooms_id_court`);
  }
}
