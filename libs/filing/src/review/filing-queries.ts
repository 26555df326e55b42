import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { type DataSource, In } from 'typeorm';
import {
  Case,
  type CaseFacts,
  CaseQueries,
  type CaseType,
  type CaseViewer,
  type Confidentiality,
  DocketEntry,
  Party,
  type ProtectedName,
  canReadMaterial,
  hiddenPartyNames,
  maskProtectedNames,
  numberDocketFor,
} from '@ejustice/cases';
import { Court, User } from '@ejustice/identity';
import { Clock } from '@ejustice/platform';
import { canReadDocument, canSeeFiling, isReviewer } from '../domain/filing-access';
import { FilingErrors } from '../domain/filing-errors';
import { isClaimLive } from '../domain/filing-review';
import type { FilingStatus, FilingType } from '../domain/filing-type';
import { OPEN_FILING_STATUSES } from '../domain/filing-type';
import { FilingDocument } from '../entities/filing-document.entity';
import { FilingParty } from '../entities/filing-party.entity';
import { Filing } from '../entities/filing.entity';
import { FilingStatusChange } from '../entities/filing-status-change.entity';
import { DocumentStore } from '../storage/document-store';
import type { DocketView } from '../contract/filing-contract';
import { type FilingDetailView, type FilingSummaryView, documentView, receiptView } from '../services/filing-views';

