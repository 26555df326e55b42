import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certified copies (issue 10): the requests and, once issued, the register the public verifies
 * against; a judge's authorisations to copy sealed documents; the requesters' download links
 * (stored as hashes only); and each court's choice to approve requests for public documents by
 * itself. A copy is never deleted: a revoked copy keeps its row, with who revoked it, when and why,
 * since verification must keep saying so.
 */
export class CreateCertifiedCopies1795900700000 implements MigrationInterface {
  name = 'CreateCertifiedCopies1795900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE court_certification_policies (
        court_id            uuid PRIMARY KEY REFERENCES courts (id) ON DELETE CASCADE,
        auto_approve_public boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE certified_copy_authorisations (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id   uuid NOT NULL REFERENCES filing_documents (id) ON DELETE RESTRICT,
        user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        judge_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        created_at    timestamptz NOT NULL,
        CONSTRAINT certified_copy_authorisations_once UNIQUE (document_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE certified_copies (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id             uuid NOT NULL REFERENCES courts (id) ON DELETE RESTRICT,
        case_id              uuid NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
        document_id          uuid NOT NULL REFERENCES filing_documents (id) ON DELETE RESTRICT,
        requester_user_id    uuid REFERENCES users (id) ON DELETE RESTRICT,
        requester_email      text CHECK (length(requester_email) BETWEEN 3 AND 254),
        access_key_sha256    char(64) UNIQUE,
        copies               integer NOT NULL CHECK (copies BETWEEN 1 AND 20),
        purpose              text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        fee_per_copy         integer NOT NULL CHECK (fee_per_copy >= 0),
        fee_amount           integer NOT NULL CHECK (fee_amount >= 0),
        fee_currency         text NOT NULL,
        fee_waiver_reason    text CHECK (fee_waiver_reason IN ('victim')),
        payment_status       text NOT NULL CHECK (payment_status IN ('due', 'paid', 'waived', 'not_due')),
        payment_recorded_by  uuid REFERENCES users (id) ON DELETE RESTRICT,
        payment_recorded_at  timestamptz,
        payment_note         text CHECK (length(payment_note) <= 500),
        status               text NOT NULL CHECK (status IN ('requested', 'approved', 'issuing', 'issued', 'refused', 'revoked')),
        requested_at         timestamptz NOT NULL,
        decided_by           uuid REFERENCES users (id) ON DELETE RESTRICT,
        decided_at           timestamptz,
        refusal_reason       text CHECK (length(refusal_reason) BETWEEN 1 AND 2000),
        verification_code    text UNIQUE CHECK (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'),
        storage_key          text,
        sha256               char(64) UNIQUE,
        size_bytes           bigint CHECK (size_bytes > 0),
        issued_at            timestamptz,
        certified_by         uuid REFERENCES users (id) ON DELETE RESTRICT,
        revoked_by           uuid REFERENCES users (id) ON DELETE RESTRICT,
        revoked_at           timestamptz,
        revocation_reason    text CHECK (length(revocation_reason) BETWEEN 1 AND 2000),
        delivered_at         timestamptz,
        CONSTRAINT certified_copies_one_requester CHECK ((requester_user_id IS NULL) <> (requester_email IS NULL)),
        CONSTRAINT certified_copies_public_has_key CHECK (requester_email IS NULL OR access_key_sha256 IS NOT NULL),
        CONSTRAINT certified_copies_refusal_has_reason CHECK (status <> 'refused' OR refusal_reason IS NOT NULL),
        CONSTRAINT certified_copies_issue_needs_code CHECK (status NOT IN ('issuing', 'issued', 'revoked') OR verification_code IS NOT NULL),
        CONSTRAINT certified_copies_issue_needs_settled_fee CHECK (status NOT IN ('issuing', 'issued', 'revoked') OR payment_status <> 'due'),
        CONSTRAINT certified_copies_issued_in_register CHECK (
          status NOT IN ('issued', 'revoked') OR (storage_key IS NOT NULL AND sha256 IS NOT NULL AND size_bytes IS NOT NULL AND issued_at IS NOT NULL)
        ),
        CONSTRAINT certified_copies_revocation_complete CHECK (
          (status = 'revoked') = (revoked_at IS NOT NULL AND revoked_by IS NOT NULL AND revocation_reason IS NOT NULL)
        )
      )`);
    await q.query(`CREATE INDEX certified_copies_queue_idx ON certified_copies (court_id, status, requested_at)`);
    await q.query(`CREATE INDEX certified_copies_requester_idx ON certified_copies (requester_user_id, requested_at DESC)`);
    await q.query(`
      CREATE TABLE certified_copy_download_links (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        copy_id      uuid NOT NULL REFERENCES certified_copies (id) ON DELETE CASCADE,
        token_sha256 char(64) NOT NULL UNIQUE,
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        CONSTRAINT certified_copy_download_links_expire_after_creation CHECK (expires_at > created_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certified_copy_download_links`);
    await q.query(`DROP TABLE certified_copies`);
    await q.query(`DROP TABLE certified_copy_authorisations`);
    await q.query(`DROP TABLE court_certification_policies`);
  }
}
