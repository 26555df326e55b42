import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseAccessEvents } from '@ejustice/cases';
import { AccountAccessEvents } from '@ejustice/identity';
import { HearingNoticePublisher } from './hearing-notice.publisher';

/**
 * When someone may now do or see less, every hearing this touches that can still be joined gets
 * an access notice, so the media node carrying it re-checks its live connections and ends within
 * a second those no longer honoured:
 * - the court's administrator disables an account or withdraws one of its roles: the hearings the
 *   account holder sits in (their seat not removed);
 * - a judge makes a case confidential or sealed: the case's hearings (non-parties without the
 *   presiding judge's leave lose their seat).
 * Hearings are listed here, not in identity or cases, because those know nothing of hearings.
 */
@Injectable()
export class AccountAccessNotices implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountAccessEvents,
    private readonly cases: CaseAccessEvents,
    private readonly notices: HearingNoticePublisher,
  ) {}

  onModuleInit(): void {
    this.accounts.onNarrowed((userId) => this.accountNarrowed(userId));
    this.cases.onNarrowed((caseId) => this.caseNarrowed(caseId));
  }

  async accountNarrowed(userId: string): Promise<void> {
    await this.notify(
      `SELECT DISTINCT hp.hearing_id FROM hearing_participants hp JOIN hearings h ON h.id = hp.hearing_id
        WHERE hp.user_id = $1 AND hp.state <> 'removed' AND h.status <> 'closed'`,
      userId,
    );
  }

  async caseNarrowed(caseId: string): Promise<void> {
    await this.notify(`SELECT id AS hearing_id FROM hearings WHERE case_id = $1 AND status <> 'closed'`, caseId);
  }

  private async notify(sql: string, id: string): Promise<void> {
    const hearings: { hearing_id: string }[] = await this.db.query(sql, [id]);
    await Promise.all(hearings.map((h) => this.notices.accessChanged(h.hearing_id)));
  }
}
