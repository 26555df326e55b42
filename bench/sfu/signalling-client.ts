/*
 * The hearing-room signalling as a load participant speaks it: socket.io-client and the typed
 * catalogue of libs/hearings (like test/support/media/hearing-client.ts, which the build does not
 * compile into dist/).
 */
import { io, type Socket } from 'socket.io-client';
import {
  type Ack,
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

/** A load participant's socket to a media node's signalling namespace (it connects at once). */
export function openSignallingSocket(mediaUrl: string, ticket: string, hearingId: string, timeoutMs: number): Socket {
  return io(`${mediaUrl}${SIGNALLING_NAMESPACE}`, {
    path: SIGNALLING_PATH,
    auth: { ticket, hearingId },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
}

/** Resolves when the node accepts the socket's ticket; rejects with its refusal code (and closes it). */
export function handshake(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error & { data?: SignallingError }) => {
      socket.close();
      reject(new Error(`signalling handshake refused: ${error.data?.code ?? error.message}`));
    });
  });
}

/** A notification and when this process received it (performance.now(), ms). */
export interface TimedNotification {
  readonly notification: ServerNotification;
  readonly at: number;
}

export class SignallingClient {
  readonly notifications: ServerNotification[] = [];
  /** When each of `notifications` arrived (performance.now(), ms), index for index. */
  private readonly arrivals: number[] = [];
  private readonly listeners = new Set<() => void>();
  /** Resolves with socket.io's reason when the connection drops ('ping timeout' when its node went silent). */
  readonly disconnected: Promise<string>;

  private constructor(private readonly socket: Socket) {
    this.disconnected = new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.on(NOTIFICATION_EVENT, (n: ServerNotification) => {
      this.arrivals.push(performance.now());
      this.notifications.push(n);
      for (const listener of [...this.listeners]) listener();
    });
  }

  static async connect(mediaUrl: string, ticket: string, hearingId: string, timeoutMs = 15_000): Promise<SignallingClient> {
    const socket = openSignallingSocket(mediaUrl, ticket, hearingId, timeoutMs);
    await handshake(socket);
    return new SignallingClient(socket);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Sends a request that must succeed and returns its data. */
  async call<M extends RequestMethod>(method: M, data?: RequestDataOf<M>, timeoutMs = 30_000): Promise<ResponseOf<M>> {
    const ack: Ack<ResponseOf<M>> = await this.socket.timeout(timeoutMs).emitWithAck(REQUEST_EVENT, { method, data: data ?? {} });
    if (!ack.ok) throw new Error(`${method} refused: ${ack.error.code} (${ack.error.message})`);
    return ack.data;
  }

  received<M extends NotificationMethod>(method: M): NotificationDataOf<M>[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.data as NotificationDataOf<M>);
  }

  /** A mark in the stream of notifications: `since(mark)` returns those that came after it. */
  mark(): number {
    return this.notifications.length;
  }

  /** The notifications received after `mark`, with their arrival times. */
  since(mark: number): TimedNotification[] {
    return this.notifications.slice(mark).map((notification, i) => ({ notification, at: this.arrivals[mark + i] }));
  }

  /** Resolves once `ready()` holds, re-checked on every notification; rejects after `timeoutMs`. */
  until(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!ready()) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`${what}: not within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(listener);
      listener();
    });
  }

  close(): void {
    this.socket.close();
  }
}
