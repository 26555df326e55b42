import { resolve } from 'node:path';
import { type AppConfig, deriveAppDatabaseUrl, loadConfig } from '@ejustice/platform';

export const ROOT_DIR = resolve(__dirname, '../..');

/**
 * The test database and Redis database, separate from the development ones so a test run
 * never touches a developer's data. Overridable for CI machines with other services.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ejustice_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1';
/**
 * The role the test apps connect as, like the real ones: not the owner of the test database,
 * which only the migrations (and the factories arranging rows) use. By default the owner's URL
 * as ejustice_app, which `migrate up` provisions.
 */
export const TEST_DATABASE_APP_URL = process.env.TEST_DATABASE_APP_URL ?? deriveAppDatabaseUrl(TEST_DATABASE_URL);

/** The token a test presents as the metrics scraper. */
export const TEST_METRICS_TOKEN = 'test-metrics-scraper-token-0123456789abcdef';

/** The environment every test app starts from; a test may override single variables. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    EJ_ROOT_DIR: ROOT_DIR,
    DATABASE_URL: TEST_DATABASE_URL,
    // Left to follow DATABASE_URL (a test may point that at a scratch database) unless given.
    ...(process.env.TEST_DATABASE_APP_URL ? { DATABASE_APP_URL: TEST_DATABASE_APP_URL } : {}),
    REDIS_URL: TEST_REDIS_URL,
    DATABASE_POOL_SIZE: '5',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests from one machine all come from 127.0.0.1; each test that exercises the per-address
    // rate limit sends its own X-Forwarded-For, which the test app trusts (one proxy hop).
    TRUST_PROXY_HOPS: '1',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    STORAGE_DIR: resolve(ROOT_DIR, 'var/test-storage'),
    AUDIT_SIGNING_KEY_FILE: resolve(ROOT_DIR, 'var/test-audit-signing-key.pem'),
    MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN,
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    // The suites' workers share this database: a sweeping worker would deliver other suites'
    // notification events to its own mail sink. The suite that proves the sweep turns it on.
    WORKER_NOTIFICATION_SWEEP_MS: '0',
    // Likewise a worker's upkeep would solve other suites' queued runs (their jobs are in their
    // own Redis databases, so this worker's Redis has none): a solve holds its event loop for
    // seconds. The integration test of requeueLost() calls it itself.
    WORKER_LOST_RUN_AFTER_MS: '0',
    // Signalling pings far more tolerant than production's 1 s + 2 s: on a loaded 2-core test
    // machine a test process can stall for seconds (a suite's module compiled, Chromium starting),
    // and a healthy client must not be dropped then. The suites that prove how soon a silent
    // node is noticed set production's values themselves.
    MEDIA_PING_INTERVAL_MS: '5000',
    MEDIA_PING_TIMEOUT_MS: '10000',
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnv(overrides));
}
