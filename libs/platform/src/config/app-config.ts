import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A development-only signing secret; refused when NODE_ENV=production. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production-0000';

export interface AppConfig {
  readonly env: NodeEnv;
  readonly rootDir: string;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** Public base URL of the platform (links sent to witnesses are built from it). */
    readonly publicUrl: string;
    /** Number of reverse proxies in front of the api whose X-Forwarded-For is trusted. */
    readonly trustProxyHops: number;
  };
  readonly database: { readonly url: string; readonly poolSize: number; readonly logQueries: boolean };
  readonly redis: { readonly url: string };
  readonly auth: {
    readonly jwtSecret: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
    readonly loginMaxFailures: number;
    readonly loginLockSeconds: number;
    readonly loginRateLimitPerMinute: number;
    readonly hearingLinkTtlHours: number;
    readonly hearingSessionTtlSeconds: number;
  };
  readonly media: {
    readonly host: string;
    readonly port: number;
    /** Address announced in ICE candidates: the address browsers can reach this node on. */
    readonly announcedAddress: string;
    readonly listenIp: string;
    /** Worker i listens for WebRTC on rtcPortBase + i (UDP and TCP); 0 lets each worker pick a free port (tests). */
    readonly rtcPortBase: number;
    readonly numWorkers: number;
    readonly workerBin: string | undefined;
    /** Id under which this node registers itself in Redis. */
    readonly nodeId: string;
    /** URL browsers use to reach this node's signalling socket. */
    readonly publicUrl: string;
    /**
     * Media nodes and the api that places hearings on them meet in Redis under this pool name;
     * separate pools (one per region, or per test run) never see each other's nodes.
     */
    readonly pool: string;
    /** A socket that has not sent `join` within this time is closed. */
    readonly joinTimeoutMs: number;
    /** A dropped participant who rejoins within this time gets their state back (admitted, muted...). */
    readonly reconnectGraceSeconds: number;
    /** Lifetime of a join ticket (the api issues one per connection attempt). */
    readonly ticketTtlSeconds: number;
    /** How often a node refreshes its registration and load in Redis; it expires after three misses. */
    readonly heartbeatMs: number;
    /** How often transport statistics are read for the network-health indicator and the audio-only fallback. */
    readonly statsIntervalMs: number;
    /** Below this estimated downlink (kbit/s) a participant's video is stopped, audio kept. */
    readonly audioOnlyBelowKbps: number;
  };
  readonly worker: { readonly port: number };
  readonly log: { readonly level: LogLevel; readonly pretty: boolean };
  readonly web: { readonly distDir: string };
  readonly storage: {
    readonly dir: string;
    /** Where documents live: local disk under `dir` (default) or an S3-compatible store. */
    readonly backend: 'local' | 's3';
    readonly s3: {
      readonly endpoint: string | undefined;
      readonly region: string;
      readonly bucket: string;
      readonly accessKeyId: string | undefined;
      readonly secretAccessKey: string | undefined;
      readonly forcePathStyle: boolean;
    };
  };
  /** Platform defaults of court filing policy; a court may override them (court_filing_policies). */
  readonly filing: {
    readonly maxDocumentBytes: number;
    readonly maxDocuments: number;
    readonly claimMinutes: number;
    readonly feeCurrency: string;
    /** Files in storage without a row are swept only once older than this (uploads in flight are younger). */
    readonly orphanGraceMinutes: number;
  };
  /** Outgoing e-mail; notifications go to the in-app inbox only when no SMTP server is configured. */
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly court: { readonly defaultTimeZone: string };
}

