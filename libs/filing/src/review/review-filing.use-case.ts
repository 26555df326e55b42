import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AddDocketEntry, OpenCase, type ProtectedName } from '@ejustice/cases';
import type { UserPrincipal } from '@ejustice/identity';
import { AuditLog, Clock, userActor } from '@ejustice/platform';
import { type FilingReviewEffect, type ReviewRequest, decideReview } from '../domain/filing-review';
import { FilingDocument } from '../entities/filing-document.entity';
import { FilingParty } from '../entities/filing-party.entity';
import { Filing } from '../entities/filing.entity';
import { NotificationEvent } from '../entities/notification.entities';
import { NotificationDispatcher } from '../notifications/filing-queue';
import { CourtPolicyService } from '../services/court-policy.service';
import { lockFiling, writeReviewEvents } from './filing-review-rows';

export type { DocumentDecision } from '../domain/filing-review';

export interface ReviewFilingCommand extends ReviewRequest {
  readonly clerk: UserPrincipal;
  readonly filingId: string;
}

/**
 * The clerk's decision on a claimed filing (ECF ReviewFilingCallback; `decideReview` holds the
 * rules), in one transaction with the case it opens, its docket entries, its status-history row,
 * the notification outbox row and, last, its audit event. The notification is queued after the
 * commit.
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
      const f = await lockFiling(m, cmd.filingId);
      const policy = await this.policies.forCourt(f.courtId, m);
      const documents = await m.getRepository(FilingDocument).find({ where: { filingId: f.id }, order: { position: 'ASC' } });
      const parties = f.opensCase ? await m.getRepository(FilingParty).find({ where: { filingId: f.id }, order: { position: 'ASC' } }) : [];
      const caseProtectedNames = f.caseId && !f.opensCase ? await protectedNamesOfCase(m, f.caseId) : [];
      const now = this.clock.now();
      const decision = decideReview({ reviewer: cmd.clerk, filing: f, documents, parties, caseProtectedNames, policy, request: cmd, now });
      if (!decision.ok) throw decision.error;

      const done = await this.run(m, cmd.clerk.userId, f, decision.effects, now);
      for (const d of decision.documents) {
        const docketEntryId = done.docketEntries.get(d.documentId);
        await m.update(
          FilingDocument,
          { id: d.documentId },
          { reviewStatus: d.reviewStatus, reasonCode: d.reasonCode, reasonNote: d.reasonNote, ...(docketEntryId ? { docketEntryId } : {}) },
        );
      }
      await m.update(Filing, { id: f.id }, { ...decision.changes, caseId: done.caseId });
      await writeReviewEvents(m, this.audit, { filing: f, caseId: done.caseId, actorUserId: cmd.clerk.userId, at: now }, decision.events);
      return { filing: await m.getRepository(Filing).findOneByOrFail({ id: f.id }), eventId: done.eventId };
    });
    this.logger.log(`execute() decided [filing:${filing.id}] [status:${filing.status}]`);
    if (eventId) await this.dispatcher.dispatch(eventId);
    return filing;
  }

  /** Runs the decision's effects in order: the case first, since the docket entries go into it. */
  private async run(
    m: EntityManager,
    clerkId: string,
    f: Filing,
    effects: readonly FilingReviewEffect[],
    now: Date,
  ): Promise<{ caseId: string | null; docketEntries: Map<string, string>; eventId: string | null }> {
    const actor = userActor(clerkId);
    const done = { caseId: f.caseId, docketEntries: new Map<string, string>(), eventId: null as string | null };
    for (const effect of effects) {
      switch (effect.type) {
        case 'openCase':
          done.caseId = (await this.openCase.execute(m, { ...effect.command, actor })).id;
          break;
        case 'addDocketEntry': {
          const { documentId, type: _type, ...entry } = effect;
          const created = await this.addDocketEntry.execute(m, { ...entry, caseId: done.caseId as string, actor });
          done.docketEntries.set(documentId, created.id);
          break;
        }
        case 'announce':
          done.eventId = (
            await m.save(m.create(NotificationEvent, { filingId: f.id, kind: effect.kind, createdAt: now, processedAt: null }))
          ).id;
          break;
        default:
          throw new Error(`unknown review effect ${JSON.stringify(effect satisfies never)}`);
      }
    }
    return done;
  }
}

/** The protected parties of a case, whose names its docket text shows only by pseudonym. */
async function protectedNamesOfCase(m: EntityManager, caseId: string): Promise<ProtectedName[]> {
  const rows: { full_name: string; pseudonym: string }[] = await m.query(
    `SELECT full_name, pseudonym FROM parties WHERE case_id = $1 AND is_protected`,
    [caseId],
  );
  return rows.map((r) => ({ fullName: r.full_name, pseudonym: r.pseudonym }));
}
