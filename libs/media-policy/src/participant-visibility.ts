import { PRESIDING_ROLES, type HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import { disclosedName, disclosedRole } from './identity-disclosure';
import { isLive, type PolicyParticipant, type PolicySnapshot } from './policy-snapshot';
import { indexSnapshot, type PolicyIndex } from './snapshot-check';
import { waitingTogether } from './special-measure-relations';

/**
 * One line of a participant list as one viewer may see it. Fields the viewer may not know are
 * absent, not blanked, so a client cannot tell what was held back.
 */
export interface ParticipantView {
  readonly id: string;
  /** The role the viewer may be told: a protected victim is a `witness` to the unentitled. */
  readonly role: HearingRole;
  /**
   * The name the viewer may be told (real or pseudonym), or null: describe this participant by
   * role only ("the judge").
   */
  readonly displayName: string | null;
  /** This line is the viewer themselves. */
  readonly self: boolean;
  readonly state?: ParticipantState;
  /** Only to the bench and to fellow members of the same consultation. */
  readonly consultationId?: string;
  readonly muted?: boolean;
  /** A request for the floor is addressed to the bench: only the bench and the asker see it. */
  readonly handRaised?: boolean;
  /** The bench stopped this camera and has not yet allowed it again: only the bench and the person see it. */
  readonly cameraHeld?: boolean;
  /**
   * Only to the bench: the live-link location a witness gives evidence from (remote witness room
   * order) — a shelter's address, or a witness suite in a named town, can lead to her.
   */
  readonly remoteLocation?: string;
}

export interface VisibilityChanges {
  /** Participants the viewer may now learn about and could not before. */
  readonly appeared: readonly ParticipantView[];
  /** Participants the viewer could and still can see, whose view changed. */
  readonly changed: readonly ParticipantView[];
  /** Ids the viewer knew and may no longer follow. */
  readonly disappeared: readonly string[];
}

/**
 * The participant list as `viewerId` may see it:
 * - the bench (judge, clerk) once in the room: everyone not removed, waiting room included, with
 *   states, consultations, raised hands and remote locations — they admit, send back and give
 *   the floor;
 * - anyone else in the room: the people inside the hearing (admitted or in consultation), with
 *   whether they are in consultation — absence from a courtroom is seen by all — but not with whom;
 * - the public gallery while evidence is heard in private: as from the waiting room;
 * - anyone outside the room (invited, waiting, disconnected): themselves, and the judge described
 *   by role. A witness waiting to testify must not learn who is in court, nor who else waits —
 *   except her supporter waiting with her, whom she is talking to;
 * - a removed participant: themselves only.
 * Names and roles are as the anonymity orders allow (see `nameFor`).
 */
export function visibleParticipants(snapshot: PolicySnapshot, viewerId: string): ParticipantView[] {
  const index = indexSnapshot(snapshot);
  const views: ParticipantView[] = [];
  for (const subjectId of index.participants.keys()) {
    const view = viewIndexed(index, viewerId, subjectId);
    if (view) views.push(view);
  }
  return views;
}

/** One line of visibleParticipants, or null when the viewer may not learn about the subject. */
export function viewParticipant(snapshot: PolicySnapshot, viewerId: string, subjectId: string): ParticipantView | null {
  return viewIndexed(indexSnapshot(snapshot), viewerId, subjectId);
}

/**
 * Whether an event about `subjectId` may be sent to `viewerId` at all. The gateway filters every
 * broadcast through this (and builds the payload from viewParticipant), so events never tell a
 * viewer more than their list does.
 */
export function mayLearnAbout(snapshot: PolicySnapshot, viewerId: string, subjectId: string): boolean {
  return viewIndexed(indexSnapshot(snapshot), viewerId, subjectId) !== null;
}

/**
 * The name `viewerId` may be shown for `subjectId`, or null when they may be shown none (they
 * may not learn about the subject, or know them by role only). The single way a name leaves this
 * library: a protected participant's real name only reaches those their order entitles, and the
 * name of the supporter beside her reaches nobody from whom she is concealed.
 */
export function nameFor(snapshot: PolicySnapshot, viewerId: string, subjectId: string): string | null {
  return viewIndexed(indexSnapshot(snapshot), viewerId, subjectId)?.displayName ?? null;
}

/**
 * What the gateway must tell `viewerId` after the hearing moved from `before` to `after`:
 * lines to add, lines to replace, ids to drop. Built from the same views, so the updates never
 * disclose more than a fresh list would.
 */
export function visibilityChanges(before: PolicySnapshot, after: PolicySnapshot, viewerId: string): VisibilityChanges {
  const previous = new Map(visibleParticipants(before, viewerId).map((view) => [view.id, view]));
  const current = visibleParticipants(after, viewerId);
  const currentIds = new Set(current.map((view) => view.id));
  return {
    appeared: current.filter((view) => !previous.has(view.id)),
    changed: current.filter((view) => {
      const earlier = previous.get(view.id);
      return earlier !== undefined && !sameView(earlier, view);
    }),
    disappeared: [...previous.keys()].filter((id) => !currentIds.has(id)),
  };
}

/**
 * Whether the court sits in private (an evidence-in-private order is in force), so the media node
 * can tell the public gallery why it receives nothing. Reads the order alone: on a snapshot with
 * other problems nothing flows to anybody anyway, and this says nothing about any participant.
 */
export function sittingInPrivate(snapshot: PolicySnapshot): boolean {
  return indexSnapshot(snapshot).evidenceInPrivate !== null;
}

export function viewIndexed(index: PolicyIndex, viewerId: string, subjectId: string): ParticipantView | null {
  if (index.broken) return null;
  const viewer = index.participants.get(viewerId);
  const subject = index.participants.get(subjectId);
  if (!viewer || !subject) return null;
  if (viewer.id === subject.id) return selfView(viewer);
  if (viewer.state === 'removed') return null;
  // Evidence in private: the public is excluded from the courtroom. The gallery stays connected,
  // to be readmitted when the order is lifted, but learns no more than the waiting room tells
  // anyone — that a judge will hear them. Who gives evidence in private is what the order
  // protects; this holds wherever the observer is, and whoever they came with.
  if (index.evidenceInPrivate && viewer.role === 'observer') return judgeByRole(subject);
  if (!isLive(viewer.state)) return antechamberView(index, viewer, subject);
  // A viewer whose whereabouts are in doubt might be in a consultation or in court: they are
  // told nothing about others until the record is put right.
  if (index.doubtful.has(viewer.id)) return null;
  if (subject.state === 'removed') return null;
  if (PRESIDING_ROLES.includes(viewer.role)) return benchView(index, viewer, subject);
  return roomView(index, viewer, subject);
}

function selfView(self: PolicyParticipant): ParticipantView {
  return {
    id: self.id,
    role: self.role,
    displayName: self.displayName,
    self: true,
    state: self.state,
    ...consultationOf(self),
    ...flags(self, true),
  };
}

/**
 * From the waiting room: only that a judge will hear them, never who, nor what is going on. A
 * witness and her supporter waiting together see each other: they are talking (decideMedia's
 * waiting-room rule), and each already knows who the other is.
 */
function antechamberView(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): ParticipantView | null {
  if (subject.state === 'removed') return null;
  if (waitingTogether(index, viewer, subject)) {
    return {
      id: subject.id,
      role: disclosedRole(index, viewer, subject),
      displayName: disclosedName(index, viewer, subject),
      self: false,
      state: subject.state,
      ...flags(subject, false),
    };
  }
  return judgeByRole(subject);
}

/** Only that a judge will hear them: the judge described by role, without name or state. */
function judgeByRole(subject: PolicyParticipant): ParticipantView | null {
  if (subject.role !== 'judge' || subject.state === 'removed') return null;
  return { id: subject.id, role: subject.role, displayName: null, self: false };
}

function benchView(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): ParticipantView {
  const remote = index.remoteRooms.get(subject.id);
  return {
    id: subject.id,
    role: disclosedRole(index, viewer, subject),
    displayName: disclosedName(index, viewer, subject),
    self: false,
    state: subject.state,
    ...consultationOf(subject),
    ...flags(subject, true),
    // The bench must know where a witness is to run the live link and judge what it shows.
    ...(remote ? { remoteLocation: remote.location } : {}),
  };
}

function roomView(index: PolicyIndex, viewer: PolicyParticipant, subject: PolicyParticipant): ParticipantView | null {
  if (!isLive(subject.state) || index.doubtful.has(subject.id)) return null;
  const together =
    viewer.state === 'in_consultation' && subject.state === 'in_consultation' && viewer.consultationId === subject.consultationId;
  return {
    id: subject.id,
    role: disclosedRole(index, viewer, subject),
    displayName: disclosedName(index, viewer, subject),
    self: false,
    state: subject.state,
    ...(together ? consultationOf(subject) : {}),
    ...flags(subject, false),
  };
}

function consultationOf(participant: PolicyParticipant): { consultationId?: string } {
  return participant.state === 'in_consultation' && typeof participant.consultationId === 'string'
    ? { consultationId: participant.consultationId }
    : {};
}

function flags(subject: PolicyParticipant, withHand: boolean): { muted?: boolean; handRaised?: boolean; cameraHeld?: boolean } {
  return {
    ...(subject.muted !== undefined ? { muted: subject.muted === true } : {}),
    ...(withHand && subject.handRaised !== undefined ? { handRaised: subject.handRaised === true } : {}),
    // Like a raised hand, a held camera is between the person and the bench that holds it.
    ...(withHand && subject.cameraHeld !== undefined ? { cameraHeld: subject.cameraHeld === true } : {}),
  };
}

function sameView(a: ParticipantView, b: ParticipantView): boolean {
  return (
    a.role === b.role &&
    a.displayName === b.displayName &&
    a.self === b.self &&
    a.state === b.state &&
    a.consultationId === b.consultationId &&
    a.muted === b.muted &&
    a.handRaised === b.handRaised &&
    a.cameraHeld === b.cameraHeld &&
    a.remoteLocation === b.remoteLocation
  );
}
