import { Module } from '@nestjs/common';
import { HearingRoomModule } from '@ejustice/hearings/room/hearing-room.module';
import { PlayRecordingSegment } from './access/play-recording-segment.use-case';
import { RecordingQueries } from './access/recording-queries';
import { VerifyHearingRecording } from './access/verify-hearing-recording.use-case';
import { RecordingLedgerModule } from './recording-ledger.module';

/**
 * The court recording for the api: the record (RecordingLedgerModule, re-exported) and what the
 * bench and the clerks read of it: the recordings, their verification, and playback.
 */
@Module({
  imports: [RecordingLedgerModule, HearingRoomModule],
  providers: [RecordingQueries, VerifyHearingRecording, PlayRecordingSegment],
  exports: [RecordingLedgerModule, RecordingQueries, VerifyHearingRecording, PlayRecordingSegment],
})
export class RecordingModule {}
