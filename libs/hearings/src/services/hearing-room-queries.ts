import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseErrors, type ProtectedName, maskProtectedNames } from '@ejustice/cases';
import type { UserPrincipal } from '@ejustice/identity';
import { type AnonymityOrder, orderDisclosesTo, visibleParticipants } from '@ejustice/media-policy';
import { Clock } from '@ejustice/platform';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { HearingType } from '@ejustice/vocabulary/hearing-type';
import type {
  HearingDetailView,
  HearingHeadView,
  HearingParticipantLine,
  MyHearingView,
  TodayHearingView,
} from '../contract/hearing-contract';
import { HearingErrors } from '../domain/hearing-errors';
import { holdsSeat } from '../room/account-standing';
import { type NameViewer, OUTSIDER, hiddenHearingNames, maskParticipantLine, nameViewerOf } from '../room/hearing-names';
import { type IdentityShield, shieldViews } from '../room/identity-shield';
import { type LoadedRoom, RoomLedger } from '../room/room-ledger.service';
import { buildPolicySnapshot } from '../room/room-policy';
import type { RoomState } from '../room/room-state';
import type { ParticipantView } from '../signalling/signalling-messages';

/** Paging of the hearing lists: they answer a plain array, bounded by the limit (PageQuery). */
export interface HearingListPage {
  readonly limit: number;
  readonly offset: number;
}

interface HearingRow {
  id: string;
  court_id: string;
  case_id: string;
  case_number: string;
  title: string;
  hearing_type: HearingType;
  status: HearingStatus;
  room_locked: boolean;
  scheduled_start: Date;
  scheduled_end: Date;
  room_id: string | null;
  room_name: string | null;
  room_virtual: boolean | null;
}

/**
 * What the hearing pages read. Participant lists go through the same filters as the live room:
 * court staff of the hearing's court see everyone (the court knows who is before it); anyone
 * else listed in the hearing sees what the media policy lets them see from where they are now
 * (from outside the room: themselves and the judge by role), with protected parties' real names
 * kept from the unentitled. Anyone else is told the hearing does not exist. The free text (the
 * title, the names a clerk typed) is masked for each reader by `hiddenHearingNames`, as in the room.
 */
@Injectable()
export class HearingRoomQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: RoomLedger,
    private readonly clock: Clock,
  ) {}

  async detail(principal: UserPrincipal, hearingId: string): Promise<HearingDetailView> {
    const rows: HearingRow[] = await this.db.query(`${HEARING_SELECT} WHERE h.id = $1`, [hearingId]);
    if (rows.length === 0) throw HearingErrors.notFound();
    const h = rows[0];
    const loaded = await this.ledger.loadRoom(hearingId);
    if (!loaded) throw HearingErrors.notFound();
    const bench = principal.courtId === h.court_id && principal.roles.some((r) => r === 'judge' || r === 'clerk');
    const me = loaded.state.participants.find((p) => p.userId === principal.userId && holdsSeat(p.role, principal.roles));
    if (!bench && !me) throw HearingErrors.notFound();
    const viewer = readerOf(principal, loaded);
    const names = namesIn(loaded, viewer);
    const participants = bench ? staffLines(loaded.state, viewer) : viewerLines(loaded.state, loaded.shield, me!.id);
    return {
      ...summary(h, names),
      viewer: { participantId: me?.id ?? null, hearingRole: me?.role ?? null, bench },
      participants: participants.map((line) => maskParticipantLine(line, names)),
    };
  }

  /**
   * The hearings an account holder is listed in (counsel, prosecutor, interpreter, a party...),
   * from those still running or later today onwards, soonest first. Closed hearings and those
   * they were removed from drop out: there is nothing left for them to join; so do bench seats
   * whose role was withdrawn from the account (holdsSeat).
   */
  async mine(principal: UserPrincipal, page: HearingListPage): Promise<MyHearingView[]> {
    const rows: (HearingRow & { hearing_role: HearingRole })[] = await this.db.query(
      `${HEARING_SELECT_WITH_ROLE}
        WHERE p.user_id = $1 AND p.state <> 'removed' AND h.status <> 'closed' AND h.scheduled_end > $2
        ORDER BY h.scheduled_start, h.id
        LIMIT $3 OFFSET $4`,
      [principal.userId, this.clock.now(), page.limit, page.offset],
    );
    const held = rows.filter((r) => holdsSeat(r.hearing_role, principal.roles));
    return Promise.all(held.map(async (r) => ({ ...summary(r, await this.namesFor(principal, r.id)), hearingRole: r.hearing_role })));
  }

  /** Today's hearings (in the court's time zone): a judge's own, or the whole court's for a clerk. */
  async today(principal: UserPrincipal, page: HearingListPage): Promise<TodayHearingView[]> {
    const clerk = principal.roles.includes('clerk');
    const rows: (HearingRow & { participant_count: string; waiting_count: string; presiding_judge_id: string | null })[] =
      await this.db.query(
        `SELECT h.id, h.court_id, h.case_id, c.number AS case_number, h.title, h.hearing_type, h.status, h.room_locked,
              h.scheduled_start, h.scheduled_end, h.presiding_judge_id, h.room_id, r.name AS room_name, r.is_virtual AS room_virtual,
              (SELECT count(*) FROM hearing_participants p WHERE p.hearing_id = h.id AND p.state <> 'removed') AS participant_count,
              (SELECT count(*) FROM hearing_participants p WHERE p.hearing_id = h.id AND p.state = 'waiting') AS waiting_count
         FROM hearings h JOIN cases c ON c.id = h.case_id JOIN courts ct ON ct.id = h.court_id
         LEFT JOIN scheduling_rooms r ON r.id = h.room_id
        WHERE h.court_id = $1
          AND (h.scheduled_start AT TIME ZONE ct.time_zone)::date = ($2::timestamptz AT TIME ZONE ct.time_zone)::date
          AND ($3 OR h.presiding_judge_id = $4 OR EXISTS (SELECT 1 FROM hearing_participants p WHERE p.hearing_id = h.id AND p.user_id = $4))
        ORDER BY h.scheduled_start, h.id
        LIMIT $5 OFFSET $6`,
        [principal.courtId, this.clock.now(), clerk, principal.userId, page.limit, page.offset],
      );
    return Promise.all(
      rows.map(async (r) => ({
        ...summary(r, await this.namesFor(principal, r.id)),
        participantCount: Number(r.participant_count),
        waitingCount: Number(r.waiting_count),
        presiding: r.presiding_judge_id === principal.userId,
      })),
    );
  }

  /**
   * A case's hearings for its court's judges and clerks (the case's page lists them): every one,
   * listed by the timetable or by hand, past and to come, in the order they sit, each title
   * masked for this reader as on the hearing's own page. Another court's case reads as not found.
   */
  async ofCase(principal: UserPrincipal, caseId: string, page: HearingListPage): Promise<HearingHeadView[]> {
    const known: unknown[] = await this.db.query(`SELECT 1 FROM cases WHERE id = $1 AND court_id = $2`, [caseId, principal.courtId]);
    if (known.length === 0) throw CaseErrors.notFound();
    const rows: HearingRow[] = await this.db.query(
      `${HEARING_SELECT} WHERE h.case_id = $1 ORDER BY h.scheduled_start, h.id LIMIT $2 OFFSET $3`,
      [caseId, page.limit, page.offset],
    );
    return Promise.all(rows.map(async (r) => summary(r, await this.namesFor(principal, r.id))));
  }

  /** The names this account may not know in a hearing it may read. */
  private async namesFor(principal: UserPrincipal, hearingId: string): Promise<ProtectedName[]> {
    const loaded = await this.ledger.loadRoom(hearingId);
    return loaded ? namesIn(loaded, readerOf(principal, loaded)) : [];
  }
}

