import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CaseViewer } from '@ejustice/cases';
import { Court, User } from '@ejustice/identity';
import { FilingQueries } from '../review/filing-queries';
import { SubmitFiling } from '../submission/submit-filing.use-case';
import { renderReceiptPdf } from './receipt-pdf';

/** A notice of electronic filing, ready to send. */
export interface ReceiptNotice {
  readonly fileName: string;
  readonly pdf: Uint8Array;
}

/** The notice of electronic filing (PDF) of a filing, for whoever may see the filing. */
@Injectable()
export class FilingReceipts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queries: FilingQueries,
    private readonly submissions: SubmitFiling,
  ) {}

  /**
   * The notice states the receipt the filer was given at once (SubmitFiling.receiptOf reads the
   * filing's rows, which never change after receipt), with the court's and the filer's names.
   * A filing the viewer may not see does not exist for them.
   */
  async notice(viewer: CaseViewer, filingId: string): Promise<ReceiptNotice> {
    const f = await this.queries.loadVisible(viewer, filingId);
    const [receipt, court, filer] = await Promise.all([
      this.submissions.receiptOf(f),
      this.db.getRepository(Court).findOneByOrFail({ id: f.courtId }),
      this.db.getRepository(User).findOneByOrFail({ id: f.filerUserId }),
    ]);
    const pdf = await renderReceiptPdf(receipt, {
      courtName: court.name,
      courtCode: court.code,
      filerName: filer.displayName,
      courtLanguage: court.language,
    });
    return { fileName: `notice-of-electronic-filing-${f.id}.pdf`, pdf };
  }
}
