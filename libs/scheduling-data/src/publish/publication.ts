import { DomainError } from '@ejustice/platform';
import { type PlanAssignment, type PlanViolation, type ScheduleInstance, type SchedulePlan, checkPlan } from '@ejustice/scheduling';
import { type HearingRole, PARTY_SEATS, type PartyRole, type Role, counselSeatFor, interpreterSeatName } from '@ejustice/vocabulary';
import type { ScheduleRunStatus } from '../contract/schedule-run.contract';
import type { SchedulingActor } from '../runs/schedule-run-permission';

/*
 * Publishing a draft timetable, as pure decisions: who may, which runs may be published, what
 * becomes of each hearing of the timetable published before, and who sits in a new hearing.
 * PublishScheduleRun loads, locks, writes and audits.
 */

/**
 * Only a clerk of the court publishes: publishing lists hearings and summons people, the
 * registry's act. A judge may ask for drafts and read them, but not publish them.
 */
export function assertMayPublish(actor: SchedulingActor, courtId: string): void {
  if (!actor.roles.includes('clerk')) {
    throw new DomainError(
      'forbidden',
      'scheduling.publish_role_forbidden',
      'Only a clerk of the court may publish a timetable; ask the registry to publish this draft.',
    );
  }
  if (actor.courtId !== courtId) {
    throw new DomainError('forbidden', 'scheduling.other_court', 'You may plan only for your own court; ask a clerk of that court.');
  }
}

/**
 * Whether the run may be published now: a draft (done) may; the very same publication asked
 * again (same Idempotency-Key) is answered as before (`replay`); anything else is refused with a
 * sentence saying why.
 */
export function decidePublication(
  run: { readonly status: ScheduleRunStatus; readonly publishKey: string | null },
  idempotencyKey: string | null,
): 'publish' | 'replay' {
  switch (run.status) {
    case 'done':
      return 'publish';
    case 'published':
      if (idempotencyKey !== null && run.publishKey === idempotencyKey) return 'replay';
      throw new DomainError(
        'conflict',
        'scheduling.run_already_published',
        'This timetable is already published. To change it, run the scheduler again and publish the new draft.',
      );
    case 'superseded':
      throw new DomainError(
        'conflict',
        'scheduling.run_superseded',
        'A later timetable has replaced this one; it cannot be published again. Run the scheduler again for a new draft.',
      );
    case 'queued':
    case 'running':
      throw new DomainError('conflict', 'scheduling.run_not_finished', 'This run has not finished; publish it once it is done.');
    case 'failed':
      throw new DomainError(
        'conflict',
        'scheduling.run_failed',
        'This run failed and has no timetable to publish; run the scheduler again.',
      );
  }
}

/** A hearing of the timetable published now, where the plan put it. */
export interface CurrentListing {
  readonly hearingId: string;
  readonly caseId: string;
  readonly needIndex: number;
  readonly part: number;
  readonly sessionId: string;
  readonly start: string;
  readonly judgeId: string;
  readonly roomId: string;
}

export interface Reconciliation {
  /** Listings new to the timetable: a hearing is created for each. */
  readonly create: readonly PlanAssignment[];
  /** Listings exactly where the published timetable has them: the hearing stays as it is. */
  readonly keep: readonly { readonly assignment: PlanAssignment; readonly current: CurrentListing }[];
  /** Listings the published timetable has elsewhere (session, time, judge or room): the hearing moves. */
  readonly move: readonly { readonly assignment: PlanAssignment; readonly current: CurrentListing }[];
  /** Hearings of the published timetable the draft no longer lists: adjourned. */
  readonly release: readonly CurrentListing[];
}

const listingKey = (caseId: string, needIndex: number, part: number) => `${caseId}/${needIndex}/${part}`;

/**
 * What publishing the draft does to the timetable published now. A hearing is the same listing
 * when it is the same case's same hearing needed (and block); the first publication creates
 * every hearing, a re-plan keeps what it did not move.
 */
