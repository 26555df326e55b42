import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import type { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  AuditCheckpointStore,
  CheckpointAuditChain,
  Clock,
  RequestContext,
  loadAuditSigningKey,
} from '@ejustice/platform';
import { DocumentStore } from '@ejustice/filing';
import { keepScheduled } from '../repeatable-schedule';

export const AUDIT_QUEUE = 'audit';
export const CHECKPOINT_AUDIT_CHAIN = 'checkpoint-audit-chain';

/**
 * Signs the audit chain's head into the document store, outside the database. A chain that is
 * broken, or no longer holds the last checkpoint's head, is not signed: the job fails loudly
 * instead, and `./ejustice audit-verify` says what went wrong.
 */
@Processor(AUDIT_QUEUE)
export class AuditCheckpointProcessor {
  private readonly logger = new Logger(AuditCheckpointProcessor.name);

  constructor(private readonly checkpoint: CheckpointAuditChain) {}

  @Process(CHECKPOINT_AUDIT_CHAIN)
  run(job: Job): Promise<{ outcome: string; seq: number | null }> {
    return RequestContext.run({ requestId: `job-${job.id}` }, async () => {
      const outcome = await this.checkpoint.execute();
      switch (outcome.kind) {
        case 'refused':
          this.logger.error(`checkpoint() refused [reason:${outcome.reason}]`);
          throw new Error(`The audit chain was not checkpointed: ${outcome.reason}`);
        case 'written':
          this.logger.log(`checkpoint() written [seq:${outcome.checkpoint.seq}] [head:${outcome.checkpoint.headHash}]`);
          return { outcome: outcome.kind, seq: outcome.checkpoint.seq };
        case 'unchanged':
          return { outcome: outcome.kind, seq: outcome.checkpoint.seq };
        case 'empty':
          return { outcome: outcome.kind, seq: null };
      }
    });
  }
}

@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditCheckpointScheduler.name);

  constructor(
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One schedule however many workers start: Bull keys a repeatable job by its options. */
  async onApplicationBootstrap(): Promise<void> {
    await keepScheduled(
      this.queue,
      CHECKPOINT_AUDIT_CHAIN,
      { repeat: { cron: this.config.audit.checkpointCron }, removeOnComplete: 100, removeOnFail: 100 },
      this.logger,
    );
  }
}

/**
 * The use case over the worker's data source and the document store. The signing key is loaded
 * (and, where allowed, generated) at start-up, so a worker without one does not start.
 */
export const AUDIT_CHECKPOINT_PROVIDERS: Provider[] = [
  { provide: AuditCheckpointStore, useExisting: DocumentStore },
  {
    provide: CheckpointAuditChain,
    inject: [getDataSourceToken(), AuditCheckpointStore, Clock, APP_CONFIG],
    useFactory: async (db: DataSource, store: AuditCheckpointStore, clock: Clock, config: AppConfig) =>
      new CheckpointAuditChain(db, store, await loadAuditSigningKey(config.audit, { create: true }), clock, config.audit.chainName),
  },
  AuditCheckpointProcessor,
  AuditCheckpointScheduler,
];
