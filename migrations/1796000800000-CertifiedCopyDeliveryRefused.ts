import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the mail server refused a copy's e-mail for good (a 5xx reply: no such mailbox): the copy
 * is issued and its requester can still download it by following the request, but the e-mail is
 * not owed any more, so the stuck-issue sweep leaves it alone instead of retrying it for a week.
 */
export class CertifiedCopyDeliveryRefused1796000800000 implements MigrationInterface {
  name = 'CertifiedCopyDeliveryRefused1796000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE certified_copies
        ADD COLUMN delivery_refused_at timestamptz,
        ADD COLUMN delivery_refusal_code smallint,
        ADD CONSTRAINT certified_copies_delivery_refusal CHECK (
          (delivery_refused_at IS NULL) = (delivery_refusal_code IS NULL)
          AND (delivery_refused_at IS NULL OR delivered_at IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE certified_copies
        DROP CONSTRAINT certified_copies_delivery_refusal,
        DROP COLUMN delivery_refusal_code,
        DROP COLUMN delivery_refused_at`);
  }
}
