import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG, type AppConfig, AuditLog, Clock, DomainError, MailSender, returnedRows, userActor } from '@ejustice/platform';
import type { PlanAssignment, PlanViolation } from '@ejustice/scheduling';
import type { HearingRole, PartyRole, Role } from '@ejustice/vocabulary';
import type { ScheduleRunPublication } from '../contract/schedule-run.contract';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { SchedulingInstanceQueries } from '../instance/scheduling-instance.queries';
import { validOrRefused } from '../moves/schedule-moves.use-case';
import { PublicationMailDispatcher } from '../notices/publication-mail-queue';
import type { SchedulingActor } from '../runs/schedule-run-permission';
import {
  type Account,
  type CaseParty,
  type CurrentListing,
  type HelperSeated,
  type Reconciliation,
  type Seat,
  assertMayPublish,
  decidePublication,
  draftViolations,
  hearingName,
  hearingTitle,
  helperChanges,
  helperSeat,
  helpersOf,
  reconcile,
  seatsFor,
} from './publication';
import { type MailLine, type NoticeReason, publicationEmail, seatsToSummon } from './publication-notices';

export interface PublishScheduleRunCommand {
  readonly courtId: string;
  readonly runId: string;
  /** The request's Idempotency-Key: the same publication asked again is answered as before. */
  readonly idempotencyKey: string | null;
}

/** PostgreSQL's exclusion_violation: a judge would sit in two live hearings at once, or a room hold two hearings. */
const EXCLUSION_VIOLATION = '23P01';
/** The room constraint's name (migration HearingRooms): checked at the commit. */
const ROOM_DOUBLE_BOOKED = 'hearings_room_not_double_booked';

const notFound = () => new DomainError('not_found', 'scheduling.run_not_found', 'No such scheduling run in this court.');

/** The draft names a case or a judge the court no longer has (closed, moved, disabled since it was made). */
const stale = () =>
  new DomainError(
    'conflict',
    'scheduling.draft_stale',
    'This draft lists a case or a judge the court no longer has; nothing was published. Run the scheduler again and publish the new draft.',
  );

/** A hearing the draft moves has opened or ended since the draft was made. */
const underWay = () =>
  new DomainError(
    'conflict',
    'scheduling.hearing_under_way',
    'A hearing this draft moves has opened or ended since the draft was made; nothing was published. Run the scheduler again and publish the new draft.',
  );

/** A refusal of a draft double-booking what was booked meanwhile, found by the re-check (violations) or by the database at the commit (cause). */
const doubleBooked = (code: string, message: string) => (options: { violations?: readonly PlanViolation[]; cause?: unknown }) =>
  new DomainError('conflict', code, message, {
    cause: options.cause,
    ...(options.violations ? { details: { violations: options.violations.map(violationDetail) } } : {}),
  });

/** A room of the draft was booked meanwhile for a hearing listed by hand. */
const roomDoubleBooked = doubleBooked(
  'scheduling.room_double_booked',
  'A room of this draft has been booked meanwhile for another hearing at the same time; nothing was published. Run the scheduler again and publish the new draft.',
);

/** A judge of the draft sits meanwhile in a hearing listed outside the scheduler. */
const judgeDoubleBooked = doubleBooked(
  'scheduling.judge_double_booked',
  'A judge of this draft has been booked meanwhile into another hearing at the same time; nothing was published. Run the scheduler again and publish the new draft.',
);

const violationDetail = (v: PlanViolation) => ({ constraint: v.constraint, message: v.message, params: v.params });

/** The draft breaks hard constraints against the court's data of today (leave, sittings, rooms changed since it was made). */
const invalid = (violations: readonly PlanViolation[]) =>
  new DomainError(
    'conflict',
    'scheduling.draft_invalid',
    `The court's data has changed since this draft was made and it now breaks ${violations.length} hard constraint(s); nothing was published. Run the scheduler again and publish the new draft. ${violations
      .slice(0, 3)
      .map((v) => v.message)
      .join(' ')}`.trim(),
    { details: { violations: violations.map(violationDetail) } },
  );

