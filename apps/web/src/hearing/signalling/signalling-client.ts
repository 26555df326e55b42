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
  mediaUrl: string;
  hearingId: string;
  /** A fresh ticket for each (re)connection: tickets live a minute or two. */
  ticket: () => Promise<string>;
  requestTimeoutMs?: number;
}

/**
 * The socket to the media node, speaking the catalogue in `signalling-messages.ts`: requests
 * answered by acks (a refused one rejects with its code), notifications checked for shape before
 * they reach the room. socket.io reconnects by itself; each attempt fetches a new ticket.
 */
export class SignallingClient {
  private readonly socket: Socket;
  private closed = false;

  constructor(
    private readonly options: SignallingOptions,
    events: SignallingEvents,
  ) {
    const url = new URL(SIGNALLING_NAMESPACE, options.mediaUrl).toString();
    this.socket = io(url, {
      path: SIGNALLING_PATH,
      // WebSocket only: long-polling would need sticky sessions in front of media nodes.
      transports: ['websocket'],
      autoConnect: false,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      auth: (callback: (auth: HandshakeAuth) => void) => {
        options.ticket().then(
          (ticket) => callback({ ticket, hearingId: options.hearingId }),
          // No ticket to be had (the api is down, or refuses): the handshake fails with
          // auth.ticket_missing and socket.io tries again later, unless the session ends.
          () => callback({ ticket: '', hearingId: options.hearingId }),
        );
      },
    });
    this.socket.on('connect', () => events.connected());
    this.socket.on('disconnect', (reason) => {
      if (this.closed) return;
      // The server closing us on purpose follows a sessionEnded; socket.io does not retry then.
      events.disconnected(reason !== 'io server disconnect' && reason !== 'io client disconnect');
    });
    this.socket.on('connect_error', (error: Error & { data?: unknown }) => {
      const data = error.data as { code?: unknown; message?: unknown } | undefined;
      // A refusal by the server's handshake: socket.io does not retry by itself after one.
      if (data && typeof data.code === 'string') events.refused(data.code, typeof data.message === 'string' ? data.message : error.message);
      // Otherwise a network failure: socket.io keeps trying, the room shows "reconnecting".
    });
    this.socket.on(NOTIFICATION_EVENT, (raw: unknown) => {
      if (isServerNotification(raw)) events.notification(raw);
    });
  }

  connect(): void {
    this.socket.connect();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  request<M extends RequestMethod>(method: M, data: RequestDataOf<M>): Promise<ResponseOf<M>> {
    const timeout = this.options.requestTimeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      if (!this.socket.connected) {
        reject(new SignallingError(CLIENT_SIGNALLING_CODES.disconnected, 'Not connected to the hearing room.'));
        return;
      }
      this.socket.timeout(timeout).emit(REQUEST_EVENT, { method, data }, (error: Error | null, ack: unknown) => {
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
    this.socket.io.engine?.close();
  }

  /** Stops for good: no reconnection. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
