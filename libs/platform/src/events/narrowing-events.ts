import { Logger } from '@nestjs/common';

export type NarrowingListener = (id: string) => Promise<void>;

/**
 * Tells whoever listens, after the commit, that someone may now do or see less than before: an
 * account disabled or a role withdrawn (identity), a case sealed or restricted (cases). The api
 * applies the new rule at the next request on its own; what lives longer than a request does
 * not, so the hearings lib listens and has the media nodes re-check the live connections. The
 * lower libs offer the event rather than calling hearings, which sits above them.
 *
 * Best effort, like the notices it feeds: the act stands whatever a listener does, so a failing
 * listener is logged, never reported as a failure of the act.
 */
export class NarrowingEvents {
  private readonly logger: Logger;
  private readonly listeners: NarrowingListener[] = [];

  constructor(private readonly subject: string) {
    this.logger = new Logger(`${subject}AccessEvents`);
  }

  onNarrowed(listener: NarrowingListener): void {
    this.listeners.push(listener);
  }

  async narrowed(id: string): Promise<void> {
    await Promise.all(
      this.listeners.map((listener) =>
        listener(id).catch((error: unknown) =>
          this.logger.warn(
            `narrowed() listener failed [${this.subject.toLowerCase()}:${id}] [error:${error instanceof Error ? error.message : String(error)}]`,
          ),
        ),
      ),
    );
  }
}
