import { type Server as HttpServer, createServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server } from 'socket.io';
import { SIGNALLING_NAMESPACE, SIGNALLING_PATH } from '@ejustice/hearings/signalling/signalling-messages';
import { SignallingClient, type Ticket } from './signalling-client';

/** A stand-in media node: a socket.io server on the signalling path that records the tickets it was shown. */
class FakeNode {
  readonly tickets: string[] = [];
  private readonly sockets = new Set<NetSocket>();
  private constructor(
    readonly url: string,
    private readonly http: HttpServer,
    private readonly io: Server,
  ) {
    http.on('connection', (s: NetSocket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    io.of(SIGNALLING_NAMESPACE).use((socket, next) => {
      this.tickets.push(String((socket.handshake.auth as { ticket?: unknown }).ticket));
      next();
    });
  }

  static async start(ping: { pingInterval?: number; pingTimeout?: number } = {}): Promise<FakeNode> {
    const http = createServer();
    const io = new Server(http, { path: SIGNALLING_PATH, transports: ['websocket'], ...ping });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return new FakeNode(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, http, io);
  }

  /** Dies as a killed process does: every connection cut, the port closed. */
  async crash(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => {
      this.http.close(resolve);
      this.http.closeAllConnections();
    });
  }

  /**
   * Goes silent as a node whose machine or network is lost: every connection stays open, nothing
   * is closed or refused, but nothing it sends arrives any more (its pings included).
   */
  freeze(): void {
    for (const s of this.sockets) {
      s.pause();
      s.cork();
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await this.io.close();
  }
}

function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`${what}: not within ${timeoutMs} ms`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('SignallingClient follows the hearing to the node its ticket names', () => {
  let a: FakeNode;
  let b: FakeNode;
  let sut: SignallingClient | undefined;

  beforeEach(async () => {
    a = await FakeNode.start();
    b = await FakeNode.start();
  });

  afterEach(async () => {
    sut?.close();
    await a.close().catch(() => undefined);
    await b.close();
  });

  it('after its node dies, asks for a ticket naming that node and connects where the new ticket says', async () => {
    const asked: (string | null)[] = [];
    let connected = 0;
    const disconnects: boolean[] = [];
    sut = new SignallingClient(
      {
        hearingId: 'h1',
        ticket: async (unreachableNodeId): Promise<Ticket> => {
          asked.push(unreachableNodeId);
          // The api: node A until it is reported dead, node B from then on.
          return unreachableNodeId === 'node-a'
            ? { ticket: 'ticket-for-b', mediaUrl: b.url, nodeId: 'node-b' }
            : { ticket: 'ticket-for-a', mediaUrl: a.url, nodeId: 'node-a' };
        },
      },
      {
        connected: () => void (connected += 1),
        disconnected: (willReconnect) => void disconnects.push(willReconnect),
        refused: () => undefined,
        notification: () => undefined,
      },
    );
    sut.connect();
    await waitFor(() => connected === 1, 'the first connection');
    expect(a.tickets).toEqual(['ticket-for-a']);

    await a.crash();
    await waitFor(() => connected === 2, 'the connection to node B');
    expect(disconnects).toEqual([true]);
    expect(asked).toEqual([null, 'node-a']);
    expect(b.tickets).toEqual(['ticket-for-b']);
    expect(sut.connected).toBe(true);
  });

  it('after its node goes silent (its machine lost: nothing closed), notices by the ping and asks for a ticket naming that node', async () => {
    const silent = await FakeNode.start({ pingInterval: 200, pingTimeout: 200 });
    const asked: (string | null)[] = [];
    let connected = 0;
    const disconnects: boolean[] = [];
    try {
      sut = new SignallingClient(
        {
          hearingId: 'h1',
          ticket: async (unreachableNodeId): Promise<Ticket> => {
            asked.push(unreachableNodeId);
            return unreachableNodeId === 'node-a'
              ? { ticket: 'ticket-for-b', mediaUrl: b.url, nodeId: 'node-b' }
              : { ticket: 'ticket-for-a', mediaUrl: silent.url, nodeId: 'node-a' };
          },
        },
        {
          connected: () => void (connected += 1),
          disconnected: (willReconnect) => void disconnects.push(willReconnect),
          refused: () => undefined,
          notification: () => undefined,
        },
      );
      sut.connect();
      await waitFor(() => connected === 1, 'the first connection');
      const frozenAt = Date.now();
      silent.freeze();
      await waitFor(() => connected === 2, 'the connection to node B');
      // Within the node's ping interval and timeout (and a margin for a busy machine).
      expect(Date.now() - frozenAt).toBeLessThan(400 + 1000);
      expect(disconnects).toEqual([true]);
      expect(asked).toEqual([null, 'node-a']);
      expect(b.tickets).toEqual(['ticket-for-b']);
    } finally {
      sut?.close();
      await silent.close();
    }
  });
});
