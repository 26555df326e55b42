/**
 * @ejustice/scheduling-data — the hearing scheduler on the court's real data: the scheduling
 * model's tables, the solver's instance assembled from them, and runs of the solver as jobs.
 * The solver itself is @ejustice/scheduling, pure.
 */
export * from './analytics/backlog-request';
export * from './analytics/backlog.queries';
export * from './case-facts/case-scheduling-facts';
export * from './case-facts/case-scheduling-facts.use-case';
export * from './contract/backlog.contract';
export * from './contract/case-scheduling-facts.contract';
export * from './contract/schedule-run.contract';
export * from './contract/schedule-moves.contract';
export * from './contract/scheduling-resources.contract';
export * from './entities/scheduling.entities';
export { PublishedHearing, ScheduleReplanRequest, ScheduleRun } from './entities/schedule-run.entity';
export * from './instance/assemble-instance';
export * from './instance/scheduling-instance.queries';
export * from './moves/schedule-moves.use-case';
export * from './notices/mail-publication-notices.use-case';
export * from './notices/publication-mail-queue';
export * from './notices/sweep-publication-mail.use-case';
export * from './publish/publication';
export * from './publish/publication-notices';
export * from './publish/publish-schedule-run.use-case';
export * from './replan/cancel-hearing.use-case';
export * from './resources/court-resources.use-case';
export * from './resources/court-sessions.use-case';
export * from './resources/court-unavailability.use-case';
export * from './resources/judge-profiles.use-case';
export * from './resources/resource-rules';
export * from './resources/scheduling-policy.use-case';
export * from './runs/automatic-runs.use-case';
export * from './runs/request-schedule-run.use-case';
export * from './runs/run-schedule.use-case';
export * from './runs/schedule-run-dispatcher';
export * from './runs/schedule-run.queries';
export * from './runs/schedule-run-permission';
export * from './runs/scheduling-queue';
export * from './scheduling-data.module';
