import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '@ejustice/cases';
import { IdentityModule } from '@ejustice/identity';
import { HearingLink } from './entities/hearing-link.entity';
import { HearingParticipant } from './entities/hearing-participant.entity';
import { Hearing } from './entities/hearing.entity';
import { HearingLinks } from './links/hearing-links.service';
import { ChangeSpecialMeasuresOrder } from './orders/change-special-measures-order.use-case';
import { MakeSpecialMeasuresOrder } from './orders/make-special-measures-order.use-case';
import { SpecialMeasuresOrderLedger } from './orders/order-ledger';
import { AccountAccessNotices } from './notices/account-access-notices';
import { HearingNoticePublisher } from './notices/hearing-notice.publisher';
import { SpecialMeasuresOrderQueries } from './orders/order-queries';
import { RevokeSpecialMeasuresOrder } from './orders/revoke-special-measures-order.use-case';
import { HearingRoomModule } from './room/hearing-room.module';
import { HearingRoomQueries } from './services/hearing-room-queries';
import { AddHearingParticipant, ScheduleHearing } from './services/schedule-hearing.use-case';
import { WithdrawHearingParticipant } from './services/withdraw-seat.use-case';
import { RecordSummonsDelivery } from './summonses/record-summons-delivery.use-case';
import { SummonsQueries } from './summonses/summons-queries';

export const HEARINGS_ENTITIES = [Hearing, HearingParticipant, HearingLink];

@Module({
  imports: [IdentityModule, CasesModule, HearingRoomModule, TypeOrmModule.forFeature(HEARINGS_ENTITIES)],
  providers: [
    ScheduleHearing,
    AddHearingParticipant,
    WithdrawHearingParticipant,
    HearingLinks,
    HearingNoticePublisher,
    AccountAccessNotices,
    SpecialMeasuresOrderLedger,
    MakeSpecialMeasuresOrder,
    ChangeSpecialMeasuresOrder,
    RevokeSpecialMeasuresOrder,
    SpecialMeasuresOrderQueries,
    HearingRoomQueries,
    SummonsQueries,
    RecordSummonsDelivery,
  ],
  exports: [
    ScheduleHearing,
    AddHearingParticipant,
    WithdrawHearingParticipant,
    HearingLinks,
    HearingRoomModule,
    TypeOrmModule,
    MakeSpecialMeasuresOrder,
    ChangeSpecialMeasuresOrder,
    RevokeSpecialMeasuresOrder,
    SpecialMeasuresOrderQueries,
    HearingRoomQueries,
    SummonsQueries,
    RecordSummonsDelivery,
  ],
})
export class HearingsModule {}
