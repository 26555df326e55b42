import { type RateVerdict, SignallingRateLimit } from './signalling-rate-limit';

describe('SignallingRateLimit', () => {
  let t: number;
  const newLimit = (settings = { ratePerSecond: 20, burst: 40, floodSeconds: 10 }) => {
    t = 1_000_000;
    return new SignallingRateLimit(settings, () => t);
  };
  const takeMany = (sut: SignallingRateLimit, n: number): RateVerdict[] => Array.from({ length: n }, () => sut.take());

  it('lets a burst through at once, then refuses the next request', () => {
    const sut = newLimit();
    expect(takeMany(sut, 40)).toEqual(Array(40).fill('allowed'));
    expect(sut.take()).toBe('refused');
  });

  it('gives tokens back at the sustained rate, never more than the burst', () => {
    const sut = newLimit();
    takeMany(sut, 40);
    t += 49;
    expect(sut.take()).toBe('refused');
    t += 1; // 50 ms at 20/s: one token
    expect(sut.take()).toBe('allowed');
    expect(sut.take()).toBe('refused');
    t += 60_000; // a long pause refills the bucket, but only up to the burst
    expect(takeMany(sut, 40)).toEqual(Array(40).fill('allowed'));
    expect(sut.take()).toBe('refused');
  });

  it('holds a client that keeps to the rate to it, request after request', () => {
    const sut = newLimit();
    const verdicts: RateVerdict[] = [];
    for (let i = 0; i < 1000; i++) {
      t += 50;
      verdicts.push(sut.take());
    }
    expect(verdicts.every((v) => v === 'allowed')).toBe(true);
  });

  it('calls a connection flooding once it has been over the rate for floodSeconds on end', () => {
    const sut = newLimit();
    takeMany(sut, 40);
    const verdicts: { at: number; verdict: RateVerdict }[] = [];
    const start = t;
    // 1000 requests a second: about 20 of them get a token, the rest are refused.
    while (t - start < 12_000) {
      t += 1;
      verdicts.push({ at: t - start, verdict: sut.take() });
    }
    const firstFlooding = verdicts.find((v) => v.verdict === 'flooding');
    // Refused first at 1 ms (the bucket was empty); flooding ten seconds after that.
    expect(firstFlooding?.at).toBeGreaterThanOrEqual(10_001);
    expect(firstFlooding?.at).toBeLessThanOrEqual(10_002);
    expect(verdicts.filter((v) => v.at < 10_000 && v.verdict === 'allowed').length).toBeGreaterThanOrEqual(195);
    expect(verdicts.filter((v) => v.at < 10_000 && v.verdict === 'flooding')).toEqual([]);
  });

  it('forgives a client that reaches the limit but backs off for a second when refused', () => {
    const sut = newLimit();
    // Bursts of 60 every 3 s for a minute: each burst overruns the bucket, then the client is quiet.
    const verdicts: RateVerdict[] = [];
    for (let round = 0; round < 20; round++) {
      verdicts.push(...takeMany(sut, 60));
      t += 3000;
    }
    expect(verdicts).toContain('refused');
    expect(verdicts).not.toContain('flooding');
  });

  it('says how long until the next token', () => {
    const sut = newLimit();
    expect(sut.nextTokenInMs()).toBe(0);
    takeMany(sut, 40);
    expect(sut.nextTokenInMs()).toBeCloseTo(50);
    t += 20;
    expect(sut.nextTokenInMs()).toBeCloseTo(30);
    t += 30;
    expect(sut.nextTokenInMs()).toBe(0);
    expect(sut.take()).toBe('allowed');
  });

  it('does not hand out tokens when the clock goes backwards', () => {
    const sut = newLimit({ ratePerSecond: 20, burst: 1, floodSeconds: 10 });
    expect(sut.take()).toBe('allowed');
    t -= 5000;
    expect(sut.take()).toBe('refused');
  });
});