export interface QueueFilter {
  readonly status?: FilingStatus;
  readonly filingType?: FilingType;
  readonly urgent?: boolean;
  readonly minAgeMinutes?: number;
  readonly courtId?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface DocumentContent {
  readonly stream: Readable;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

interface CaseRecord {
  readonly c: Case;
  readonly parties: readonly Party[];
  readonly facts: CaseFacts;
}

/** Masks, in text the court wrote, the protected people of the filing's case this viewer may not know. */
function courtTextFor(viewer: CaseViewer, record: CaseRecord | null): (text: string) => string {
  const names: ProtectedName[] = record ? hiddenPartyNames(viewer, record.facts, record.parties) : [];
  return (text) => maskProtectedNames(text, names);
}

/** Read side of filing: what each viewer may see of filings, the queue, documents and the docket. */
@Injectable()
export class FilingQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueries,
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  async loadVisible(viewer: CaseViewer, filingId: string): Promise<Filing> {
    const f = await this.db.getRepository(Filing).findOne({ where: { id: filingId } });
    if (!f || !canSeeFiling(viewer, f)) throw FilingErrors.notFound();
    return f;
  }

  async detail(viewer: CaseViewer, filingId: string): Promise<FilingDetailView> {
    return this.present(viewer, await this.loadVisible(viewer, filingId));
  }

  async present(viewer: CaseViewer, f: Filing): Promise<FilingDetailView> {
    const [docs, parties, court, record] = await Promise.all([
      this.db.getRepository(FilingDocument).find({ where: { filingId: f.id }, order: { position: 'ASC' } }),
      this.db.getRepository(FilingParty).find({ where: { filingId: f.id }, order: { position: 'ASC' } }),
      this.db.getRepository(Court).findOneByOrFail({ id: f.courtId }),
      this.caseOf(f),
    ]);
    const entries = record ? await this.docketNumbers(viewer, record.facts, record.c.id) : new Map<string, number>();
    const users = await this.users([f.filerUserId, f.claimedBy, f.decidedBy]);
    const claimLive = isClaimLive(f, this.clock.now());
    // The filer and the court's reviewers are the only viewers of a filing. What the filer wrote
    // (titles, the parties of a new case, file names) is theirs to read back as written; what the
    // court wrote to them (the clerk's notes) may name protected people of the case they may not
    // know, and reads with those names masked. The court's reviewers know every name.
    const courtText = courtTextFor(viewer, record);
    return {
      ...receiptView(f, docs, court.timeZone, record?.c.number ?? null),
      confidentiality: f.confidentiality,
      urgent: f.urgent,
      urgencyGrounds: f.urgencyGrounds,
      filer: users(f.filerUserId),
      newCase: f.opensCase
        ? {
            caseType: f.newCaseType as CaseType,
            title: f.newCaseTitle as string,
            confidentiality: f.newCaseConfidentiality as Confidentiality,
            parties: parties.map((p) => ({
              position: p.position,
              partyRole: p.partyRole,
              name: p.fullName,
              isProtected: p.isProtected,
              ...(p.isProtected && p.pseudonym ? { pseudonym: p.pseudonym } : {}),
              isFiler: p.isFiler,
              representedByFiler: p.representedByFiler,
            })),
          }
        : null,
      claim: claimLive
        ? {
            claimedBy: users(f.claimedBy as string),
            expiresAt: (f.claimExpiresAt as Date).toISOString(),
            mine: f.claimedBy === viewer.userId,
          }
        : null,
      decision:
        f.decidedAt && f.decidedBy
          ? {
              decidedAt: f.decidedAt.toISOString(),
              decidedBy: users(f.decidedBy),
              reasonCode: f.reasonCode,
              note: f.reasonNote === null ? null : courtText(f.reasonNote),
            }
          : null,
      documents: docs.map((d) => {
        // The entry as the viewer's docket numbers it; none for an entry they may not read there
        // (a sealed document, for its filer), whose number would betray the gap in their docket.
        const seq = d.docketEntryId ? entries.get(d.docketEntryId) : undefined;
        return {
          ...documentView(d),
          reviewStatus: d.reviewStatus,
          reasonCode: d.reasonCode,
          reasonNote: d.reasonNote === null ? null : courtText(d.reasonNote),
          docketEntry: d.docketEntryId && seq !== undefined ? { id: d.docketEntryId, seq } : null,
        };
      }),
    };
  }

  /** Filers see their own filings; the court's clerks and judges see all of their court's. */
  async list(
    viewer: CaseViewer,
    page: { status?: FilingStatus; limit: number; offset: number },
  ): Promise<{ items: FilingSummaryView[]; total: number }> {
    const qb = this.db.getRepository(Filing).createQueryBuilder('f');
    if (isReviewer(viewer, viewer.courtId))
      qb.where('(f.court_id = :court OR f.filer_user_id = :uid)', { court: viewer.courtId, uid: viewer.userId });
    else qb.where('f.filer_user_id = :uid', { uid: viewer.userId });
    if (page.status) qb.andWhere('f.status = :status', { status: page.status });
    const [rows, total] = await qb
      .orderBy('f.received_at', 'DESC')
      .addOrderBy('f.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items: await this.summaries(viewer, rows), total };
  }

  /**
   * The review queue of the viewer's court: waiting filings, urgent ones (custody, protective
   * orders, child victims) first, then the oldest first.
   */
  async queue(viewer: CaseViewer, filter: QueueFilter): Promise<{ items: FilingSummaryView[]; total: number }> {
    const courtId = filter.courtId ?? viewer.courtId;
    if (!isReviewer(viewer, courtId)) throw FilingErrors.notReviewer();
    const now = this.clock.now();
    const qb = this.db.getRepository(Filing).createQueryBuilder('f').where('f.court_id = :courtId', { courtId });
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    else qb.andWhere('f.status IN (:...open)', { open: OPEN_FILING_STATUSES });
    if (filter.filingType) qb.andWhere('f.filing_type = :type', { type: filter.filingType });
    if (filter.urgent !== undefined) qb.andWhere('f.urgent = :urgent', { urgent: filter.urgent });
    if (filter.minAgeMinutes !== undefined)
      qb.andWhere('f.received_at <= :before', { before: new Date(now.getTime() - filter.minAgeMinutes * 60_000) });
    const [rows, total] = await qb
      .orderBy('f.urgent', 'DESC')
      .addOrderBy('f.received_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items: await this.summaries(viewer, rows), total };
  }

  async history(viewer: CaseViewer, filingId: string) {
    const f = await this.loadVisible(viewer, filingId);
    const rows = await this.db.getRepository(FilingStatusChange).find({ where: { filingId: f.id }, order: { seq: 'ASC' } });
    const users = await this.users(rows.map((r) => r.actorUserId));
    const courtText = courtTextFor(viewer, await this.caseOf(f));
    return rows.map((r) => ({
      seq: r.seq,
      action: r.action,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      actor: r.actorUserId ? users(r.actorUserId) : null,
      reasonCode: r.reasonCode,
      note: r.note === null ? null : courtText(r.note),
      occurredAt: r.occurredAt.toISOString(),
    }));
  }

  /** Opens a document for a viewer the access rule allows; anyone else is told it does not exist. */
  async openDocument(viewer: CaseViewer, documentId: string): Promise<DocumentContent> {
    const doc = await this.db.getRepository(FilingDocument).findOne({ where: { id: documentId } });
    if (!doc) throw FilingErrors.documentNotFound();
    const f = await this.db.getRepository(Filing).findOneByOrFail({ id: doc.filingId });
    let facts: CaseFacts | null = null;
    let parties: Party[] = [];
    if (f.caseId) {
      const c = await this.db.getRepository(Case).findOneByOrFail({ id: f.caseId });
      parties = await this.db.getRepository(Party).find({ where: { caseId: c.id } });
      facts = { courtId: c.courtId, confidentiality: c.confidentiality, parties };
    }
    if (!canReadDocument(viewer, f, { confidentiality: doc.confidentiality, docketed: doc.docketEntryId !== null }, facts))
      throw FilingErrors.documentNotFound();
    const names = facts && viewer.userId !== f.filerUserId ? hiddenPartyNames(viewer, facts, parties) : [];
    const blob = await this.db.query(`SELECT storage_key FROM document_blobs WHERE sha256 = $1`, [doc.sha256]);
    const stream = await this.store.open(blob[0].storage_key);
    return { stream, fileName: maskProtectedNames(doc.fileName, names), sizeBytes: doc.sizeBytes, sha256: doc.sha256 };
  }

  /** A case's docket with its documents: only the entries the viewer may read, names masked for them. */
  async docket(viewer: CaseViewer, caseId: string): Promise<DocketView> {
    const { c, parties, facts } = await this.cases.loadVisible(viewer, caseId);
    const names = hiddenPartyNames(viewer, facts, parties);
    const mask = (t: string) => maskProtectedNames(t, names);
    const entries = numberDocketFor(viewer, facts, await this.db.getRepository(DocketEntry).find({ where: { caseId } }));
    const docs = entries.length
      ? await this.db
          .getRepository(FilingDocument)
          .find({ where: { docketEntryId: In(entries.map(({ entry }) => entry.id)) }, order: { position: 'ASC' } })
      : [];
    return {
      caseId: c.id,
      caseNumber: c.number,
      entries: entries.map(({ entry: e, seq }) => ({
        id: e.id,
        seq,
        entryType: e.entryType,
        summary: mask(e.summary),
        confidentiality: e.confidentiality,
        filedAt: e.filedAt.toISOString(),
        documents: docs
          .filter((d) => d.docketEntryId === e.id && canReadMaterial(viewer, facts, d.confidentiality))
          .map((d) => documentView(d, mask)),
      })),
    };
  }

  /** The entries of a case's docket the viewer may read, by id, with the number their docket shows. */
  private async docketNumbers(viewer: CaseViewer, facts: CaseFacts, caseId: string): Promise<Map<string, number>> {
    const entries = await this.db.getRepository(DocketEntry).find({ where: { caseId } });
    return new Map(numberDocketFor(viewer, facts, entries).map(({ entry, seq }) => [entry.id, seq]));
  }

  /** The filing's case with its parties, once it has one. */
  private async caseOf(f: Filing): Promise<CaseRecord | null> {
    const c = f.caseId ? await this.db.getRepository(Case).findOne({ where: { id: f.caseId } }) : null;
    if (!c) return null;
    const parties = await this.db.getRepository(Party).find({ where: { caseId: c.id } });
    return { c, parties, facts: { courtId: c.courtId, confidentiality: c.confidentiality, parties } };
  }

  private async summaries(viewer: CaseViewer, rows: readonly Filing[]): Promise<FilingSummaryView[]> {
    if (rows.length === 0) return [];
    const users = await this.users(rows.flatMap((r) => [r.filerUserId, r.claimedBy]));
    const counts: { filing_id: string; n: string }[] = await this.db.query(
      `SELECT filing_id, count(*) AS n FROM filing_documents WHERE filing_id = ANY($1) GROUP BY filing_id`,
      [rows.map((r) => r.id)],
    );
    const caseIds = rows.map((r) => r.caseId).filter((x): x is string => !!x);
    const cases = caseIds.length ? await this.db.getRepository(Case).find({ where: { id: In(caseIds) } }) : [];
    const now = this.clock.now();
    return rows.map((f) => {
      const live = isClaimLive(f, now);
      return {
        id: f.id,
        status: f.status,
        filingType: f.filingType,
        title: f.title,
        courtId: f.courtId,
        caseId: f.caseId,
        caseNumber: cases.find((c) => c.id === f.caseId)?.number ?? null,
        urgent: f.urgent,
        urgencyGrounds: f.urgencyGrounds,
        receivedAt: f.receivedAt.toISOString(),
        ageMinutes: Math.max(0, Math.floor((now.getTime() - f.receivedAt.getTime()) / 60_000)),
        documentCount: Number(counts.find((c) => c.filing_id === f.id)?.n ?? 0),
        filer: users(f.filerUserId),
        claim: live
          ? {
              claimedBy: users(f.claimedBy as string),
              expiresAt: (f.claimExpiresAt as Date).toISOString(),
              mine: f.claimedBy === viewer.userId,
            }
          : null,
      };
    });
  }

  private async users(ids: readonly (string | null)[]): Promise<(id: string) => { id: string; displayName: string }> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const rows = wanted.length ? await this.db.getRepository(User).find({ where: { id: In(wanted) } }) : [];
    return (id: string) => ({ id, displayName: rows.find((u) => u.id === id)?.displayName ?? 'Unknown' });
  }
}
