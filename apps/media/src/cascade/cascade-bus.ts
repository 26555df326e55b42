import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@ejustice/platform';
import {
  type CascadeEnvelope,
  type CascadeLost,
  type CascadeMethod,
  type CascadeRequests,
  decodeCascadeEnvelope,
} from './cascade-messages';

/** An edge that does not answer within this long is treated as gone (its viewers set up again elsewhere). */
export const CASCADE_REQUEST_TIMEOUT_MS = 5_000;

export type CascadeRequestHandler = (from: string, hearingId: string, method: CascadeMethod, data: unknown) => Promise<unknown>;

export class CascadeRequestFailed extends Error {
  /** Nobody listens on the node's channel: the node is gone (its Redis connection closed), not merely slow. */
  readonly nodeGone: boolean;

  constructor(message: string, nodeGone = false) {
    super(message);
    this.nodeGone = nodeGone;
  }
}

/**
 * The control channel between the nodes of a pool: request and answer over Redis pub/sub, one
 * channel per node (`ejustice:media:<pool>:cascade:<nodeId>`). Redis is the pool's trusted
 * coordination already (placement, orders, access notices); the channel carries transport and
 * producer parameters, never a name or a decision: the policy is decided on the origin alone.
 * Messages from one node arrive in the order it published them, which the origin relies on (a
 * consumer's close is never overtaken by a later consume).
 */
@Injectable()
export class CascadeBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CascadeBus.name);
  private subscriber: Redis | undefined;
  private readonly pending = new Map<string, { resolve: (data: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private handler: CascadeRequestHandler | undefined;
  private readonly lostListeners: ((from: string, lost: CascadeLost) => void)[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get nodeId(): string {
    return this.config.media.nodeId;
  }

  private channelOf(nodeId: string): string {
    return `ejustice:media:${this.config.media.pool}:cascade:${nodeId}`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, raw: string) => this.receive(raw));
    await this.subscriber.subscribe(this.channelOf(this.nodeId));
  }

  async onModuleDestroy(): Promise<void> {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new CascadeRequestFailed('the node is shutting down'));
      this.pending.delete(id);
    }
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** The edge side: answers each request (one handler per node). */
  serve(handler: CascadeRequestHandler): void {
    this.handler = handler;
  }

  onLost(listener: (from: string, lost: CascadeLost) => void): void {
    this.lostListeners.push(listener);
  }

  /** Asks an edge; rejects with CascadeRequestFailed when it refuses or does not answer in time. */
  request<M extends CascadeMethod>(
    nodeId: string,
    hearingId: string,
    method: M,
    data: CascadeRequests[M]['data'],
  ): Promise<CascadeRequests[M]['result']> {
    const id = randomUUID();
    const envelope: CascadeEnvelope = { type: 'request', id, from: this.nodeId, hearingId, method, data };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CascadeRequestFailed(`no answer from ${nodeId} to ${method} within ${CASCADE_REQUEST_TIMEOUT_MS} ms`));
      }, CASCADE_REQUEST_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve: resolve as (data: unknown) => void, reject, timer });
      this.redis.publish(this.channelOf(nodeId), JSON.stringify(envelope)).then(
        (receivers) => {
          // Nobody subscribed: the node is gone; no need to wait for the timeout.
          if (receivers === 0) this.settle(id, { ok: false, error: `${nodeId} is not listening`, nodeGone: true });
        },
        (error: Error) => this.settle(id, { ok: false, error: error.message }),
      );
    });
  }

  /** Tells an origin its hearing lost its media on this edge. */
  async lost(originNodeId: string, lost: CascadeLost): Promise<void> {
    const envelope: CascadeEnvelope = { type: 'lost', from: this.nodeId, data: lost };
    await this.redis.publish(this.channelOf(originNodeId), JSON.stringify(envelope));
  }

  private receive(raw: string): void {
    const envelope = decodeCascadeEnvelope(raw);
    if (!envelope) return;
    switch (envelope.type) {
      case 'reply':
        this.settle(envelope.id, envelope);
        return;
      case 'lost':
        for (const listener of this.lostListeners) listener(envelope.from, envelope.data);
        return;
      case 'request':
        void this.answer(envelope);
    }
  }

  private async answer(envelope: Extract<CascadeEnvelope, { type: 'request' }>): Promise<void> {
    let reply: CascadeEnvelope;
    try {
      if (!this.handler) throw new Error('this node serves no cascade');
      const data = await this.handler(envelope.from, envelope.hearingId, envelope.method, envelope.data);
      reply = { type: 'reply', id: envelope.id, ok: true, data: data ?? {} };
    } catch (error) {
      reply = { type: 'reply', id: envelope.id, ok: false, error: (error as Error).message };
    }
    await this.redis
      .publish(this.channelOf(envelope.from), JSON.stringify(reply))
      .catch((error: Error) => this.logger.warn(`answer() reply lost [method:${envelope.method}] [error:${error.message}]`));
  }

  private settle(id: string, reply: { ok: true; data: unknown } | { ok: false; error: string; nodeGone?: boolean }): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (reply.ok) p.resolve(reply.data);
    else p.reject(new CascadeRequestFailed(reply.error, 'nodeGone' in reply && reply.nodeGone === true));
  }
}
