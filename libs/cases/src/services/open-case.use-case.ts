import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, AuditLog } from '@ejustice/platform';
import { Court } from '@ejustice/identity';
import type { CaseType, Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';
import { Case } from '../entities/case.entity';
import { DocketEntry } from '../entities/docket-entry.entity';
import { Party } from '../entities/party.entity';
import { allocateCaseNumber, yearIn } from './case-numbering';

export interface OpenCaseCommand {
  readonly courtId: string;
  readonly caseType: CaseType;
  readonly title: string;
  readonly confidentiality: Confidentiality;
  readonly urgent: boolean;
  readonly assignedJudgeId: string | null;
  readonly openedAt: Date;
  readonly parties: readonly {
    readonly partyRole: PartyRole;
    readonly fullName: string;
    readonly isProtected: boolean;
    readonly pseudonym: string | null;
    readonly userId: string | null;
    readonly counselUserId: string | null;
  }[];
  readonly actor: Actor;
}

/**
 * Opens a case: gives it the next number of its court, type and year, records its parties,
 * and writes the audit event, all in the caller's transaction (acceptance of an opening
 * filing calls this inside its own).
 */
@Injectable()
export class OpenCase {
  constructor(private readonly audit: AuditLog) {}

  async execute(m: EntityManager, cmd: OpenCaseCommand): Promise<Case> {
    const court = await m.getRepository(Court).findOneByOrFail({ id: cmd.courtId });
    const number = await allocateCaseNumber(m, court, cmd.caseType, yearIn(cmd.openedAt, court.timeZone));
    const c = await m.save(
      m.create(Case, {
        courtId: court.id,
        number,
        caseType: cmd.caseType,
        title: cmd.title,
        status: 'active',
        confidentiality: cmd.confidentiality,
        urgent: cmd.urgent,
        assignedJudgeId: cmd.assignedJudgeId,
        openedAt: cmd.openedAt,
        disposedAt: null,
      }),
    );
    if (cmd.parties.length > 0) {
      await m.insert(
        Party,
        cmd.parties.map((p) => ({ ...p, caseId: c.id })),
      );
    }
    await this.audit.record(m, {
      action: 'case.opened',
      actor: cmd.actor,
      subject: { type: 'case', id: c.id },
      courtId: court.id,
      caseId: c.id,
      // Party names are deliberately left out: the audit trail must not carry protected identities.
      data: { number, caseType: cmd.caseType, confidentiality: cmd.confidentiality, parties: cmd.parties.length },
    });
    return c;
  }
}

/** Appends an entry to a case's docket with the next sequence number of that case. */
@Injectable()
export class AddDocketEntry {
  constructor(private readonly audit: AuditLog) {}

  async execute(
    m: EntityManager,
    cmd: {
      caseId: string;
      entryType: string;
      summary: string;
      confidentiality: Confidentiality;
      filedAt: Date;
      enteredBy: string | null;
      actor: Actor;
    },
  ): Promise<DocketEntry> {
    // The case row lock queues concurrent entries on one case, so `seq` has no gaps or twins.
    const c = await m.getRepository(Case).findOneOrFail({ where: { id: cmd.caseId }, lock: { mode: 'pessimistic_write' } });
    const [{ next }]: { next: number }[] = await m.query(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM docket_entries WHERE case_id = $1',
      [c.id],
    );
    const entry = await m.save(
      m.create(DocketEntry, {
        caseId: c.id,
        seq: next,
        entryType: cmd.entryType,
        summary: cmd.summary,
        confidentiality: cmd.confidentiality,
        filedAt: cmd.filedAt,
        enteredBy: cmd.enteredBy,
      }),
    );
    await this.audit.record(m, {
      action: 'docket.entry_added',
      actor: cmd.actor,
      subject: { type: 'docket_entry', id: entry.id },
      courtId: c.courtId,
      caseId: c.id,
      data: { seq: entry.seq, entryType: entry.entryType, confidentiality: entry.confidentiality },
    });
    return entry;
  }
}
