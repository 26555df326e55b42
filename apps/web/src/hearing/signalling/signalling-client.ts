import {
  NOTIFICATION_EVENT,
  REQUEST_EVENT,
  SIGNALLING_NAMESPACE,
  SIGNALLING_PATH,
  isAck,
  isServerNotification,
  type HandshakeAuth,
  type RequestDataOf,
  type RequestMethod,
  type ResponseOf,
  type ServerNotification,
} from '@ejustice/hearings/signalling/signalling-messages';
import { io, type Socket } from 'socket.io-client';

/** A request the server refused (or that got no answer), with the catalogue's code. */
export class SignallingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SignallingError';
  }
}

export function isSignallingError(error: unknown): error is SignallingError {
  return error instanceof SignallingError;
}

/** Codes the client gives to failures that never reached the server's catalogue. */
export const CLIENT_SIGNALLING_CODES = {
  timeout: 'signalling.no_answer',
  disconnected: 'signalling.disconnected',
  malformed: 'signalling.malformed_answer',
} as const;

export interface SignallingEvents {
  /** Connected (first time, or again after a drop): the join must be (re)done now. */
  connected(): void;
  /** The socket dropped; socket.io is trying to reconnect unless `willReconnect` is false. */
  disconnected(willReconnect: boolean): void;
  /** The handshake was refused; `code` from the catalogue when the server gave one. */
  refused(code: string, message: string): void;
  notification(notification: ServerNotification): void;
}

export interface SignallingOptions {
  hearingId: string;
  /**
   * A fresh ticket for each (re)connection (tickets live a minute or two), naming the media node to
   * connect to. After a dropped connection, `unreachableNodeId` is the node that dropped it: the
   * api checks it and, if it died, names the node the hearing moved to.
   */
  ticket: (unreachableNodeId: string | null) => Promise<Ticket>;
  requestTimeoutMs?: number;
}

/** The parts of a join ticket the connection needs. */
export interface Ticket {
  readonly ticket: string;
  readonly mediaUrl: string;
  readonly nodeId: string;
}

const RECONNECT_DELAY_MS = 500;
const RECONNECT_DELAY_MAX_MS = 4000;

/**
 * The socket to the media node, speaking the catalogue in `signalling-messages.ts`: requests
 * answered by acks (a refused one rejects with its code), notifications checked for shape before
 * they reach the room. It reconnects by itself, and each attempt asks the api for a ticket first:
 * the ticket says which media node carries the hearing now, so when a node dies the client
 * follows the hearing to the node that took it over (a new socket on the new address).
 */
export class SignallingClient {
  private socket: Socket | null = null;
  private closed = false;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private opening = false;

  constructor(
    private readonly options: SignallingOptions,
    private readonly events: SignallingEvents,
  ) {}

  /** Connects (first time, or again after a refused handshake the session wants to retry). */
  connect(): void {
    void this.open(null);
  }

  /** A fresh ticket, then a socket to the node it names. */
  private async open(unreachableNodeId: string | null): Promise<void> {
    if (this.closed || this.opening) return;
    this.opening = true;
    let ticket: Ticket;
    try {
      ticket = await this.options.ticket(unreachableNodeId);
    } catch {
      // No ticket to be had (the api is down, or refused and the session ended): try again later.
      this.opening = false;
      this.retry(unreachableNodeId);
      return;
    }
    this.opening = false;
    if (this.closed) return;
    this.dispose();
    const socket = io(new URL(SIGNALLING_NAMESPACE, ticket.mediaUrl).toString(), {
      path: SIGNALLING_PATH,
      // WebSocket only: long-polling would need sticky sessions in front of media nodes.
      transports: ['websocket'],
      autoConnect: false,
      // Ours, not socket.io's: socket.io would retry the same address, and the hearing may have moved.
      reconnection: false,
      forceNew: true,
      auth: { ticket: ticket.ticket, hearingId: this.options.hearingId } satisfies HandshakeAuth,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.attempts = 0;
      this.events.connected();
    });
    socket.on('disconnect', (reason) => {
      if (this.closed || this.socket !== socket) return;
      // The server closing us on purpose follows a sessionEnded; no reconnection then.
      const willReconnect = reason !== 'io server disconnect' && reason !== 'io client disconnect';
      this.events.disconnected(willReconnect);
      if (willReconnect) this.retry(ticket.nodeId);
    });
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      if (this.closed || this.socket !== socket) return;
      const data = error.data as { code?: unknown; message?: unknown } | undefined;
      // A refusal by the server's handshake: the session decides whether to try again.
      if (data && typeof data.code === 'string') {
        this.events.refused(data.code, typeof data.message === 'string' ? data.message : error.message);
        return;
      }
      // A network failure: the node may be gone; the room shows "reconnecting" meanwhile.
      this.retry(ticket.nodeId);
    });
    socket.on(NOTIFICATION_EVENT, (raw: unknown) => {
      if (isServerNotification(raw)) this.events.notification(raw);
    });
    socket.connect();
  }

  /** Tries again a little later each time (at once the first time: a node failure wants a quick answer). */
  private retry(unreachableNodeId: string | null): void {
    if (this.closed || this.timer !== null) return;
    const delay = this.attempts === 0 ? 0 : Math.min(RECONNECT_DELAY_MS * 2 ** (this.attempts - 1), RECONNECT_DELAY_MAX_MS);
    this.attempts += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.open(unreachableNodeId);
    }, delay);
  }

  private dispose(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.removeAllListeners();
    socket.disconnect();
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  request<M extends RequestMethod>(method: M, data: RequestDataOf<M>): Promise<ResponseOf<M>> {
    const timeout = this.options.requestTimeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const socket = this.socket;
      if (!socket?.connected) {
        reject(new SignallingError(CLIENT_SIGNALLING_CODES.disconnected, 'Not connected to the hearing room.'));
        return;
      }
      socket.timeout(timeout).emit(REQUEST_EVENT, { method, data }, (error: Error | null, ack: unknown) => {
        if (error) {
          reject(new SignallingError(CLIENT_SIGNALLING_CODES.timeout, `No answer to ${method}.`));
          return;
        }
        if (!isAck(ack)) {
          reject(new SignallingError(CLIENT_SIGNALLING_CODES.malformed, `Unexpected answer to ${method}.`));
          return;
        }
        if (ack.ok) resolve(ack.data as ResponseOf<M>);
        else reject(new SignallingError(ack.error.code, ack.error.message));
      });
    });
  }

  /**
   * Closes the underlying transport as a network failure would (socket.io then reconnects by
   * itself). Only the browser tests' hook calls it, to exercise the reconnection for real.
   */
  dropTransport(): void {
    this.socket?.io.engine?.close();
  }

  /** Stops for good: no reconnection. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.dispose();
  }
}
