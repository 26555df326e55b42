/*
 * One signalling connection of a soak participant: socket.io-client with the typed catalogue of
 * libs/hearings. Unlike the SFU benchmark's client it keeps no history (a soak runs for long):
 * each notification goes to the participant as it arrives, and so does the end of the socket.
 */
import type { Socket } from 'socket.io-client';
import {
  type Ack,
  NOTIFICATION_EVENT,
  REQUEST_EVENT,
  type RequestDataOf,
  type RequestMethod,
  type ResponseOf,
  type ServerNotification,
  type SignallingErrorCode,
} from '@ejustice/hearings/signalling/signalling-messages';
import { handshake, openSignallingSocket } from '../sfu/signalling-client';

/** A request the node refused: its code, as the catalogue names it. */
export class RefusedRequest extends Error {
  constructor(
    readonly method: RequestMethod,
    readonly code: SignallingErrorCode,
    message: string,
  ) {
    super(`${method} refused: ${code} (${message})`);
  }
}

export interface SignallingEvents {
  notification(n: ServerNotification): void;
  /** The socket closed (by the node, or by `close()`), with socket.io's reason. */
  closed(reason: string): void;
}

export class SoakSignalling {
  private constructor(private readonly socket: Socket) {}

  static async connect(
    mediaUrl: string,
    ticket: string,
    hearingId: string,
    events: SignallingEvents,
    timeoutMs = 15_000,
  ): Promise<SoakSignalling> {
    const socket = openSignallingSocket(mediaUrl, ticket, hearingId, timeoutMs);
    socket.on(NOTIFICATION_EVENT, (n: ServerNotification) => events.notification(n));
    await handshake(socket);
    socket.on('disconnect', (reason) => events.closed(reason));
    return new SoakSignalling(socket);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Sends a request; a refusal rejects with RefusedRequest, no answer in time with an Error. */
  async call<M extends RequestMethod>(method: M, data?: RequestDataOf<M>, timeoutMs = 30_000): Promise<ResponseOf<M>> {
    let ack: Ack<ResponseOf<M>>;
    try {
      ack = await this.socket.timeout(timeoutMs).emitWithAck(REQUEST_EVENT, { method, data: data ?? {} });
    } catch (error) {
      throw new Error(`${method}: no answer within ${timeoutMs} ms (${(error as Error).message})`, { cause: error });
    }
    if (!ack.ok) throw new RefusedRequest(method, ack.error.code, ack.error.message);
    return ack.data;
  }

  close(): void {
    this.socket.close();
  }
}
