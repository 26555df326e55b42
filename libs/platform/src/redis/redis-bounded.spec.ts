import type { Redis } from 'ioredis';
import { RedisUnavailableError, withinRedisBound } from './redis-bounded';

/** Only the client's connection state matters to the bound; the command is the test's own function. */
const client = (status: string) => ({ status }) as unknown as Redis;

describe('withinRedisBound', () => {
  it('answers what the command answers while the client is connected', async () => {
    await expect(withinRedisBound(client('ready'), async () => 'OK')).resolves.toBe('OK');
  });

  it('fails at once, without sending the command, while the client is not connected', async () => {
    const command = jest.fn(async () => 'OK');
    for (const status of ['connecting', 'reconnecting', 'end']) {
      await expect(withinRedisBound(client(status), command)).rejects.toThrow(new RedisUnavailableError(`the client is ${status}`));
    }
    expect(command).not.toHaveBeenCalled();
  });

  it('gives up on a command that does not answer within the bound, and not before', async () => {
    // The bound's own timer, on a fake clock: what is checked is when it gives up, not how fast a
    // loaded machine happens to run it.
    jest.useFakeTimers();
    try {
      let outcome: unknown = 'pending';
      const answer = withinRedisBound(client('ready'), () => new Promise<never>(() => undefined), 50).catch((error: unknown) => {
        outcome = error;
      });
      await jest.advanceTimersByTimeAsync(49);
      expect(outcome).toBe('pending');
      await jest.advanceTimersByTimeAsync(1);
      await answer;
      expect(outcome).toEqual(new RedisUnavailableError('no answer within 50 ms'));
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('passes on the command’s own failure', async () => {
    await expect(withinRedisBound(client('ready'), () => Promise.reject(new Error('WRONGTYPE')))).rejects.toThrow('WRONGTYPE');
  });
});
