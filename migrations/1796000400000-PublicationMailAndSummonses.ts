import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everyone told of a publication (issue 11, point 7):
 * - `schedule_notice_emails`: the e-mail outbox of a publication, one row per run and account
 *   holder, written in the publishing transaction (when SMTP is configured) with the words the
 *   e-mail says; `sent_at` is set once it went, so a job run twice sends it once;
 * - `hearing_summonses`: for each seat without an account (a victim, a witness, a party without
 *   an account, an interpreter, a supporter) in a hearing a publication listed, moved or
 *   adjourned, the clerk's task of telling them (a one-time link handed over, a phone call, a
 *   letter). One open task per participant: a later publication supersedes an undelivered one.
 */
export class PublicationMailAndSummonses1796000400000 implements MigrationInterface {
  name = 'PublicationMailAndSummonses1796000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schedule_notice_emails (
        schedule_run_id uuid NOT NULL REFERENCES schedule_runs (id) ON DELETE RESTRICT,
        user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        subject         text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
        body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
        created_at      timestamptz NOT NULL,
        sent_at         timestamptz,
        message_id      text,
        PRIMARY KEY (schedule_run_id, user_id)
      )`);
    await q.query(`CREATE INDEX schedule_notice_emails_pending_idx ON schedule_notice_emails (created_at) WHERE sent_at IS NULL`);

    await q.query(`
      CREATE TABLE hearing_summonses (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id        uuid NOT NULL REFERENCES courts (id) ON DELETE CASCADE,
        hearing_id      uuid NOT NULL REFERENCES hearings (id) ON DELETE CASCADE,
        participant_id  uuid NOT NULL,
        schedule_run_id uuid NOT NULL REFERENCES schedule_runs (id) ON DELETE RESTRICT,
        reason          text NOT NULL CHECK (reason IN ('listed', 'moved', 'adjourned')),
        created_at      timestamptz NOT NULL,
        superseded_at   timestamptz,
        delivered_at    timestamptz,
        delivered_by    uuid REFERENCES users (id) ON DELETE RESTRICT,
        method          text CHECK (method IN ('link_handed_over', 'phone', 'post', 'in_person')),
        note            text CHECK (length(note) BETWEEN 1 AND 1000),
        CONSTRAINT hearing_summonses_delivery CHECK (
          (delivered_at IS NULL) = (delivered_by IS NULL) AND (delivered_at IS NULL) = (method IS NULL)
          AND (note IS NULL OR delivered_at IS NOT NULL)),
        CONSTRAINT hearing_summonses_open_or_closed CHECK (superseded_at IS NULL OR delivered_at IS NULL),
        CONSTRAINT hearing_summonses_participant FOREIGN KEY (participant_id, hearing_id)
          REFERENCES hearing_participants (id, hearing_id) ON DELETE CASCADE,
        CONSTRAINT hearing_summonses_once_per_run UNIQUE (schedule_run_id, participant_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX hearing_summonses_one_open ON hearing_summonses (participant_id) WHERE delivered_at IS NULL AND superseded_at IS NULL`,
    );
    await q.query(`CREATE INDEX hearing_summonses_court_idx ON hearing_summonses (court_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hearing_summonses`);
    await q.query(`DROP TABLE schedule_notice_emails`);
  }
}
