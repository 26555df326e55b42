import { CONSULTATION_OPENING_ROLES } from '@ejustice/media-policy';
import { HEARING_ROLES, type HearingRole } from '@ejustice/vocabulary/hearing-role';
import { HEARING_STATUSES, type HearingStatus } from '@ejustice/vocabulary/hearing-status';
import { PARTICIPANT_STATES, type ParticipantState } from '@ejustice/vocabulary/participant-state';
import { BENCH_ROLES, CONSULTATION_OPENERS, ROOM_ACTIONS, type RoomAction, checkRoomPermission } from './room-permissions';

/**
 * The expected table, written out as the court's rules rather than as code: for each action, who
 * may do it, from which state, to whom in which state, and while the hearing is in which status.
 * The test walks the whole cross product (actions × roles × states × targets × statuses) and
 * checks the implementation against it.
 */
interface Rule {
  readonly roles: readonly HearingRole[];
  readonly actorStates: readonly ParticipantState[];
  /** undefined: the action has no target. */
  readonly target?: { readonly states: readonly ParticipantState[]; readonly roles: readonly HearingRole[] };
  readonly statuses: readonly HearingStatus[];
  /** For consultation actions: only the one who opened the room (the bench may also close it). */
  readonly openerOnly?: 'opener' | 'opener_or_bench';
  /**
   * A judge may do it only as the hearing's presiding judge: a judge who sits beside them on a
   * panel, or was added to the hearing, does not hold the court's acts on the sitting.
   */
  readonly presidingJudgeOnly?: true;
}

const ALL_ROLES = HEARING_ROLES;
const ALL_STATUSES = HEARING_STATUSES;
const INSIDE: ParticipantState[] = ['admitted', 'in_consultation'];
const PRESENT: ParticipantState[] = ['waiting', 'admitted', 'in_consultation'];
const NOT_JUDGE = ALL_ROLES.filter((r) => r !== 'judge');
const SITTING: HearingStatus[] = ['scheduled', 'open', 'in_recess'];

const RULES: Record<RoomAction, Rule> = {
  admit: { roles: ['judge', 'clerk'], actorStates: INSIDE, target: { states: ['waiting'], roles: NOT_JUDGE }, statuses: SITTING },
  sendToWaitingRoom: {
    roles: ['judge', 'clerk'],
    actorStates: INSIDE,
    target: { states: INSIDE, roles: NOT_JUDGE },
    statuses: ALL_STATUSES,
  },
  remove: {
    roles: ['judge', 'clerk'],
    actorStates: INSIDE,
    target: { states: ['invited', 'waiting', 'admitted', 'in_consultation', 'disconnected'], roles: NOT_JUDGE },
    statuses: ALL_STATUSES,
  },
  mute: { roles: ['judge', 'clerk'], actorStates: INSIDE, target: { states: INSIDE, roles: NOT_JUDGE }, statuses: ALL_STATUSES },
  askToUnmute: { roles: ['judge', 'clerk'], actorStates: INSIDE, target: { states: INSIDE, roles: NOT_JUDGE }, statuses: ALL_STATUSES },
  stopCamera: { roles: ['judge', 'clerk'], actorStates: INSIDE, target: { states: PRESENT, roles: NOT_JUDGE }, statuses: ALL_STATUSES },
  allowCamera: {
    roles: ['judge', 'clerk'],
    actorStates: INSIDE,
    target: { states: ['invited', 'waiting', 'admitted', 'in_consultation', 'disconnected'], roles: NOT_JUDGE },
    statuses: ALL_STATUSES,
  },
  requestBreak: {
    roles: ALL_ROLES.filter((r) => !['judge', 'clerk', 'observer'].includes(r)),
    actorStates: PRESENT,
    statuses: ALL_STATUSES,
  },
  lowerHands: { roles: ['judge', 'clerk'], actorStates: INSIDE, statuses: ALL_STATUSES },
  setRoomLock: { roles: ['judge', 'clerk'], actorStates: INSIDE, statuses: SITTING },
  openHearing: { roles: ['judge'], actorStates: INSIDE, statuses: ['scheduled', 'in_recess', 'adjourned'], presidingJudgeOnly: true },
  recessHearing: { roles: ['judge'], actorStates: INSIDE, statuses: ['open'], presidingJudgeOnly: true },
  adjournHearing: { roles: ['judge'], actorStates: INSIDE, statuses: ['open', 'in_recess'], presidingJudgeOnly: true },
  closeHearing: {
    roles: ['judge'],
    actorStates: INSIDE,
    statuses: ['scheduled', 'open', 'in_recess', 'adjourned'],
    presidingJudgeOnly: true,
  },
  recessForWitness: {
    roles: ['judge'],
    presidingJudgeOnly: true,
    actorStates: INSIDE,
    target: { states: ['admitted'], roles: ALL_ROLES.filter((r) => !['judge', 'clerk', 'observer'].includes(r)) },
    statuses: ['open'],
  },
  // The court's record: the presiding judge's alone, not the clerk's; not after the hearing closed.
  startRecording: { roles: ['judge'], actorStates: INSIDE, statuses: SITTING, presidingJudgeOnly: true },
  pauseRecording: { roles: ['judge'], actorStates: INSIDE, statuses: SITTING, presidingJudgeOnly: true },
  stopRecording: { roles: ['judge'], actorStates: INSIDE, statuses: [...SITTING, 'adjourned'], presidingJudgeOnly: true },
  muteSelf: { roles: ALL_ROLES, actorStates: PRESENT, statuses: ALL_STATUSES },
  chooseChannel: { roles: ALL_ROLES, actorStates: PRESENT, statuses: ALL_STATUSES },
  setInterpreterOutput: { roles: ['interpreter'], actorStates: PRESENT, statuses: ALL_STATUSES },
  unmuteSelf: { roles: ALL_ROLES.filter((r) => r !== 'observer'), actorStates: PRESENT, statuses: ALL_STATUSES },
  raiseHand: { roles: ALL_ROLES.filter((r) => !['judge', 'clerk', 'observer'].includes(r)), actorStates: INSIDE, statuses: ALL_STATUSES },
  lowerOwnHand: {
    roles: ALL_ROLES.filter((r) => !['judge', 'clerk', 'observer'].includes(r)),
    actorStates: INSIDE,
    statuses: ALL_STATUSES,
  },
  openConsultation: {
    roles: ['judge', 'prosecutor', 'defence_counsel', 'victim_counsel', 'supporter'],
    presidingJudgeOnly: true,
    actorStates: ['admitted'],
    target: { states: ['admitted'], roles: ALL_ROLES.filter((r) => r !== 'observer') },
    statuses: ['open', 'in_recess'],
  },
  addToConsultation: {
    roles: ALL_ROLES,
    actorStates: ['in_consultation'],
    target: { states: ['admitted'], roles: ALL_ROLES.filter((r) => r !== 'observer') },
    statuses: ['open', 'in_recess'],
    openerOnly: 'opener',
  },
  leaveConsultation: { roles: ALL_ROLES, actorStates: ['in_consultation'], statuses: ALL_STATUSES },
  closeConsultation: { roles: ALL_ROLES, actorStates: INSIDE, statuses: ALL_STATUSES, openerOnly: 'opener_or_bench' },
};

