import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountAccessEvents } from '@ejustice/identity';
import { HearingNoticePublisher } from './hearing-notice.publisher';

/**
 * When the court's administrator disables an account or withdraws one of its roles, every hearing
 * the account holder sits in that can still be joined (not closed; their seat not removed) gets
 * an access notice, so the media node carrying it re-checks their live connection and ends it
 * within a second if it is no longer honoured. Hearings are listed here, not in identity, because
 * identity knows nothing of hearings.
 */
@Injectable()
export class AccountAccessNotices implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: AccountAccessEvents,
    private readonly notices: HearingNoticePublisher,
  ) {}

  onModuleInit(): void {
    this.events.onNarrowed((userId) => this.accountNarrowed(userId));
  }

  async accountNarrowed(userId: string): Promise<void> {
    const hearings: { hearing_id: string }[] = await this.db.query(
      `SELECT DISTINCT hp.hearing_id FROM hearing_participants hp JOIN hearings h ON h.id = hp.hearing_id
        WHERE hp.user_id = $1 AND hp.state <> 'removed' AND h.status <> 'closed'`,
      [userId],
    );
    await Promise.all(hearings.map((h) => this.notices.accessChanged(h.hearing_id)));
  }
}
