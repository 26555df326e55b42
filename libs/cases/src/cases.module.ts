import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Case } from './entities/case.entity';
import { DocketEntry } from './entities/docket-entry.entity';
import { Party } from './entities/party.entity';
import { CaseQueries } from './services/case-queries';
import { CaseAccessEvents } from './services/case-access-events';
import { ChangeCaseConfidentiality } from './services/change-case-confidentiality.use-case';
import { AddDocketEntry, OpenCase } from './services/open-case.use-case';

export const CASES_ENTITIES = [Case, Party, DocketEntry];

@Module({
  imports: [TypeOrmModule.forFeature(CASES_ENTITIES)],
  providers: [CaseQueries, ChangeCaseConfidentiality, CaseAccessEvents, OpenCase, AddDocketEntry],
  exports: [CaseQueries, ChangeCaseConfidentiality, CaseAccessEvents, OpenCase, AddDocketEntry, TypeOrmModule],
})
export class CasesModule {}