function expected(
  action: RoomAction,
  role: HearingRole,
  actorState: ParticipantState,
  status: HearingStatus,
  isOpener: boolean,
  presiding: boolean,
  target?: { role: HearingRole; state: ParticipantState },
): boolean {
  const rule = RULES[action];
  if (!rule.roles.includes(role)) return false;
  if (rule.presidingJudgeOnly && role === 'judge' && !presiding) return false;
  if (rule.openerOnly === 'opener' && !isOpener) return false;
  if (rule.openerOnly === 'opener_or_bench' && !isOpener && !BENCH_ROLES.includes(role)) return false;
  if (!rule.actorStates.includes(actorState)) return false;
  if (!rule.statuses.includes(status)) return false;
  if (rule.target && target) {
    if (!rule.target.roles.includes(target.role) || !rule.target.states.includes(target.state)) return false;
    // Counsel cannot take the bench into a private room; only the judge convenes the bench.
    if ((action === 'openConsultation' || action === 'addToConsultation') && role !== 'judge' && BENCH_ROLES.includes(target.role))
      return false;
  }
  return true;
}

describe('room permissions', () => {
  it('agrees with the expected table over every action, role, state, target and status', () => {
    let checked = 0;
    const mismatches: string[] = [];
    for (const action of ROOM_ACTIONS) {
      const rule = RULES[action];
      const targets: ({ role: HearingRole; state: ParticipantState } | undefined)[] = rule.target
        ? ALL_ROLES.flatMap((role) => PARTICIPANT_STATES.map((state) => ({ role, state })))
        : [undefined];
      for (const role of ALL_ROLES) {
        // Only a judge presides; for anyone else the flag is never set.
        for (const presiding of role === 'judge' ? [true, false] : [false]) {
          for (const actorState of PARTICIPANT_STATES) {
            for (const status of ALL_STATUSES) {
              for (const isOpener of rule.openerOnly ? [true, false] : [false]) {
                for (const target of targets) {
                  const sut = checkRoomPermission(
                    action,
                    { id: 'actor', role, state: actorState, presiding },
                    { status, consultationOpenedBy: isOpener ? 'actor' : 'someone-else' },
                    target && { id: 'target', ...target },
                  );
                  checked++;
                  const want = expected(action, role, actorState, status, isOpener, presiding, target);
                  if (sut.allowed !== want)
                    mismatches.push(
                      `${action} by ${role}${presiding ? ' (presiding)' : ''}/${actorState} in ${status}${target ? ` on ${target.role}/${target.state}` : ''}${isOpener ? ' (opener)' : ''}: got ${JSON.stringify(sut)}`,
                    );
                }
              }
            }
          }
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });

  it('says "forbidden" to a role that may never do it, whatever the state (nothing else is revealed)', () => {
    for (const role of ALL_ROLES.filter((r) => !BENCH_ROLES.includes(r))) {
      for (const action of ['admit', 'remove', 'mute', 'setRoomLock', 'openHearing', 'closeHearing'] as const) {
        for (const state of PARTICIPANT_STATES) {
          expect(
            checkRoomPermission(action, { id: 'w', role, state }, { status: 'open' }, { id: 't', role: 'witness', state: 'waiting' }),
          ).toEqual({
            allowed: false,
            code: 'room.forbidden',
          });
        }
      }
    }
  });

  it('says an interpreter’s switch is for interpreters, in those words', () => {
    expect(checkRoomPermission('setInterpreterOutput', { id: 'w', role: 'witness', state: 'admitted' }, { status: 'open' })).toEqual({
      allowed: false,
      code: 'interpretation.not_interpreter',
    });
  });

  it('keeps the sitting a judicial act: a clerk runs the room but cannot open, recess, adjourn or close it', () => {
    const clerk = { id: 'c', role: 'clerk' as const, state: 'admitted' as const };
    expect(checkRoomPermission('admit', clerk, { status: 'open' }, { id: 'w', role: 'witness', state: 'waiting' }).allowed).toBe(true);
    expect(checkRoomPermission('openHearing', clerk, { status: 'scheduled' })).toEqual({ allowed: false, code: 'room.forbidden' });
    expect(checkRoomPermission('closeHearing', clerk, { status: 'open' })).toEqual({ allowed: false, code: 'room.forbidden' });
  });

  it('keeps the judicial acts to the presiding judge: a panel judge added to the hearing runs the room but not the sitting', () => {
    const presiding = { id: 'j1', role: 'judge' as const, state: 'admitted' as const, presiding: true };
    const panel = { id: 'j2', role: 'judge' as const, state: 'admitted' as const, presiding: false };
    const witness = { id: 'w', role: 'witness' as const, state: 'admitted' as const };
    for (const [action, status] of [
      ['openHearing', 'scheduled'],
      ['recessHearing', 'open'],
      ['adjournHearing', 'open'],
      ['closeHearing', 'open'],
    ] as const) {
      expect(checkRoomPermission(action, presiding, { status })).toEqual({ allowed: true });
      expect(checkRoomPermission(action, panel, { status })).toEqual({ allowed: false, code: 'room.forbidden' });
    }
    expect(checkRoomPermission('recessForWitness', presiding, { status: 'open' }, witness)).toEqual({ allowed: true });
    expect(checkRoomPermission('recessForWitness', panel, { status: 'open' }, witness)).toEqual({ allowed: false, code: 'room.forbidden' });
    // A private conference called by the court is the presiding judge's to call.
    expect(checkRoomPermission('openConsultation', presiding, { status: 'open' }, witness)).toEqual({ allowed: true });
    expect(checkRoomPermission('openConsultation', panel, { status: 'open' }, witness)).toEqual({ allowed: false, code: 'room.forbidden' });
    // As bench, the panel judge still admits, mutes and closes a private room, as the clerk does.
    const waiting = { ...witness, state: 'waiting' as const };
    expect(checkRoomPermission('admit', panel, { status: 'open' }, waiting)).toEqual({ allowed: true });
    expect(checkRoomPermission('mute', panel, { status: 'open' }, witness)).toEqual({ allowed: true });
    expect(checkRoomPermission('closeConsultation', panel, { status: 'open', consultationOpenedBy: 'j1' })).toEqual({ allowed: true });
    // ...and nobody, the presiding judge included, acts on a judge of the bench.
    expect(checkRoomPermission('mute', presiding, { status: 'open' }, panel)).toEqual({ allowed: false, code: 'room.forbidden' });
  });

  it('holds a judge without the presiding flag to be a panel judge (the safe default)', () => {
    expect(checkRoomPermission('openHearing', { id: 'j', role: 'judge', state: 'admitted' }, { status: 'scheduled' })).toEqual({
      allowed: false,
      code: 'room.forbidden',
    });
  });

  it('lets nobody act on the judge, nor anyone on themselves', () => {
    const clerk = { id: 'c', role: 'clerk' as const, state: 'admitted' as const };
    expect(checkRoomPermission('mute', clerk, { status: 'open' }, { id: 'j', role: 'judge', state: 'admitted' })).toEqual({
      allowed: false,
      code: 'room.forbidden',
    });
    expect(checkRoomPermission('remove', clerk, { status: 'open' }, { id: 'c', role: 'clerk', state: 'admitted' })).toEqual({
      allowed: false,
      code: 'room.forbidden',
    });
  });

  it('needs the bench inside the room to act: a judge still in the waiting room cannot admit', () => {
    expect(
      checkRoomPermission(
        'admit',
        { id: 'j', role: 'judge', state: 'waiting' },
        { status: 'open' },
        { id: 'w', role: 'witness', state: 'waiting' },
      ),
    ).toEqual({
      allowed: false,
      code: 'room.not_inside',
    });
  });

  it('uses the same consultation openers as the media policy', () => {
    expect([...CONSULTATION_OPENERS].sort()).toEqual([...CONSULTATION_OPENING_ROLES].sort());
  });
});
