import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Logger } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  type Ack,
  type ClientRequest,
  type HandshakeAuth,
  JoinTickets,
  type JoinTicketClaims,
  NOTIFICATION_EVENT,
  REQUEST_EVENT,
  RoomLedger,
  SIGNALLING_NAMESPACE,
  type SignallingError,
  isRecord,
  isSignallingErrorCode,
  parseClientRequest,
  roomError,
  roomErrorMessage,
} from '@ejustice/hearings';
import { APP_CONFIG, type AppConfig, DomainError, RequestContext } from '@ejustice/platform';
import type { PeerChannel } from '../room/peer';
import { RoomManager } from '../room/room-manager.service';
import { readConnectionsInTurn, websocketOf } from './fair-reading';
import { SignallingRateLimit } from './signalling-rate-limit';

interface SocketState {
  claims: JoinTicketClaims;
  channel: PeerChannel;
  joined: boolean;
  /** A `join` is under way (a second one is refused, not run twice). */
  joining: boolean;
  ended: boolean;
  joinTimer?: NodeJS.Timeout;
  rate: SignallingRateLimit;
  /** Requests accepted and not yet answered. */
  pending: number;
  /** Reading from the connection stopped until this timer (it is over its rate). */
  heldBack?: NodeJS.Timeout;
}

/**
 * A connection over its rate is not read for this long. Each read of a flooding connection brings
 * a hundred kilobytes of requests, each to be decoded and refused; read a few times a second, a
 * flood costs the process little. A client that heeds the refusal was waiting anyway. Under a
 * second, so a flood stays a flood (the rate limit forgives a connection quiet for a second).
 */
const HOLD_BACK_MS = 250;

/** Refusals answered before a request costs anything: plain data, made once. */
const RATE_LIMITED: SignallingError = { code: 'signalling.rate_limited', message: roomErrorMessage('signalling.rate_limited') };
const TOO_MANY_PENDING: SignallingError = {
  code: 'signalling.limit_reached',
  message: 'This connection has too many requests waiting for an answer. Wait for them before sending more.',
};
const FLOODING_MESSAGE =
  'This connection kept sending far more requests than taking part in a hearing needs, so it was closed. Join again; if it happens again, tell the court.';

/** How long after `sessionEnded` the socket is closed, so the last ack and notification reach the client first. */
const END_FLUSH_MS = 50;

/**
 * The hearing-room signalling socket. Thin: it authenticates the handshake (join ticket), parses
 * each request against the catalogue, hands it to the hearing's Room, and maps the outcome to an
 * ack. Every rule of the court lives in the Room and the libraries it asks. It also keeps each
 * connection to its flood limits (rate, requests unanswered), so that no participant's client,
 * broken or hostile, can hold up the judge's.
 *
 * CORS accepts any origin on purpose: the handshake is authenticated by a bearer ticket in the
 * socket's auth payload, never by cookies, so another site's page gains nothing by connecting.
 */
