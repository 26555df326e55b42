// What the room's specs build rooms with: a hearing's room with the participants a spec needs,
// and commands played on it, each of which must be accepted.
import { type RoomCommand, type RoomParticipant, type RoomState, type RoomTransition, applyRoomCommand } from './room-state';

/** A scheduled hearing's room in court `court`, holding `participants`; `overrides` for the rest. */
export function roomWith(participants: readonly RoomParticipant[], overrides: Partial<RoomState> = {}): RoomState {
  return {
    hearingId: 'h',
    courtId: 'court',
    caseId: 'case',
    title: 'R v X',
    status: 'scheduled',
    roomLocked: false,
    participants,
    consultations: [],
    orders: [],
    floorLanguage: 'en',
    ...overrides,
  };
}

/** The transition, which must be an acceptance: a refusal fails the spec, naming its code. */
export function ok(t: RoomTransition) {
  if (!t.ok) throw new Error(`refused: ${t.error.code}`);
  return t;
}

/** The state after every command, each of which must be accepted. */
export function play(state: RoomState, ...commands: RoomCommand[]): RoomState {
  return commands.reduce((s, c) => ok(applyRoomCommand(s, c)).state, state);
}
