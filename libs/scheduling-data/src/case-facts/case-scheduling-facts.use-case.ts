import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog, DomainError, userActor } from '@ejustice/platform';
import type { PartyRole } from '@ejustice/vocabulary';
import type {
  CaseHearingNeedFacts,
  CaseSchedulingFactsBody,
  CaseSchedulingFactsUpdate,
  CaseSchedulingFactsView,
  CaseSchedulingPersonFacts,
} from '../contract/case-scheduling-facts.contract';
import { SCHEDULING_ROLES, type SchedulingActor } from '../runs/schedule-run-permission';
import {
  type CaseSchedulingState,
  NO_SCHEDULING_FACTS,
  caseSchedulingVersion,
  comparePeople,
  decideSchedulingFactsUpdate,
} from './case-scheduling-facts';

const notFound = () => new DomainError('not_found', 'scheduling.case_not_found', 'There is no case with this id in your court.');

/** Permission first: the court's clerks and judges read a case's facts (its court is checked on load). */
function assertMayRead(actor: SchedulingActor): void {
  if (!actor.roles.some((r) => SCHEDULING_ROLES.includes(r))) {
    throw new DomainError(
      'forbidden',
      'scheduling.facts_role_forbidden',
      'Only the court’s clerks and judges may read a case’s scheduling facts.',
    );
  }
}

function assertMayMaintain(actor: SchedulingActor): void {
  if (!actor.roles.includes('clerk')) {
    throw new DomainError(
      'forbidden',
      'scheduling.facts_role_forbidden',
      'Only a clerk of the court may change a case’s scheduling facts; judges may read them.',
    );
  }
}

/**
 * A case's scheduling facts, kept by the court's clerks: what drives its priority and placement
 * (case_scheduling_facts), its victims and witnesses (case_scheduling_people, by party id and
 * key, never by name) and the hearings it still needs (case_hearing_needs), read and replaced as
 * a whole. Clerks and judges of the case's court read them; clerks write them, with the version
 * they read (optimistic concurrency under a row lock on the case), audited in the same
 * transaction. A case of another court is as absent as one that never was.
 */
