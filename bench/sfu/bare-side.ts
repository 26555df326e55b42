/*
 * The load's view of the bare host: a room per hearing, and media set up by direct requests,
 * standing in for the minimal signalling any mediasoup application has.
 */
import type { SfuSide, SideHearing, SideParticipant } from './load';
import type { HostProcess } from './processes';
import { LOAD_RECEIVER_RTP_CAPABILITIES } from './werift-peers';

export function bareSide(host: HostProcess, runTag: string): SfuSide {
  return {
    name: 'bare',
    async openHearing(index): Promise<SideHearing> {
      const roomKey = `${runTag}-${index}`;
      await host.request('createRoom', { roomKey });
      return {
        async join(): Promise<SideParticipant> {
          return {
            createTransport: (direction) => host.request('createTransport', { roomKey, direction }),
            connectTransport: async (transportId, dtlsParameters) => {
              await host.request('connectTransport', { transportId, dtlsParameters });
            },
            produce: async (transportId, kind, rtpParameters) =>
              (await host.request('produce', { transportId, kind, rtpParameters })).producerId,
            consumers: (transportId, producerIds) =>
              Promise.all(
                producerIds.map((producerId) =>
                  host.request('consume', { transportId, producerId, rtpCapabilities: LOAD_RECEIVER_RTP_CAPABILITIES }),
                ),
              ),
            resumeConsumer: async (consumerId) => {
              await host.request('resumeConsumer', { consumerId });
            },
            // The host closes everything when it stops; the werift peers are closed by the load.
            close: async () => undefined,
          };
        },
        letIn: async () => undefined,
        close: async () => undefined,
      };
    },
  };
}
