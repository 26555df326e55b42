import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditLog, affectedRows, assertNever, userActor } from '@ejustice/platform';
import { Case, CaseErrors, Party } from '@ejustice/cases';
import { IdentityErrors, User, type UserPrincipal } from '@ejustice/identity';
import { ACCOUNT_ROLE_FOR, type CourtHelper, refuseSeat, seatCourtHelper } from '../domain/attendance';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingType } from '@ejustice/vocabulary/hearing-type';
import { HearingErrors } from '../domain/hearing-errors';
import { HearingParticipant } from '../entities/hearing-participant.entity';
import { Hearing } from '../entities/hearing.entity';
import { openHearingToManage } from './hearing-access';
import type { HearingWarning } from '../contract/hearing-contract';
import { attendanceWarning } from './hearing-attendance';
import { HearingNoticePublisher } from '../notices/hearing-notice.publisher';

export interface ScheduleHearingCommand {
  readonly principal: UserPrincipal;
  readonly caseId: string;
  readonly title: string;
  readonly hearingType: HearingType;
  readonly scheduledStart: Date;
  readonly scheduledEnd: Date;
  readonly presidingJudgeId: string | null;
  /** The floor's language; null or absent: the court's. */
  readonly floorLanguage?: string | null;
  /** A court room of the court to book for it; null or absent: none. */
  readonly roomId?: string | null;
}

/** PostgreSQL's exclusion_violation: the judge (or the room) is already booked at that time. */
const EXCLUSION_VIOLATION = '23P01';
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