export function reconcile(assignments: readonly PlanAssignment[], current: readonly CurrentListing[]): Reconciliation {
  const byKey = new Map(current.map((c) => [listingKey(c.caseId, c.needIndex, c.part), c]));
  const create: PlanAssignment[] = [];
  const keep: { assignment: PlanAssignment; current: CurrentListing }[] = [];
  const move: { assignment: PlanAssignment; current: CurrentListing }[] = [];
  for (const assignment of assignments) {
    const key = listingKey(assignment.case, assignment.hearing, assignment.part);
    const listed = byKey.get(key);
    if (!listed) {
      create.push(assignment);
      continue;
    }
    byKey.delete(key);
    const same =
      listed.sessionId === assignment.session &&
      listed.start === assignment.start &&
      listed.judgeId === assignment.judge &&
      listed.roomId === assignment.room;
    (same ? keep : move).push({ assignment, current: listed });
  }
  return { create, keep, move, release: [...byKey.values()] };
}

/**
 * What the court's data of today says against the draft a clerk publishes: the hard constraints
 * its listings break now (leave entered, a sitting changed or removed, a room closed since it
 * was made), by the independent checker on the whole draft. A listing kept where the timetable
 * has it whose hearing is already under way is not judged again (it is being heard, or was):
 * what it breaks alone is left out, as checkMove leaves out what a plan broke before a move;
 * what another listing breaks against it still counts.
 */
export function draftViolations(
  instance: ScheduleInstance,
  plan: Pick<SchedulePlan, 'format' | 'assignments'>,
  underWay: readonly PlanAssignment[],
): PlanViolation[] {
  const violations = checkPlan(instance, plan).violations;
  if (underWay.length === 0) return [...violations];
  const key = (v: PlanViolation) => `${v.constraint}\u0000${v.message}`;
  const theirs = new Set(checkPlan(instance, { format: plan.format, assignments: underWay }).violations.map(key));
  return violations.filter((v) => !theirs.has(key(v)));
}

export interface CaseParty {
  readonly id: string;
  readonly partyRole: PartyRole;
  readonly fullName: string;
  readonly userId: string | null;
  readonly counselUserId: string | null;
}

export interface Account {
  readonly id: string;
  readonly courtId: string;
  readonly roles: readonly Role[];
  readonly displayName: string;
}

export interface Seat {
  readonly hearingRole: HearingRole;
  readonly displayName: string;
  readonly userId: string | null;
  readonly partyId: string | null;
  /** One of the court's interpreters, with the language they interpret, or one of its supporters (intermediaries too). */
  readonly courtInterpreterId?: string;
  readonly language?: string;
  readonly courtSupporterId?: string;
}

/** An interpreter or supporter (an intermediary too) of the court, as a plan assigns them. */
export type Helper =
  | { readonly kind: 'interpreter'; readonly id: string; readonly name: string; readonly language: string }
  | { readonly kind: 'supporter'; readonly id: string; readonly name: string };

/** The seat of one of the court's interpreters or supporters, named as the court knows them. */
export function helperSeat(helper: Helper): Seat {
  return helper.kind === 'interpreter'
    ? {
        hearingRole: 'interpreter',
        displayName: interpreterSeatName(helper.name, helper.language),
        userId: null,
        partyId: null,
        courtInterpreterId: helper.id,
        language: helper.language,
      }
    : { hearingRole: 'supporter', displayName: helper.name, userId: null, partyId: null, courtSupporterId: helper.id };
}

/** The interpreters and supporters a listing of the plan needs, with the names the court has for them. */
export function helpersOf(assignment: PlanAssignment, names: ReadonlyMap<string, string>): Helper[] {
  return [
    ...assignment.interpreters.map((i): Helper => ({
      kind: 'interpreter',
      id: i.interpreter,
      name: names.get(i.interpreter) ?? i.interpreter,
      language: i.language,
    })),
    ...[assignment.intermediary, assignment.supporter]
      .filter((id): id is string => id !== undefined)
      .map((id): Helper => ({ kind: 'supporter', id, name: names.get(id) ?? id })),
  ];
}

