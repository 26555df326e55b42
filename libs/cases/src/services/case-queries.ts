import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { User } from '@ejustice/identity';
import { type CaseFacts, type CaseViewer, canSeeCase, isJudicialStaff, mayKnowIdentity } from '../domain/case-access';
import type { CaseDetailView, CaseListView, CaseSummaryView, PartyView } from '../contract/case-contract';
import { CaseErrors } from '../domain/case-errors';
import { UNNAMED_PSEUDONYM, hiddenPartyNames, maskProtectedNames } from '../domain/protected-names';
import { numberDocketFor } from '../domain/docket-numbering';
import { Case } from '../entities/case.entity';
import { DocketEntry } from '../entities/docket-entry.entity';
import { Party } from '../entities/party.entity';

/** `mask`: masks the protected names the viewer may not know in free text (the title). */
export function toSummary(c: Case, mask: (text: string) => string = (t) => t): CaseSummaryView {
  return {
    id: c.id,
    number: c.number,
    title: mask(c.title),
    caseType: c.caseType,
    status: c.status,
    confidentiality: c.confidentiality,
    urgent: c.urgent,
    openedAt: c.openedAt.toISOString(),
  };
}

/**
 * Projects a party for one viewer: the real name leaves the server only for those entitled to it,
 * and the linked accounts (with their counsel's name, from `counselNames`) only for the court's
 * judges and clerks (a judge authorising a sealed copy names one; a clerk seats counsel in a
 * hearing); for anyone else the fields are absent, not null.
 */
export function partyViewFor(viewer: CaseViewer, facts: CaseFacts, p: Party, counselNames: ReadonlyMap<string, string>): PartyView {
  const knows = mayKnowIdentity(viewer, facts, p);
  if (p.isProtected && !knows) {
    return { id: p.id, partyRole: p.partyRole, name: p.pseudonym ?? UNNAMED_PSEUDONYM, isProtected: true };
  }
  return {
    id: p.id,
    partyRole: p.partyRole,
    name: p.fullName,
    isProtected: p.isProtected,
    ...(p.isProtected && p.pseudonym ? { pseudonym: p.pseudonym } : {}),
    ...(isJudicialStaff(viewer, facts.courtId)
      ? {
          accountUserId: p.userId,
          counselUserId: p.counselUserId,
          counselName: p.counselUserId ? (counselNames.get(p.counselUserId) ?? null) : null,
        }
      : {}),
  };
}

function factsOf(c: Case, parties: readonly Party[]): CaseFacts {
  return { courtId: c.courtId, confidentiality: c.confidentiality, parties };
}

/** Free text of a case (its title, its docket text) as this viewer may read it: names they may not know masked. */
function maskerFor(viewer: CaseViewer, c: Case, parties: readonly Party[]): (text: string) => string {
  const names = hiddenPartyNames(viewer, factsOf(c, parties), parties);
  return (text) => maskProtectedNames(text, names);
}

@Injectable()
export class CaseQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The cases a viewer may know of, newest first. The SQL mirrors canSeeCase(). */
  async list(viewer: CaseViewer, page: { limit: number; offset: number }): Promise<CaseListView> {
    const qb = this.db.getRepository(Case).createQueryBuilder('c');
    const judicial = viewer.roles.some((r) => r === 'judge' || r === 'clerk');
    const observer = viewer.roles.includes('observer');
    qb.where(
      `(
        (:judicial AND c.court_id = :court)
        OR EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND (p.user_id = :uid OR p.counsel_user_id = :uid))
        OR (:observer AND c.court_id = :court AND c.confidentiality = 'public')
      )`,
      { judicial, observer, court: viewer.courtId, uid: viewer.userId },
    );
    const [rows, total] = await qb
      .orderBy('c.urgent', 'DESC')
      .addOrderBy('c.opened_at', 'DESC')
      .addOrderBy('c.number', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    const parties = rows.length ? await this.db.getRepository(Party).find({ where: { caseId: In(rows.map((c) => c.id)) } }) : [];
    const partiesOf = (c: Case) => parties.filter((p) => p.caseId === c.id);
    return { items: rows.map((c) => toSummary(c, maskerFor(viewer, c, partiesOf(c)))), total };
  }

  /** Loads a case and its parties, or says it does not exist when the viewer may not see it. */
  async loadVisible(viewer: CaseViewer, caseId: string): Promise<{ c: Case; parties: Party[]; facts: CaseFacts }> {
    const c = await this.db.getRepository(Case).findOne({ where: { id: caseId } });
    if (!c) throw CaseErrors.notFound();
    const parties = await this.db.getRepository(Party).find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const facts = factsOf(c, parties);
    if (!canSeeCase(viewer, facts)) throw CaseErrors.notFound();
    return { c, parties, facts };
  }

  async detail(viewer: CaseViewer, caseId: string): Promise<CaseDetailView> {
    const { c, parties, facts } = await this.loadVisible(viewer, caseId);
    const judge = c.assignedJudgeId ? await this.db.getRepository(User).findOne({ where: { id: c.assignedJudgeId } }) : null;
    const docket = await this.db.getRepository(DocketEntry).find({ where: { caseId }, order: { seq: 'ASC' } });
    const mask = maskerFor(viewer, c, parties);
    const counselIds = isJudicialStaff(viewer, facts.courtId) ? [...new Set(parties.flatMap((p) => p.counselUserId ?? []))] : [];
    const counsel = counselIds.length
      ? await this.db.getRepository(User).find({ where: { id: In(counselIds) }, select: { id: true, displayName: true } })
      : [];
    const counselNames = new Map(counsel.map((u) => [u.id, u.displayName]));
    return {
      ...toSummary(c, mask),
      assignedJudge: judge ? { id: judge.id, displayName: judge.displayName } : null,
      parties: parties.map((p) => partyViewFor(viewer, facts, p, counselNames)),
      docket: numberDocketFor(viewer, facts, docket).map(({ entry: d, seq }) => ({
        id: d.id,
        seq,
        entryType: d.entryType,
        summary: mask(d.summary),
        confidentiality: d.confidentiality,
        filedAt: d.filedAt.toISOString(),
      })),
    };
  }

  isJudicialStaff(viewer: CaseViewer, courtId: string): boolean {
    return isJudicialStaff(viewer, courtId);
  }
}
