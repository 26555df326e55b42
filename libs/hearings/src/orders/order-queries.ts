import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import { type ProtectedName, maskProtectedNames } from '@ejustice/cases/domain/protected-names';
import type { UserPrincipal } from '@ejustice/identity';
import { HearingErrors } from '../domain/hearing-errors';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { OUTSIDER, hiddenHearingNames, nameViewerOf } from '../room/hearing-names';
import { loadIdentityShield } from '../room/identity-shield-queries';
import { type OrderGateFacts, refuseOrderReading } from './order-decisions';
import type { OrderKind, OrderTerms } from './order-terms';
import { ATTENDANCE_ORDER_KIND, toSpecialMeasure } from './order-terms';
import type { OrderView } from './order-views';

/** Anything that runs SQL: the data source, or a transaction's entity manager. */
export type OrderQueryRunner = Pick<DataSource | EntityManager, 'query'>;

/**
 * The special-measures orders in force in a hearing, exactly as the media policy reads them
 * (`id` is the order's row id), oldest first. Plain SQL: the media node calls it on a notice and
 * on its periodic re-read, with no entity graph and no identity module. Attendance orders are
 * left out by name (they decide who may connect, not what media flows); any other kind, known or
 * not, goes to the policy.
 */
export async function loadOrdersInForce(db: DataSource | EntityManager, hearingId: string): Promise<SpecialMeasure[]> {
  const rows: { id: string; kind: string; participant_id: string | null; terms: unknown }[] = await db.query(
    `SELECT id, kind, participant_id, terms FROM special_measure_orders
      WHERE hearing_id = $1 AND revoked_at IS NULL AND kind <> $2
      ORDER BY made_at, id`,
    [hearingId, ATTENDANCE_ORDER_KIND],
  );
  return rows.map((r) => toSpecialMeasure({ id: r.id, kind: r.kind, participantId: r.participant_id, terms: r.terms }));
}

/** The permission facts of a hearing for an account, or null when there is no such hearing. */
export async function loadOrderGate(db: OrderQueryRunner, hearingId: string, userId: string, lock = false): Promise<OrderGateFacts | null> {
  // FOR NO KEY UPDATE, not FOR UPDATE: it queues every order decision on the hearing (and the
  // room's status changes, which update the row) behind this one, yet lets participants be added
  // meanwhile, since their foreign-key check needs only FOR KEY SHARE on the hearing.
  const rows: { court_id: string; presiding_judge_id: string | null; actor_listed: boolean }[] = await db.query(
    `SELECT h.court_id, h.presiding_judge_id,
            EXISTS (SELECT 1 FROM hearing_participants p WHERE p.hearing_id = h.id AND p.user_id = $2) AS actor_listed
       FROM hearings h WHERE h.id = $1${lock ? ' FOR NO KEY UPDATE OF h' : ''}`,
    [hearingId, userId],
  );
  if (rows.length === 0) return null;
  return { courtId: rows[0].court_id, presidingJudgeId: rows[0].presiding_judge_id, actorListed: rows[0].actor_listed };
}

interface OrderViewRow {
  id: string;
  hearing_id: string;
  kind: OrderKind;
  participant_id: string | null;
  terms: OrderTerms;
  reason: string;
  version: number;
  made_at: Date;
  made_by: string;
  made_by_name: string;
  changed_at: Date | null;
  changed_by: string | null;
  changed_by_name: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
  revoke_reason: string | null;
}

/** The hearing's orders as the bench reads them (or one of them), oldest first. */
export async function readOrderViews(db: OrderQueryRunner, hearingId: string, orderId?: string): Promise<OrderView[]> {
  const rows: OrderViewRow[] = await db.query(
    `SELECT o.id, o.hearing_id, o.kind, o.participant_id, o.terms, o.reason, o.version,
            o.made_at, o.made_by, mb.display_name AS made_by_name,
            o.changed_at, o.changed_by, cb.display_name AS changed_by_name,
            o.revoked_at, o.revoked_by, rb.display_name AS revoked_by_name, o.revoke_reason
       FROM special_measure_orders o
       JOIN users mb ON mb.id = o.made_by
       LEFT JOIN users cb ON cb.id = o.changed_by
       LEFT JOIN users rb ON rb.id = o.revoked_by
      WHERE o.hearing_id = $1 AND ($2::uuid IS NULL OR o.id = $2)
      ORDER BY o.made_at, o.id`,
    [hearingId, orderId ?? null],
  );
  return rows.map(toOrderView);
}