/** A seat of the court's interpreter or supporter in a hearing already listed. */
export interface HelperSeated {
  readonly participantId: string;
  readonly courtInterpreterId: string | null;
  readonly courtSupporterId: string | null;
  readonly language: string | null;
}

/**
 * Who changes among a listed hearing's interpreters and supporters when the plan keeps or moves
 * it: the seats of those it no longer has are stood down, those it has now and who do not sit
 * yet (or an interpreter now for another language) are seated. The plan decides for every seat
 * naming one of the court's interpreters or supporters, one seated by hand included; a seat
 * naming none of them (seated by name only) is not the plan's to change.
 */
export function helperChanges(
  helpers: readonly Helper[],
  seated: readonly HelperSeated[],
): { readonly standDown: readonly string[]; readonly seat: readonly Helper[] } {
  const sits = (h: Helper, s: HelperSeated) =>
    h.kind === 'interpreter' ? s.courtInterpreterId === h.id && s.language === h.language : s.courtSupporterId === h.id;
  return {
    standDown: seated.filter((s) => !helpers.some((h) => sits(h, s))).map((s) => s.participantId),
    seat: helpers.filter((h) => !seated.some((s) => sits(h, s))),
  };
}

/**
 * Counsel's hearing role by the party they act for (counselSeatFor), when their account holds the
 * role it needs; a prosecutor acting for another party sits as the prosecutor.
 */
function counselRole(party: PartyRole, account: Account): HearingRole | null {
  const seat = counselSeatFor(party);
  if (account.roles.includes(seat === 'prosecutor' ? 'prosecutor' : 'counsel')) return seat;
  return account.roles.includes('prosecutor') ? 'prosecutor' : null;
}

/**
 * Who sits in a hearing the timetable creates: the presiding judge, the parties the case names
 * that sit in person (defendant, victim, witness; with their account when it is one of the
 * court's), counsel by the party they act for (an account holding the matching role, of the
 * court), and the interpreters and supporters the plan assigned (by id). Everyone once: an account
 * acting for two parties takes one seat. The seating rules of AddHearingParticipant hold: the
 * bench only with an account, an account only of the hearing's court and in a role it holds.
 */
export function seatsFor(input: {
  readonly courtId: string;
  readonly judge: Account;
  readonly parties: readonly CaseParty[];
  readonly accounts: ReadonlyMap<string, Account>;
  readonly helpers: readonly Helper[];
}): Seat[] {
  const seats: Seat[] = [{ hearingRole: 'judge', displayName: input.judge.displayName, userId: input.judge.id, partyId: null }];
  const seated = new Set<string>([input.judge.id]);
  const ofCourt = (userId: string | null): Account | null => {
    const account = userId ? input.accounts.get(userId) : undefined;
    return account && account.courtId === input.courtId && !seated.has(account.id) ? account : null;
  };
  for (const party of input.parties) {
    const role = PARTY_SEATS[party.partyRole];
    if (!role) continue;
    const account = ofCourt(party.userId);
    if (account) seated.add(account.id);
    seats.push({ hearingRole: role, displayName: party.fullName, userId: account?.id ?? null, partyId: party.id });
  }
  for (const party of input.parties) {
    const account = ofCourt(party.counselUserId);
    if (!account) continue;
    const role = counselRole(party.partyRole, account);
    if (!role) continue;
    seated.add(account.id);
    seats.push({ hearingRole: role, displayName: account.displayName, userId: account.id, partyId: null });
  }
  for (const helper of input.helpers) seats.push(helperSeat(helper));
  return seats;
}

/** "Trial", "Case management (part 1 of 2)": the hearing type in words. */
export function hearingName(type: string, part = 1, parts = 1): string {
  const words = type.replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase() + words.slice(1)}${parts > 1 ? ` (part ${part} of ${parts})` : ''}`;
}

/** "Trial: CR-2027-0001": the hearing type as a title's first words. */
export function hearingTitle(type: string, caseNumber: string, part: number, parts: number): string {
  return `${hearingName(type, part, parts)}: ${caseNumber}`;
}
