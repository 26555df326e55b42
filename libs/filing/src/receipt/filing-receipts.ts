import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Case, type CaseViewer } from '@ejustice/cases';
import { Court, User } from '@ejustice/identity';
import { FilingDocument } from '../entities/filing-document.entity';
import type { Filing } from '../entities/filing.entity';
import { FilingQueries } from '../review/filing-queries';
import { type FilingReceiptView, receiptView } from '../services/filing-views';
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
  ) {}

  /**
   * The receipt of a filing, from its rows, which never change after receipt: what the filer is
   * answered at once (and on a replay), and what the notice of electronic filing states.
   */
  async receiptOf(f: Filing): Promise<FilingReceiptView> {
    const docs = await this.db.getRepository(FilingDocument).find({ where: { filingId: f.id }, order: { position: 'ASC' } });
    const court = await this.db.getRepository(Court).findOneByOrFail({ id: f.courtId });
    const c = f.caseId ? await this.db.getRepository(Case).findOne({ where: { id: f.caseId } }) : null;
    return receiptView(f, docs, court.timeZone, c?.number ?? null);
  }

  /**
   * The notice states the receipt the filer was given at once (receiptOf reads the
   * filing's rows, which never change after receipt), with the court's and the filer's names.
   * A filing the viewer may not see does not exist for them.
   */
  async notice(viewer: CaseViewer, filingId: string): Promise<ReceiptNotice> {
    const f = await this.queries.loadVisible(viewer, filingId);
    const [receipt, court, filer] = await Promise.all([
      this.receiptOf(f),
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
