import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError } from '@ejustice/platform';
import { Court } from '@ejustice/identity';
import { type CourtFilingPolicy, resolvePolicy } from '../domain/court-policy';
import { CourtFilingPolicyRow } from '../entities/court-filing-policy.entity';

/** The filing policy of a court: its own settings over the platform defaults from AppConfig. */
@Injectable()
export class CourtPolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forCourt(courtId: string, m: EntityManager = this.db.manager): Promise<CourtFilingPolicy> {
    const court = await m.getRepository(Court).findOne({ where: { id: courtId } });
    if (!court) throw new DomainError('not_found', 'court.not_found', 'There is no court with this id.');
    const row = await m.getRepository(CourtFilingPolicyRow).findOne({ where: { courtId } });
    return resolvePolicy(court, this.config.filing, row);
  }
}
