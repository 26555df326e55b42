// A hearing-room signalling client for tests: socket.io-client speaking the catalogue in
// libs/hearings/src/signalling, with a record of every notification received.
import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
  type HandshakeAuth,
  NOTIFICATION_EVENT,
  type NotificationDataOf,
  type NotificationMethod,
  REQUEST_EVENT,
  type RequestDataOf,
  type RequestMethod,
  type ResponseOf,
  SIGNALLING_NAMESPACE,
  SIGNALLING_PATH,
  type ServerNotification,
  type SignallingError,
} from '@ejustice/hearings/signalling/signalling-messages';

/** A refused handshake: the `data` of socket.io's connect_error. */
export class HandshakeRefused extends Error {
  constructor(readonly refusal: SignallingError) {
    super(`handshake refused: ${refusal.code}`);
  }
}

export class HearingClient {
  readonly notifications: ServerNotification[] = [];
  private readonly listeners = new Set<() => void>();
  /** Resolves with socket.io's reason when the connection closes. */
  readonly disconnected: Promise<string>;

  private constructor(readonly socket: Socket) {
    socket.on(NOTIFICATION_EVENT, (n: ServerNotification) => {
      this.notifications.push(n);
      for (const listener of [...this.listeners]) listener();
    });
    this.disconnected = new Promise((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
  }

  /** Connects; rejects with HandshakeRefused when the media node refuses the ticket. */
  static connect(mediaUrl: string, auth: HandshakeAuth, timeoutMs = 10_000): Promise<HearingClient> {
    const socket = io(`${mediaUrl}${SIGNALLING_NAMESPACE}`, {
      path: SIGNALLING_PATH,
      auth: { ...auth },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
    });
    const client = new HearingClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(client));
      socket.once('connect_error', (error: Error & { data?: SignallingError }) => {
        socket.close();
        reject(error.data ? new HandshakeRefused(error.data) : error);
      });
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Sends a request and returns the ack as it came. */
  async request<M extends RequestMethod>(method: M, data?: RequestDataOf<M>, timeoutMs = 15_000): Promise<Ack<ResponseOf<M>>> {
    return this.socket.timeout(timeoutMs).emitWithAck(REQUEST_EVENT, { method, data: data ?? {} });
  }

  /** Sends a request that must succeed, and returns its data. */
  async call<M extends RequestMethod>(method: M, data?: RequestDataOf<M>): Promise<ResponseOf<M>> {
    const ack = await this.request(method, data);
    if (!ack.ok) throw new Error(`${method} refused: ${ack.error.code} (${ack.error.message})`);
    return ack.data;
  }

  /** Notifications of one kind received so far. */
  received<M extends NotificationMethod>(method: M): NotificationDataOf<M>[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.data as NotificationDataOf<M>);
  }

  /** Waits for a notification of `method` matching `accept` (looking at those already received too). */
  waitFor<M extends NotificationMethod>(
    method: M,
    accept: (data: NotificationDataOf<M>) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<NotificationDataOf<M>> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received(method).find(accept);
        if (found === undefined) return false;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} notification within ${timeoutMs} ms; got: ${this.notifications.map((n) => n.method).join(', ')}`));
      }, timeoutMs);
      this.listeners.add(listener);
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}
