import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { maskProtectedNames } from '@ejustice/cases';
import type { UserPrincipal } from '@ejustice/identity';
import { type AnonymityOrder, orderDisclosesTo } from '@ejustice/media-policy';
import type { PageRequest } from '@ejustice/platform';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import { OUTSIDER, hiddenHearingNames, nameViewerOf } from '../room/hearing-names';
import { type LoadedRoom, RoomLedger } from '../room/room-ledger.service';
import type { SummonsMethod, SummonsPage, SummonsReason, SummonsStatus, SummonsView } from '../contract/summons-contract';
import { assertMayReadSummonses } from './summons-decisions';

interface SummonsRow {
  id: string;
  reason: SummonsReason;
  created_at: Date;
  schedule_run_id: string;
  hearing_id: string;
  title: string;
  status: HearingStatus;
  scheduled_start: Date;
  scheduled_end: Date;
  case_number: string;
  participant_id: string;
  hearing_role: HearingRole;
  display_name: string;
  delivered_at: Date | null;
  method: SummonsMethod | null;
  note: string | null;
  delivered_by: string | null;
  delivered_by_name: string | null;
}

const SUMMONS_SELECT = `SELECT s.id, s.reason, s.created_at, s.schedule_run_id, s.hearing_id, h.title, h.status, h.scheduled_start, h.scheduled_end,
       c.number AS case_number, s.participant_id, p.hearing_role, p.display_name,
       s.delivered_at, s.method, s.note, s.delivered_by, u.display_name AS delivered_by_name
  FROM hearing_summonses s
  JOIN hearings h ON h.id = s.hearing_id
  JOIN cases c ON c.id = h.case_id
  JOIN hearing_participants p ON p.id = s.participant_id
  LEFT JOIN users u ON u.id = s.delivered_by`;

/**
 * The court's summonses, for its clerks and judges: pending ones soonest hearing first (what the
 * registry must do next), delivered ones latest first. People are named as on the hearing's page
 * for the same reader: the court knows who is before it, except a participant under an anonymity
 * order that does not name the reader, who reads the order's pseudonym; the free text (the title,
 * a name typed into another's display name) is masked by `hiddenHearingNames`.
 */
@Injectable()
export class SummonsQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: RoomLedger,
  ) {}

  async list(principal: UserPrincipal, courtId: string, status: SummonsStatus, page: Required<PageRequest>): Promise<SummonsPage> {
    assertMayReadSummonses(principal, courtId);
    // Pending: still to tell, and still seated (a seat withdrawn, or removed in the room, has nobody
    // to summon), unless it tells someone stood down that they are no longer needed.
    const where =
      status === 'pending'
        ? `s.court_id = $1 AND s.delivered_at IS NULL AND s.superseded_at IS NULL AND (p.state <> 'removed' OR s.reason = 'released')`
        : `s.court_id = $1 AND s.delivered_at IS NOT NULL`;
    const order = status === 'pending' ? `h.scheduled_start, s.created_at, s.id` : `s.delivered_at DESC, s.id`;
    const rows: SummonsRow[] = await this.db.query(`${SUMMONS_SELECT} WHERE ${where} ORDER BY ${order} LIMIT $2 OFFSET $3`, [
      courtId,
      page.limit,
      page.offset,
    ]);
    const [{ n }]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM hearing_summonses s JOIN hearing_participants p ON p.id = s.participant_id WHERE ${where}`,
      [courtId],
    );
    return { items: await this.views(principal, rows), total: n };
  }

  /** One summons of the reader's court, as the list shows it; null when there is none. */
  async one(principal: UserPrincipal, summonsId: string): Promise<SummonsView | null> {
    const rows: SummonsRow[] = await this.db.query(`${SUMMONS_SELECT} WHERE s.id = $1 AND s.court_id = $2`, [summonsId, principal.courtId]);
    return rows.length === 0 ? null : (await this.views(principal, rows))[0];
  }

  private async views(principal: UserPrincipal, rows: readonly SummonsRow[]): Promise<SummonsView[]> {
    const rooms = new Map<string, LoadedRoom | null>();
    for (const hearingId of new Set(rows.map((r) => r.hearing_id))) rooms.set(hearingId, await this.ledger.loadRoom(hearingId));
    return rows.map((r) => {
      const loaded = rooms.get(r.hearing_id) ?? null;
      const { title, displayName } = loaded ? masked(principal, loaded, r) : { title: r.title, displayName: r.display_name };
      return {
        id: r.id,
        reason: r.reason,
        createdAt: new Date(r.created_at).toISOString(),
        scheduleRunId: r.schedule_run_id,
        hearing: {
          id: r.hearing_id,
          title,
          status: r.status,
          scheduledStart: new Date(r.scheduled_start).toISOString(),
          scheduledEnd: new Date(r.scheduled_end).toISOString(),
          caseNumber: r.case_number,
        },
        participant: { id: r.participant_id, role: r.hearing_role, displayName },
        delivery:
          r.delivered_at === null
            ? null
            : {
                at: new Date(r.delivered_at).toISOString(),
                method: r.method as SummonsMethod,
                note: r.note,
                by: r.delivered_by && r.delivered_by_name ? { userId: r.delivered_by, displayName: r.delivered_by_name } : null,
              },
      };
    });
  }
}

/** The summons's hearing title and person as this reader may know them (hearing-room-queries' staff lines). */
function masked(principal: UserPrincipal, loaded: LoadedRoom, r: SummonsRow): { title: string; displayName: string } {
  const viewer = nameViewerOf(principal, loaded.state, loaded.state.participants) ?? OUTSIDER;
  const names = hiddenHearingNames({ participants: loaded.state.participants, orders: loaded.state.orders, shield: loaded.shield }, viewer);
  const order = loaded.state.orders.find((o): o is AnonymityOrder => o.kind === 'anonymity' && o.participantId === r.participant_id);
  const concealed = order !== undefined && r.participant_id !== viewer.id && !orderDisclosesTo(order, viewer);
  return {
    title: maskProtectedNames(r.title, names),
    displayName: concealed ? order.pseudonym : maskProtectedNames(r.display_name, names),
  };
}
