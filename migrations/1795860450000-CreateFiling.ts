import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Electronic filing (issue 5): court filing policy, content-addressed document blobs, filings with
 * their documents and proposed parties, the clerk's review trail, and the notification outbox with
 * its in-app inbox and e-mail delivery records. The rules a clerk or a bug must never break are
 * constraints here: one filing per idempotency key and filer, a claim always has an expiry, a
 * decided filing holds no claim, only accepted documents reach the docket, a rejection has a
 * reason, and a notification reaches each recipient at most once per event.
 */
export class CreateFiling1795860450000 implements MigrationInterface {
  name = 'CreateFiling1795860450000';

  async up(q: QueryRunner): Promise<void> {
    // One optional row per court; a NULL column means "the platform default" (see court-policy.ts).
    await q.query(`
      CREATE TABLE court_filing_policies (
        court_id            uuid PRIMARY KEY REFERENCES courts (id) ON DELETE CASCADE,
        max_document_bytes  bigint CHECK (max_document_bytes > 0),
        max_documents       integer CHECK (max_documents BETWEEN 1 AND 100),
        claim_minutes       integer CHECK (claim_minutes BETWEEN 1 AND 1440),
        fee_currency        text CHECK (fee_currency ~ '^[A-Z]{3}$'),
        fee_schedule        jsonb CHECK (fee_schedule IS NULL OR jsonb_typeof(fee_schedule) = 'object'),
        reason_codes        jsonb CHECK (reason_codes IS NULL OR jsonb_typeof(reason_codes) = 'array'),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    // A stored file, named by the SHA-256 of its bytes; shared by every filing that sent the same bytes.
    await q.query(`
      CREATE TABLE document_blobs (
        sha256      char(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes  bigint NOT NULL CHECK (size_bytes > 0),
        page_count  integer NOT NULL CHECK (page_count > 0),
        storage_key text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE filings (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id                uuid NOT NULL REFERENCES courts (id) ON DELETE RESTRICT,
        filer_user_id           uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        filing_type             text NOT NULL CHECK (filing_type IN ('petition', 'complaint', 'motion', 'response', 'evidence', 'notice', 'other')),
        opens_case              boolean NOT NULL,
        case_id                 uuid REFERENCES cases (id) ON DELETE RESTRICT,
        new_case_type           text CHECK (new_case_type IN ('trafficking', 'criminal', 'civil', 'family', 'labour', 'administrative')),
        new_case_title          text CHECK (length(new_case_title) BETWEEN 1 AND 300),
        new_case_confidentiality text CHECK (new_case_confidentiality IN ('public', 'confidential', 'sealed')),
        title                   text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        confidentiality         text NOT NULL CHECK (confidentiality IN ('public', 'confidential', 'sealed')),
        urgent                  boolean NOT NULL,
        urgency_grounds         text[] NOT NULL DEFAULT '{}' CHECK (urgency_grounds <@ ARRAY['custody', 'protective_order', 'child_victim']::text[]),
        status                  text NOT NULL CHECK (status IN ('submitted', 'under_review', 'accepted', 'partially_accepted', 'rejected', 'returned')),
        received_at             timestamptz NOT NULL,
        idempotency_key         text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 200),
        request_hash            char(64) NOT NULL,
        claimed_by              uuid REFERENCES users (id) ON DELETE RESTRICT,
        claim_expires_at        timestamptz,
        decided_by              uuid REFERENCES users (id) ON DELETE RESTRICT,
        decided_at              timestamptz,
        reason_code             text,
        reason_note             text CHECK (length(reason_note) <= 4000),
        fee_amount              integer NOT NULL CHECK (fee_amount >= 0),
        fee_currency            text NOT NULL CHECK (fee_currency ~ '^[A-Z]{3}$'),
        fee_waived              boolean NOT NULL,
        fee_waiver_reason       text,
        created_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT filings_one_per_idempotency_key UNIQUE (filer_user_id, idempotency_key),
        CONSTRAINT filings_opening_has_case_facts CHECK (opens_case = (new_case_type IS NOT NULL AND new_case_title IS NOT NULL AND new_case_confidentiality IS NOT NULL)),
        CONSTRAINT filings_subsequent_names_case CHECK (opens_case OR case_id IS NOT NULL),
        CONSTRAINT filings_opening_types CHECK (opens_case = (filing_type IN ('petition', 'complaint'))),
        CONSTRAINT filings_claim_has_expiry CHECK ((claimed_by IS NULL) = (claim_expires_at IS NULL)),
        CONSTRAINT filings_claim_only_in_review CHECK (claimed_by IS NULL OR status = 'under_review'),
        CONSTRAINT filings_decided CHECK ((status IN ('accepted', 'partially_accepted', 'rejected', 'returned')) = (decided_at IS NOT NULL AND decided_by IS NOT NULL)),
        CONSTRAINT filings_accepted_has_case CHECK (status NOT IN ('accepted', 'partially_accepted') OR case_id IS NOT NULL),
        CONSTRAINT filings_refusal_has_reason CHECK (status NOT IN ('rejected', 'returned') OR reason_code IS NOT NULL),
        CONSTRAINT filings_urgent_has_ground CHECK (urgent = (cardinality(urgency_grounds) > 0))
      )`);
    await q.query(
      `CREATE INDEX filings_queue_idx ON filings (court_id, urgent DESC, received_at) WHERE status IN ('submitted', 'under_review')`,
    );
    await q.query(`CREATE INDEX filings_filer_idx ON filings (filer_user_id, received_at DESC)`);
    await q.query(`CREATE INDEX filings_case_idx ON filings (case_id) WHERE case_id IS NOT NULL`);
    // An opening filing opens exactly one case, and a case is opened by at most one filing.
    await q.query(`CREATE UNIQUE INDEX filings_case_opened_once ON filings (case_id) WHERE opens_case AND case_id IS NOT NULL`);

    // The parties an opening filing proposes; they become the case's parties on acceptance.
    await q.query(`
      CREATE TABLE filing_parties (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        filing_id            uuid NOT NULL REFERENCES filings (id) ON DELETE RESTRICT,
        position             integer NOT NULL CHECK (position >= 0),
        party_role           text NOT NULL CHECK (party_role IN ('petitioner', 'respondent', 'plaintiff', 'complainant', 'defendant', 'victim', 'witness', 'prosecution')),
        full_name            text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
        is_protected         boolean NOT NULL,
        pseudonym            text CHECK (pseudonym IS NULL OR length(pseudonym) BETWEEN 1 AND 60),
        is_filer             boolean NOT NULL,
        represented_by_filer boolean NOT NULL,
        CONSTRAINT filing_parties_position UNIQUE (filing_id, position),
        CONSTRAINT filing_parties_protected_has_pseudonym CHECK (NOT is_protected OR pseudonym IS NOT NULL),
        CONSTRAINT filing_parties_pseudonym_not_name CHECK (pseudonym IS NULL OR lower(pseudonym) <> lower(full_name))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX filing_parties_pseudonym_per_filing ON filing_parties (filing_id, lower(pseudonym)) WHERE pseudonym IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE filing_documents (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        filing_id        uuid NOT NULL REFERENCES filings (id) ON DELETE RESTRICT,
        position         integer NOT NULL CHECK (position >= 0),
        title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        file_name        text NOT NULL CHECK (length(file_name) BETWEEN 5 AND 160 AND file_name !~ '[/\\\\[:cntrl:]]'),
        sha256           char(64) NOT NULL REFERENCES document_blobs (sha256) ON DELETE RESTRICT,
        size_bytes       bigint NOT NULL CHECK (size_bytes > 0),
        page_count       integer NOT NULL CHECK (page_count > 0),
        confidentiality  text NOT NULL CHECK (confidentiality IN ('public', 'confidential', 'sealed')),
        review_status    text NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'accepted', 'rejected')),
        reason_code      text,
        reason_note      text CHECK (length(reason_note) <= 4000),
        docket_entry_id  uuid UNIQUE REFERENCES docket_entries (id) ON DELETE RESTRICT,
        CONSTRAINT filing_documents_position UNIQUE (filing_id, position),
        CONSTRAINT filing_documents_rejection_has_reason CHECK (review_status <> 'rejected' OR reason_code IS NOT NULL),
        CONSTRAINT filing_documents_docketed_only_if_accepted CHECK (docket_entry_id IS NULL OR review_status = 'accepted')
      )`);
    await q.query(`CREATE INDEX filing_documents_sha_idx ON filing_documents (sha256)`);

    await q.query(`
      CREATE TABLE filing_status_history (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        filing_id     uuid NOT NULL REFERENCES filings (id) ON DELETE RESTRICT,
        seq           integer NOT NULL CHECK (seq > 0),
        action        text NOT NULL CHECK (action IN ('submitted', 'claimed', 'released', 'accepted', 'partially_accepted', 'rejected', 'returned')),
        from_status   text,
        to_status     text NOT NULL,
        actor_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        reason_code   text,
        note          text CHECK (length(note) <= 4000),
        occurred_at   timestamptz NOT NULL,
        CONSTRAINT filing_status_history_seq UNIQUE (filing_id, seq)
      )`);

    // Transactional outbox: written in the transaction of the decision, delivered by a Bull job.
    await q.query(`
      CREATE TABLE notification_events (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        filing_id    uuid NOT NULL REFERENCES filings (id) ON DELETE RESTRICT,
        kind         text NOT NULL CHECK (kind IN ('filing.accepted', 'filing.partially_accepted', 'filing.rejected', 'filing.returned')),
        created_at   timestamptz NOT NULL,
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX notification_events_pending_idx ON notification_events (created_at) WHERE processed_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox_messages (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id   uuid NOT NULL REFERENCES notification_events (id) ON DELETE RESTRICT,
        user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind       text NOT NULL,
        subject    text NOT NULL,
        body       text NOT NULL,
        data       jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        read_at    timestamptz,
        CONSTRAINT inbox_messages_once_per_event UNIQUE (event_id, user_id)
      )`);
    await q.query(`CREATE INDEX inbox_messages_user_idx ON inbox_messages (user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE email_deliveries (
        event_id   uuid NOT NULL REFERENCES notification_events (id) ON DELETE RESTRICT,
        user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        message_id text,
        sent_at    timestamptz NOT NULL,
        PRIMARY KEY (event_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_deliveries`);
    await q.query(`DROP TABLE inbox_messages`);
    await q.query(`DROP TABLE notification_events`);
    await q.query(`DROP TABLE filing_status_history`);
    await q.query(`DROP TABLE filing_documents`);
    await q.query(`DROP TABLE filing_parties`);
    await q.query(`DROP TABLE filings`);
    await q.query(`DROP TABLE document_blobs`);
    await q.query(`DROP TABLE court_filing_policies`);
  }
}