/** The hearing's court room (hearings.room_id, a room of the court's scheduling data) comes with it. */
const HEARING_SELECT = `SELECT h.id, h.court_id, h.case_id, c.number AS case_number, h.title, h.hearing_type, h.status, h.room_locked, h.scheduled_start, h.scheduled_end,
       h.room_id, r.name AS room_name, r.is_virtual AS room_virtual
  FROM hearings h JOIN cases c ON c.id = h.case_id LEFT JOIN scheduling_rooms r ON r.id = h.room_id`;

const HEARING_SELECT_WITH_ROLE = `SELECT h.id, h.court_id, h.case_id, c.number AS case_number, h.title, h.hearing_type, h.status, h.room_locked,
       h.scheduled_start, h.scheduled_end, h.room_id, r.name AS room_name, r.is_virtual AS room_virtual, p.hearing_role
  FROM hearings h JOIN cases c ON c.id = h.case_id JOIN hearing_participants p ON p.hearing_id = h.id
  LEFT JOIN scheduling_rooms r ON r.id = h.room_id`;

/** A staff member listed in the hearing reads as their role there; one not listed, as their office. */
function readerOf(principal: UserPrincipal, loaded: LoadedRoom): NameViewer {
  return nameViewerOf(principal, loaded.state, loaded.state.participants) ?? OUTSIDER;
}

function namesIn(loaded: LoadedRoom, viewer: NameViewer): ProtectedName[] {
  return hiddenHearingNames({ participants: loaded.state.participants, orders: loaded.state.orders, shield: loaded.shield }, viewer);
}

function summary(h: HearingRow, names: readonly ProtectedName[]): HearingHeadView {
  return {
    id: h.id,
    title: maskProtectedNames(h.title, names),
    hearingType: h.hearing_type,
    status: h.status,
    roomLocked: h.room_locked,
    scheduledStart: new Date(h.scheduled_start).toISOString(),
    scheduledEnd: new Date(h.scheduled_end).toISOString(),
    case: { id: h.case_id, number: h.case_number },
    courtRoom: h.room_id && h.room_name !== null ? { id: h.room_id, name: h.room_name, virtual: h.room_virtual === true } : null,
  };
}

/**
 * The court knows who is before it, except where an anonymity order says otherwise: only judges
 * and those the order names (by role or by name) read a protected witness's real name; a clerk
 * the order does not name reads the pseudonym, as in the live room.
 */
function staffLines(state: RoomState, viewer: NameViewer): HearingParticipantLine[] {
  return state.participants.map((p) => {
    const order = state.orders.find((o): o is AnonymityOrder => o.kind === 'anonymity' && o.participantId === p.id);
    const concealed = order !== undefined && p.id !== viewer.id && !orderDisclosesTo(order, viewer);
    return {
      id: p.id,
      role: p.role,
      displayName: concealed ? order.pseudonym : p.displayName,
      self: p.id === viewer.id,
      state: p.state,
    };
  });
}

function viewerLines(state: RoomState, shield: IdentityShield, viewerId: string): HearingParticipantLine[] {
  const views = visibleParticipants(buildPolicySnapshot(state), viewerId) as ParticipantView[];
  return shieldViews(views, viewerId, shield).map((v) => ({
    id: v.id,
    role: v.role,
    displayName: v.displayName,
    self: v.self,
    ...(v.state ? { state: v.state } : {}),
  }));
}
