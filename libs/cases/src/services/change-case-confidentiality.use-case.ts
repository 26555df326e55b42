import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, userActor } from '@ejustice/platform';
import { IdentityErrors, type UserPrincipal } from '@ejustice/identity';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '@ejustice/vocabulary/case-type';
import { CaseErrors } from '../domain/case-errors';
import { Case } from '../entities/case.entity';
import { CaseAccessEvents } from './case-access-events';

export interface ChangeCaseConfidentialityCommand {
  readonly judge: UserPrincipal;
  readonly caseId: string;
  readonly confidentiality: Confidentiality;
  readonly reason: string;
}

/**
 * Seals, restricts or opens a case. A judicial decision: only a judge of the case's court may
 * make it, and the decision with its reason goes to the audit trail.
 */
@Injectable()
export class ChangeCaseConfidentiality {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly events: CaseAccessEvents,
  ) {}

  async execute(cmd: ChangeCaseConfidentialityCommand): Promise<Case> {
    if (!cmd.judge.roles.includes('judge')) throw IdentityErrors.forbiddenRole();
    let from: Confidentiality | undefined;
    const changed = await this.db.transaction(async (m) => {
      const c = await m.getRepository(Case).findOne({ where: { id: cmd.caseId }, lock: { mode: 'pessimistic_write' } });
      if (!c || c.courtId !== cmd.judge.courtId) throw CaseErrors.notFound();
      if (c.confidentiality === cmd.confidentiality) throw CaseErrors.unchanged(cmd.confidentiality);
      from = c.confidentiality;
      c.confidentiality = cmd.confidentiality;
      await m.update(Case, { id: c.id }, { confidentiality: cmd.confidentiality });
      await this.audit.record(m, {
        action: 'case.confidentiality_changed',
        actor: userActor(cmd.judge.userId),
        subject: { type: 'case', id: c.id },
        courtId: c.courtId,
        caseId: c.id,
        data: { from, to: cmd.confidentiality, reason: cmd.reason },
      });
      return c;
    });
    // After the commit: hearings of a case that fewer may now attend end the seats it no longer allows.
    if (from !== undefined && CONFIDENTIALITY_LEVELS.indexOf(cmd.confidentiality) > CONFIDENTIALITY_LEVELS.indexOf(from)) {
      await this.events.narrowed(changed.id);
    }
    return changed;
  }
}
