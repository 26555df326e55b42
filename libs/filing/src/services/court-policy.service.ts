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
    // One round trip: every filing asks (at least once), while its upload is held.
    const court = (await m
      .getRepository(Court)
      .createQueryBuilder('court')
      .leftJoinAndMapOne('court.filingPolicy', CourtFilingPolicyRow, 'policy', 'policy.courtId = court.id')
      .where('court.id = :courtId', { courtId })
      .getOne()) as (Court & { filingPolicy?: CourtFilingPolicyRow | null }) | null;
    if (!court) throw new DomainError('not_found', 'court.not_found', 'There is no court with this id.');
    return resolvePolicy(court, this.config.filing, court.filingPolicy ?? null);
  }
}