@Injectable()
export class MaintainCaseSchedulingFacts {
  private readonly logger = new Logger(MaintainCaseSchedulingFacts.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async read(actor: SchedulingActor, caseId: string): Promise<CaseSchedulingFactsView> {
    assertMayRead(actor);
    return this.db.transaction('REPEATABLE READ', async (m) => {
      await this.caseOfCourt(m, caseId, actor.courtId, false);
      return view(caseId, await this.state(m, caseId));
    });
  }

  async update(
    actor: SchedulingActor & { readonly userId: string },
    caseId: string,
    update: CaseSchedulingFactsUpdate,
  ): Promise<CaseSchedulingFactsView> {
    assertMayMaintain(actor);
    const result = await this.db.transaction(async (m) => {
      // Locked: two clerks saving the same case's facts at once are taken one after the other,
      // so the second is checked against the first's version.
      await this.caseOfCourt(m, caseId, actor.courtId, true);
      const before = await this.state(m, caseId);
      const facts = decideSchedulingFactsUpdate(before, update);
      await this.write(m, caseId, facts);
      const after = await this.state(m, caseId);
      const version = caseSchedulingVersion(after.facts);
      await this.audit.record(m, {
        action: 'case.scheduling_facts_changed',
        actor: userActor(actor.userId),
        subject: { type: 'case', id: caseId },
        courtId: actor.courtId,
        caseId,
        // Counts and flags only: people are in the tables by key and party id, never named here.
        data: {
          previousVersion: update.version,
          version,
          inCustody: facts.inCustody,
          custodyLimit: facts.custodyLimit,
          interpreterLanguages: facts.interpreterLanguages,
          people: facts.people.length,
          hearings: facts.hearings.map((h) => h.type),
        },
      });
      return view(caseId, after);
    });
    this.logger.log(`update() saved [case:${caseId}] [version:${result.version}]`);
    return result;
  }

  private async caseOfCourt(m: EntityManager, caseId: string, courtId: string, lock: boolean): Promise<void> {
    const rows: { court_id: string }[] = await m.query(`SELECT court_id FROM cases WHERE id = $1${lock ? ' FOR NO KEY UPDATE' : ''}`, [
      caseId,
    ]);
    if (rows.length === 0 || rows[0].court_id !== courtId) throw notFound();
  }

  private async state(m: EntityManager, caseId: string): Promise<CaseSchedulingState> {
    const q = <T>(sql: string): Promise<T[]> => m.query(sql, [caseId]);
    const [facts] = await q<{
      offence: string | null;
      in_custody: boolean;
      custody_limit: string | null;
      interpreter_languages: string[];
      needs_intermediary: boolean;
      needs_supporter: boolean;
      needs_live_link: boolean;
      remote_allowed: boolean;
      judge_specialisms: string[];
    }>(
      `SELECT offence, in_custody, to_char(custody_limit, 'YYYY-MM-DD') AS custody_limit, interpreter_languages, needs_intermediary,
              needs_supporter, needs_live_link, remote_allowed, judge_specialisms
         FROM case_scheduling_facts WHERE case_id = $1`,
    );
    const people = await q<{
      role: CaseSchedulingPersonFacts['role'];
      party_id: string | null;
      person_key: string | null;
      is_child: boolean;
      is_vulnerable: boolean;
    }>(`SELECT role, party_id, person_key, is_child, is_vulnerable FROM case_scheduling_people WHERE case_id = $1`);
    const needs = await q<{ type: CaseHearingNeedFacts['type']; minutes: number; min_days: number | null }>(
      `SELECT hearing_type AS type, minutes, min_days_after_previous AS min_days FROM case_hearing_needs WHERE case_id = $1 ORDER BY seq`,
    );
    const published = await q<{ need_index: number }>(`SELECT DISTINCT need_index FROM published_hearings WHERE case_id = $1`);
    const parties = await q<{ id: string; party_role: PartyRole; full_name: string }>(
      `SELECT id, party_role, full_name FROM parties WHERE case_id = $1`,
    );
    const body: CaseSchedulingFactsBody = {
      ...(facts
        ? {
            offence: facts.offence,
            inCustody: facts.in_custody,
            custodyLimit: facts.custody_limit,
            interpreterLanguages: facts.interpreter_languages,
            needsIntermediary: facts.needs_intermediary,
            needsSupporter: facts.needs_supporter,
            needsLiveLink: facts.needs_live_link,
            remoteAllowed: facts.remote_allowed,
            judgeSpecialisms: facts.judge_specialisms,
          }
        : NO_SCHEDULING_FACTS),
      people: people
        .map((p) => ({ role: p.role, partyId: p.party_id, personKey: p.person_key, child: p.is_child, vulnerable: p.is_vulnerable }))
        .sort(comparePeople),
      hearings: needs.map((n) => ({ type: n.type, minutes: n.minutes, minDaysAfterPrevious: n.min_days })),
    };
    return {
      facts: body,
      publishedNeeds: published.map((p) => p.need_index),
      parties: parties.map((p) => ({ id: p.id, partyRole: p.party_role, fullName: p.full_name })),
    };
  }

  /** Replaces the case's facts, people and hearings needed with `facts`. */
  private async write(m: EntityManager, caseId: string, facts: CaseSchedulingFactsBody): Promise<void> {
    await m.query(
      `INSERT INTO case_scheduling_facts (case_id, offence, in_custody, custody_limit, interpreter_languages, needs_intermediary,
                                          needs_supporter, needs_live_link, remote_allowed, judge_specialisms, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (case_id) DO UPDATE SET offence = EXCLUDED.offence, in_custody = EXCLUDED.in_custody,
         custody_limit = EXCLUDED.custody_limit, interpreter_languages = EXCLUDED.interpreter_languages,
         needs_intermediary = EXCLUDED.needs_intermediary, needs_supporter = EXCLUDED.needs_supporter,
         needs_live_link = EXCLUDED.needs_live_link, remote_allowed = EXCLUDED.remote_allowed,
         judge_specialisms = EXCLUDED.judge_specialisms, updated_at = now()`,
      [
        caseId,
        facts.offence,
        facts.inCustody,
        facts.custodyLimit,
        facts.interpreterLanguages,
        facts.needsIntermediary,
        facts.needsSupporter,
        facts.needsLiveLink,
        facts.remoteAllowed,
        facts.judgeSpecialisms,
      ],
    );
    await m.query(`DELETE FROM case_scheduling_people WHERE case_id = $1`, [caseId]);
    for (const p of facts.people) {
      await m.query(
        `INSERT INTO case_scheduling_people (case_id, role, person_key, party_id, is_child, is_vulnerable) VALUES ($1, $2, $3, $4, $5, $6)`,
        [caseId, p.role, p.personKey, p.partyId, p.child, p.vulnerable],
      );
    }
    await m.query(`DELETE FROM case_hearing_needs WHERE case_id = $1`, [caseId]);
    for (const [i, h] of facts.hearings.entries()) {
      await m.query(
        `INSERT INTO case_hearing_needs (case_id, seq, hearing_type, minutes, min_days_after_previous) VALUES ($1, $2, $3, $4, $5)`,
        [caseId, i + 1, h.type, h.minutes, h.minDaysAfterPrevious],
      );
    }
  }
}

function view(caseId: string, state: CaseSchedulingState): CaseSchedulingFactsView {
  const published = new Set(state.publishedNeeds);
  return {
    caseId,
    version: caseSchedulingVersion(state.facts),
    ...state.facts,
    hearings: state.facts.hearings.map((h, i) => ({ ...h, published: published.has(i) })),
  };
}
