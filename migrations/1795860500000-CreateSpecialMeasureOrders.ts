import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Special-measures orders: the presiding judge's decisions on how a witness or victim gives
 * evidence (anonymity, a screen, audio only, a supporter beside her, evidence in private, a remote
 * witness room). A row is the order as it stands now; its history (made, each change, the
 * revocation, each with the judge's reason) is in the audit chain, written in the same transaction.
 * Orders are never deleted: a revoked order keeps its row, with who revoked it, when and why.
 *
 * The kind-specific fields (a pseudonym, whom the witness is screened from, the supporter, the
 * location) are `terms`, a JSON object validated by @ejustice/hearings (orders/order-decisions.ts);
 * the rules the court must never break, even through a bug or a hand-written query, are here.
 */
export class CreateSpecialMeasureOrders1795860500000 implements MigrationInterface {
  name = 'CreateSpecialMeasureOrders1795860500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE special_measure_orders (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hearing_id     uuid NOT NULL REFERENCES hearings (id) ON DELETE CASCADE,
        participant_id uuid,
        kind           text NOT NULL CHECK (kind IN ('anonymity', 'screen', 'audio_only', 'supporter', 'evidence_in_private', 'remote_witness_room')),
        terms          jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(terms) = 'object'),
        reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        made_by        uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        made_at        timestamptz NOT NULL,
        changed_at     timestamptz,
        changed_by     uuid REFERENCES users (id) ON DELETE RESTRICT,
        version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        revoked_at     timestamptz,
        revoked_by     uuid REFERENCES users (id) ON DELETE RESTRICT,
        revoke_reason  text CHECK (length(revoke_reason) BETWEEN 1 AND 2000),
        -- The order's participant must belong to the order's hearing. NO ACTION (checked at the end
        -- of the statement), not CASCADE: a participant named in an order cannot be deleted on its
        -- own and silently take a court order with it; deleting the whole hearing removes both.
        -- A NULL participant_id (evidence in private) is not checked (MATCH SIMPLE).
        CONSTRAINT special_measure_orders_participant_in_hearing FOREIGN KEY (participant_id, hearing_id)
          REFERENCES hearing_participants (id, hearing_id),
        -- Evidence in private is hearing-wide; every other measure protects one named participant.
        CONSTRAINT special_measure_orders_subject CHECK ((participant_id IS NULL) = (kind = 'evidence_in_private')),
        -- Revoked means revoked by someone, at a time, for a reason: all three or none.
        CONSTRAINT special_measure_orders_revocation CHECK (
          (revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL)
        ),
        CONSTRAINT special_measure_orders_change CHECK ((changed_at IS NULL) = (changed_by IS NULL)),
        -- The keys the unique indexes below read must be present: a missing key reads as NULL, which
        -- no unique index compares (and which would pass a bare CHECK), hence coalesce(..., false).
        CONSTRAINT special_measure_orders_anonymity_terms CHECK (
          kind <> 'anonymity' OR coalesce(jsonb_typeof(terms -> 'pseudonym') = 'string' AND length(terms ->> 'pseudonym') BETWEEN 1 AND 100, false)
        ),
        CONSTRAINT special_measure_orders_supporter_terms CHECK (
          kind <> 'supporter' OR coalesce(jsonb_typeof(terms -> 'supporterId') = 'string' AND terms ->> 'capacity' IN ('supporter', 'intermediary'), false)
        ),
        CONSTRAINT special_measure_orders_location_terms CHECK (
          kind <> 'remote_witness_room' OR coalesce(jsonb_typeof(terms -> 'location') = 'string' AND length(terms ->> 'location') BETWEEN 1 AND 200, false)
        )
      )`);
    // The media node reads a hearing's orders in force on every re-read; the bench lists them all.
    await q.query(
      `CREATE INDEX special_measure_orders_hearing_idx ON special_measure_orders (hearing_id, made_at) WHERE revoked_at IS NULL`,
    );
    // Backs the composite foreign key (deleting a participant looks up their orders).
    await q.query(
      `CREATE INDEX special_measure_orders_participant_idx ON special_measure_orders (participant_id) WHERE participant_id IS NOT NULL`,
    );
    // At most one order in force per participant and kind (one anonymity order, one screen, ...),
    // and at most one evidence-in-private order in force per hearing: a second order would leave
    // the media node to guess which one the judge meant. Changing an order changes this row, so it
    // never competes with itself; a revoked order steps aside. coalesce() gives the hearing-wide
    // order a participant key, since NULLs never collide in a unique index. Supporter orders are
    // left out: a witness may have a supporter and an intermediary beside her (the next index).
    await q.query(`
      CREATE UNIQUE INDEX special_measure_orders_one_in_force
        ON special_measure_orders (hearing_id, kind, coalesce(participant_id, '00000000-0000-0000-0000-000000000000'::uuid))
        WHERE revoked_at IS NULL AND kind <> 'supporter'`);
    // A supporter or intermediary sits beside one witness only (they follow her from room to room):
    // unique per supporter among supporter orders in force, whoever the witness.
    await q.query(`
      CREATE UNIQUE INDEX special_measure_orders_supporter_once
        ON special_measure_orders (hearing_id, (terms ->> 'supporterId'))
        WHERE revoked_at IS NULL AND kind = 'supporter'`);
    // Two protected witnesses under one pseudonym would be confused with each other (and whatever
    // one says attributed to the other): a pseudonym in force is unique in its hearing.
    await q.query(`
      CREATE UNIQUE INDEX special_measure_orders_pseudonym_once
        ON special_measure_orders (hearing_id, lower(terms ->> 'pseudonym'))
        WHERE revoked_at IS NULL AND kind = 'anonymity'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE special_measure_orders`);
  }
}
