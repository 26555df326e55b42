import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@ejustice/identity';
import { HearingLink } from './entities/hearing-link.entity';
import { HearingParticipant } from './entities/hearing-participant.entity';
import { Hearing } from './entities/hearing.entity';
import { HearingLinks } from './links/hearing-links.service';
import { HearingRoomModule } from './room/hearing-room.module';
import { AddHearingParticipant, ScheduleHearing } from './services/schedule-hearing.use-case';

export const HEARINGS_ENTITIES = [Hearing, HearingParticipant, HearingLink];

@Module({
  imports: [IdentityModule, HearingRoomModule, TypeOrmModule.forFeature(HEARINGS_ENTITIES)],
  providers: [ScheduleHearing, AddHearingParticipant, HearingLinks],
  exports: [ScheduleHearing, AddHearingParticipant, HearingLinks, HearingRoomModule, TypeOrmModule],
})
export class HearingsModule {}