function toOrderView(r: OrderViewRow): OrderView {
  return {
    id: r.id,
    hearingId: r.hearing_id,
    kind: r.kind,
    participantId: r.participant_id,
    terms: r.terms,
    reason: r.reason,
    version: r.version,
    inForce: r.revoked_at === null,
    made: { by: { userId: r.made_by, displayName: r.made_by_name }, at: r.made_at.toISOString() },
    changed:
      r.changed_at && r.changed_by
        ? { by: { userId: r.changed_by, displayName: r.changed_by_name ?? '' }, at: r.changed_at.toISOString() }
        : null,
    revoked:
      r.revoked_at && r.revoked_by
        ? {
            by: { userId: r.revoked_by, displayName: r.revoked_by_name ?? '' },
            at: r.revoked_at.toISOString(),
            reason: r.revoke_reason ?? '',
          }
        : null,
  };
}

/** What the bench reads of a hearing's special-measures orders. */
@Injectable()
export class SpecialMeasuresOrderQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every order of the hearing, in force and revoked (with who revoked it, when and why), for the
   * presiding judge and the court's judges and clerks.
   */
  async listOrders(principal: UserPrincipal, hearingId: string): Promise<OrderView[]> {
    const gate = await loadOrderGate(this.db, hearingId, principal.userId);
    if (!gate) throw HearingErrors.notFound();
    const refused = refuseOrderReading(principal, gate);
    if (refused) throw refused;
    const [views, names] = await Promise.all([readOrderViews(this.db, hearingId), this.hiddenNames(principal, gate, hearingId)]);
    return views.map((view) => maskOrderView(view, names));
  }

  /**
   * The names the reader may not know in this hearing. Its orders are read by the court's judges
   * and clerks, who know the case's protected parties; but a judge's reasons name the witness an
   * anonymity order hides, and the order may hide him from a clerk too.
   */
  private async hiddenNames(principal: UserPrincipal, gate: OrderGateFacts, hearingId: string): Promise<ProtectedName[]> {
    const participants: { id: string; role: HearingRole; displayName: string; userId: string | null; partyId: string | null }[] =
      await this.db.query(
        `SELECT id, hearing_role AS role, display_name AS "displayName", user_id AS "userId", party_id AS "partyId"
           FROM hearing_participants WHERE hearing_id = $1`,
        [hearingId],
      );
    const hearing: { case_id: string }[] = await this.db.query('SELECT case_id FROM hearings WHERE id = $1', [hearingId]);
    const [orders, shield] = await Promise.all([
      loadOrdersInForce(this.db, hearingId),
      loadIdentityShield(this.db, hearing[0].case_id, participants),
    ]);
    const viewer = nameViewerOf(principal, gate, participants) ?? OUTSIDER;
    return hiddenHearingNames({ participants, orders, shield }, viewer);
  }
}

/** An order with the free text its reader may not read masked: the reasons and a remote witness room's location. */
function maskOrderView(view: OrderView, names: readonly ProtectedName[]): OrderView {
  if (names.length === 0) return view;
  const mask = (text: string) => maskProtectedNames(text, names);
  const terms =
    'location' in view.terms && typeof view.terms.location === 'string'
      ? { ...view.terms, location: mask(view.terms.location) }
      : view.terms;
  return {
    ...view,
    terms,
    reason: mask(view.reason),
    revoked: view.revoked ? { ...view.revoked, reason: mask(view.revoked.reason) } : null,
  };
}
