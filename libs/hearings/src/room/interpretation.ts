import type { Interpreting } from '@ejustice/media-policy/policy-snapshot';
import type { InterpretationView } from '../signalling/signalling-messages';
import type { RoomParticipant, RoomState } from './room-state';

/**
 * Interpretation in a hearing room, as pure rules over the room state. The floor is what is said
 * in the court's language (the hearing's own, or else its court's). Each interpreter assigned to
 * the hearing with a language opens a channel in that language: their pair is the floor's
 * language and that one. The channels are the hearing's assignment, not who is connected: a
 * listener keeps their channel while its interpreter reconnects.
 *
 * What reaches whom is the media policy's (`decideMedia`, rule `other_channel`): this file only
 * says which channels exist, who listens to which, and what each interpreter is doing.
 */

type Languages = Pick<RoomState, 'participants' | 'floorLanguage'>;

/** The channel an interpreter serves, or null (no language, or the floor's own: nothing to interpret into). */
export function channelOf(state: Languages, p: Pick<RoomParticipant, 'role' | 'language'>): string | null {
  if (p.role !== 'interpreter' || p.language === null || p.language === state.floorLanguage) return null;
  return p.language;
}

/** The hearing's interpretation channels, each once, in a stable order. */
export function interpretationChannels(state: Languages): string[] {
  const channels = new Set<string>();
  for (const p of state.participants) {
    const channel = channelOf(state, p);
    if (channel !== null) channels.add(channel);
  }
  return [...channels].sort();
}

export function interpretationView(state: Languages): InterpretationView {
  return { floorLanguage: state.floorLanguage, channels: interpretationChannels(state) };
}

/**
 * Where a participant starts listening: someone who needs a language the hearing interprets into
 * (a witness who testifies in French) hears that channel from the start; everyone else, the
 * interpreters included (they interpret what is said on the floor), hears the floor.
 */
export function defaultListening(state: Languages, p: Pick<RoomParticipant, 'role' | 'language'>): string | null {
  if (p.role === 'interpreter' || p.language === null) return null;
  return interpretationChannels(state).includes(p.language) ? p.language : null;
}

/** Every participant on their default channel: how a room starts, once it knows all its interpreters. */
export function withDefaultListening<S extends Languages>(state: S): S {
  return { ...state, participants: state.participants.map((p) => ({ ...p, listening: defaultListening(state, p) })) };
}

/** An interpreter's assignment and switch, for the media policy and their own client; undefined for anyone else. */
export function interpretingOf(state: Languages, p: RoomParticipant): Interpreting | undefined {
  const channel = channelOf(state, p);
  return channel === null ? undefined : { channel, toFloor: p.toFloor };
}

/**
 * The channel a consumer of `source`'s audio belongs to: the interpreter's channel while they
 * speak into it, else null (the floor).
 */
export function audioChannelOf(state: Languages, source: RoomParticipant): string | null {
  const interpreting = interpretingOf(state, source);
  return interpreting && !interpreting.toFloor ? interpreting.channel : null;
}
