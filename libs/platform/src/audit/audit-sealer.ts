import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hasPendingAuditEvents, sealPendingAuditEvents } from './audit-log';

/** How often every app looks for pending audit events nobody chained (a crash between commit and seal). */
const SWEEP_MS = 5_000;

/**
 * Chains the audit events a process wrote with `AuditLog.defer()` but died before sealing: at
 * start, then every few seconds. The process that wrote an event seals it itself right after its
 * commit; this sweep is the safety net, so no committed event stays outside the chain for long.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSealer.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private sweep(): Promise<void> {
    this.running ??= hasPendingAuditEvents(this.db)
      .then((any) => (any ? sealPendingAuditEvents(this.db) : new Set<string>()))
      .then((sealed) => {
        if (sealed.size > 0) this.logger.log(`sweep() chained pending audit events [events:${sealed.size}]`);
      })
      .catch((error: unknown) => this.logger.warn(`sweep() failed [error:${error instanceof Error ? error.message : String(error)}]`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
