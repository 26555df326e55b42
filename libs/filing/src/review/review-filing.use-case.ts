import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AddDocketEntry, OpenCase, maskProtectedNames } from '@ejustice/cases';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, userActor } from '@ejustice/platform';
import { type CourtFilingPolicy, reasonAllowed } from '../domain/court-policy';
import { FilingErrors } from '../domain/filing-errors';
import { type FilingStatus, OPEN_FILING_STATUSES, type ReviewAction } from '../domain/filing-type';
import { FilingDocument } from '../entities/filing-document.entity';
import { FilingParty } from '../entities/filing-party.entity';
import { Filing } from '../entities/filing.entity';
import { NotificationEvent, type NotificationKind } from '../entities/notification.entities';
import { NotificationDispatcher } from '../notifications/filing-queue';
import { CourtPolicyService } from '../services/court-policy.service';
import { appendHistory, lockFiling } from './claim-filing.use-case';

export interface DocumentDecision {
  readonly documentId: string;
  readonly decision: 'accept' | 'reject';
  readonly reasonCode: string | null;
  readonly note: string | null;
}

export interface ReviewFilingCommand {
  readonly clerk: UserPrincipal;
  readonly filingId: string;
  readonly action: ReviewAction;
  readonly documents: readonly DocumentDecision[];
  readonly reasonCode: string | null;
  readonly note: string | null;
}

/**
 * The clerk's decision on a claimed filing (ECF ReviewFilingCallback), in one transaction with its
 * audit events, a status-history row and the notification outbox row:
 * - accept: each document accepted or rejected (the lead must be accepted); an opening filing
 *   opens its case (OpenCase: the next gapless number of court, type and year); every accepted
 *   document becomes a docket entry with the next sequence of the case;
 * - reject: the whole filing, with a reason from the court's list;
 * - return: sent back to the filer for correction, with a reason.
 */
@Injectable()
export class ReviewFiling {
  private readonly logger = new Logger(ReviewFiling.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: CourtPolicyService,
    private readonly openCase: OpenCase,
    private readonly addDocketEntry: AddDocketEntry,
    private readonly dispatcher: NotificationDispatcher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: ReviewFilingCommand): Promise<Filing> {
    const { filing, eventId } = await this.db.transaction(async (m) => {
      const f = await lockFiling(m, cmd.clerk, cmd.filingId);
      if (!OPEN_FILING_STATUSES.includes(f.status)) throw FilingErrors.notOpen(f.status);
      const now = this.clock.now();
      if (f.claimedBy !== cmd.clerk.userId || !f.claimExpiresAt || f.claimExpiresAt <= now) throw FilingErrors.notClaimed();
      const policy = await this.policies.forCourt(f.courtId, m);
      const docs = await m.getRepository(FilingDocument).find({ where: { filingId: f.id }, order: { position: 'ASC' } });

      let outcome: Exclude<FilingStatus, 'submitted' | 'under_review'>;
      if (cmd.action === 'accept') {
        outcome = await this.accept(m, cmd, f, docs, policy, now);
      } else {
        outcome = await this.refuse(m, cmd, f, docs, policy);
      }
      await m.update(
        Filing,
        { id: f.id },
        {
          status: outcome,
          claimedBy: null,
          claimExpiresAt: null,
          decidedBy: cmd.clerk.userId,
          decidedAt: now,
          reasonCode: cmd.action === 'accept' ? null : cmd.reasonCode,
          reasonNote: cmd.note,
          caseId: f.caseId,
        },
      );
      await appendHistory(m, {
        filingId: f.id,
        action: outcome,
        fromStatus: f.status,
        toStatus: outcome,
        actorUserId: cmd.clerk.userId,
        reasonCode: cmd.action === 'accept' ? null : cmd.reasonCode,
        note: cmd.note,
        at: now,
      });
      const event = await m.save(
        m.create(NotificationEvent, { filingId: f.id, kind: `filing.${outcome}` as NotificationKind, createdAt: now, processedAt: null }),
      );
      await this.audit.record(m, {
        action: `filing.${outcome}`,
        actor: userActor(cmd.clerk.userId),
        subject: { type: 'filing', id: f.id },
        courtId: f.courtId,
        caseId: f.caseId,
        data: {
          reasonCode: cmd.action === 'accept' ? null : cmd.reasonCode,
          documents: docs.map((d) => ({
            id: d.id,
            sha256: d.sha256,
            decision: cmd.action === 'return' ? 'returned' : this.decisionFor(cmd, d),
          })),
        },
      });
      return { filing: await m.getRepository(Filing).findOneByOrFail({ id: f.id }), eventId: event.id };
    });
    this.logger.log(`execute() decided [filing:${filing.id}] [status:${filing.status}]`);
    await this.dispatcher.dispatch(eventId);
    return filing;
  }

