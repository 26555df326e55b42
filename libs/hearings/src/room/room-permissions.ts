import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';

/**
 * Who may do what in a live hearing room: a pure table, asked before every signalling message
 * that acts on the room. Media routing is not here: who may send and receive which media is the
 * media policy's (`mayProduce`, `decideMedia`), asked by the media node on top of this.
 */
export const ROOM_ACTIONS = [
  // the bench's controls
  'admit',
  'sendToWaitingRoom',
  'remove',
  'mute',
  'askToUnmute',
  'stopCamera',
  'allowCamera',
  'lowerHands',
  'setRoomLock',
  // the judge's acts on the sitting
  'openHearing',
  'recessHearing',
  'adjournHearing',
  'closeHearing',
  'recessForWitness',
  // the court's recording (the presiding judge's)
  'startRecording',
  'pauseRecording',
  'stopRecording',
  // one's own microphone and hand
  'muteSelf',
  'unmuteSelf',
  'raiseHand',
  'lowerOwnHand',
  // a private signal to the judge
  'requestBreak',
  // interpretation: a listener's channel, an interpreter's floor/channel switch
  'chooseChannel',
  'setInterpreterOutput',
  // private consultations
  'openConsultation',
  'addToConsultation',
  'leaveConsultation',
  'closeConsultation',
] as const;

export type RoomAction = (typeof ROOM_ACTIONS)[number];

/**
 * The bench: they admit, send back, remove, mute and run the room. A clerk acts for the judge in
 * all of that, and so does a judge sitting beside the presiding judge on a panel; but the sitting
 * itself (opening, recess, adjournment, closing, a recess for a witness) is a judicial act and the
 * presiding judge's alone.
 */
export const BENCH_ROLES: readonly HearingRole[] = ['judge', 'clerk'];

const BENCH_CONTROLS: readonly RoomAction[] = [
  'admit',
  'sendToWaitingRoom',
  'remove',
  'mute',
  'askToUnmute',
  'stopCamera',
  'allowCamera',
  'lowerHands',
  'setRoomLock',
];
/**
 * The court's record is the presiding judge's to start, pause and stop: it is made for the court,
 * and a clerk who runs the room for the judge does not decide what goes on it.
 */
const JUDICIAL_ACTS: readonly RoomAction[] = [
  'openHearing',
  'recessHearing',
  'adjournHearing',
  'closeHearing',
  'recessForWitness',
  'startRecording',
  'pauseRecording',
  'stopRecording',
];

/**
 * Who may open a private consultation: the judge, counsel (with their own client only) and a
 * supporter or intermediary (with their witness only); room-orders.ts holds the rule on members.
 * The same list as the media policy's CONSULTATION_OPENING_ROLES (a test keeps them equal): the
 * policy checks it again as a second lock before routing any consultation media.
 */
export const CONSULTATION_OPENERS: readonly HearingRole[] = ['judge', 'prosecutor', 'defence_counsel', 'victim_counsel', 'supporter'];

/**
 * The public gallery has no right of audience: it neither asks for the floor nor speaks, and is
 * never taken into a private room.
 */
const NO_AUDIENCE: readonly HearingRole[] = ['observer'];

const INSIDE: readonly ParticipantState[] = ['admitted', 'in_consultation'];
/** States in which someone is connected to the room, in the waiting room or inside. */
const PRESENT: readonly ParticipantState[] = ['waiting', 'admitted', 'in_consultation'];

export interface RoomActor {
  readonly id: string;
  readonly role: HearingRole;
  readonly state: ParticipantState;
  /**
   * A judge who is the hearing's presiding judge (named on the hearing). Absent or false: any
   * other judge, who holds no judicial act.
   */
  readonly presiding?: boolean;
}

export interface RoomTarget {
  readonly id: string;
  readonly role: HearingRole;
  readonly state: ParticipantState;
}

export interface PermissionContext {
  readonly status: HearingStatus;
  /** The consultation acted upon, for the consultation actions: who opened it. */
  readonly consultationOpenedBy?: string;
}

export type PermissionDenial = 'room.forbidden' | 'room.not_allowed_now' | 'room.not_inside' | 'interpretation.not_interpreter';

export type PermissionDecision = { readonly allowed: true } | { readonly allowed: false; readonly code: PermissionDenial };

const ALLOW: PermissionDecision = { allowed: true };
const deny = (code: PermissionDenial): PermissionDecision => ({ allowed: false, code });

/** Hearing statuses in which each act on the sitting makes sense. */
const STATUS_RULES: Partial<Record<RoomAction, readonly HearingStatus[]>> = {
  openHearing: ['scheduled', 'in_recess', 'adjourned'],
  recessHearing: ['open'],
  recessForWitness: ['open'],
  adjournHearing: ['open', 'in_recess'],
  closeHearing: ['scheduled', 'open', 'in_recess', 'adjourned'],
  // Admission before the court sits is how a hearing gathers; after the sitting there is nothing to admit to.
  admit: ['scheduled', 'open', 'in_recess'],
  setRoomLock: ['scheduled', 'open', 'in_recess'],
  // Consultation rooms exist while the court sits or is in recess (when counsel take instructions).
  openConsultation: ['open', 'in_recess'],
  addToConsultation: ['open', 'in_recess'],
  // The recording may be started before the court sits (it records from the opening) but not
  // once the sitting is over.
  startRecording: ['scheduled', 'open', 'in_recess'],
  pauseRecording: ['scheduled', 'open', 'in_recess'],
  stopRecording: ['scheduled', 'open', 'in_recess', 'adjourned'],
};

