/** Flood control of one signalling connection (from the media section of the configuration). */
export interface SignallingRateSettings {
  /** Requests per second, sustained. */
  readonly ratePerSecond: number;
  /** Requests at once after a pause (the bucket's size). */
  readonly burst: number;
  /** A connection over the rate this long on end is flooding. */
  readonly floodSeconds: number;
}

/** `refused`: this request is over the rate. `flooding`: and the connection has been for floodSeconds. */
export type RateVerdict = 'allowed' | 'refused' | 'flooding';

/**
 * A connection stops counting as over the rate once it has sent nothing refused for this long: a
 * client that backs off when told is not flooding, however often it reaches the limit.
 */
const QUIET_MS = 1000;

/**
 * One connection's token bucket. A request takes a token; tokens come back at `ratePerSecond`,
 * up to `burst`. Without a token the request is refused at once; a connection refused again and
 * again (never quiet for a second) for `floodSeconds` is flooding and should be closed. Time comes
 * from the clock it is given (milliseconds, monotonic), so tests drive it by hand.
 */
export class SignallingRateLimit {
  private tokens: number;
  private refilledAt: number;
  private overSince: number | null = null;
  private lastRefusedAt = 0;

  constructor(
    private readonly settings: SignallingRateSettings,
    private readonly now: () => number,
  ) {
    this.tokens = settings.burst;
    this.refilledAt = now();
  }

  take(): RateVerdict {
    const now = this.now();
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.settings.burst, this.tokens + (elapsed / 1000) * this.settings.ratePerSecond);
    this.refilledAt = now;
    if (this.overSince !== null && now - this.lastRefusedAt >= QUIET_MS) this.overSince = null;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'allowed';
    }
    this.overSince ??= now;
    this.lastRefusedAt = now;
    return now - this.overSince >= this.settings.floodSeconds * 1000 ? 'flooding' : 'refused';
  }

  /** How long until the next request would get a token (0 if one is there now). */
  nextTokenInMs(): number {
    const elapsed = Math.max(0, this.now() - this.refilledAt);
    const tokens = this.tokens + (elapsed / 1000) * this.settings.ratePerSecond;
    return tokens >= 1 ? 0 : ((1 - tokens) / this.settings.ratePerSecond) * 1000;
  }
}