@WebSocketGateway({ namespace: SIGNALLING_NAMESPACE, cors: { origin: true }, transports: ['websocket', 'polling'] })
export class SignallingGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(SignallingGateway.name);

  constructor(
    private readonly tickets: JoinTickets,
    private readonly ledger: RoomLedger,
    private readonly rooms: RoomManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The handshake: a refused connection gets `connect_error` with `data: { code, message }`. */
  afterInit(namespace: Namespace): void {
    if (!readConnectionsInTurn(namespace.server))
      this.logger.error('afterInit() cannot make the WebSocket server read connections in turn: a flooding client can stall others');
    // A lost machine closes no socket: its clients learn of it only from the missing ping, so the
    // ping is what bounds how long they wait before asking the api where the hearing went.
    // engine.io reads these per connection, so setting them before the first one is enough.
    namespace.server.engine.opts.pingInterval = this.config.media.pingIntervalMs;
    namespace.server.engine.opts.pingTimeout = this.config.media.pingTimeoutMs;
    this.rooms.onAccessChanged((hearingId) => void this.recheck(namespace, hearingId));
    // The hearing moved on while this node was given up for dead: its connections here drop as
    // a lost node's would (no sessionEnded), and their clients ask the api where it went.
    this.rooms.onMoved((hearingId) => {
      for (const socket of namespace.sockets.values()) if (state(socket).claims?.hearingId === hearingId) socket.conn.close();
    });
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        (claims) => {
          state(socket).claims = claims;
          next();
        },
        (error: unknown) => {
          const refusal = toSignallingError(error, this.logger);
          this.logger.log(`handshake() refused [code:${refusal.code}]`);
          next(Object.assign(new Error(refusal.message), { data: refusal }));
        },
      );
    });
  }

  handleConnection(socket: Socket): void {
    const s = state(socket);
    if (!s.claims) {
      socket.disconnect(true);
      return;
    }
    s.joined = false;
    s.joining = false;
    s.ended = false;
    s.pending = 0;
    s.rate = new SignallingRateLimit(this.config.media.signalling, () => performance.now());
    s.channel = {
      notify: (notification) => socket.emit(NOTIFICATION_EVENT, notification),
      end: (reason, code, message) => {
        s.ended = true;
        socket.emit(NOTIFICATION_EVENT, { method: 'sessionEnded', data: { reason, code, message } });
        setTimeout(() => socket.disconnect(true), END_FLUSH_MS).unref();
      },
    };
    // A connection that does not join in time holds nothing and is closed.
    s.joinTimer = setTimeout(() => {
      if (!s.joined && !s.ended) s.channel.end('join_timeout', 'signalling.join_timeout', roomErrorMessage('signalling.join_timeout'));
    }, this.config.media.joinTimeoutMs);
    s.joinTimer.unref();
    socket.on(REQUEST_EVENT, (raw: unknown, ack: unknown) => {
      // Flood control first, before the request is even parsed: over the rate, or with too many
      // requests unanswered, it is refused at once and never reaches the room. A connection that
      // stays over the rate is closed.
      const verdict = s.rate.take();
      if (verdict !== 'allowed') this.holdBack(socket, s);
      if (verdict === 'flooding') this.endFlooding(s);
      // Every request is acknowledged; one sent without a callback could never learn its outcome.
      if (typeof ack !== 'function') return;
      const reply = ack as (answer: Ack<unknown>) => void;
      const refusal = verdict !== 'allowed' ? RATE_LIMITED : s.pending >= this.config.media.signalling.maxPending ? TOO_MANY_PENDING : null;
      if (refusal) {
        reply({ ok: false, error: refusal });
        return;
      }
      s.pending += 1;
      void RequestContext.run({ requestId: randomUUID() }, () =>
        this.dispatch(socket, s, raw)
          .then(
            (data) => reply({ ok: true, data }),
            (error: unknown) => reply({ ok: false, error: toSignallingError(error, this.logger) }),
          )
          .finally(() => {
            s.pending -= 1;
          }),
      );
    });
  }

  handleDisconnect(socket: Socket): void {
    const s = state(socket);
    if (s.joinTimer) clearTimeout(s.joinTimer);
    if (s.heldBack) clearTimeout(s.heldBack);
    if (!s.claims || !s.joined) return;
    const room = this.rooms.room(s.claims.hearingId);
    if (!room) return;
    void room
      .disconnect(s.claims.participantId, s.channel)
      .catch((error: Error) => this.logger.error(`handleDisconnect() failed [error:${error.message}]`))
      .finally(() => this.rooms.noteDeparture(s.claims.hearingId));
  }

  /**
   * A link was revoked or replaced, or someone removed: every live connection of the hearing is
   * checked against the record again, as at its handshake, and those no longer honoured end now
   * (the person is told why), not at their next connection.
   */
  private async recheck(namespace: Namespace, hearingId: string): Promise<void> {
    for (const socket of namespace.sockets.values()) {
      const s = state(socket);
      if (!s.claims || s.ended || s.claims.hearingId !== hearingId) continue;
      const refusal = await this.ledger
        .refuseConnection(s.claims)
        .catch((error: Error) => void this.logger.error(`recheck() failed [error:${error.message}]`));
      if (!refusal || s.ended) continue;
      this.logger.log(`recheck() connection ended [participant:${s.claims.participantId}] [code:${refusal}]`);
      s.channel.end('token_revoked', refusal, roomErrorMessage(refusal));
    }
  }

  /**
   * Stops reading a connection that is over its rate until it has a token again. What it sends
   * meanwhile waits in its own TCP buffers, and its sender soon blocks, instead of costing this
   * process a refusal per request; the requests already read are still answered at once.
   */
  private holdBack(socket: Socket, s: SocketState): void {
    if (s.heldBack || s.ended) return;
    const ws = websocketOf(socket);
    if (!ws) return;
    ws.pause();
    s.heldBack = setTimeout(
      () => {
        s.heldBack = undefined;
        ws.resume();
      },
      Math.max(HOLD_BACK_MS, s.rate.nextTokenInMs()),
    );
    s.heldBack.unref();
  }

  private endFlooding(s: SocketState): void {
    if (s.ended) return;
    this.logger.warn(
      `endFlooding() connection over the request rate for ${this.config.media.signalling.floodSeconds} s, closed [participant:${s.claims.participantId}]`,
    );
    s.channel.end('rate_limited', 'signalling.rate_limited', FLOODING_MESSAGE);
  }

  private async authenticate(socket: Socket): Promise<JoinTicketClaims> {
    const auth: Partial<HandshakeAuth> = isRecord(socket.handshake.auth) ? socket.handshake.auth : {};
    const check = this.tickets.verify(auth.ticket);
    if (!check.ok) throw roomError(check.code);
    if (auth.hearingId !== check.claims.hearingId) throw roomError('hearing.ticket_for_other_hearing');
    if (check.claims.nodeId !== this.config.media.nodeId) throw roomError('auth.ticket_wrong_node');
    // Draining: the page retries a refused handshake with a fresh ticket, naming another node.
    if (await this.rooms.refusesAsDraining(check.claims.hearingId)) throw roomError('media.unavailable');
    const refusal = await this.ledger.refuseConnection(check.claims);
    if (refusal) throw roomError(refusal);
    return check.claims;
  }

  private async dispatch(socket: Socket, s: SocketState, raw: unknown): Promise<unknown> {
    if (s.ended) throw roomError('signalling.not_joined');
    const parsed = parseClientRequest(raw);
    if (!parsed.ok) throw new DomainError('invalid', parsed.error.code, parsed.error.message, { fields: parsed.fields });
    const request: ClientRequest = parsed.value;
    const { hearingId, participantId } = s.claims;
    switch (request.method) {
      case 'getRouterRtpCapabilities': {
        const room = await this.rooms.open(hearingId);
        return { routerRtpCapabilities: room.routerRtpCapabilities };
      }
      case 'join': {
        // One join per connection, also while the first is under way (each would be recorded).
        if (s.joined || s.joining) throw roomError('signalling.already_joined');
        s.joining = true;
        try {
          const room = await this.rooms.open(hearingId);
          const { linkId, userId } = s.claims;
          const sessionKey = linkId ? `link:${linkId}` : `user:${userId ?? participantId}`;
          const result = await room.join(participantId, s.channel, request.data.rtpCapabilities, sessionKey);
          s.joined = true;
          if (s.joinTimer) clearTimeout(s.joinTimer);
          // The socket may have dropped while joining: then the room must hear of it now.
          if (!socket.connected) this.handleDisconnect(socket);
          return result;
        } finally {
          s.joining = false;
        }
      }
      default: {
        if (!s.joined) throw roomError('signalling.not_joined');
        const room = this.rooms.room(hearingId);
        if (!room) throw roomError('media.unavailable');
        return room.handle(participantId, request);
      }
    }
  }
}

function state(socket: Socket): SocketState {
  return socket.data as SocketState;
}

/** The one place where failures become signalling errors: catalogue codes pass, anything else is logged and hidden. */
export function toSignallingError(error: unknown, logger: Logger): SignallingError {
  if (error instanceof DomainError && isSignallingErrorCode(error.code)) return { code: error.code, message: error.message };
  logger.error(`request() failed unexpectedly`, error instanceof Error ? error.stack : String(error));
  return { code: 'internal_error', message: roomErrorMessage('internal_error') };
}
