/*
 * The load's way into the platform, the way clients come in: the judge signs in and asks the api
 * for a join ticket; witnesses get a one-time link (issued on the judge's authority), exchange it,
 * and ask for their ticket; everyone connects to the media node the ticket names and joins. The
 * judge opens the sitting and admits the waiting witnesses, who then unmute themselves. Every
 * consumer is the Room's, created under the media policy and offered by `newConsumer`.
 */
import type { JoinTicket, NewConsumer } from '@ejustice/hearings/signalling/signalling-messages';
import type { SfuSide, SideHearing, SideParticipant } from './load';
import type { SeededHearing } from './seed';
import { SignallingClient } from './signalling-client';
import { LOAD_RECEIVER_RTP_CAPABILITIES, type OfferedConsumer } from './werift-peers';

export async function apiCall<T>(apiUrl: string, method: string, path: string, body?: unknown, bearer?: string): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function signIn(apiUrl: string, email: string, password: string): Promise<string> {
  return (await apiCall<{ accessToken: string }>(apiUrl, 'POST', '/api/auth/login', { email, password })).accessToken;
}

/** A one-time link for a participant, issued with `bearer` (the judge's): its token, as sent to the witness. */
export async function issueLink(apiUrl: string, bearer: string, hearingId: string, participantId: string): Promise<string> {
  return (await apiCall<{ token: string }>(apiUrl, 'POST', `/api/hearings/${hearingId}/participants/${participantId}/links`, {}, bearer))
    .token;
}

/** A participant as the platform side sets it up: who they are in the hearing, and their signalling. */
export interface PlatformParticipant extends SideParticipant {
  readonly participantId: string;
  readonly client: SignallingClient;
}

function offered(c: NewConsumer): OfferedConsumer {
  return { consumerId: c.consumerId, producerId: c.producerId, kind: c.kind, rtpParameters: c.rtpParameters };
}

export function platformSide(apiUrl: string, hearings: readonly SeededHearing[], password: string): SfuSide {
  return {
    name: 'platform',
    async openHearing(index): Promise<SideHearing> {
      const seeded = hearings[index];
      if (!seeded) throw new Error(`no seeded hearing ${index}`);
      const judgeToken = await signIn(apiUrl, seeded.judge.email, password);
      let judge: PlatformParticipant | undefined;

      const enter = async (bearer: string): Promise<PlatformParticipant> => {
        const ticket = await apiCall<JoinTicket>(apiUrl, 'POST', `/api/hearings/${seeded.hearingId}/join-ticket`, undefined, bearer);
        const client = await SignallingClient.connect(ticket.mediaUrl, ticket.ticket, seeded.hearingId);
        try {
          await client.call('getRouterRtpCapabilities');
          const joined = await client.call('join', { rtpCapabilities: LOAD_RECEIVER_RTP_CAPABILITIES });
          return {
            participantId: joined.self.id,
            client,
            createTransport: (direction) => client.call('createWebRtcTransport', { direction }),
            connectTransport: async (transportId, dtlsParameters) => {
              await client.call('connectWebRtcTransport', { transportId, dtlsParameters });
            },
            produce: async (transportId, kind, rtpParameters) =>
              (await client.call('produce', { transportId, source: kind === 'audio' ? 'microphone' : 'camera', kind, rtpParameters }))
                .producerId,
            consumers: async (_transportId, producerIds) => {
              // The Room offers each consumer the policy allows as soon as the receive transport exists.
              const wanted = new Set(producerIds);
              const current = () => {
                const closed = new Set(client.received('consumerClosed').map((c) => c.consumerId));
                return client.received('newConsumer').filter((c) => wanted.has(c.producerId) && !closed.has(c.consumerId));
              };
              await client.until(
                () => new Set(current().map((c) => c.producerId)).size === wanted.size,
                30_000,
                'newConsumer for everyone',
              );
              return current().map(offered);
            },
            resumeConsumer: async (consumerId) => {
              await client.call('resumeConsumer', { consumerId });
            },
            close: async () => client.close(),
          };
        } catch (error) {
          client.close();
          throw error;
        }
      };

      return {
        async join(i) {
          if (i === 0) {
            judge = await enter(judgeToken);
            await judge.client.call('openHearing');
            return judge;
          }
          const participantId = seeded.witnessIds[i - 1];
          if (!participantId) throw new Error(`hearing ${index} has no witness ${i}`);
          const token = await issueLink(apiUrl, judgeToken, seeded.hearingId, participantId);
          const { sessionToken } = await apiCall<{ sessionToken: string }>(apiUrl, 'POST', '/api/hearing-links/exchange', { token });
          return enter(sessionToken);
        },
        async letIn(participants) {
          if (!judge) throw new Error('the judge has not joined');
          for (const p of participants.slice(1) as PlatformParticipant[]) {
            await judge.client.call('admit', { participantId: p.participantId });
            // Everyone but the judge comes in muted; witnesses may unmute themselves.
            await p.client.call('setMuted', { muted: false });
          }
        },
        async close() {
          // The judge closes the sitting, which ends every session of the hearing.
          if (judge?.client.connected) await judge.client.call('closeHearing', {}, 10_000);
        },
      };
    },
  };
}
