import { DomainError } from '@ejustice/platform';
import type { PlanAssignment } from '@ejustice/scheduling';
import { ROLES, type Role } from '@ejustice/vocabulary';
import type { ScheduleRunStatus } from '../contract/schedule-run.contract';
import {
  type Account,
  type CurrentListing,
  type HelperSeated,
  assertMayPublish,
  decidePublication,
  helperChanges,
  helpersOf,
  hearingTitle,
  reconcile,
  seatsFor,
} from './publication';

function refusal(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? `${error.kind}:${error.code}` : String(error);
  }
}

function assignment(over: Partial<PlanAssignment> = {}): PlanAssignment {
  return {
    case: 'c1',
    hearing: 0,
    part: 1,
    parts: 1,
    type: 'trial',
    session: 's1',
    date: '2027-03-01',
    start: '09:00',
    end: '10:00',
    judge: 'j1',
    room: 'r1',
    remote: false,
    interpreters: [],
    ...over,
  };
}

function listing(over: Partial<CurrentListing> = {}): CurrentListing {
  return { hearingId: 'h1', caseId: 'c1', needIndex: 0, part: 1, sessionId: 's1', start: '09:00', judgeId: 'j1', roomId: 'r1', ...over };
}

describe('assertMayPublish', () => {
  it.each(ROLES.map((r) => [r]))('%s of the court: only a clerk publishes', (role) => {
    expect(refusal(() => assertMayPublish({ courtId: 'own', roles: [role] }, 'own'))).toBe(
      role === 'clerk' ? null : 'forbidden:scheduling.publish_role_forbidden',
    );
  });

  it('refuses a clerk of another court', () => {
    expect(refusal(() => assertMayPublish({ courtId: 'own', roles: ['clerk'] }, 'other'))).toBe('forbidden:scheduling.other_court');
  });
});

describe('decidePublication', () => {
  const decide = (status: ScheduleRunStatus, publishKey: string | null, key: string | null) => {
    let outcome: string | null = null;
    const refused = refusal(() => {
      outcome = decidePublication({ status, publishKey }, key);
    });
    return refused ?? outcome;
  };

  it('publishes a draft, with or without a key', () => {
    expect(decide('done', null, null)).toBe('publish');
    expect(decide('done', null, 'key-12345')).toBe('publish');
  });

  it('answers the same publication asked again with the same key, and refuses any other', () => {
    expect(decide('published', 'key-12345', 'key-12345')).toBe('replay');
    expect(decide('published', 'key-12345', 'key-67890')).toBe('conflict:scheduling.run_already_published');
    expect(decide('published', 'key-12345', null)).toBe('conflict:scheduling.run_already_published');
    expect(decide('published', null, null)).toBe('conflict:scheduling.run_already_published');
  });

  it('refuses a superseded, unfinished or failed run with its own code', () => {
    expect(decide('superseded', 'key-12345', 'key-12345')).toBe('conflict:scheduling.run_superseded');
    expect(decide('queued', null, null)).toBe('conflict:scheduling.run_not_finished');
    expect(decide('running', null, null)).toBe('conflict:scheduling.run_not_finished');
    expect(decide('failed', null, null)).toBe('conflict:scheduling.run_failed');
  });
});

describe('reconcile', () => {
  it('creates every hearing at the first publication', () => {
    const sut = reconcile([assignment(), assignment({ case: 'c2' })], []);
    expect(sut.create).toHaveLength(2);
    expect([sut.keep, sut.move, sut.release]).toEqual([[], [], []]);
  });

  it('keeps a listing where it is, moves one placed elsewhere, creates a new one and releases one no longer listed', () => {
    const sut = reconcile(
      [
        assignment(),
        assignment({ case: 'c2', start: '11:00' }),
        assignment({ case: 'c3', judge: 'j2' }),
        assignment({ case: 'c4' }),
        assignment({ case: 'c1', hearing: 1, part: 2, parts: 2 }),
      ],
      [
        listing(),
        listing({ hearingId: 'h2', caseId: 'c2' }),
        listing({ hearingId: 'h3', caseId: 'c3' }),
        listing({ hearingId: 'h5', caseId: 'c5' }),
        listing({ hearingId: 'h6', caseId: 'c1', needIndex: 1, part: 1 }),
      ],
    );
    expect(sut.keep.map((k) => k.current.hearingId)).toEqual(['h1']);
    expect(sut.move.map((k) => k.current.hearingId)).toEqual(['h2', 'h3']);
    expect(sut.create.map((a) => `${a.case}/${a.hearing}/${a.part}`)).toEqual(['c4/0/1', 'c1/1/2']);
    expect(sut.release.map((r) => r.hearingId)).toEqual(['h5', 'h6']);
  });
});