function pgCode(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

function pgConstraint(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
}

/** The database's refusals of a booking, as the caller's error; anything else is not ours to say. */
function bookingRefusal(error: unknown): Error | undefined {
  const code = pgCode(error);
  const constraint = pgConstraint(error);
  if (code === EXCLUSION_VIOLATION && constraint === 'hearings_room_not_double_booked') return HearingErrors.roomDoubleBooked();
  if (code === EXCLUSION_VIOLATION) return HearingErrors.judgeDoubleBooked();
  if (code === FOREIGN_KEY_VIOLATION && constraint === 'hearings_room_of_court') return HearingErrors.unknownRoom();
  return undefined;
}

@Injectable()
export class ScheduleHearing {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async execute(cmd: ScheduleHearingCommand): Promise<Hearing> {
    if (!cmd.principal.roles.some((r) => r === 'judge' || r === 'clerk')) throw IdentityErrors.forbiddenRole();
    if (cmd.scheduledEnd <= cmd.scheduledStart) throw HearingErrors.invalidTimes();
    try {
      return await this.db.transaction(async (m) => {
        const c = await m.getRepository(Case).findOne({ where: { id: cmd.caseId } });
        if (!c || c.courtId !== cmd.principal.courtId) throw CaseErrors.notFound();
        if (cmd.presidingJudgeId) {
          const judge = await m.getRepository(User).findOne({ where: { id: cmd.presidingJudgeId }, relations: { roleGrants: true } });
          if (!judge || judge.courtId !== c.courtId || !judge.roles.includes('judge')) throw HearingErrors.notAJudge();
        }
        const hearing = await m.save(
          m.create(Hearing, {
            courtId: c.courtId,
            caseId: c.id,
            title: cmd.title,
            hearingType: cmd.hearingType,
            status: 'scheduled',
            scheduledStart: cmd.scheduledStart,
            scheduledEnd: cmd.scheduledEnd,
            presidingJudgeId: cmd.presidingJudgeId,
            roomLocked: false,
            floorLanguage: cmd.floorLanguage ?? null,
            roomId: cmd.roomId ?? null,
          }),
        );
        if (cmd.presidingJudgeId) {
          const judge = await m.getRepository(User).findOneByOrFail({ id: cmd.presidingJudgeId });
          await m.insert(HearingParticipant, {
            hearingId: hearing.id,
            userId: judge.id,
            hearingRole: 'judge',
            displayName: judge.displayName,
            state: 'invited',
          });
        }
        await this.audit.record(m, {
          action: 'hearing.scheduled',
          actor: userActor(cmd.principal.userId),
          subject: { type: 'hearing', id: hearing.id },
          courtId: c.courtId,
          caseId: c.id,
          hearingId: hearing.id,
          data: {
            hearingType: cmd.hearingType,
            scheduledStart: cmd.scheduledStart,
            scheduledEnd: cmd.scheduledEnd,
            presidingJudgeId: cmd.presidingJudgeId,
            floorLanguage: cmd.floorLanguage ?? null,
            ...(cmd.roomId ? { roomId: cmd.roomId } : {}),
          },
        });
        return hearing;
      });
    } catch (error) {
      // The room's checks: its court by the key (at the insert), its other hearings at the commit.
      throw bookingRefusal(error) ?? error;
    }
  }
}

export interface AddHearingParticipantCommand {
  readonly principal: UserPrincipal;
  readonly hearingId: string;
  readonly hearingRole: HearingRole;
  readonly displayName: string;
  readonly userId: string | null;
  readonly partyId: string | null;
  /** An interpreter's channel, or the language someone else needs; null or absent: none stated. */
  readonly language?: string | null;
  /** One of the court's interpreters (an interpreter's seat) or supporters (a supporter's seat), by id. */
  readonly courtInterpreterId?: string | null;
  readonly courtSupporterId?: string | null;
}

export interface AddedHearingParticipant {
  readonly participant: HearingParticipant;
  /** A judge added as the hearing's presiding judge (named now, or named when it was scheduled). */
  readonly presiding: boolean;
  /** What the participant still needs before they can join (the presiding judge's leave). */
  readonly warnings: readonly HearingWarning[];
}

/**
 * A judge or clerk of the court lists someone in a hearing. Who may take which seat:
 * - an account must be of the hearing's court, and hold the account role its hearing role needs
 *   (judge for judge, clerk for clerk, counsel for counsel...): the bench's powers and every
 *   protected name go with the hearing role, so they must come from the account;
 * - the bench has an account (a one-time link never carries its powers);
 * - a judge added to a hearing that has no presiding judge is named to preside (the hearing needs
 *   one to sit); any other judge joins the panel without the acts on the sitting.
 * A non-party of a confidential or sealed case (an observer, a supporter) is listed, with a
 * warning: they join only once the presiding judge gives leave by an order.
 */
@Injectable()
export class AddHearingParticipant {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly notices: HearingNoticePublisher,
  ) {}

  async execute(cmd: AddHearingParticipantCommand): Promise<AddedHearingParticipant> {
    const added = await this.seat(cmd);
    // A live room lists the new seat for the bench at once, before its holder joins.
    await this.notices.seatsChanged(cmd.hearingId);
    return added;
  }

  private async seat(cmd: AddHearingParticipantCommand): Promise<AddedHearingParticipant> {
    try {
      return await this.db.transaction(async (m) => {
        // Locked, so two clerks adding the same person at once cannot both find the seat free.
        const hearing = await openHearingToManage(m, cmd.principal, cmd.hearingId, true);
        let account: User | null = null;
        if (cmd.userId) {
          account = await m.getRepository(User).findOne({ where: { id: cmd.userId }, relations: { roleGrants: true } });
          if (!account) throw HearingErrors.unknownUser();
        }
        const refusal = refuseSeat(cmd.hearingRole, account && { courtId: account.courtId, roles: account.roles }, hearing.courtId);
        switch (refusal) {
          case null:
            break;
          case 'bench_needs_account':
            throw HearingErrors.benchNeedsAccount(cmd.hearingRole);
          case 'account_not_in_court':
            throw HearingErrors.accountNotInCourt();
          case 'role_not_held':
            throw HearingErrors.roleNotHeld(cmd.hearingRole, ACCOUNT_ROLE_FOR[cmd.hearingRole] ?? cmd.hearingRole);
          default:
            return assertNever(refusal, 'seat refusal');
        }
        if (cmd.partyId) {
          const party = await m.getRepository(Party).findOne({ where: { id: cmd.partyId } });
          if (!party || party.caseId !== hearing.caseId) throw HearingErrors.partyNotInCase();
        }
        const language = await this.checkCourtHelper(m, cmd, hearing);
        await this.refusePartySecondSeat(m, cmd, hearing.id);
        const participant = await m.save(
          m.create(HearingParticipant, {
            hearingId: hearing.id,
            userId: cmd.userId,
            partyId: cmd.partyId,
            hearingRole: cmd.hearingRole,
            displayName: cmd.displayName,
            state: 'invited',
            language,
            courtInterpreterId: cmd.courtInterpreterId ?? null,
            courtSupporterId: cmd.courtSupporterId ?? null,
          }),
        );
        const presiding = cmd.hearingRole === 'judge' && (await this.presides(m, hearing, participant.userId as string));
        const c = await m.getRepository(Case).findOneByOrFail({ id: hearing.caseId });
        const warnings = attendanceWarning({ role: cmd.hearingRole, partyId: cmd.partyId, confidentiality: c.confidentiality });
        await this.audit.record(m, {
          action: 'hearing.participant_added',
          actor: userActor(cmd.principal.userId),
          subject: { type: 'hearing_participant', id: participant.id },
          courtId: hearing.courtId,
          caseId: hearing.caseId,
          hearingId: hearing.id,
          // No name: the participant may be a protected witness.
          data: {
            hearingRole: cmd.hearingRole,
            partyId: cmd.partyId,
            userId: cmd.userId,
            ...(language ? { language } : {}),
            ...(cmd.courtInterpreterId ? { courtInterpreterId: cmd.courtInterpreterId } : {}),
            ...(cmd.courtSupporterId ? { courtSupporterId: cmd.courtSupporterId } : {}),
            ...(cmd.hearingRole === 'judge' ? { presiding } : {}),
            ...(warnings.length > 0 ? { needsLeave: true } : {}),
          },
        });
        if (presiding && hearing.presidingJudgeId === null) {
          await this.audit.record(m, {
            action: 'hearing.presiding_judge_named',
            actor: userActor(cmd.principal.userId),
            subject: { type: 'hearing', id: hearing.id },
            courtId: hearing.courtId,
            caseId: hearing.caseId,
            hearingId: hearing.id,
            data: { presidingJudgeId: cmd.userId },
          });
        }
        return { participant, presiding, warnings };
      });
    } catch (error) {
      if (pgCode(error) === UNIQUE_VIOLATION) throw HearingErrors.alreadyParticipant();
      throw bookingRefusal(error) ?? error;
    }
  }

  /**
   * One seat per person: a party already seated in this hearing (and not removed from it) is not
   * seated again. The court's interpreters and supporters are held to one seat by checkCourtHelper,
   * an account by the database (hearing_participants_user_once).
   */
  private async refusePartySecondSeat(m: EntityManager, cmd: AddHearingParticipantCommand, hearingId: string): Promise<void> {
    if (!cmd.partyId) return;
    const seated: unknown[] = await m.query(
      `SELECT 1 FROM hearing_participants WHERE hearing_id = $1 AND party_id = $2 AND state <> 'removed' LIMIT 1`,
      [hearingId, cmd.partyId],
    );
    if (seated.length > 0) throw HearingErrors.alreadyParticipant();
  }

  /**
   * Whether the court's interpreter or supporter the seat names (if any) may fill it
   * (seatCourtHelper), and the seat's language: an interpreter of a single language is seated in
   * it when none is named. Never while they sit in another hearing still to end at an overlapping
   * time, nor twice in this one (their row locked, so two clerks cannot seat them twice at once).
   */
  private async checkCourtHelper(m: EntityManager, cmd: AddHearingParticipantCommand, hearing: Hearing): Promise<string | null> {
    const courtId = hearing.courtId;
    const language = cmd.language ?? null;
    if (!cmd.courtInterpreterId && !cmd.courtSupporterId) return language;
    if (cmd.courtInterpreterId && cmd.courtSupporterId) throw HearingErrors.courtHelperSeat('courtSupporterId');
    const field = cmd.courtInterpreterId ? 'courtInterpreterId' : 'courtSupporterId';
    const rows: { court_id: string; languages: string[] | null }[] = cmd.courtInterpreterId
      ? await m.query(`SELECT court_id, languages FROM court_interpreters WHERE id = $1 FOR UPDATE`, [cmd.courtInterpreterId])
      : await m.query(`SELECT court_id, NULL AS languages FROM court_supporters WHERE id = $1 FOR UPDATE`, [cmd.courtSupporterId]);
    const helper: CourtHelper | null =
      rows.length === 0
        ? null
        : { kind: cmd.courtInterpreterId ? 'interpreter' : 'supporter', courtId: rows[0].court_id, languages: rows[0].languages ?? [] };
    const seated = seatCourtHelper(cmd.hearingRole, helper, courtId, language);
    if (!('refusal' in seated)) {
      // Their seats not removed: one in another hearing still to end at an overlapping time, or one in this hearing.
      const [sits]: { elsewhere: boolean | null; here: boolean | null }[] = await m.query(
        `SELECT bool_or(h.id <> $3 AND h.status IN ('scheduled', 'open', 'in_recess')
                        AND tstzrange(h.scheduled_start, h.scheduled_end) && tstzrange($4, $5)) AS elsewhere,
                bool_or(h.id = $3) AS here
           FROM hearing_participants p JOIN hearings h ON h.id = p.hearing_id
          WHERE (p.court_interpreter_id = $1 OR p.court_supporter_id = $2) AND p.state <> 'removed'`,
        [cmd.courtInterpreterId ?? null, cmd.courtSupporterId ?? null, hearing.id, hearing.scheduledStart, hearing.scheduledEnd],
      );
      if (sits.elsewhere) throw HearingErrors.courtHelperDoubleBooked(field);
      if (sits.here) throw HearingErrors.alreadyParticipant();
      return seated.language;
    }
    switch (seated.refusal) {
      case 'unknown':
        throw HearingErrors.courtHelperUnknown(field);
      case 'seat':
        throw HearingErrors.courtHelperSeat(field);
      case 'language':
        throw HearingErrors.interpreterLanguage(helper?.languages ?? []);
      default:
        return assertNever(seated.refusal, 'court helper refusal');
    }
  }

  /**
   * Whether the judge being added presides: the one named on the hearing, or, for a hearing that
   * has none yet, this judge, named now. The UPDATE names them only if nobody was named meanwhile;
   * then they join the panel.
   */
  private async presides(m: EntityManager, hearing: Hearing, userId: string): Promise<boolean> {
    if (hearing.presidingJudgeId !== null) return hearing.presidingJudgeId === userId;
    const named: unknown = await m.query(
      'UPDATE hearings SET presiding_judge_id = $1 WHERE id = $2 AND presiding_judge_id IS NULL RETURNING id',
      [userId, hearing.id],
    );
    return affectedRows(named) === 1;
  }
}
