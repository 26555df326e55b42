import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, QueryFailedError } from 'typeorm';
import { AuditLog, userActor } from '@ejustice/platform';
import { Case, CaseErrors, Party } from '@ejustice/cases';
import { IdentityErrors, User, type UserPrincipal } from '@ejustice/identity';
import type { HearingRole } from '../domain/hearing-role';
import type { HearingType } from '../domain/hearing-type';
import { HearingErrors } from '../domain/hearing-errors';
import { HearingParticipant } from '../entities/hearing-participant.entity';
import { Hearing } from '../entities/hearing.entity';
import { assertCanManageHearing } from './hearing-access';

export interface ScheduleHearingCommand {
  readonly principal: UserPrincipal;
  readonly caseId: string;
  readonly title: string;
  readonly hearingType: HearingType;
  readonly scheduledStart: Date;
  readonly scheduledEnd: Date;
  readonly presidingJudgeId: string | null;
}

/** PostgreSQL's exclusion_violation: the judge is already booked at that time. */
const EXCLUSION_VIOLATION = '23P01';
const UNIQUE_VIOLATION = '23505';

function pgCode(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
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
          },
        });
        return hearing;
      });
    } catch (error) {
      if (pgCode(error) === EXCLUSION_VIOLATION) throw HearingErrors.judgeDoubleBooked();
      throw error;
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
}

@Injectable()
export class AddHearingParticipant {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async execute(cmd: AddHearingParticipantCommand): Promise<HearingParticipant> {
    try {
      return await this.db.transaction(async (m) => {
        const hearing = await m.getRepository(Hearing).findOne({ where: { id: cmd.hearingId } });
        if (!hearing) throw HearingErrors.notFound();
        assertCanManageHearing(cmd.principal, hearing);
        if (hearing.status === 'closed') throw HearingErrors.closed();
        if (cmd.userId && !(await m.getRepository(User).exists({ where: { id: cmd.userId } }))) {
          throw HearingErrors.unknownUser();
        }
        if (cmd.partyId) {
          const party = await m.getRepository(Party).findOne({ where: { id: cmd.partyId } });
          if (!party || party.caseId !== hearing.caseId) throw HearingErrors.partyNotInCase();
        }
        const participant = await m.save(
          m.create(HearingParticipant, {
            hearingId: hearing.id,
            userId: cmd.userId,
            partyId: cmd.partyId,
            hearingRole: cmd.hearingRole,
            displayName: cmd.displayName,
            state: 'invited',
          }),
        );
        await this.audit.record(m, {
          action: 'hearing.participant_added',
          actor: userActor(cmd.principal.userId),
          subject: { type: 'hearing_participant', id: participant.id },
          courtId: hearing.courtId,
          caseId: hearing.caseId,
          hearingId: hearing.id,
          // No name: the participant may be a protected witness.
          data: { hearingRole: cmd.hearingRole, partyId: cmd.partyId, userId: cmd.userId },
        });
        return participant;
      });
    } catch (error) {
      if (pgCode(error) === UNIQUE_VIOLATION) throw HearingErrors.alreadyParticipant();
      throw error;
    }
  }
}