/** Target states each bench control applies to. */
const TARGET_STATES: Partial<Record<RoomAction, readonly ParticipantState[]>> = {
  admit: ['waiting'],
  sendToWaitingRoom: INSIDE,
  remove: ['invited', 'waiting', 'admitted', 'in_consultation', 'disconnected'],
  mute: INSIDE,
  askToUnmute: INSIDE,
  stopCamera: PRESENT,
  allowCamera: ['invited', 'waiting', 'admitted', 'in_consultation', 'disconnected'],
  openConsultation: ['admitted'],
  addToConsultation: ['admitted'],
  recessForWitness: ['admitted'],
};

/**
 * Whether `actor` may do `action` (to `target`, for the actions that have one). Order of the
 * checks: role first (a witness sending a judge's message learns only that it is not theirs),
 * then the actor's presence, then the target, then the state of the hearing.
 */
export function checkRoomPermission(
  action: RoomAction,
  actor: RoomActor,
  context: PermissionContext,
  target?: RoomTarget,
): PermissionDecision {
  const byRole = roleMay(action, actor, context);
  if (!byRole.allowed) return byRole;
  if (!actorMayAct(action, actor)) return deny('room.not_inside');
  if (target) {
    const onTarget = mayActOn(action, actor, target);
    if (!onTarget.allowed) return onTarget;
  }
  const statuses = STATUS_RULES[action];
  if (statuses && !statuses.includes(context.status)) return deny('room.not_allowed_now');
  return ALLOW;
}

function roleMay(action: RoomAction, actor: RoomActor, context: PermissionContext): PermissionDecision {
  if (BENCH_CONTROLS.includes(action)) return BENCH_ROLES.includes(actor.role) ? ALLOW : deny('room.forbidden');
  if (JUDICIAL_ACTS.includes(action)) return isPresidingJudge(actor) ? ALLOW : deny('room.forbidden');
  switch (action) {
    case 'muteSelf':
    case 'leaveConsultation':
    case 'chooseChannel':
      return ALLOW;
    case 'setInterpreterOutput':
      // Interpreters only (an interpreter with no language assigned is refused by the transition).
      return actor.role === 'interpreter' ? ALLOW : deny('interpretation.not_interpreter');
    case 'unmuteSelf':
      // The gallery has no right of audience (and the media policy refuses its producers too).
      return NO_AUDIENCE.includes(actor.role) ? deny('room.forbidden') : ALLOW;
    case 'requestBreak':
      // Anyone who may be giving evidence or sitting beside a witness; the bench takes its own breaks.
      return BENCH_ROLES.includes(actor.role) || NO_AUDIENCE.includes(actor.role) ? deny('room.forbidden') : ALLOW;
    case 'raiseHand':
    case 'lowerOwnHand':
      // The bench holds the floor already; the gallery has no right of audience.
      return BENCH_ROLES.includes(actor.role) || NO_AUDIENCE.includes(actor.role) ? deny('room.forbidden') : ALLOW;
    case 'openConsultation':
      // A private conference called by the court is the presiding judge's to call.
      if (actor.role === 'judge') return isPresidingJudge(actor) ? ALLOW : deny('room.forbidden');
      return CONSULTATION_OPENERS.includes(actor.role) ? ALLOW : deny('room.forbidden');
    case 'addToConsultation':
    case 'closeConsultation':
      // The one who opened the room runs it; the bench may close any (it supervises the hearing).
      if (actor.id === context.consultationOpenedBy) return ALLOW;
      return action === 'closeConsultation' && BENCH_ROLES.includes(actor.role) ? ALLOW : deny('room.forbidden');
    default:
      return deny('room.forbidden');
  }
}

function actorMayAct(action: RoomAction, actor: RoomActor): boolean {
  switch (action) {
    case 'requestBreak':
      // Also from the waiting room: a frightened witness may need the judge to know before she goes in.
      return PRESENT.includes(actor.state);
    case 'muteSelf':
    case 'unmuteSelf':
      // A waiting participant may already mute or unmute: nobody hears them before admission.
      return PRESENT.includes(actor.state);
    case 'chooseChannel':
    case 'setInterpreterOutput':
      // From the waiting room too: a witness is on her channel, an interpreter in their mode, as they come in.
      return PRESENT.includes(actor.state);
    case 'openConsultation':
      return actor.state === 'admitted';
    case 'addToConsultation':
    case 'leaveConsultation':
      return actor.state === 'in_consultation';
    default:
      return INSIDE.includes(actor.state);
  }
}

function mayActOn(action: RoomAction, actor: RoomActor, target: RoomTarget): PermissionDecision {
  if (target.id === actor.id) return deny('room.forbidden');
  if (BENCH_CONTROLS.includes(action)) {
    // Nobody controls the judge: a clerk acts for the judge, not on them.
    if (target.role === 'judge') return deny('room.forbidden');
  }
  // A recess for a witness is for someone who may be giving evidence, not the bench or the gallery.
  if (action === 'recessForWitness' && (BENCH_ROLES.includes(target.role) || NO_AUDIENCE.includes(target.role)))
    return deny('room.forbidden');
  if (action === 'openConsultation' || action === 'addToConsultation') {
    if (NO_AUDIENCE.includes(target.role)) return deny('room.forbidden');
    // A conference with the bench is the judge's to call, not counsel's.
    if (actor.role !== 'judge' && BENCH_ROLES.includes(target.role)) return deny('room.forbidden');
  }
  const states = TARGET_STATES[action];
  if (states && !states.includes(target.state)) return deny('room.not_allowed_now');
  return ALLOW;
}

export function isBench(role: HearingRole): boolean {
  return BENCH_ROLES.includes(role);
}

function isPresidingJudge(actor: RoomActor): boolean {
  return actor.role === 'judge' && actor.presiding === true;
}
