type WsServerClass = new (options: Record<string, unknown>, callback?: () => void) => object;

interface EngineLike {
  opts?: { wsEngine?: unknown };
  ws?: { options?: { allowSynchronousEvents?: unknown } };
}

/**
 * Makes the WebSocket server under socket.io hand over each connection's messages one per turn of
 * the event loop (ws's `allowSynchronousEvents: false`), not every message of a TCP read at once.
 * One read from a flooding connection brings hundreds of requests; handled in one go, they would
 * hold the process for milliseconds on end while the judge's request and the database's answers
 * wait. One at a time, every other connection is read between two of the flood's messages.
 *
 * engine.io passes no such option to the ws server it makes (and makes it again when the HTTP
 * server starts listening), so the ws server class it uses (its `wsEngine` option) is replaced by
 * one that sets it, and the server made already is set too. Returns false if the engine is not of
 * that shape (another engine or version): the caller says so loudly.
 */
export function readConnectionsInTurn(server: { readonly engine?: unknown }): boolean {
  const engine = server.engine as EngineLike | undefined;
  const Base = engine?.opts?.wsEngine;
  if (!engine?.opts || typeof Base !== 'function') return false;
  engine.opts.wsEngine = class InTurnWebSocketServer extends (Base as WsServerClass) {
    constructor(options: Record<string, unknown>, callback?: () => void) {
      super({ ...options, allowSynchronousEvents: false }, callback);
    }
  };
  if (engine.ws?.options) engine.ws.options.allowSynchronousEvents = false;
  return true;
}

/** The ws WebSocket under a socket.io connection, when it runs over WebSocket (not long-polling). */
export function websocketOf(socket: { readonly conn?: unknown }): { pause(): void; resume(): void } | undefined {
  const ws = (socket.conn as { transport?: { name?: unknown; socket?: unknown } } | undefined)?.transport;
  if (ws?.name !== 'websocket') return undefined;
  const candidate = ws.socket as { pause?: unknown; resume?: unknown } | undefined;
  return typeof candidate?.pause === 'function' && typeof candidate.resume === 'function'
    ? (candidate as { pause(): void; resume(): void })
    : undefined;
}
