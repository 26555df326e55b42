import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the clerk reads of a participant's links: where a link was used from (the client address
 * and a bounded user agent, never the token), who ended it and why: revoked by a judge or clerk,
 * or replaced by a newer link issued for the same participant (`replaced_by` names it).
 *
 * Links ended before this migration get their cause and author from the audit trail, where the
 * issue of a newer link lists the links it withdrew (`withdrawnLinkIds`) and a revocation names
 * its author; a link with no such event is counted as revoked, by nobody known.
 */
export class AddHearingLinkHistory1795900300000 implements MigrationInterface {
  name = 'AddHearingLinkHistory1795900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hearing_links
        ADD COLUMN used_from_address inet,
        ADD COLUMN used_user_agent   text CHECK (char_length(used_user_agent) BETWEEN 1 AND 200),
        ADD COLUMN revoked_by        uuid REFERENCES users (id) ON DELETE RESTRICT,
        ADD COLUMN revoke_cause      text CHECK (revoke_cause IN ('revoked', 'replaced')),
        ADD COLUMN replaced_by       uuid REFERENCES hearing_links (id) ON DELETE SET NULL`);
    await q.query(`
      UPDATE hearing_links l
         SET revoke_cause = 'replaced', replaced_by = a.subject_id::uuid,
             revoked_by = (SELECT u.id FROM users u WHERE a.actor_type = 'user' AND u.id::text = a.actor_id)
        FROM audit_events a
       WHERE l.revoked_at IS NOT NULL
         AND a.action = 'hearing_link.issued' AND a.subject_type = 'hearing_link'
         AND a.data->'withdrawnLinkIds' @> to_jsonb(l.id::text)`);
    await q.query(`
      UPDATE hearing_links l
         SET revoke_cause = 'revoked', revoked_by = (SELECT u.id FROM users u WHERE u.id::text = a.actor_id)
        FROM audit_events a
       WHERE l.revoked_at IS NOT NULL AND l.revoke_cause IS NULL
         AND a.action = 'hearing_link.revoked' AND a.subject_type = 'hearing_link' AND a.subject_id = l.id::text
         AND a.actor_type = 'user'`);
    await q.query(`UPDATE hearing_links SET revoke_cause = 'revoked' WHERE revoked_at IS NOT NULL AND revoke_cause IS NULL`);
    await q.query(`
      ALTER TABLE hearing_links
        ADD CONSTRAINT hearing_links_revocation_whole
          CHECK ((revoked_at IS NULL) = (revoke_cause IS NULL) AND (revoked_at IS NOT NULL OR revoked_by IS NULL)),
        ADD CONSTRAINT hearing_links_replaced_by_newer
          CHECK (replaced_by IS NULL OR (revoke_cause = 'replaced' AND replaced_by <> id)),
        ADD CONSTRAINT hearing_links_origin_when_used
          CHECK (used_at IS NOT NULL OR (used_from_address IS NULL AND used_user_agent IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hearing_links
        DROP CONSTRAINT hearing_links_origin_when_used,
        DROP CONSTRAINT hearing_links_replaced_by_newer,
        DROP CONSTRAINT hearing_links_revocation_whole,
        DROP COLUMN replaced_by,
        DROP COLUMN revoke_cause,
        DROP COLUMN revoked_by,
        DROP COLUMN used_user_agent,
        DROP COLUMN used_from_address`);
  }
}
