// A hostile hearing-room client for flood tests: it joins, then sends signalling requests as
// fast as its socket takes them, never waiting for an answer. It runs in a worker thread, so the
// flooder's own work (encoding thousands of requests, decoding their acks) is not charged to the
// test's event loop, where the media node and the judge's client run: what the judge feels is
// what the media node lets the flood cost, not what the test's own flooding code costs.
import { Worker } from 'node:worker_threads';
import type { HandshakeAuth, RtpCapabilities, ServerNotification } from '@ejustice/hearings/signalling/signalling-messages';
import {
  NOTIFICATION_EVENT,
  REQUEST_EVENT,
  SIGNALLING_NAMESPACE,
  SIGNALLING_PATH,
} from '@ejustice/hearings/signalling/signalling-messages';

export interface FloodReport {
  /** Requests written to the socket. */
  readonly sent: number;
  /** Acks received, by outcome: `ok`, or the refusal code. */
  readonly answers: Readonly<Record<string, number>>;
  /** Requests still unanswered when the report was taken. */
  readonly unanswered: number;
  readonly sessionEnded: Extract<ServerNotification, { method: 'sessionEnded' }>['data'] | null;
  /** socket.io's reason if the connection closed. */
  readonly disconnected: string | null;
}

interface Setup {
  readonly url: string;
  readonly auth: HandshakeAuth;
  readonly rtpCapabilities: RtpCapabilities;
  /** Sent round-robin. */
  readonly requests: readonly { readonly method: string; readonly data: unknown }[];
  /** Requests in flight at most. */
  readonly window: number;
  readonly constants: { readonly namespace: string; readonly path: string; readonly request: string; readonly notification: string };
}

// Plain CommonJS: a worker thread does not go through jest's TypeScript transform.
const FLOODER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { io } = require('socket.io-client');
const setup = workerData;
const answers = {};
let sent = 0;
let unanswered = 0;
let flooding = false;
let sessionEnded = null;
let disconnected = null;
const socket = io(setup.url + setup.constants.namespace, {
  path: setup.constants.path, auth: setup.auth, transports: ['websocket'], reconnection: false, forceNew: true,
});
const report = () => ({ sent, answers: { ...answers }, unanswered, sessionEnded, disconnected });
socket.on(setup.constants.notification, (n) => { if (n.method === 'sessionEnded') sessionEnded = n.data; });
socket.on('disconnect', (reason) => { disconnected = reason; flooding = false; });
socket.on('connect_error', (error) => parentPort.postMessage({ type: 'failed', message: String(error && error.message) }));
const ask = (method, data) => new Promise((resolve) => socket.emit(setup.constants.request, { method, data }, resolve));
socket.once('connect', async () => {
  await ask('getRouterRtpCapabilities', {});
  const joined = await ask('join', { rtpCapabilities: setup.rtpCapabilities });
  parentPort.postMessage({ type: 'joined', ack: joined });
});
function burst() {
  if (!flooding || !socket.connected) return;
  // A batch per turn of the loop, while acks still get read; at most WINDOW unanswered, so the
  // flood goes as fast as the server takes it instead of piling up in this process's memory.
  let i = 0;
  for (; i < 50 && unanswered < setup.window; i++) {
    const request = setup.requests[sent % setup.requests.length];
    sent++;
    unanswered++;
    socket.emit(setup.constants.request, request, (ack) => {
      unanswered--;
      const key = ack && ack.ok ? 'ok' : (ack && ack.error && ack.error.code) || 'malformed';
      answers[key] = (answers[key] || 0) + 1;
    });
  }
  // A full window waits for answers without spinning.
  if (i > 0) setImmediate(burst);
  else setTimeout(burst, 1);
}
parentPort.on('message', (m) => {
  if (m === 'start') { flooding = true; burst(); }
  if (m === 'stop') { flooding = false; }
  if (m === 'report') parentPort.postMessage({ type: 'report', report: report() });
  if (m === 'close') { flooding = false; socket.close(); parentPort.postMessage({ type: 'report', report: report() }); }
});
`;

export class SignallingFlooder {
  private constructor(private readonly worker: Worker) {}

  /** Connects and joins (as any client would); the flood starts with start(). */
  static async join(
    url: string,
    auth: HandshakeAuth,
    rtpCapabilities: RtpCapabilities,
    requests: Setup['requests'],
    window = 1000,
  ): Promise<{ flooder: SignallingFlooder; joinAck: unknown }> {
    const setup: Setup = {
      url,
      auth,
      rtpCapabilities,
      requests,
      window,
      constants: { namespace: SIGNALLING_NAMESPACE, path: SIGNALLING_PATH, request: REQUEST_EVENT, notification: NOTIFICATION_EVENT },
    };
    const worker = new Worker(FLOODER_SOURCE, { eval: true, workerData: setup });
    const joinAck = await new Promise<unknown>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: { type: string; ack?: unknown; message?: string }) => {
        if (m.type === 'joined') resolve(m.ack);
        if (m.type === 'failed') reject(new Error(`the flooder could not connect: ${m.message}`));
      });
    });
    return { flooder: new SignallingFlooder(worker), joinAck };
  }

  start(): void {
    this.worker.postMessage('start');
  }

  stop(): void {
    this.worker.postMessage('stop');
  }

  report(): Promise<FloodReport> {
    return this.ask('report');
  }

  /** Waits until every request sent has been answered (or the connection closed). */
  async drained(timeoutMs = 15_000): Promise<FloodReport> {
    const deadline = Date.now() + timeoutMs;
    let report = await this.report();
    while (report.unanswered > 0 && report.disconnected === null) {
      if (Date.now() > deadline) throw new Error(`the flood's last requests went unanswered: ${report.unanswered} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      report = await this.report();
    }
    return report;
  }

  /** Closes the socket and the worker; returns the last report. */
  async close(): Promise<FloodReport> {
    const last = await this.ask('close');
    await this.worker.terminate();
    return last;
  }

  private ask(message: 'report' | 'close'): Promise<FloodReport> {
    return new Promise((resolve) => {
      const listener = (m: { type: string; report?: FloodReport }) => {
        if (m.type !== 'report' || !m.report) return;
        this.worker.off('message', listener);
        resolve(m.report);
      };
      this.worker.on('message', listener);
      this.worker.postMessage(message);
    });
  }
}
