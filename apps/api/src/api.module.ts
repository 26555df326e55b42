import { BullModule } from '@nestjs/bull';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import {
  APP_CONFIG,
  type AppConfig,
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  HttpMetricsMiddleware,
  LoggingModule,
  MetricsModule,
  ProblemDetailsFilter,
  RedisModule,
  bullQueueOptions,
  createValidationPipe,
} from '@ejustice/platform';
import { CasesModule } from '@ejustice/cases';
import { CertificationModule } from '@ejustice/certification';
import { FilingModule } from '@ejustice/filing';
import { HearingsModule } from '@ejustice/hearings';
import { IdentityModule, JwtAuthGuard, RolesGuard } from '@ejustice/identity';
import { RecordingModule } from '@ejustice/recording';
import { SchedulingDataModule } from '@ejustice/scheduling-data';
import { AdminMediaNodesController } from './admin/admin-media-nodes.controller';
import { AdminUsersController } from './admin/admin-users.controller';
import { QueueBoardModule } from './admin/queue-board/queue-board.module';
import { AuthController } from './auth/auth.controller';
import { MeController } from './auth/me.controller';
import { CasesController } from './cases/cases.controller';
import { CertifiedCopiesController } from './certification/certified-copies.controller';
import { CertifiedCopyDecisionsController } from './certification/certified-copy-decisions.controller';
import { CertifiedCopyDownloadsController } from './certification/certified-copy-downloads.controller';
import { CertifiedCopyVerificationController } from './certification/certified-copy-verification.controller';
import { PublicCertifiedCopiesController } from './certification/public-certified-copies.controller';
import { SealedCopyAuthorisationsController } from './certification/sealed-copy-authorisations.controller';
import { CaseDocketController } from './filing/case-docket.controller';
import { FilingDocumentsController } from './filing/filing-documents.controller';
import { FilingPolicyController } from './filing/filing-policy.controller';
import { FilingsController } from './filing/filings.controller';
import { InboxController } from './filing/inbox.controller';
import { HearingJoinAuthGuard } from './hearings/hearing-join-auth.guard';
import { CourtSummonsesController } from './hearings/court-summonses.controller';
import { HearingLinksController } from './hearings/hearing-links.controller';
import { CaseHearingsController } from './hearings/case-hearings.controller';
import { HearingsController } from './hearings/hearings.controller';
import { ParticipantLinksController } from './hearings/participant-links.controller';
import { SpecialMeasuresController } from './hearings/special-measures.controller';
import { SummonsDeliveryController } from './hearings/summons-delivery.controller';
import { RequestContextMiddleware } from './request-context.middleware';
import { BacklogForecastController } from './scheduling/backlog-forecast.controller';
import { BacklogReportController } from './scheduling/backlog-report.controller';
import { CaseSchedulingFactsController } from './scheduling/case-scheduling-facts.controller';
import { HearingCancellationsController } from './scheduling/hearing-cancellations.controller';
import { ScheduleBoardController } from './scheduling/schedule-board.controller';
import { ScheduleRunsController } from './scheduling/schedule-runs.controller';
import { SchedulingInterpretersController } from './scheduling/scheduling-interpreters.controller';
import { SchedulingJudgesController } from './scheduling/scheduling-judges.controller';
import { SchedulingPolicyController } from './scheduling/scheduling-policy.controller';
import { SchedulingRoomsController } from './scheduling/scheduling-rooms.controller';
import { SchedulingSessionsController } from './scheduling/scheduling-sessions.controller';
import { SchedulingSupportersController } from './scheduling/scheduling-supporters.controller';
import { SchedulingUnavailabilityController } from './scheduling/scheduling-unavailability.controller';
import { HearingRecordingsController } from './recording/hearing-recordings.controller';
import { RecordingSegmentsController } from './recording/recording-segments.controller';
import { RecordingVerificationController } from './recording/recording-verification.controller';
import { AboutController } from './web/about.controller';

@Module({})
export class ApiModule implements NestModule {
  static forRoot(config: AppConfig) {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        LoggingModule.forRoot('api'),
        DatabaseModule.forRoot(),
        RedisModule,
        AuditModule,
        MetricsModule,
        HealthModule,
        IdentityModule,
        CasesModule,
        HearingsModule,
        // The api enqueues jobs (filing outcome notifications) that apps/worker processes.
        BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => bullQueueOptions(c) }),
        FilingModule,
        CertificationModule,
        SchedulingDataModule,
        RecordingModule,
        QueueBoardModule,
      ],
      controllers: [
        AboutController,
        AuthController,
        MeController,
        AdminUsersController,
        AdminMediaNodesController,
        CasesController,
        HearingsController,
        CaseHearingsController,
        HearingLinksController,
        ParticipantLinksController,
        SpecialMeasuresController,
        CourtSummonsesController,
        SummonsDeliveryController,
        FilingPolicyController,
        FilingsController,
        FilingDocumentsController,
        CaseDocketController,
        InboxController,
        CertifiedCopiesController,
        CertifiedCopyDecisionsController,
        PublicCertifiedCopiesController,
        CertifiedCopyDownloadsController,
        CertifiedCopyVerificationController,
        SealedCopyAuthorisationsController,
        ScheduleRunsController,
        ScheduleBoardController,
        CaseSchedulingFactsController,
        HearingCancellationsController,
        BacklogReportController,
        BacklogForecastController,
        SchedulingJudgesController,
        SchedulingRoomsController,
        SchedulingInterpretersController,
        SchedulingSupportersController,
        SchedulingSessionsController,
        SchedulingUnavailabilityController,
        SchedulingPolicyController,
        HearingRecordingsController,
        RecordingVerificationController,
        RecordingSegmentsController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        HearingJoinAuthGuard,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, HttpMetricsMiddleware).forRoutes('*');
  }
}