describe('seatsFor', () => {
  const account = (id: string, roles: Role[], courtId = 'court'): Account => ({ id, roles, courtId, displayName: `Name ${id}` });
  const accounts = new Map(
    [
      account('judge', ['judge']),
      account('defence', ['counsel']),
      account('crown', ['prosecutor']),
      account('elsewhere', ['counsel'], 'other-court'),
      account('victim-self', ['party']),
    ].map((a) => [a.id, a]),
  );

  it('seats the judge, the parties in person, counsel by the party they act for, interpreters and supporters, each once', () => {
    const sut = seatsFor({
      courtId: 'court',
      judge: accounts.get('judge') as Account,
      parties: [
        { id: 'p1', partyRole: 'defendant', fullName: 'Omar Salim', userId: null, counselUserId: 'defence' },
        { id: 'p2', partyRole: 'victim', fullName: 'Amal Haddad', userId: 'victim-self', counselUserId: 'elsewhere' },
        { id: 'p3', partyRole: 'prosecution', fullName: 'The State', userId: null, counselUserId: 'crown' },
        { id: 'p4', partyRole: 'defendant', fullName: 'Second Defendant', userId: null, counselUserId: 'defence' },
        { id: 'p5', partyRole: 'plaintiff', fullName: 'A Plaintiff', userId: null, counselUserId: null },
      ],
      accounts,
      helpers: [
        { kind: 'interpreter', id: 'i-salem', name: 'Interpreter Salem', language: 'ar' },
        { kind: 'supporter', id: 's-idrissi', name: 'Intermediary Idrissi' },
      ],
    });
    expect(sut).toEqual([
      { hearingRole: 'judge', displayName: 'Name judge', userId: 'judge', partyId: null },
      { hearingRole: 'defendant', displayName: 'Omar Salim', userId: null, partyId: 'p1' },
      { hearingRole: 'victim', displayName: 'Amal Haddad', userId: 'victim-self', partyId: 'p2' },
      { hearingRole: 'defendant', displayName: 'Second Defendant', userId: null, partyId: 'p4' },
      { hearingRole: 'defence_counsel', displayName: 'Name defence', userId: 'defence', partyId: null },
      // Counsel of another court takes no seat; the prosecution's counsel is the prosecutor.
      { hearingRole: 'prosecutor', displayName: 'Name crown', userId: 'crown', partyId: null },
      // The court's own, by id: the next plan knows who sits here, and an interpreter's channel is their language.
      {
        hearingRole: 'interpreter',
        displayName: 'Interpreter Salem (ar)',
        userId: null,
        partyId: null,
        courtInterpreterId: 'i-salem',
        language: 'ar',
      },
      { hearingRole: 'supporter', displayName: 'Intermediary Idrissi', userId: null, partyId: null, courtSupporterId: 's-idrissi' },
    ]);
  });
});

describe('helpersOf and helperChanges', () => {
  const names = new Map([
    ['i-salem', 'Interpreter Salem'],
    ['i-nadia', 'Interpreter Nadia'],
    ['s-karim', 'Supporter Karim'],
  ]);
  const seated = (participantId: string, over: Partial<HelperSeated>): HelperSeated => ({
    participantId,
    courtInterpreterId: null,
    courtSupporterId: null,
    language: null,
    ...over,
  });

  it('names the interpreters (with their language), the intermediary and the supporter of a listing', () => {
    expect(
      helpersOf(
        assignment({ interpreters: [{ language: 'ar', interpreter: 'i-salem' }], intermediary: 's-karim', supporter: 's-x' }),
        names,
      ),
    ).toEqual([
      { kind: 'interpreter', id: 'i-salem', name: 'Interpreter Salem', language: 'ar' },
      { kind: 'supporter', id: 's-karim', name: 'Supporter Karim' },
      // A helper the court no longer names is seated by id rather than not at all.
      { kind: 'supporter', id: 's-x', name: 's-x' },
    ]);
  });

  it('changes nothing when the same people sit, and leaves alone seats not of the court’s helpers', () => {
    const helpers = helpersOf(assignment({ interpreters: [{ language: 'ar', interpreter: 'i-salem' }], supporter: 's-karim' }), names);
    const sut = helperChanges(helpers, [
      seated('p-salem', { courtInterpreterId: 'i-salem', language: 'ar' }),
      seated('p-karim', { courtSupporterId: 's-karim' }),
    ]);
    expect(sut).toEqual({ standDown: [], seat: [] });
  });

  it('stands down whom the plan replaced and seats who replaces them, an interpreter for another language included', () => {
    const helpers = helpersOf(
      assignment({
        interpreters: [
          { language: 'ar', interpreter: 'i-nadia' },
          { language: 'fr', interpreter: 'i-salem' },
        ],
      }),
      names,
    );
    const sut = helperChanges(helpers, [
      seated('p-salem', { courtInterpreterId: 'i-salem', language: 'ar' }),
      seated('p-karim', { courtSupporterId: 's-karim' }),
    ]);
    expect(sut.standDown).toEqual(['p-salem', 'p-karim']);
    expect(sut.seat).toEqual([
      { kind: 'interpreter', id: 'i-nadia', name: 'Interpreter Nadia', language: 'ar' },
      { kind: 'interpreter', id: 'i-salem', name: 'Interpreter Salem', language: 'fr' },
    ]);
  });
});

describe('hearingTitle', () => {
  it('names the type, the block and the case number, never a person', () => {
    expect(hearingTitle('case_management', 'TC-CR-2027-000001', 1, 1)).toBe('Case management: TC-CR-2027-000001');
    expect(hearingTitle('trial', 'TC-TIP-2027-000002', 2, 2)).toBe('Trial (part 2 of 2): TC-TIP-2027-000002');
  });
});
