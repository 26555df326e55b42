/*
 * Messages between the benchmark's runner and an SFU host process (the platform's media node, or
 * the bare mediasoup script), over Node's IPC channel. The platform host answers `snapshot` only:
 * everything else goes through the platform's own signalling. The bare host also sets media up
 * on the runner's request, as a minimal signalling of its own would.
 */
import type { DtlsParameters, RtpCapabilities, RtpParameters, TransportOptions } from '@ejustice/hearings/signalling/signalling-messages';
import type { MediaSnapshot } from './media-stats';
import type { MediaKindOnWire, OfferedConsumer } from './werift-peers';

export interface HostMethods {
  snapshot: { params: Record<string, never>; result: MediaSnapshot };
  createRoom: { params: { roomKey: string }; result: { workerIndex: number } };
  createTransport: { params: { roomKey: string; direction: 'send' | 'recv' }; result: TransportOptions };
  connectTransport: { params: { transportId: string; dtlsParameters: DtlsParameters }; result: Record<string, never> };
  produce: { params: { transportId: string; kind: MediaKindOnWire; rtpParameters: RtpParameters }; result: { producerId: string } };
  consume: { params: { transportId: string; producerId: string; rtpCapabilities: RtpCapabilities }; result: OfferedConsumer };
  resumeConsumer: { params: { consumerId: string }; result: Record<string, never> };
}

export type HostMethod = keyof HostMethods;

export interface HostRequestMessage {
  readonly type: 'request';
  readonly id: number;
  readonly method: HostMethod;
  readonly params: unknown;
}

export type HostReplyMessage =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string };

/** Sent once the host listens: its signalling URL (platform) and its mediasoup workers' pids. */
export interface HostReadyMessage {
  readonly type: 'ready';
  readonly url: string | null;
  readonly workerPids: readonly number[];
}

export interface HostShutdownMessage {
  readonly type: 'shutdown';
}

export type RunnerToHost = HostRequestMessage | HostShutdownMessage;
export type HostToRunner = HostReplyMessage | HostReadyMessage;

/** Serves requests from the runner with `handlers`; `shutdown` closes and exits. */
export function serveHost(
  handlers: { [M in HostMethod]?: (params: HostMethods[M]['params']) => Promise<HostMethods[M]['result']> },
  shutdown: () => Promise<void>,
): void {
  const send = (message: HostToRunner) => process.send?.(message);
  let closing = false;
  const close = async (code: number) => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(code), 10_000);
    force.unref();
    await shutdown().catch((e: unknown) => console.error('shutdown failed:', e));
    process.exit(code);
  };
  process.on('message', (message: RunnerToHost) => {
    if (message.type === 'shutdown') return void close(0);
    const handler = handlers[message.method] as ((params: unknown) => Promise<unknown>) | undefined;
    if (!handler) return send({ type: 'reply', id: message.id, ok: false, error: `this host does not handle ${message.method}` });
    handler(message.params).then(
      (result) => send({ type: 'reply', id: message.id, ok: true, result }),
      (error: unknown) => send({ type: 'reply', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The runner went away (crashed, or was killed): never outlive it.
  process.on('disconnect', () => void close(1));
  process.on('SIGINT', () => void close(130));
  process.on('SIGTERM', () => void close(143));
}
