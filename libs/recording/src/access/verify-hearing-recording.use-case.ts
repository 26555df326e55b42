import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DocumentStore } from '@ejustice/filing/storage/document-store';
import type { UserPrincipal } from '@ejustice/identity';
import { Clock } from '@ejustice/platform';
import type { RecordingVerificationView } from '../contract/recording-contract';
import { RecordingIntegrity } from '../verification/recording-integrity';
import { admitToRecordings } from './recording-gate';

/** `recording-verify` for the bench and the clerks in the playback page: the same check, the same answer. */
@Injectable()
export class VerifyHearingRecording {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  async execute(principal: UserPrincipal, hearingId: string): Promise<RecordingVerificationView> {
    await admitToRecordings(this.db, principal, hearingId);
    return (await new RecordingIntegrity(this.db, this.store).verify(hearingId, this.clock.now())).view;
  }
}
