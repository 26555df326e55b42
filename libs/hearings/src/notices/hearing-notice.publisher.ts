import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@ejustice/platform';
import { ACCESS_NOTICE_CHANNEL, ORDER_NOTICE_CHANNEL, SEAT_NOTICE_CHANNEL, encodeHearingNotice } from './hearing-notices';

/** How long a notice may take before the court action answers without it. */
const PUBLISH_TIMEOUT_MS = 2_000;

/**
 * Tells the media nodes that a hearing's orders, its seats, or who may be connected to it, changed, after
 * the change is committed (a node that re-reads on the notice must find it). Best effort: the
 * court's act stands whatever happens here (nodes re-read orders periodically, and check a
 * connection's link at every handshake), so a failed or slow publish is logged and the act is
 * answered at once rather than reported as failed.
 */
@Injectable()
export class HearingNoticePublisher {
  private readonly logger = new Logger(HearingNoticePublisher.name);

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async ordersChanged(hearingId: string): Promise<void> {
    await this.publish(ORDER_NOTICE_CHANNEL, hearingId, 'ordersChanged');
  }

  /**
   * A link was revoked or replaced, someone removed, or an account holder's account disabled or a
   * role of theirs withdrawn: the node ends connections no longer honoured.
   */
  async accessChanged(hearingId: string): Promise<void> {
    await this.publish(ACCESS_NOTICE_CHANNEL, hearingId, 'accessChanged');
  }

  /** A seat was added or withdrawn outside the room: a live room re-reads who is seated. */
  async seatsChanged(hearingId: string): Promise<void> {
    await this.publish(SEAT_NOTICE_CHANNEL, hearingId, 'seatsChanged');
  }

  private async publish(channel: string, hearingId: string, label: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from Redis within ${PUBLISH_TIMEOUT_MS} ms`)), PUBLISH_TIMEOUT_MS);
      });
      await Promise.race([this.redis.publish(channel, encodeHearingNotice({ hearingId })), timeout]);
    } catch (error) {
      this.logger.warn(
        `${label}() not published; media nodes catch up on their next check [hearing:${hearingId}] [error:${error instanceof Error ? error.message : String(error)}]`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
