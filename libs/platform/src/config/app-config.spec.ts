import { ConfigError } from './config-error';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('works with no variables at all, using the defaults of a developer machine', () => {
    const sut = loadConfig({});
    expect(sut.database.url).toBe('postgres://postgres@127.0.0.1:5432/ejustice');
    expect(sut.redis.url).toBe('redis://127.0.0.1:6379');
    expect(sut.http.port).toBe(3000);
    expect(sut.auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('returns a frozen object, all the way down', () => {
    const sut = loadConfig({});
    expect(Object.isFrozen(sut)).toBe(true);
    expect(Object.isFrozen(sut.auth)).toBe(true);
    expect(() => {
      (sut.auth as { loginMaxFailures: number }).loginMaxFailures = 1;
    }).toThrow(TypeError);
  });

  it('stops on a bad value with a sentence naming the variable', () => {
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(/API_PORT must be a whole number, but is "eighty"/);
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(/API_PORT must be at most 65535/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL must be a postgres: or postgresql: URL/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV must be one of development, test, production/);
    expect(() => loadConfig({ COURT_DEFAULT_TIME_ZONE: 'Mars/Olympus' })).toThrow(/COURT_DEFAULT_TIME_ZONE must be an IANA time zone/);
  });

  it('reports every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: 'x', REDIS_URL: 'nope', LOGIN_MAX_FAILURES: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('refuses the development secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set to a secret of your own/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).env).toBe('production');
  });

  it('never echoes a database password in its error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'http://u:hunter2@h/db' })).toThrow(/u:\*\*\*@h/);
    expect(() => loadConfig({ DATABASE_URL: 'http://u:hunter2@h/db' })).not.toThrow(/hunter2/);
  });
});
