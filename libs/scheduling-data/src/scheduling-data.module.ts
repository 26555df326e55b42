import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '@ejustice/platform';
import { PublishedHearing, ScheduleReplanRequest, ScheduleRun } from './entities/schedule-run.entity';
import {
  CaseAdjournment,
  CaseHearingNeed,
  CaseSchedulingFacts,
  CaseSchedulingPerson,
  CourtInterpreter,
  CourtSchedulingPolicy,
  CourtSession,
  CourtSessionRoom,
  CourtSupporter,
  JudgeProfile,
  SchedulingRoom,
  SchedulingUnavailability,
} from './entities/scheduling.entities';
import { BacklogQueries } from './analytics/backlog.queries';
import { MaintainCaseSchedulingFacts } from './case-facts/case-scheduling-facts.use-case';
import { SchedulingInstanceQueries } from './instance/scheduling-instance.queries';
import { ScheduleMoves } from './moves/schedule-moves.use-case';
import { MailPublicationNotices } from './notices/mail-publication-notices.use-case';
import { PublicationMailDispatcher, SCHEDULE_NOTICES_QUEUE } from './notices/publication-mail-queue';
import { SweepPublicationMail } from './notices/sweep-publication-mail.use-case';
import { PublishScheduleRun } from './publish/publish-schedule-run.use-case';
import { CancelHearing } from './replan/cancel-hearing.use-case';
import { AutomaticScheduleRuns } from './runs/automatic-runs.use-case';
import { RequestScheduleRun } from './runs/request-schedule-run.use-case';
import { RunSchedule } from './runs/run-schedule.use-case';
import { ScheduleRunDispatcher } from './runs/schedule-run-dispatcher';
import { ScheduleRunQueries } from './runs/schedule-run.queries';
import { SCHEDULING_QUEUE, SCHEDULING_QUEUE_SETTINGS } from './runs/scheduling-queue';
import { CourtInterpreters, CourtRooms, CourtSupporters } from './resources/court-resources.use-case';
import { CourtSessions } from './resources/court-sessions.use-case';
import { CourtUnavailability } from './resources/court-unavailability.use-case';
import { CourtJudgeProfiles } from './resources/judge-profiles.use-case';
import { CourtSchedulingPolicies } from './resources/scheduling-policy.use-case';

export const SCHEDULING_DATA_ENTITIES = [
  CourtSchedulingPolicy,
  CaseSchedulingFacts,
  CaseSchedulingPerson,
  CaseHearingNeed,
  CaseAdjournment,
  JudgeProfile,
  SchedulingRoom,
  CourtSession,
  CourtSessionRoom,
  CourtInterpreter,
  CourtSupporter,
  SchedulingUnavailability,
  ScheduleRun,
  PublishedHearing,
  ScheduleReplanRequest,
];

/** A court's scheduling resources and policy, maintained through the api (src/resources). */
const COURT_RESOURCE_USE_CASES = [
  CourtJudgeProfiles,
  CourtRooms,
  CourtInterpreters,
  CourtSupporters,
  CourtSessions,
  CourtUnavailability,
  CourtSchedulingPolicies,
];

/** The scheduler's queue, exported too: the worker keeps its repeatable jobs (nightly-schedules.ts). */
const SCHEDULING_QUEUE_MODULE = BullModule.registerQueue({ name: SCHEDULING_QUEUE, settings: SCHEDULING_QUEUE_SETTINGS });
/** A publication's e-mails (publication-mail-queue.ts), exported for the worker's processor and sweeper. */
const SCHEDULE_NOTICES_QUEUE_MODULE = BullModule.registerQueue({ name: SCHEDULE_NOTICES_QUEUE });

/**
 * The scheduler on the court's real data: the model persisted, the instance assembled from it,
 * runs queued and solved. Needs BullModule.forRoot in the app that imports it (api and worker).
 */
@Module({
  imports: [TypeOrmModule.forFeature(SCHEDULING_DATA_ENTITIES), SCHEDULING_QUEUE_MODULE, SCHEDULE_NOTICES_QUEUE_MODULE, MailModule],
  providers: [
    SchedulingInstanceQueries,
    ScheduleRunDispatcher,
    RequestScheduleRun,
    AutomaticScheduleRuns,
    RunSchedule,
    ScheduleRunQueries,
    PublishScheduleRun,
    PublicationMailDispatcher,
    MailPublicationNotices,
    SweepPublicationMail,
    CancelHearing,
    BacklogQueries,
    ScheduleMoves,
    MaintainCaseSchedulingFacts,
    ...COURT_RESOURCE_USE_CASES,
  ],
  exports: [
    SCHEDULING_QUEUE_MODULE,
    SCHEDULE_NOTICES_QUEUE_MODULE,
    MailPublicationNotices,
    SweepPublicationMail,
    SchedulingInstanceQueries,
    // For the worker's upkeep: runs whose job was lost (requeueLost).
    ScheduleRunDispatcher,
    RequestScheduleRun,
    AutomaticScheduleRuns,
    RunSchedule,
    ScheduleRunQueries,
    PublishScheduleRun,
    CancelHearing,
    BacklogQueries,
    ScheduleMoves,
    MaintainCaseSchedulingFacts,
    ...COURT_RESOURCE_USE_CASES,
  ],
})
export class SchedulingDataModule {}
