/*
 * The court recording and interpretation (issue 9) on the platform side of the load, as the
 * clients ask for them: once everyone is let in, the interpreter (seeded as the last participant,
 * see seed.ts) speaks into their channel and half the witnesses choose it; then the presiding
 * judge starts the recording, and the media node records every producer of the hearing. The load
 * itself is unchanged: everyone still sends Opus and VP8 and receives what the media policy
 * offers, which, with interpretation, no longer includes the interpreter's voice for those who
 * listen to the floor.
 */
import type { SfuSide, SideHearing, SideParticipant } from './load';
import type { PlatformParticipant } from './platform-side';
import type { MediaKindOnWire } from './werift-peers';

export interface HearingFeatures {
  /** The judge starts the recording once everyone is let in. */
  readonly record: boolean;
  /** The interpretation channel's language (the last participant interprets into it), or none. */
  readonly interpretation?: string;
}

/** The interpretation channel of the benchmark's hearings (the court works in English). */
export const BENCH_CHANNEL = 'fr';

/** The interpreter is the last participant of each hearing (seed.ts seeds them so). */
export function interpreterIndex(participants: number): number {
  return participants - 1;
}

/**
 * Who chooses the channel: half the witnesses, every second one (1, 3, 5...), never the judge
 * (index 0), who follows the floor, nor the interpreter.
 */
export function channelListeners(participants: number): number[] {
  const interpreter = interpreterIndex(participants);
  return Array.from({ length: participants }, (_, i) => i).filter((i) => i !== 0 && i !== interpreter && i % 2 === 1);
}

/**
 * The producers participant `index` is offered, of `others` (everyone else's, in order): all of
 * them, but the interpreter's voice reaches only the channel's listeners (their camera everyone).
 */
export function offeredProducers(
  index: number,
  participants: number,
  others: readonly string[],
  interpreterAudio: string | undefined,
): readonly string[] {
  if (interpreterAudio === undefined || channelListeners(participants).includes(index)) return others;
  return others.filter((id) => id !== interpreterAudio);
}

/** Consumers per hearing of `participants`, each sending audio and video, with or without interpretation. */
export function consumersPerHearing(participants: number, interpretation: boolean): number {
  const all = participants * (participants - 1) * 2;
  if (!interpretation) return all;
  // Everyone but the interpreter and the channel's listeners misses the interpreter's voice.
  return all - (participants - 1 - channelListeners(participants).length);
}

function platformParticipant(p: SideParticipant): PlatformParticipant {
  if (!('client' in p)) throw new Error('recording and interpretation need the platform side (its signalling)');
  return p as PlatformParticipant;
}

/** The platform side with the recording and interpretation of `features`. */
export function withHearingFeatures(side: SfuSide, participants: number, features: HearingFeatures): SfuSide {
  if (!features.record && features.interpretation === undefined) return side;
  const channel = features.interpretation;
  return {
    name: side.name,
    async openHearing(index): Promise<SideHearing> {
      const hearing = await side.openHearing(index);
      let interpreterAudio: string | undefined;
      return {
        async join(i) {
          const p = await hearing.join(i);
          if (channel === undefined || i !== interpreterIndex(participants)) {
            return {
              ...p,
              // Whose voice is the interpreter's is known once they produce it (they join last).
              consumers: (transportId, others) => p.consumers(transportId, offeredProducers(i, participants, others, interpreterAudio)),
            };
          }
          return {
            ...p,
            produce: async (transportId, kind: MediaKindOnWire, rtp) => {
              const producerId = await p.produce(transportId, kind, rtp);
              if (kind === 'audio') interpreterAudio = producerId;
              return producerId;
            },
          };
        },
        async letIn(joined) {
          await hearing.letIn(joined);
          if (channel !== undefined) {
            // Simultaneous interpretation: the interpreter's voice goes into the channel only.
            await platformParticipant(joined[interpreterIndex(participants)]).client.call('setInterpreterOutput', { toFloor: false });
            for (const i of channelListeners(participants)) await platformParticipant(joined[i]).client.call('chooseChannel', { channel });
          }
          if (features.record) {
            const { recording } = await platformParticipant(joined[0]).client.call('startRecording');
            if (recording !== 'running') throw new Error(`startRecording answered "${recording}", not "running"`);
          }
        },
        close: () => hearing.close(),
      };
    },
  };
}
