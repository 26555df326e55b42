// A hearing participant's connection that follows the hearing from node to node, the way the web
// client does (apps/web/src/hearing/signalling/signalling-client.ts): when its socket drops it asks
// the api for a fresh ticket, naming the node it lost, and connects to whatever node that ticket
// names, then joins again (also when the node went silent and only socket.io's ping noticed).
// Every notification of every connection is kept, in order.
import type { JoinResult, JoinTicket, ServerNotification } from '@ejustice/hearings/signalling/signalling-messages';
import { http } from '../http-client';
import { HearingClient } from './hearing-client';
import { WERIFT_PARTICIPANT_RTP_CAPABILITIES } from './werift-participant';

/** The web client's back-off between attempts (at once the first time). */
const RETRY_DELAYS_MS = [0, 500, 1000, 2000, 4000];

export class FollowingParticipant {
  /** Every ticket it connected with, in order. */
  readonly tickets: JoinTicket[] = [];
  /** Every connection, in order; the last is the current one. */
  readonly connections: HearingClient[] = [];
  /** Ticket requests after a drop that did not lead to a joined connection (the node refused or was unreachable). */
  failedAttempts = 0;

  constructor(
    private readonly apiUrl: string,
    private readonly bearer: string,
    readonly hearingId: string,
  ) {}

  get client(): HearingClient {
    const current = this.connections.at(-1);
    if (!current) throw new Error('not connected yet');
    return current;
  }

  get ticket(): JoinTicket {
    const current = this.tickets.at(-1);
    if (!current) throw new Error('no ticket yet');
    return current;
  }

  /** Every notification received on any of its connections. */
  get notifications(): ServerNotification[] {
    return this.connections.flatMap((c) => c.notifications);
  }

  /** First entry: a ticket, the node it names, join. */
  async enter(): Promise<JoinResult> {
    return this.connect(await this.fetchTicket(null));
  }

  /**
   * After its connection dropped: as the web client, ask for a ticket naming the node lost, connect
   * where it says, and join; on a failure, again after the client's back-off.
   */
  async follow(maxAttempts = 20): Promise<JoinResult> {
    const lost = this.ticket.nodeId;
    for (let attempt = 0; ; attempt++) {
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]));
      try {
        return await this.connect(await this.fetchTicket(lost));
      } catch (error) {
        this.failedAttempts += 1;
        if (attempt + 1 >= maxAttempts) throw error;
      }
    }
  }

  /**
   * Waits for the current connection to drop and follows the hearing, as the web client does: a
   * lost node's drop (its process gone: 'transport close'; its machine or network gone, which
   * closes nothing: 'ping timeout') makes it ask for a ticket naming that node. A drop the server
   * meant ('io server disconnect', after a sessionEnded) is not followed: it throws. Returns the
   * reason and when the drop was noticed (performance.now()).
   */
  async followWhenDropped(): Promise<{ reason: string; noticedAt: number; joined: JoinResult }> {
    const reason = await this.client.disconnected;
    const noticedAt = performance.now();
    if (reason === 'io server disconnect' || reason === 'io client disconnect')
      throw new Error(`the connection was ended on purpose (${reason})`);
    return { reason, noticedAt, joined: await this.follow() };
  }

  close(): void {
    for (const c of this.connections) c.close();
  }

  private async fetchTicket(unreachableNodeId: string | null): Promise<JoinTicket> {
    const res = await http(this.apiUrl, 'POST', `/api/hearings/${this.hearingId}/join-ticket`, {
      token: this.bearer,
      body: unreachableNodeId === null ? {} : { unreachableNodeId },
    });
    if (res.status !== 200) throw new Error(`join ticket refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as JoinTicket;
  }

  private async connect(ticket: JoinTicket): Promise<JoinResult> {
    const client = await HearingClient.connect(ticket.mediaUrl, { ticket: ticket.ticket, hearingId: this.hearingId }, 5_000);
    try {
      await client.call('getRouterRtpCapabilities');
      const joined = await client.call('join', { rtpCapabilities: WERIFT_PARTICIPANT_RTP_CAPABILITIES });
      this.tickets.push(ticket);
      this.connections.push(client);
      return joined;
    } catch (error) {
      client.close();
      throw error;
    }
  }
}
