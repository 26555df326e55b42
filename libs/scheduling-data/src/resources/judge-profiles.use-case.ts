import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, DomainError } from '@ejustice/platform';
import {
  type JudgeProfileRequest,
  type JudgeProfileView,
  RESOURCE_LIMITS,
  type ResourceSessionKind,
} from '../contract/scheduling-resources.contract';
import { assertMayMaintainResources, assertMayReadResources } from './resource-rules';
import { type ResourceActor, auditResourceChange, normalised } from './resource-store';

interface JudgeRow {
  id: string;
  display_name: string;
  has_profile: boolean;
  specialisms: string[] | null;
  sitting_weekdays: number[] | null;
  sitting_kinds: string[] | null;
  max: number | null;
}

function toView(row: JudgeRow): JudgeProfileView {
  return {
    userId: row.id,
    displayName: row.display_name,
    profile: row.has_profile
      ? {
          specialisms: row.specialisms ?? [],
          sittingWeekdays: row.sitting_weekdays,
          sittingKinds: row.sitting_kinds as ResourceSessionKind[] | null,
          maxSittingMinutesPerDay: row.max as number,
        }
      : null,
  };
}

const JUDGES_SQL = `
  SELECT u.id, u.display_name, p.user_id IS NOT NULL AS has_profile, p.specialisms, p.sitting_weekdays, p.sitting_kinds,
         p.max_sitting_minutes_per_day AS max
    FROM users u LEFT JOIN judge_profiles p ON p.user_id = u.id
   WHERE u.court_id = $1 AND u.disabled_at IS NULL
     AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'judge')`;

/**
 * The judges' sittings: each judge of the court with their profile (specialisms, weekdays and
 * kinds of session, most minutes a day), or none (the scheduler does not list a judge without
 * one). A clerk or administrator of the court sets a profile; only for a judge of the court.
 */
@Injectable()
export class CourtJudgeProfiles {
  private readonly logger = new Logger(CourtJudgeProfiles.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: ResourceActor, courtId: string): Promise<JudgeProfileView[]> {
    assertMayReadResources(actor, courtId);
    const rows: JudgeRow[] = await this.db.query(`${JUDGES_SQL} ORDER BY u.display_name, u.id LIMIT ${RESOURCE_LIMITS.list}`, [courtId]);
    return rows.map(toView);
  }

  async set(actor: ResourceActor, courtId: string, userId: string, request: JudgeProfileRequest): Promise<JudgeProfileView> {
    assertMayMaintainResources(actor, courtId);
    const profile = {
      specialisms: [...new Set(request.specialisms)].sort(),
      sittingWeekdays: normalised(request.sittingWeekdays),
      sittingKinds: normalised(request.sittingKinds),
      maxSittingMinutesPerDay: request.maxSittingMinutesPerDay,
    };
    const view = await this.db.transaction(async (m) => {
      // Locked: the judge's role withdrawn meanwhile, or two clerks at once, are seen.
      const judge: unknown[] = await m.query(`${JUDGES_SQL} AND u.id = $2 FOR UPDATE OF u`, [courtId, userId]);
      if (judge.length === 0) {
        throw new DomainError(
          'not_found',
          'scheduling.judge_not_found',
          'No judge of this court has that account; a sitting profile is only for a judge of the court.',
        );
      }
      await m.query(
        `INSERT INTO judge_profiles (user_id, specialisms, sitting_weekdays, sitting_kinds, max_sitting_minutes_per_day)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET specialisms = EXCLUDED.specialisms, sitting_weekdays = EXCLUDED.sitting_weekdays,
           sitting_kinds = EXCLUDED.sitting_kinds, max_sitting_minutes_per_day = EXCLUDED.max_sitting_minutes_per_day`,
        [userId, profile.specialisms, profile.sittingWeekdays, profile.sittingKinds, profile.maxSittingMinutesPerDay],
      );
      const [row]: JudgeRow[] = await m.query(`${JUDGES_SQL} AND u.id = $2`, [courtId, userId]);
      await auditResourceChange(this.audit, m, actor, courtId, 'judge_profile.set', { type: 'user', id: userId }, { ...profile });
      return toView(row);
    });
    this.logger.log(`set() judge profile [court:${courtId}] [judge:${userId}]`);
    return view;
  }
}
