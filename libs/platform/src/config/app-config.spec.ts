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
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_APP_URL: 'postgres://app:pw@db/ejustice' }).env).toBe(
      'production',
    );
  });

  it('never echoes a database password in its error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'http://u:hunter2@h/db' })).toThrow(/u:\*\*\*@h/);
    expect(() => loadConfig({ DATABASE_URL: 'http://u:hunter2@h/db' })).not.toThrow(/hunter2/);
  });

  describe('platform operator court', () => {
    it('names none by default: every administrator operates the shared machinery, as in a one-court installation', () => {
      expect(loadConfig({}).operators.courtId).toBeUndefined();
    });

    it('takes a court id, in the lower case the database gives court ids', () => {
      const sut = loadConfig({ PLATFORM_OPERATOR_COURT_ID: ' 0B7F4A52-3C1E-4D8A-9F00-1A2B3C4D5E6F ' });
      expect(sut.operators.courtId).toBe('0b7f4a52-3c1e-4d8a-9f00-1a2b3c4d5e6f');
    });

    it('refuses what is no court id, naming the variable', () => {
      expect(() => loadConfig({ PLATFORM_OPERATOR_COURT_ID: 'TCOURT1' })).toThrow(
        /PLATFORM_OPERATOR_COURT_ID must be the id of a court \(a UUID such as 0b7f4a52-3c1e-4d8a-9f00-1a2b3c4d5e6f\), but is "TCOURT1"/,
      );
    });
  });

  describe('source code link (AGPL-3.0 section 13)', () => {
    it('offers no link unless the court names where its source is', () => {
      expect(loadConfig({}).http.sourceCodeUrl).toBeUndefined();
    });

    it('takes an http(s) address as given', () => {
      const sut = loadConfig({ SOURCE_CODE_URL: 'https://git.court.example/ejustice' });
      expect(sut.http.sourceCodeUrl).toBe('https://git.court.example/ejustice');
    });

    it('refuses other schemes (a javascript: link would run inside the platform) and what is no URL', () => {
      expect(() => loadConfig({ SOURCE_CODE_URL: 'ftp://x' })).toThrow(/SOURCE_CODE_URL must be a http: or https: URL, but is "ftp:\/\/x"/);
      expect(() => loadConfig({ SOURCE_CODE_URL: 'javascript:alert(1)' })).toThrow(/SOURCE_CODE_URL must be a http: or https: URL/);
      expect(() => loadConfig({ SOURCE_CODE_URL: 'not a url' })).toThrow(
        /SOURCE_CODE_URL must be a URL such as https:\/\/git\.court\.example\/ejustice, but is "not a url"/,
      );
    });
  });

  describe('database roles', () => {
    it("connects the apps as ejustice_app on the owner's database by default", () => {
      const sut = loadConfig({ DATABASE_URL: 'postgres://owner:secret@db.court:5433/court' });
      expect(sut.database.url).toBe('postgres://owner:secret@db.court:5433/court');
      expect(sut.database.appUrl).toBe('postgres://ejustice_app:ejustice-app-development-only@db.court:5433/court');
    });

    it('refuses an app URL that names the owner, since the owner can switch the audit triggers off', () => {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://owner@db/x', DATABASE_APP_URL: 'postgres://owner:pw@db/x' })).toThrow(
        /DATABASE_APP_URL must name another role than DATABASE_URL/,
      );
    });

    it("wants the apps' own credentials in production", () => {
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(
        /DATABASE_APP_URL must be set when NODE_ENV=production/,
      );
    });

    it('reports a bad DATABASE_URL once, not again through the URL derived from it', () => {
      let error: unknown;
      try {
        loadConfig({ DATABASE_URL: 'mysql://db/x' });
      } catch (e) {
        error = e;
      }
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^DATABASE_URL must be a postgres/)]);
    });
  });

  describe('audit checkpoints', () => {
    it('names the chain after the database and keeps a generated key under var/ outside production', () => {
      const sut = loadConfig({ EJ_ROOT_DIR: '/srv/ej', DATABASE_URL: 'postgres://o@db/court_a' });
      expect(sut.audit).toMatchObject({
        chainName: 'court_a',
        signingKey: undefined,
        signingKeyFile: '/srv/ej/var/audit-signing-key.pem',
        generateSigningKey: true,
        checkpointCron: '*/10 * * * *',
      });
    });

    it('generates a key in production only where the operator chose to keep it', () => {
      const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_APP_URL: 'postgres://app:pw@db/ejustice' };
      expect(loadConfig(prod).audit.generateSigningKey).toBe(false);
      expect(loadConfig({ ...prod, AUDIT_SIGNING_KEY_FILE: '/keys/audit.pem' }).audit).toMatchObject({
        signingKeyFile: '/keys/audit.pem',
        generateSigningKey: true,
      });
    });

    it('refuses a chain name that could leave its folder, and a malformed schedule', () => {
      expect(() => loadConfig({ AUDIT_CHAIN_NAME: '../other' })).toThrow(/AUDIT_CHAIN_NAME must be letters/);
      expect(() => loadConfig({ AUDIT_CHECKPOINT_CRON: 'every ten minutes' })).toThrow(/AUDIT_CHECKPOINT_CRON must be a cron expression/);
    });
  });
});
