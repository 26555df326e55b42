import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, affectedRows, userActor } from '@ejustice/platform';
import { HearingErrors } from '../domain/hearing-errors';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import {
  type OrderCommand,
  type OrderHearingFacts,
  type OrderWrite,
  type StoredOrder,
  decideOrder,
  refuseOrderAction,
} from './order-decisions';
import { OrderErrors } from './order-errors';
import { HearingNoticePublisher } from '../notices/hearing-notice.publisher';
import { loadOrderGate, readOrderViews } from './order-queries';
import { ACCESS_ORDER_KINDS, type OrderKind } from './order-terms';
import type { OrderView } from './order-views';

const UNIQUE_VIOLATION = '23505';

/**
 * The record of special-measures orders: runs one order command as one transaction. It locks the
 * hearing's row first, so two decisions on one hearing queue (two anonymity orders for one witness
 * sent at the same moment: the second sees the first and is refused); checks permission; loads the
 * hearing's participants and orders; lets the pure `decideOrder` rule; writes the row and its audit
 * event; commits; and only then tells the media nodes to re-read (and, for an order on who may
 * attend, to re-check their connections), so a node never re-reads before the change is there to
 * be read.
 */
@Injectable()
export class SpecialMeasuresOrderLedger {
  private readonly logger = new Logger(SpecialMeasuresOrderLedger.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly notices: HearingNoticePublisher,
  ) {}

  async run(principal: UserPrincipal, hearingId: string, command: OrderCommand): Promise<OrderView> {
    let view: OrderView;
    try {
      view = await this.db.transaction(async (m) => {
        const gate = await loadOrderGate(m, hearingId, principal.userId, true);
        if (!gate) throw HearingErrors.notFound();
        // Permission first: nobody else learns anything about the hearing's orders from a refusal.
        const refused = refuseOrderAction(principal, gate);
        if (refused) throw refused;
        const hearing = await loadOrderHearing(m, hearingId);
        const decision = decideOrder(principal, gate, hearing, command);
        if (!decision.ok) throw decision.error;
        await this.write(m, hearingId, principal.userId, decision.write);
        const [written] = await readOrderViews(m, hearingId, decision.audit.orderId);
        // Audit last: it holds the chain lock until commit.
        await this.audit.record(m, {
          action: decision.audit.action,
          actor: userActor(principal.userId),
          subject: { type: 'special_measure_order', id: decision.audit.orderId },
          courtId: hearing.courtId,
          caseId: hearing.caseId,
          hearingId,
          data: { ...decision.audit.data },
        });
        return written;
      });
    } catch (error) {
      throw translateConstraint(error);
    }
    // Ids only: the pseudonym and the reason stay in the record.
    this.logger.log(`run() ${command.type} [hearing:${hearingId}] [order:${view.id}] [kind:${view.kind}] [version:${view.version}]`);
    await this.notices.ordersChanged(hearingId);
    // Leave to attend given or withdrawn (an attendance order, or the supporter order that seats a
    // supporter): the media node re-checks every live connection of the hearing and ends those no
    // longer honoured, as for a revoked link.
    if (ACCESS_ORDER_KINDS.includes(view.kind)) await this.notices.accessChanged(hearingId);
    return view;
  }

  private async write(m: EntityManager, hearingId: string, userId: string, write: OrderWrite): Promise<void> {
    const now = this.clock.now();
    switch (write.type) {
      case 'insert':
        await m.query(
          `INSERT INTO special_measure_orders (id, hearing_id, participant_id, kind, terms, reason, made_by, made_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [write.orderId, hearingId, write.participantId, write.kind, JSON.stringify(write.terms), write.reason, userId, now],
        );
        return;
      case 'update': {
        // The version in the WHERE is the optimistic check made durable: under the hearing lock it
        // cannot fail, but a writer that skipped the lock would change nothing rather than overwrite.
        const result: unknown = await m.query(
          `UPDATE special_measure_orders
              SET terms = $1, reason = $2, version = version + 1, changed_at = $3, changed_by = $4
            WHERE id = $5 AND hearing_id = $6 AND version = $7 AND revoked_at IS NULL
            RETURNING id`,
          [JSON.stringify(write.terms), write.reason, now, userId, write.orderId, hearingId, write.fromVersion],
        );
        if (affectedRows(result) !== 1) throw OrderErrors.conflict(write.fromVersion + 1);
        return;
      }
      case 'revoke': {
        const result: unknown = await m.query(
          `UPDATE special_measure_orders
              SET revoked_at = $1, revoked_by = $2, revoke_reason = $3, version = version + 1
            WHERE id = $4 AND hearing_id = $5 AND version = $6 AND revoked_at IS NULL
            RETURNING id`,
          [now, userId, write.reason, write.orderId, hearingId, write.fromVersion],
        );
        if (affectedRows(result) !== 1) throw OrderErrors.revoked();
        return;
      }
    }
  }
}

/** The hearing as the order rules read it (and where its audit events belong). */
export interface LoadedOrderHearing extends OrderHearingFacts {
  readonly courtId: string;
  readonly caseId: string;
}

/** The hearing as the order rules read it: status, participants with their real names, and every order. */
export async function loadOrderHearing(m: Pick<EntityManager, 'query'>, hearingId: string): Promise<LoadedOrderHearing> {
  const [hearing]: { status: HearingStatus; court_id: string; case_id: string }[] = await m.query(
    'SELECT status, court_id, case_id FROM hearings WHERE id = $1',
    [hearingId],
  );
  const participants: { id: string; hearing_role: HearingRole; state: ParticipantState; display_name: string; full_name: string | null }[] =
    await m.query(
      `SELECT p.id, p.hearing_role, p.state, p.display_name, pa.full_name
         FROM hearing_participants p LEFT JOIN parties pa ON pa.id = p.party_id
        WHERE p.hearing_id = $1`,
      [hearingId],
    );
  const orders: {
    id: string;
    kind: OrderKind;
    participant_id: string | null;
    terms: object;
    reason: string;
    version: number;
    revoked: boolean;
  }[] = await m.query(
    `SELECT id, kind, participant_id, terms, reason, version, revoked_at IS NOT NULL AS revoked
         FROM special_measure_orders WHERE hearing_id = $1 ORDER BY made_at, id`,
    [hearingId],
  );
  return {
    id: hearingId,
    courtId: hearing.court_id,
    caseId: hearing.case_id,
    status: hearing.status,
    participants: participants.map((p) => ({
      id: p.id,
      role: p.hearing_role,
      state: p.state,
      realNames: p.full_name === null ? [p.display_name] : [p.display_name, p.full_name],
    })),
    orders: orders.map(
      (o) =>
        ({
          id: o.id,
          kind: o.kind,
          participantId: o.participant_id,
          terms: o.terms,
          reason: o.reason,
          version: o.version,
          revoked: o.revoked,
        }) as StoredOrder,
    ),
  };
}

/**
 * The database's own guards, in case a decision was taken on facts that changed (they cannot
 * under the hearing lock, but the constraints hold whoever writes): each unique index has its
 * refusal.
 */
function translateConstraint(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = error.driverError as { code?: string; constraint?: string };
  if (driver.code !== UNIQUE_VIOLATION) return error;
  switch (driver.constraint) {
    case 'special_measure_orders_one_in_force':
      return OrderErrors.alreadyInForce(null, null);
    case 'special_measure_orders_supporter_once':
      return OrderErrors.supporterTaken(null);
    case 'special_measure_orders_pseudonym_once':
      return OrderErrors.pseudonymTaken();
    default:
      return error;
  }
}
