// Listens on Redis, as a media node does, for the notices the api publishes about a hearing once a
// change is committed. A test that sees both the notice and its effect on a live connection knows
// the change was pushed, which a loaded machine cannot fake or break, instead of timing the effect.
import { Redis } from 'ioredis';
import { ACCESS_NOTICE_CHANNEL, ORDER_NOTICE_CHANNEL, SEAT_NOTICE_CHANNEL, decodeHearingNotice } from '@ejustice/hearings';
import { TEST_REDIS_URL } from '../test-env';

/** `access`: who may be connected changed; `orders`: the special-measures orders changed; `seats`: a seat added or withdrawn. */
export type HearingNoticeKind = 'access' | 'orders' | 'seats';

const KIND_OF_CHANNEL: Readonly<Record<string, HearingNoticeKind>> = {
  [ACCESS_NOTICE_CHANNEL]: 'access',
  [ORDER_NOTICE_CHANNEL]: 'orders',
  [SEAT_NOTICE_CHANNEL]: 'seats',
};

export class HearingNotices {
  private readonly heard: { kind: HearingNoticeKind; hearingId: string }[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly subscriber: Redis) {
    subscriber.on('message', (channel: string, message: string) => {
      const kind = KIND_OF_CHANNEL[channel];
      const notice = decodeHearingNotice(message);
      if (!kind || !notice) return;
      this.heard.push({ kind, hearingId: notice.hearingId });
      for (const wake of this.waiters) wake();
    });
  }

  /** Subscribed when it resolves: every notice published from then on is heard. Call close() in afterAll. */
  static async listen(): Promise<HearingNotices> {
    const subscriber = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    await subscriber.connect();
    await subscriber.subscribe(ACCESS_NOTICE_CHANNEL, ORDER_NOTICE_CHANNEL, SEAT_NOTICE_CHANNEL);
    return new HearingNotices(subscriber);
  }

  /** How many notices of this kind were heard for the hearing so far. */
  count(kind: HearingNoticeKind, hearingId: string): number {
    return this.heard.filter((n) => n.kind === kind && n.hearingId === hearingId).length;
  }

  /**
   * Resolves once `count` notices of this kind were heard for the hearing. The bound only keeps a
   * missing notice from hanging the test: a notice published reaches every subscriber together.
   */
  waitFor(kind: HearingNoticeKind, hearingId: string, count = 1, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.count(kind, hearingId) < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${kind} notice for hearing ${hearingId} within ${timeoutMs} ms (heard ${this.count(kind, hearingId)})`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
