import { HEARING_ROLES, type HearingRole } from '@ejustice/vocabulary/hearing-role';
import { HEARING_STATUSES } from '@ejustice/vocabulary/hearing-status';
import { PARTICIPANT_STATES, type ParticipantState } from '@ejustice/vocabulary/participant-state';
import type { RoomAction } from './room-permissions';
import { type RoomCommand, type RoomState, applyRoomCommand, newRoomParticipant, refuseAttempt } from './room-state';

function person(id: string, role: HearingRole, state: ParticipantState) {
  // The presiding judge's mark, where the participant rows carry one.
  // An interpreter interprets into French (a channel of the hearing).
  const row = {
    id,
    role,
    displayName: id,
    userId: null,
    partyId: null,
    state,
    ...(role === 'judge' ? { presiding: true } : {}),
    ...(role === 'interpreter' ? { language: 'fr' } : {}),
  };
  return newRoomParticipant(row as Parameters<typeof newRoomParticipant>[0]);
}

/** Each action the media node checks at the door, as the command the room then runs (with a target where it has one). */
const COMMANDS: { readonly [A in RoomAction]?: (actorId: string, targetId: string) => RoomCommand } = {
  admit: (actorId, targetId) => ({ type: 'admit', actorId, targetId }),
  sendToWaitingRoom: (actorId, targetId) => ({ type: 'sendToWaitingRoom', actorId, targetId }),
  remove: (actorId, targetId) => ({ type: 'remove', actorId, targetId }),
  mute: (actorId, targetId) => ({ type: 'mute', actorId, targetId }),
  askToUnmute: (actorId, targetId) => ({ type: 'askToUnmute', actorId, targetId }),
  stopCamera: (actorId, targetId) => ({ type: 'stopCamera', actorId, targetId }),
  allowCamera: (actorId, targetId) => ({ type: 'allowCamera', actorId, targetId }),
  lowerHands: (actorId) => ({ type: 'lowerHands', actorId }),
  setRoomLock: (actorId) => ({ type: 'setRoomLock', actorId, locked: true }),
  openHearing: (actorId) => ({ type: 'openHearing', actorId }),
  recessHearing: (actorId) => ({ type: 'recessHearing', actorId }),
  adjournHearing: (actorId) => ({ type: 'adjournHearing', actorId }),
  closeHearing: (actorId) => ({ type: 'closeHearing', actorId }),
  recessForWitness: (actorId, targetId) => ({ type: 'recessForWitness', actorId, targetId, consultationId: 'c' }),
  muteSelf: (actorId) => ({ type: 'setMuted', actorId, muted: true }),
  unmuteSelf: (actorId) => ({ type: 'setMuted', actorId, muted: false }),
  raiseHand: (actorId) => ({ type: 'raiseHand', actorId }),
  lowerOwnHand: (actorId) => ({ type: 'lowerHand', actorId }),
  requestBreak: (actorId) => ({ type: 'requestBreak', actorId }),
  openConsultation: (actorId, targetId) => ({ type: 'openConsultation', actorId, consultationId: 'c', memberIds: [targetId] }),
  leaveConsultation: (actorId) => ({ type: 'leaveConsultation', actorId }),
  chooseChannel: (actorId) => ({ type: 'chooseChannel', actorId, channel: null }),
  setInterpreterOutput: (actorId) => ({ type: 'setInterpreterOutput', actorId, toFloor: true }),
};

const TARGET_ROLES: readonly HearingRole[] = ['witness', 'judge', 'defendant', 'observer'];

describe('refuseAttempt (the permission check at the door)', () => {
  it('never refuses what the transition would allow, for any actor, target and state of the hearing', () => {
    const stricter: string[] = [];
    let checked = 0;
    for (const [action, command] of Object.entries(COMMANDS) as [RoomAction, (a: string, t: string) => RoomCommand][]) {
      for (const status of HEARING_STATUSES) {
        for (const role of HEARING_ROLES) {
          for (const state of PARTICIPANT_STATES) {
            for (const targetRole of TARGET_ROLES) {
              for (const targetState of PARTICIPANT_STATES) {
                const room: RoomState = {
                  hearingId: 'h',
                  courtId: 'court',
                  caseId: 'case',
                  title: 'R v X',
                  status,
                  roomLocked: false,
                  participants: [person('actor', role, state), person('target', targetRole, targetState)],
                  consultations: [],
                  orders: [],
                  floorLanguage: 'en',
                };
                checked++;
                if (applyRoomCommand(room, command('actor', 'target')).ok && refuseAttempt(room, action, 'actor'))
                  stricter.push(`${action} by ${role} (${state}) on ${targetRole} (${targetState}) when ${status}`);
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
    expect(stricter).toEqual([]);
  });

  it("refuses a waiting witness the bench's controls and the judge's acts without needing their target", () => {
    const room: RoomState = {
      hearingId: 'h',
      courtId: 'court',
      caseId: 'case',
      title: 'R v X',
      status: 'open',
      roomLocked: false,
      participants: [person('witness', 'witness', 'waiting'), person('judge', 'judge', 'admitted')],
      consultations: [],
      orders: [],
      floorLanguage: 'en',
    };
    for (const action of ['admit', 'remove', 'mute', 'lowerHands', 'setRoomLock', 'openHearing', 'recessForWitness'] as const)
      expect(refuseAttempt(room, action, 'witness')?.code).toBe('room.forbidden');
    // What a waiting witness may do from the waiting room, she may attempt.
    expect(refuseAttempt(room, 'requestBreak', 'witness')).toBeUndefined();
    expect(refuseAttempt(room, 'muteSelf', 'witness')).toBeUndefined();
    // The bench inside may attempt its controls; whom they act on is the transition's question.
    expect(refuseAttempt(room, 'admit', 'judge')).toBeUndefined();
    expect(refuseAttempt(room, 'admit', 'nobody')?.code).toBe('room.participant_not_found');
  });
});
