import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog } from '@ejustice/platform';
import type { SchedulingPolicyRequest, SchedulingPolicyView } from '../contract/scheduling-resources.contract';
import { SchedulingInstanceQueries } from '../instance/scheduling-instance.queries';
import { assertMayMaintainResources, assertMayReadResources, checkPolicyOverrides } from './resource-rules';
import { type ResourceActor, auditResourceChange } from './resource-store';

/**
 * The court's scheduling policy: the solver's time budget, the horizon, the hour of the nightly
 * run, and the weights (a partial libs/scheduling `Policy`, checked against the solver's own
 * rules). Read with the defaults while the court has set none; replaced whole by a PUT.
 */
@Injectable()
export class CourtSchedulingPolicies {
  private readonly logger = new Logger(CourtSchedulingPolicies.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly instances: SchedulingInstanceQueries,
  ) {}

  async get(actor: ResourceActor, courtId: string): Promise<SchedulingPolicyView> {
    assertMayReadResources(actor, courtId);
    const settings = await this.instances.settings(courtId);
    const rows: { nightly_hour: number | null; updated_at: Date }[] = await this.db.query(
      `SELECT nightly_hour, updated_at FROM court_scheduling_policies WHERE court_id = $1`,
      [courtId],
    );
    return {
      timeLimitSeconds: settings.timeLimitSeconds,
      horizonDays: settings.horizonDays,
      nightlyHour: rows[0]?.nightly_hour ?? null,
      policy: settings.policy,
      updatedAt: rows[0]?.updated_at.toISOString() ?? null,
    };
  }

  async set(actor: ResourceActor, courtId: string, request: SchedulingPolicyRequest): Promise<SchedulingPolicyView> {
    assertMayMaintainResources(actor, courtId);
    const policy = checkPolicyOverrides(request.policy);
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO court_scheduling_policies (court_id, time_limit_seconds, horizon_days, policy, nightly_hour, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (court_id) DO UPDATE SET time_limit_seconds = EXCLUDED.time_limit_seconds, horizon_days = EXCLUDED.horizon_days,
           policy = EXCLUDED.policy, nightly_hour = EXCLUDED.nightly_hour, updated_at = now()`,
        [courtId, request.timeLimitSeconds, request.horizonDays, JSON.stringify(policy), request.nightlyHour],
      );
      await auditResourceChange(
        this.audit,
        m,
        actor,
        courtId,
        'scheduling_policy.set',
        { type: 'court', id: courtId },
        { timeLimitSeconds: request.timeLimitSeconds, horizonDays: request.horizonDays, nightlyHour: request.nightlyHour, policy },
      );
    });
    this.logger.log(`set() policy [court:${courtId}] [nightlyHour:${request.nightlyHour ?? 'none'}]`);
    return this.get(actor, courtId);
  }
}
