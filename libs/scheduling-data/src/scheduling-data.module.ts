import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScheduleRun } from './entities/schedule-run.entity';
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
import { SchedulingInstanceQueries } from './instance/scheduling-instance.queries';
import { RequestScheduleRun } from './runs/request-schedule-run.use-case';
import { RunSchedule } from './runs/run-schedule.use-case';
import { ScheduleRunQueries } from './runs/schedule-run.queries';
import { SCHEDULING_QUEUE, SCHEDULING_QUEUE_SETTINGS } from './runs/scheduling-queue';

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
];

/**
 * The scheduler on the court's real data: the model persisted, the instance assembled from it,
 * runs queued and solved. Needs BullModule.forRoot in the app that imports it (api and worker).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(SCHEDULING_DATA_ENTITIES),
    BullModule.registerQueue({ name: SCHEDULING_QUEUE, settings: SCHEDULING_QUEUE_SETTINGS }),
  ],
  providers: [SchedulingInstanceQueries, RequestScheduleRun, RunSchedule, ScheduleRunQueries],
  exports: [SchedulingInstanceQueries, RequestScheduleRun, RunSchedule, ScheduleRunQueries],
})
export class SchedulingDataModule {}
