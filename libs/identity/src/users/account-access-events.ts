import { Injectable, Logger } from '@nestjs/common';

export type AccountAccessListener = (userId: string) => Promise<void>;

/**
 * Tells whoever listens, after the commit, that an account may now do less than before (it was
 * disabled, or a role was withdrawn). The api refuses such an account at its next request on its
 * own; what lives longer than a request does not: the hearings lib listens here and has the
 * media nodes re-check the account's live connections. Identity sits below hearings, so it
 * offers the event rather than calling hearings itself.
 *
 * Best effort, like the notices it feeds: the administrator's act stands whatever a listener
 * does, so a failing listener is logged, never reported as a failure of the act.
 */
@Injectable()
export class AccountAccessEvents {
  private readonly logger = new Logger(AccountAccessEvents.name);
  private readonly listeners: AccountAccessListener[] = [];

  onNarrowed(listener: AccountAccessListener): void {
    this.listeners.push(listener);
  }

  async narrowed(userId: string): Promise<void> {
    await Promise.all(
      this.listeners.map((listener) =>
        listener(userId).catch((error: unknown) =>
          this.logger.warn(`narrowed() listener failed [user:${userId}] [error:${error instanceof Error ? error.message : String(error)}]`),
        ),
      ),
    );
  }
}