/** One line of a person's notice: a hearing listed, moved or taken off the timetable. */
interface NoticeLine {
  readonly hearingId: string;
  readonly what: NoticeReason;
  readonly text: string;
  /** The same line as an e-mail may tell it (publication-notices.ts). */
  readonly mail: MailLine;
}

/**
 * A seat without an account in a hearing the publication changed: the clerk summons them, or
 * (`released`) tells an interpreter or supporter stood down that they are no longer needed.
 */
interface SummonsTask {
  readonly hearingId: string;
  readonly participantId: string;
  readonly reason: NoticeReason | 'released';
}

/**
 * A clerk publishes a draft timetable. In one transaction: every listing new to the timetable
 * becomes a hearing (case, type, the session's day and time in the court's time zone, the judge
 * presiding) with its participants (the court's interpreters and supporters by id); a listing the
 * published timetable already has stays as it is, or moves (time, judge) where the draft moved
 * it, and, still to be held, takes the draft's interpreters and supporters (the new ones
 * summoned; those replaced stood down, told so if they had been told to come, else their summons
 * withdrawn); a hearing the draft no longer lists is adjourned; the draft becomes the published
 * timetable and the one before is superseded; each account holder concerned finds a notice in
 * their inbox (and, with SMTP configured, an e-mail in the outbox, sent by a job after the
 * commit); each person without an account in a hearing listed, moved or adjourned becomes a
 * summons for the clerk, superseding any older one still undelivered; the audit chain records
 * every hearing and the publication. First the draft is checked again against the court's data
 * of today (recheck). Any failure (a judge booked meanwhile in another hearing) leaves nothing
 * written. Publications of one court are serialised by a lock.
 */
@Injectable()
export class PublishScheduleRun {
  private readonly logger = new Logger(PublishScheduleRun.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly mail: MailSender,
    private readonly mailDispatcher: PublicationMailDispatcher,
    private readonly instances: SchedulingInstanceQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(actor: SchedulingActor & { readonly userId: string }, cmd: PublishScheduleRunCommand): Promise<ScheduleRunPublication> {
    assertMayPublish(actor, cmd.courtId);
    try {
      const { publication, mailed } = await this.db.transaction((m) => this.publish(m, actor.userId, cmd));
      this.logger.log(
        `execute() published [run:${cmd.runId}] [created:${publication.created}] [moved:${publication.moved}] [kept:${publication.kept}] [released:${publication.released}] [summonses:${publication.summonses}]`,
      );
      if (mailed) await this.mailDispatcher.dispatch(publication.runId);
      return publication;
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === EXCLUSION_VIOLATION) {
        if ((error.driverError as { constraint?: string }).constraint === ROOM_DOUBLE_BOOKED) throw roomDoubleBooked({ cause: error });
        throw judgeDoubleBooked({ cause: error });
      }
      throw error;
    }
  }

