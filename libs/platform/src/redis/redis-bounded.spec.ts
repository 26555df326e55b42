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

  it('gives up on a command that does not answer within the bound', async () => {
    const started = performance.now();
    await expect(withinRedisBound(client('ready'), () => new Promise<never>(() => undefined), 50)).rejects.toThrow(
      'Redis is unavailable: no answer within 50 ms',
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('passes on the command’s own failure', async () => {
    await expect(withinRedisBound(client('ready'), () => Promise.reject(new Error('WRONGTYPE')))).rejects.toThrow('WRONGTYPE');
  });
});