/**
 * Parses the environment once, at start-up, into a typed and frozen configuration.
 * Defaults make the platform run on a developer machine of our kind (PostgreSQL and Redis on
 * 127.0.0.1). Every problem is reported in one error, each naming its variable.
 * This is the only place in the code base that reads process.env.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const rootDir = resolve(r.string('EJ_ROOT_DIR', process.cwd()));

  const apiPort = r.port('API_PORT', 3000);
  const apiHost = r.string('API_HOST', '127.0.0.1');
  const mediaPort = r.port('MEDIA_PORT', 3100);
  const mediaHost = r.string('MEDIA_HOST', '127.0.0.1');

  const jwtSecret = r.string('JWT_SECRET', DEVELOPMENT_JWT_SECRET);
  if (jwtSecret.length < 32) r.fail('JWT_SECRET must be at least 32 characters long.');
  if (nodeEnv === 'production' && jwtSecret === DEVELOPMENT_JWT_SECRET) {
    r.fail('JWT_SECRET must be set to a secret of your own when NODE_ENV=production.');
  }

  const rtcPortBase = r.port('MEDIA_RTC_PORT_BASE', 40000);
  const numWorkers = r.int('MEDIA_NUM_WORKERS', Math.max(1, cpus().length), { min: 1, max: 256 });
  if (rtcPortBase + numWorkers - 1 > 65535) {
    r.fail(`MEDIA_RTC_PORT_BASE + MEDIA_NUM_WORKERS - 1 must not exceed 65535.`);
  }

  const config: AppConfig = {
    env: nodeEnv,
    rootDir,
    http: {
      host: apiHost,
      port: apiPort,
      publicUrl: r.url('PUBLIC_URL', `http://127.0.0.1:${apiPort}`, ['http:', 'https:']),
      trustProxyHops: r.int('TRUST_PROXY_HOPS', 0, { min: 0, max: 10 }),
    },
    database: {
      url: r.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/ejustice', ['postgres:', 'postgresql:']),
      poolSize: r.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
      logQueries: r.bool('DATABASE_LOG_QUERIES', false),
    },
    redis: { url: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']) },
    auth: {
      jwtSecret,
      accessTokenTtlSeconds: r.int('ACCESS_TOKEN_TTL_SECONDS', 900, { min: 30, max: 86_400 }),
      refreshTokenTtlSeconds: r.int('REFRESH_TOKEN_TTL_SECONDS', 14 * 86_400, { min: 60 }),
      loginMaxFailures: r.int('LOGIN_MAX_FAILURES', 5, { min: 1, max: 100 }),
      loginLockSeconds: r.int('LOGIN_LOCK_SECONDS', 15 * 60, { min: 1 }),
      loginRateLimitPerMinute: r.int('LOGIN_RATE_LIMIT_PER_MINUTE', 20, { min: 1 }),
      hearingLinkTtlHours: r.int('HEARING_LINK_TTL_HOURS', 72, { min: 1, max: 24 * 90 }),
      hearingSessionTtlSeconds: r.int('HEARING_SESSION_TTL_SECONDS', 8 * 3600, { min: 60 }),
    },
    media: {
      host: mediaHost,
      port: mediaPort,
      announcedAddress: r.string('MEDIA_ANNOUNCED_ADDRESS', '127.0.0.1'),
      listenIp: r.string('MEDIA_LISTEN_IP', '0.0.0.0'),
      rtcPortBase,
      numWorkers,
      workerBin: r.optionalString('MEDIASOUP_WORKER_BIN'),
      nodeId: r.string('MEDIA_NODE_ID', `media-${mediaHost}-${mediaPort}`),
      publicUrl: r.url('MEDIA_PUBLIC_URL', `http://127.0.0.1:${mediaPort}`, ['http:', 'https:']),
      pool: r.string('MEDIA_POOL', 'default'),
      joinTimeoutMs: r.int('MEDIA_JOIN_TIMEOUT_MS', 10_000, { min: 100, max: 300_000 }),
      reconnectGraceSeconds: r.int('MEDIA_RECONNECT_GRACE_SECONDS', 120, { min: 0, max: 3600 }),
      ticketTtlSeconds: r.int('MEDIA_TICKET_TTL_SECONDS', 120, { min: 10, max: 3600 }),
      heartbeatMs: r.int('MEDIA_HEARTBEAT_MS', 5000, { min: 100, max: 60_000 }),
      statsIntervalMs: r.int('MEDIA_STATS_INTERVAL_MS', 2000, { min: 100, max: 60_000 }),
      audioOnlyBelowKbps: r.int('MEDIA_AUDIO_ONLY_BELOW_KBPS', 150, { min: 0, max: 10_000 }),
    },
    worker: { port: r.port('WORKER_PORT', 3200) },
    log: {
      level: r.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
      pretty: r.bool('LOG_PRETTY', false),
    },
    web: { distDir: resolve(rootDir, r.string('WEB_DIST_DIR', 'apps/web/dist')) },
    storage: {
      dir: resolve(rootDir, r.string('STORAGE_DIR', 'var/storage')),
      backend: r.oneOf('STORAGE_BACKEND', ['local', 's3'] as const, 'local'),
      s3: {
        endpoint: r.optionalString('S3_ENDPOINT'),
        region: r.string('S3_REGION', 'us-east-1'),
        bucket: r.string('S3_BUCKET', 'ejustice-documents'),
        accessKeyId: r.optionalString('S3_ACCESS_KEY_ID'),
        secretAccessKey: r.optionalString('S3_SECRET_ACCESS_KEY'),
        forcePathStyle: r.bool('S3_FORCE_PATH_STYLE', true),
      },
    },
    filing: {
      maxDocumentBytes: r.int('FILING_MAX_DOCUMENT_MB', 50, { min: 1, max: 2048 }) * 1024 * 1024,
      maxDocuments: r.int('FILING_MAX_DOCUMENTS', 20, { min: 1, max: 100 }),
      claimMinutes: r.int('FILING_CLAIM_MINUTES', 30, { min: 1, max: 1440 }),
      feeCurrency: r.string('FILING_FEE_CURRENCY', 'EUR'),
      orphanGraceMinutes: r.int('FILING_ORPHAN_GRACE_MINUTES', 60, { min: 1 }),
    },
    mail: { smtpUrl: r.optionalString('SMTP_URL'), from: r.string('MAIL_FROM', 'e-justice <no-reply@ejustice.invalid>') },
    court: { defaultTimeZone: r.timeZone('COURT_DEFAULT_TIME_ZONE', 'UTC') },
  };

  if (!/^[A-Z]{3}$/.test(config.filing.feeCurrency))
    r.fail(`FILING_FEE_CURRENCY must be an ISO 4217 code such as EUR, but is "${config.filing.feeCurrency}".`);
  if (config.mail.smtpUrl !== undefined) r.url('SMTP_URL', config.mail.smtpUrl, ['smtp:', 'smtps:']);
  if (config.storage.backend === 's3' && config.storage.s3.endpoint !== undefined)
    r.url('S3_ENDPOINT', config.storage.s3.endpoint, ['http:', 'https:']);

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