  private async publish(
    m: EntityManager,
    userId: string,
    cmd: PublishScheduleRunCommand,
  ): Promise<{ publication: ScheduleRunPublication; mailed: boolean }> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('schedule-publish:' || $1))`, [cmd.courtId]);
    const run = await m
      .getRepository(ScheduleRun)
      .findOne({ where: { id: cmd.runId, courtId: cmd.courtId }, lock: { mode: 'pessimistic_write' } });
    if (!run) throw notFound();
    if (decidePublication(run, cmd.idempotencyKey) === 'replay')
      return { publication: run.publication as ScheduleRunPublication, mailed: false };
    const plan = run.plan as NonNullable<ScheduleRun['plan']>;
    const now = this.clock.now();
    const [{ time_zone: timeZone }]: { time_zone: string }[] = await m.query(`SELECT time_zone FROM courts WHERE id = $1`, [cmd.courtId]);
    const previous: { id: string }[] = await m.query(
      `SELECT id FROM schedule_runs WHERE court_id = $1 AND status = 'published' FOR UPDATE`,
      [cmd.courtId],
    );
    const current: CurrentListing[] = await m.query(
      `SELECT hearing_id AS "hearingId", case_id AS "caseId", need_index AS "needIndex", part, session_id AS "sessionId",
              starts_at AS start, judge_id AS "judgeId", room_id AS "roomId"
         FROM published_hearings WHERE court_id = $1 ORDER BY hearing_id FOR UPDATE`,
      [cmd.courtId],
    );
    const changes = reconcile(plan.assignments, current);
    const facts = await this.loadFacts(m, cmd.courtId, plan.assignments);
    if (
      changes.create.some((a) => !facts.cases.has(a.case) || !facts.accounts.has(a.judge)) ||
      changes.move.some(({ assignment }) => !facts.accounts.has(assignment.judge))
    )
      throw stale();
    const started = await this.recheck(m, run, plan, changes);
    const discreet = await this.discreetCases(m, [
      ...new Set([...plan.assignments.map((a) => a.case), ...changes.release.map((r) => r.caseId)]),
    ]);
    const summonses: SummonsTask[] = [];
    const summon = (
      hearingId: string,
      reason: NoticeReason,
      seats: readonly { participantId: string; userId: string | null; hearingRole: HearingRole }[],
    ) => {
      for (const seat of seatsToSummon(seats)) summonses.push({ hearingId, participantId: seat.participantId, reason });
    };
    const notices = new Map<string, NoticeLine[]>();
    const tell = (users: readonly (string | null)[], line: NoticeLine) => {
      for (const user of new Set(users)) if (user) notices.set(user, [...(notices.get(user) ?? []), line]);
    };
    const actor = userActor(userId);

    for (const assignment of changes.create) {
      const caseRow = facts.cases.get(assignment.case);
      const judge = facts.accounts.get(assignment.judge);
      if (!caseRow || !judge) throw stale();
      const [{ id: hearingId }]: { id: string }[] = await m.query(
        `INSERT INTO hearings (court_id, case_id, title, hearing_type, status, scheduled_start, scheduled_end, presiding_judge_id, room_id, room_locked)
         VALUES ($1, $2, $3, $4, 'scheduled', ($5::date + $6::time) AT TIME ZONE $8, ($5::date + $7::time) AT TIME ZONE $8, $9, $10, false)
         RETURNING id`,
        [
          cmd.courtId,
          assignment.case,
          hearingTitle(assignment.type, caseRow.number, assignment.part, assignment.parts),
          assignment.type,
          assignment.date,
          assignment.start,
          assignment.end,
          timeZone,
          assignment.judge,
          assignment.room,
        ],
      );
      const seats = seatsFor({
        courtId: cmd.courtId,
        judge,
        parties: facts.parties.get(assignment.case) ?? [],
        accounts: facts.accounts,
        helpers: helpersOf(assignment, facts.names),
      });
      summon(hearingId, 'listed', await this.seat(m, hearingId, seats));
      await this.list(m, run.id, cmd.courtId, hearingId, assignment);
      await this.audit.record(m, {
        action: 'hearing.scheduled',
        actor,
        subject: { type: 'hearing', id: hearingId },
        courtId: cmd.courtId,
        caseId: assignment.case,
        hearingId,
        // No names: a participant may be a protected witness.
        data: { ...listingFacts(assignment), scheduleRunId: run.id, participants: seats.length },
      });
      tell(
        seats.map((s) => s.userId),
        {
          hearingId,
          what: 'listed',
          text: `${hearingTitle(assignment.type, caseRow.number, assignment.part, assignment.parts)}: ${where(assignment, facts.names)}`,
          mail: mailLine('listed', assignment, caseRow.number, discreet),
        },
      );
    }

    // Who of the court's interpreters and supporters sits in each hearing kept or moved, before anything moves.
    const helpersSeated = await this.helpersSeated(
      m,
      [...changes.move, ...changes.keep].map((l) => l.current.hearingId),
    );
    /** The plan's interpreters and supporters into the hearing's seats: those replaced stood down, the others seated, each summoned. */
    const restaff = async (hearingId: string, caseId: string, assignment: PlanAssignment): Promise<Set<string>> => {
      const change = helperChanges(helpersOf(assignment, facts.names), helpersSeated.get(hearingId) ?? []);
      if (change.standDown.length === 0 && change.seat.length === 0) return new Set();
      if (change.standDown.length > 0) {
        await m.query(`UPDATE hearing_participants SET state = 'removed', updated_at = now() WHERE id = ANY($1::uuid[])`, [
          change.standDown,
        ]);
        // Told they were needed: told now they are not. Never told: their summons is simply withdrawn.
        const told = new Set(
          (
            (await m.query(
              `SELECT DISTINCT participant_id AS id FROM hearing_summonses WHERE participant_id = ANY($1::uuid[]) AND delivered_at IS NOT NULL`,
              [change.standDown],
            )) as { id: string }[]
          ).map((r) => r.id),
        );
        await m.query(
          `UPDATE hearing_summonses SET superseded_at = $2 WHERE participant_id = ANY($1::uuid[]) AND delivered_at IS NULL AND superseded_at IS NULL`,
          [change.standDown.filter((id) => !told.has(id)), now],
        );
        for (const participantId of change.standDown)
          if (told.has(participantId)) summonses.push({ hearingId, participantId, reason: 'released' });
      }
      const seated = await this.seat(m, hearingId, change.seat.map(helperSeat));
      summon(hearingId, 'listed', seated);
      await this.audit.record(m, {
        action: 'hearing.helpers_changed',
        actor,
        subject: { type: 'hearing', id: hearingId },
        courtId: cmd.courtId,
        caseId,
        hearingId,
        data: { scheduleRunId: run.id, seated: seated.map((s) => s.participantId), stoodDown: change.standDown },
      });
      return new Set(seated.map((s) => s.participantId));
    };

    for (const { assignment, current: listed } of changes.move) {
      const judge = facts.accounts.get(assignment.judge);
      if (!judge) throw stale();
      const moved = returnedRows<{ id: string }>(
        await m.query(
          `UPDATE hearings SET scheduled_start = ($2::date + $3::time) AT TIME ZONE $5, scheduled_end = ($2::date + $4::time) AT TIME ZONE $5,
                presiding_judge_id = $6, room_id = $7
          WHERE id = $1 AND status = 'scheduled' RETURNING id`,
          [listed.hearingId, assignment.date, assignment.start, assignment.end, timeZone, assignment.judge, assignment.room],
        ),
      );
      if (moved.length === 0) throw underWay();
      if (listed.judgeId !== assignment.judge) {
        await m.query(
          `UPDATE hearing_participants SET user_id = $3, display_name = $4, updated_at = now() WHERE hearing_id = $1 AND hearing_role = 'judge' AND user_id = $2`,
          [listed.hearingId, listed.judgeId, judge.id, judge.displayName],
        );
      }
      await this.list(m, run.id, cmd.courtId, listed.hearingId, assignment);
      await this.audit.record(m, {
        action: 'hearing.rescheduled',
        actor,
        subject: { type: 'hearing', id: listed.hearingId },
        courtId: cmd.courtId,
        caseId: assignment.case,
        hearingId: listed.hearingId,
        data: {
          ...listingFacts(assignment),
          scheduleRunId: run.id,
          from: { sessionId: listed.sessionId, start: listed.start, judgeId: listed.judgeId, roomId: listed.roomId },
        },
      });
      const newcomers = await restaff(listed.hearingId, assignment.case, assignment);
      const movedSeats = await this.seatsIn(m, listed.hearingId);
      // Seated just now: summoned as listed, not as moved.
      summon(
        listed.hearingId,
        'moved',
        movedSeats.filter((seat) => !newcomers.has(seat.participantId)),
      );
      const movedCase = facts.cases.get(assignment.case)?.number ?? '';
      tell(
        movedSeats.map((s) => s.userId),
        {
          hearingId: listed.hearingId,
          what: 'moved',
          text: `${hearingTitle(assignment.type, movedCase, assignment.part, assignment.parts)}: moved to ${where(assignment, facts.names)}`,
          mail: mailLine('moved', assignment, movedCase, discreet),
        },
      );
    }

    // A hearing under way (or held) keeps who sits in it: the plan kept them too, and the room is not the timetable's to change.
    for (const { assignment, current: listed } of changes.keep)
      if (!started.has(listed.hearingId)) await restaff(listed.hearingId, assignment.case, assignment);
    if (changes.keep.length > 0) {
      await m.query(`UPDATE published_hearings SET run_id = $1 WHERE hearing_id = ANY($2::uuid[])`, [
        run.id,
        changes.keep.map((k) => k.current.hearingId),
      ]);
    }

    for (const listed of changes.release) {
      // Off the published timetable first, so that adjourning it asks for no re-plan; a hearing under way or held stays.
      const off = returnedRows<{ hearing_id: string }>(
        await m.query(
          `DELETE FROM published_hearings ph USING hearings h
            WHERE ph.hearing_id = $1 AND h.id = ph.hearing_id AND h.status = 'scheduled' RETURNING ph.hearing_id`,
          [listed.hearingId],
        ),
      );
      if (off.length === 0) continue;
      const adjourned = returnedRows<{ title: string; hearing_type: string; case_number: string }>(
        await m.query(
          `UPDATE hearings h SET status = 'adjourned' FROM cases c
            WHERE h.id = $1 AND h.status = 'scheduled' AND c.id = h.case_id RETURNING h.title, h.hearing_type, c.number AS case_number`,
          [listed.hearingId],
        ),
      );
      if (adjourned.length === 0) continue;
      await this.audit.record(m, {
        action: 'hearing.adjourned',
        actor,
        subject: { type: 'hearing', id: listed.hearingId },
        courtId: cmd.courtId,
        caseId: listed.caseId,
        hearingId: listed.hearingId,
        data: { reason: 'not_in_published_timetable', scheduleRunId: run.id },
      });
      const adjournedSeats = await this.seatsIn(m, listed.hearingId);
      summon(listed.hearingId, 'adjourned', adjournedSeats);
      tell(
        adjournedSeats.map((s) => s.userId),
        {
          hearingId: listed.hearingId,
          what: 'adjourned',
          text: `${adjourned[0].title}: adjourned, no longer on the court's timetable; the court will list it again.`,
          mail: {
            what: 'adjourned',
            hearing: hearingName(adjourned[0].hearing_type),
            caseNumber: adjourned[0].case_number,
            discreet: discreet.has(listed.caseId),
          },
        },
      );
    }

    const supersededRunId = previous.find((p) => p.id !== run.id)?.id ?? null;
    if (supersededRunId) {
      await m.query(`UPDATE schedule_runs SET status = 'superseded', superseded_at = $2 WHERE id = $1`, [supersededRunId, now]);
    }
    const publication: ScheduleRunPublication = {
      runId: run.id,
      status: 'published',
      publishedAt: now.toISOString(),
      supersededRunId,
      created: changes.create.length,
      kept: changes.keep.length,
      moved: changes.move.length,
      released: changes.release.length,
      notified: notices.size,
      summonses: summonses.length,
    };
    await m
      .getRepository(ScheduleRun)
      .update({ id: run.id }, { status: 'published', publishedAt: now, publishedBy: userId, publishKey: cmd.idempotencyKey, publication });
    for (const [recipient, lines] of notices) {
      await m.query(
        `INSERT INTO inbox_messages (schedule_run_id, user_id, kind, subject, body, data, created_at) VALUES ($1, $2, 'schedule.published', $3, $4, $5, $6)`,
        [
          run.id,
          recipient,
          'The court has published its hearing timetable',
          ['The court has published its hearing timetable. Your hearings:', ...lines.map((l) => `- ${l.text}`)].join('\n'),
          JSON.stringify({ scheduleRunId: run.id, hearings: lines.map(({ hearingId, what }) => ({ hearingId, what })) }),
          now,
        ],
      );
    }
    const mailed = this.mail.enabled && notices.size > 0;
    if (mailed) {
      for (const [recipient, lines] of notices) {
        const email = publicationEmail(
          lines.map((l) => l.mail),
          timeZone,
          this.config.http.publicUrl,
        );
        await m.query(
          `INSERT INTO schedule_notice_emails (schedule_run_id, user_id, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)`,
          [run.id, recipient, email.subject, email.text, now],
        );
      }
    }
    await this.summon(m, run.id, cmd.courtId, summonses, now);
    await this.audit.record(m, {
      action: 'schedule_run.published',
      actor,
      subject: { type: 'schedule_run', id: run.id },
      courtId: cmd.courtId,
      data: { ...publication },
    });
    return { publication, mailed };
  }

  /**
   * The draft against the court's data as it is now, before anything is written (the hearings it
   * keeps or moves that are under way or held, returned): a hearing it moves must not be under way, and the listings it writes, moves or keeps must break no hard
   * constraint (a kept listing of a hearing under way excepted). The court's instance is
   * assembled as for a manual move, from the draft's first day, read in the publishing transaction.
   */
  private async recheck(
    m: EntityManager,
    run: ScheduleRun,
    plan: NonNullable<ScheduleRun['plan']>,
    changes: Reconciliation,
  ): Promise<ReadonlySet<string>> {
    const listed = [...changes.move, ...changes.keep];
    const started = new Set(
      listed.length === 0
        ? []
        : (
            (await m.query(`SELECT id FROM hearings WHERE id = ANY($1::uuid[]) AND status <> 'scheduled'`, [
              listed.map((l) => l.current.hearingId),
            ])) as { id: string }[]
          ).map((r) => r.id),
    );
    if (changes.move.some((l) => started.has(l.current.hearingId))) throw underWay();
    // In this transaction, under the court's publishing lock: no second connection (see instanceFor).
    const instance = validOrRefused(await this.instances.instanceFor(run.courtId, run.horizonStart, m), 'no draft can be published');
    const violations = draftViolations(
      instance,
      plan,
      changes.keep.filter((l) => started.has(l.current.hearingId)).map((l) => l.assignment),
    );
    if (violations.length === 0) return started;
    // Only judges (or only rooms) booked meanwhile in hearings outside the scheduler: the refusal the database would give.
    const bookedMeanwhile = (kind: 'judge' | 'room') =>
      violations.every((v) => v.constraint === 'double_booked' && v.params?.commitment !== undefined && v.params.resource?.kind === kind);
    if (bookedMeanwhile('judge')) throw judgeDoubleBooked({ violations });
    if (bookedMeanwhile('room')) throw roomDoubleBooked({ violations });
    throw invalid(violations);
  }

  /**
   * The clerk's summonses: one open task per participant, so an undelivered one of an earlier
   * publication gives way to this one's (its reason and day are what the person must now hear).
   */
  private async summon(m: EntityManager, runId: string, courtId: string, tasks: readonly SummonsTask[], now: Date): Promise<void> {
    if (tasks.length === 0) return;
    await m.query(
      `UPDATE hearing_summonses SET superseded_at = $2 WHERE participant_id = ANY($1::uuid[]) AND delivered_at IS NULL AND superseded_at IS NULL`,
      [tasks.map((t) => t.participantId), now],
    );
    await m.query(
      `INSERT INTO hearing_summonses (court_id, hearing_id, participant_id, schedule_run_id, reason, created_at)
       SELECT $1, t.hearing_id, t.participant_id, $2, t.reason, $3
         FROM unnest($4::uuid[], $5::uuid[], $6::text[]) AS t (hearing_id, participant_id, reason)`,
      [courtId, runId, now, tasks.map((t) => t.hearingId), tasks.map((t) => t.participantId), tasks.map((t) => t.reason)],
    );
  }

  /** The listing on the published timetable: the hearing, where the plan put it, under this run. */
  private async list(m: EntityManager, runId: string, courtId: string, hearingId: string, a: PlanAssignment): Promise<void> {
    await m.query(
      `INSERT INTO published_hearings (hearing_id, run_id, court_id, case_id, need_index, part, session_id, starts_at, judge_id, room_id, remote)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (hearing_id) DO UPDATE SET run_id = EXCLUDED.run_id, session_id = EXCLUDED.session_id, starts_at = EXCLUDED.starts_at,
         judge_id = EXCLUDED.judge_id, room_id = EXCLUDED.room_id, remote = EXCLUDED.remote`,
      [hearingId, runId, courtId, a.case, a.hearing, a.part, a.session, a.start, a.judge, a.room, a.remote],
    );
  }

  /** The seats into the hearing, invited; what each became, for their notice or summons. */
  private async seat(
    m: EntityManager,
    hearingId: string,
    seats: readonly Seat[],
  ): Promise<{ participantId: string; userId: string | null; hearingRole: HearingRole }[]> {
    const seated: { participantId: string; userId: string | null; hearingRole: HearingRole }[] = [];
    for (const seat of seats) {
      const [{ id: participantId }]: { id: string }[] = await m.query(
        `INSERT INTO hearing_participants (hearing_id, user_id, party_id, hearing_role, display_name, state, language, court_interpreter_id, court_supporter_id)
         VALUES ($1, $2, $3, $4, $5, 'invited', $6, $7, $8) RETURNING id`,
        [
          hearingId,
          seat.userId,
          seat.partyId,
          seat.hearingRole,
          seat.displayName,
          seat.language ?? null,
          seat.courtInterpreterId ?? null,
          seat.courtSupporterId ?? null,
        ],
      );
      seated.push({ participantId, userId: seat.userId, hearingRole: seat.hearingRole });
    }
    return seated;
  }

  /** The seats of the court's interpreters and supporters still in each hearing, by hearing. */
  private async helpersSeated(m: EntityManager, hearingIds: readonly string[]): Promise<Map<string, HelperSeated[]>> {
    if (hearingIds.length === 0) return new Map();
    const rows: (HelperSeated & { hearingId: string })[] = await m.query(
      `SELECT hearing_id AS "hearingId", id AS "participantId", court_interpreter_id AS "courtInterpreterId",
              court_supporter_id AS "courtSupporterId", language
         FROM hearing_participants
        WHERE hearing_id = ANY($1::uuid[]) AND state <> 'removed' AND (court_interpreter_id IS NOT NULL OR court_supporter_id IS NOT NULL)
        ORDER BY created_at, id`,
      [hearingIds],
    );
    const out = new Map<string, HelperSeated[]>();
    for (const { hearingId, ...seat } of rows) out.set(hearingId, [...(out.get(hearingId) ?? []), seat]);
    return out;
  }

  /** Everyone still seated in a hearing: account holders are told in their inbox, the others summoned. */
  private async seatsIn(
    m: EntityManager,
    hearingId: string,
  ): Promise<{ participantId: string; userId: string | null; hearingRole: HearingRole }[]> {
    return m.query(
      `SELECT id AS "participantId", user_id AS "userId", hearing_role AS "hearingRole"
         FROM hearing_participants WHERE hearing_id = $1 AND state <> 'removed' ORDER BY created_at, id`,
      [hearingId],
    );
  }

  /**
   * The cases a mailbox may not be told of: confidential or sealed, or with protected people (a
   * protected party, or an anonymity order in force in one of its hearings).
   */
  private async discreetCases(m: EntityManager, caseIds: readonly string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await m.query(
      `SELECT c.id FROM cases c
        WHERE c.id = ANY($1::uuid[])
          AND (c.confidentiality <> 'public'
               OR EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND p.is_protected)
               OR EXISTS (SELECT 1 FROM special_measure_orders o JOIN hearings h ON h.id = o.hearing_id
                           WHERE h.case_id = c.id AND o.kind = 'anonymity' AND o.revoked_at IS NULL))`,
      [caseIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The cases, parties, accounts and resource names the draft's listings need, in a few queries. */
  private async loadFacts(m: EntityManager, courtId: string, assignments: readonly PlanAssignment[]) {
    const caseIds = [...new Set(assignments.map((a) => a.case))];
    const cases: { id: string; number: string }[] = await m.query(
      `SELECT id, number FROM cases WHERE id = ANY($1::uuid[]) AND court_id = $2`,
      [caseIds, courtId],
    );
    const parties: (CaseParty & { caseId: string })[] = await m.query(
      `SELECT id, case_id AS "caseId", party_role AS "partyRole", full_name AS "fullName", user_id AS "userId", counsel_user_id AS "counselUserId"
         FROM parties WHERE case_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [caseIds],
    );
    const userIds = [...new Set([...assignments.map((a) => a.judge), ...parties.flatMap((p) => [p.userId, p.counselUserId])])].filter(
      (id): id is string => id !== null,
    );
    const accounts: { id: string; courtId: string; displayName: string; roles: Role[] }[] = await m.query(
      `SELECT u.id, u.court_id AS "courtId", u.display_name AS "displayName",
              coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) AND u.disabled_at IS NULL GROUP BY u.id`,
      [userIds],
    );
    const names: { id: string; name: string }[] = await m.query(
      `SELECT id::text, name FROM scheduling_rooms WHERE court_id = $1
       UNION ALL SELECT id::text, name FROM court_interpreters WHERE court_id = $1
       UNION ALL SELECT id::text, name FROM court_supporters WHERE court_id = $1`,
      [courtId],
    );
    const byCase = new Map<string, CaseParty[]>();
    for (const p of parties) byCase.set(p.caseId, [...(byCase.get(p.caseId) ?? []), { ...p, partyRole: p.partyRole as PartyRole }]);
    return {
      cases: new Map(cases.map((c) => [c.id, c])),
      parties: byCase,
      accounts: new Map<string, Account>(accounts.map((a) => [a.id, a])),
      names: new Map(names.map((n) => [n.id, n.name])),
    };
  }
}

/** A listed or moved hearing as an e-mail may tell it: its day and times are the court's. */
function mailLine(what: 'listed' | 'moved', a: PlanAssignment, caseNumber: string, discreet: ReadonlySet<string>): MailLine {
  return {
    what,
    hearing: hearingName(a.type, a.part, a.parts),
    caseNumber,
    date: a.date,
    start: a.start,
    end: a.end,
    discreet: discreet.has(a.case),
  };
}

/** What the audit keeps of a listing: where and when, never who. */
function listingFacts(a: PlanAssignment): Record<string, unknown> {
  return {
    hearingType: a.type,
    date: a.date,
    start: a.start,
    end: a.end,
    sessionId: a.session,
    presidingJudgeId: a.judge,
    roomId: a.room,
    remote: a.remote,
    part: a.part,
    parts: a.parts,
  };
}

/** "2027-03-01, 09:00–10:30, Courtroom 1" or "…, remote (Virtual room A)". */
function where(a: PlanAssignment, names: ReadonlyMap<string, string>): string {
  const room = names.get(a.room) ?? 'a courtroom';
  return `${a.date}, ${a.start}–${a.end}, ${a.remote ? `remote (${room})` : room}`;
}