  private decisionFor(cmd: ReviewFilingCommand, d: FilingDocument): 'accept' | 'reject' {
    if (cmd.action === 'reject') return 'reject';
    return cmd.documents.find((x) => x.documentId === d.id)?.decision ?? 'reject';
  }

  private async refuse(
    m: EntityManager,
    cmd: ReviewFilingCommand,
    f: Filing,
    docs: FilingDocument[],
    policy: CourtFilingPolicy,
  ): Promise<'rejected' | 'returned'> {
    const action = cmd.action as 'reject' | 'return';
    if (!cmd.reasonCode) throw FilingErrors.reasonRequired();
    if (!reasonAllowed(policy, cmd.reasonCode, action)) throw FilingErrors.unknownReason(cmd.reasonCode);
    if (action === 'reject') {
      for (const d of docs)
        await m.update(FilingDocument, { id: d.id }, { reviewStatus: 'rejected', reasonCode: cmd.reasonCode, reasonNote: cmd.note });
      return 'rejected';
    }
    void f;
    return 'returned';
  }

  private async accept(
    m: EntityManager,
    cmd: ReviewFilingCommand,
    f: Filing,
    docs: FilingDocument[],
    policy: CourtFilingPolicy,
    now: Date,
  ): Promise<'accepted' | 'partially_accepted'> {
    const ids = new Set(cmd.documents.map((d) => d.documentId));
    if (ids.size !== cmd.documents.length || ids.size !== docs.length || docs.some((d) => !ids.has(d.id)))
      throw FilingErrors.documentDecisionsIncomplete();
    for (const d of cmd.documents) {
      if (d.decision === 'reject') {
        if (!d.reasonCode) throw FilingErrors.reasonRequired();
        if (!reasonAllowed(policy, d.reasonCode, 'reject')) throw FilingErrors.unknownReason(d.reasonCode);
      }
    }
    const decision = (doc: FilingDocument) => cmd.documents.find((d) => d.documentId === doc.id) as DocumentDecision;
    if (decision(docs[0]).decision !== 'accept') {
      throw docs.some((d) => decision(d).decision === 'accept')
        ? FilingErrors.leadRejectedAttachmentAccepted()
        : FilingErrors.nothingAccepted();
    }

    const actor = userActor(cmd.clerk.userId);
    // Docket text and the case title are public record: a protected person appears in them only
    // by pseudonym, whatever the filer typed.
    let names: { fullName: string; pseudonym: string }[];
    if (f.opensCase) {
      const parties = await m.getRepository(FilingParty).find({ where: { filingId: f.id }, order: { position: 'ASC' } });
      names = parties.filter((p) => p.isProtected).map((p) => ({ fullName: p.fullName, pseudonym: p.pseudonym as string }));
      const c = await this.openCase.execute(m, {
        courtId: f.courtId,
        caseType: f.newCaseType!,
        title: maskProtectedNames(f.newCaseTitle!, names).slice(0, 300),
        confidentiality: f.newCaseConfidentiality!,
        urgent: f.urgent,
        assignedJudgeId: null,
        openedAt: now,
        parties: parties.map((p) => ({
          partyRole: p.partyRole,
          fullName: p.fullName,
          isProtected: p.isProtected,
          pseudonym: p.pseudonym,
          userId: p.isFiler ? f.filerUserId : null,
          counselUserId: p.representedByFiler ? f.filerUserId : null,
        })),
        actor,
      });
      f.caseId = c.id;
    } else {
      const rows: { full_name: string; pseudonym: string }[] = await m.query(
        `SELECT full_name, pseudonym FROM parties WHERE case_id = $1 AND is_protected`,
        [f.caseId],
      );
      names = rows.map((r) => ({ fullName: r.full_name, pseudonym: r.pseudonym }));
    }

    let rejected = 0;
    for (const d of docs) {
      const dd = decision(d);
      if (dd.decision === 'reject') {
        rejected += 1;
        await m.update(FilingDocument, { id: d.id }, { reviewStatus: 'rejected', reasonCode: dd.reasonCode, reasonNote: dd.note });
        continue;
      }
      const summary = d.position === 0 ? `${f.title} — ${d.title}` : `Attachment ${d.position} to ${f.title} — ${d.title}`;
      const entry = await this.addDocketEntry.execute(m, {
        caseId: f.caseId as string,
        entryType: d.position === 0 ? f.filingType : 'attachment',
        summary: maskProtectedNames(summary, names).slice(0, 2000),
        confidentiality: d.confidentiality,
        filedAt: f.receivedAt,
        enteredBy: cmd.clerk.userId,
        actor,
      });
      await m.update(
        FilingDocument,
        { id: d.id },
        { reviewStatus: 'accepted', reasonCode: null, reasonNote: dd.note, docketEntryId: entry.id },
      );
    }
    return rejected === 0 ? 'accepted' : 'partially_accepted';
  }
}
