import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { isAuditChainName } from '../audit/audit-checkpoint-store';
import { EnvReader } from './env-reader';
import { mediaTicketKeys } from './media-ticket-keys';
import { parseSentinelList } from './redis-sentinels';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The database role the apps connect as; the migrations grant it its rights. */
export const APP_DATABASE_ROLE = 'ejustice_app';
/** The apps' database password when DATABASE_APP_URL is not set; refused when NODE_ENV=production. */
export const DEVELOPMENT_APP_DATABASE_PASSWORD = 'ejustice-app-development-only';

/** The apps' connection when DATABASE_APP_URL is not set: the owner's, as role ejustice_app. */
export function deriveAppDatabaseUrl(ownerUrl: string): string {
  try {
    const url = new URL(ownerUrl);
    url.username = APP_DATABASE_ROLE;
    url.password = DEVELOPMENT_APP_DATABASE_PASSWORD;
    return url.toString();
  } catch {
    return ownerUrl;
  }
}

/** A development-only signing secret; refused when NODE_ENV=production. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production-0000';

/** The secrets a process may work with; see LoadConfigOptions. */
export type ConfigSecret = 'JWT_SECRET' | 'MEDIA_TICKET_PRIVATE_KEY' | 'MEDIA_TICKET_PUBLIC_KEY';

export interface LoadConfigOptions {
  /**
   * The secrets this process uses, each of which must be set when NODE_ENV=production (outside
   * production development values stand in). The api signs access tokens (JWT_SECRET) and join
   * tickets (MEDIA_TICKET_PRIVATE_KEY); a media node only checks join tickets
   * (MEDIA_TICKET_PUBLIC_KEY), so an internet-facing node holds nothing that signs. By default
   * JWT_SECRET alone.
   */
  readonly secrets?: readonly ConfigSecret[];
}

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
    /**
     * Where the web app may open connections besides its own origin (the content security
     * policy's connect-src): the media nodes' origins, each also as ws:// or wss://.
     */
    readonly mediaConnectSources: readonly string[];
    /**
     * Where users can get the source of the build they are using, linked from every page's footer
     * (GET /api/about). AGPL-3.0 section 13: a court that runs a modified platform over a network
     * must offer its users that build's Corresponding Source. Unset: no link.
     */
    readonly sourceCodeUrl: string | undefined;
  };
  /** The bearer token a metrics scraper presents at /metrics; without one, /metrics is closed. */
  readonly metrics: { readonly token: string | undefined };
  readonly database: {
    /** The schema's owner: the migrations run as it, and nothing else does. */
    readonly url: string;
    /**
     * The role the api, media nodes and worker connect as: ordinary reads and writes, but on the
     * audit chain only INSERT and SELECT, and owner of nothing, so it cannot switch the chain's
     * triggers off. `migrate up` creates it and gives it these rights.
     */
    readonly appUrl: string;
    readonly poolSize: number;
    /**
     * How long a query waits for a connection of the pool (all busy) or for a new one to be made
     * before it fails; a request that fails so is answered 503 database_unavailable, not held open.
     */
    readonly acquireTimeoutMs: number;
    readonly logQueries: boolean;
  };
  /** Signed checkpoints of the audit chain's head, kept in the document store outside the database. */
  readonly audit: {
    /** Names this database's chain among the stored checkpoints (by default the database's name). */
    readonly chainName: string;
    /** Ed25519 private key in PEM that signs checkpoints; when absent it is read from signingKeyFile. */
    readonly signingKey: string | undefined;
    readonly signingKeyFile: string;
    /** Whether a missing key file is generated on first use (not at the default path in production). */
    readonly generateSigningKey: boolean;
    /** When the worker signs a checkpoint of the chain's head (a cron expression, UTC). */
    readonly checkpointCron: string;
  };
  readonly redis: {
    readonly url: string;
    /**
     * Redis Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_NAME): when set, every connection asks these
     * Sentinels for the current master of `name`, and REDIS_URL gives only its database number,
     * credentials and TLS; its host and port are not used. `password` (REDIS_SENTINEL_PASSWORD)
     * is the Sentinels' own (their `requirepass`), which need not be the master's.
     */
    readonly sentinel:
      | {
          readonly sentinels: readonly { readonly host: string; readonly port: number }[];
          readonly name: string;
          readonly password?: string;
        }
      | undefined;
  };
  readonly auth: {
    /** Signs access and hearing-session tokens; undefined in a production process that signs none (a media node). */
    readonly jwtSecret: string | undefined;
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
    /**
     * A hearing's viewers (receive-only seats) served by one node before the next goes to another
     * node of the pool, its producers piped there (cascading: apps/media/src/cascade).
     */
    readonly cascadeAfterViewers: number;
    /** Address this node's pipe transports listen on and announce to the other nodes of its pool (cascading). */
    readonly pipeAddress: string;
    /** Lifetime of a join ticket (the api issues one per connection attempt). */
    readonly ticketTtlSeconds: number;
    /** P-256 private key (PEM) with which the api signs join tickets (ES256); undefined where not given. */
    readonly ticketPrivateKey: string | undefined;
    /** Its public key (PEM): all a media node needs, and holds, to check join tickets. */
    readonly ticketPublicKey: string | undefined;
    /**
     * How often a node refreshes its registration and load in Redis; it expires after three misses.
     * The api gives up a node that does not answer once its heartbeat is 1.5 of these late, so
     * this bounds how soon a lost machine's hearings move (media-node-failover.ts).
     */
    readonly heartbeatMs: number;
    /**
     * socket.io's ping of each signalling connection: sent every `pingIntervalMs`; a client that
     * hears none for `pingIntervalMs + pingTimeoutMs` takes its node for lost and asks the api
     * where the hearing went (socket.io's own 25 s + 20 s would leave a lost machine's
     * participants waiting 45 s). The node likewise drops a client silent that long.
     */
    readonly pingIntervalMs: number;
    readonly pingTimeoutMs: number;
    /** How often transport statistics are read for the network-health indicator and the audio-only fallback. */
    readonly statsIntervalMs: number;
    /**
     * How often a live room re-reads its special-measures orders without a notice: a notice lost in
     * Redis (a restart, a network blip) delays an order by at most this long.
     */
    readonly orderRecheckMs: number;
    /** Below this estimated downlink (kbit/s) a participant's video is stopped, audio kept. */
    readonly audioOnlyBelowKbps: number;
    /**
     * Flood control of the signalling socket, per connection: a token bucket (`ratePerSecond`
     * sustained, `burst` at once), at most `maxPending` requests unanswered, and a connection over
     * the rate for `floodSeconds` on end is closed.
     */
    readonly signalling: {
      readonly ratePerSecond: number;
      readonly burst: number;
      readonly maxPending: number;
      readonly floodSeconds: number;
    };
  };
  readonly worker: {
    readonly port: number;
    /**
     * How often the worker re-enqueues notification events still undelivered this long after
     * their decision (their enqueue found Redis down, or Redis lost the job): the outbox sweep.
     */
    readonly notificationSweepMs: number;
    /**
     * A schedule run still queued this long with no job in Redis (or a failed one) is queued again
     * by the worker's upkeep; 0 turns it off.
     */
    readonly lostRunAfterMs: number;
  };
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
  /** Certified copies (issue 10): the court's seal and the requesters' download links. */
  readonly certification: {
    /** PKCS#12 of the seal certificate, its chain and key. */
    readonly sealP12File: string;
    readonly sealP12Password: string | undefined;
    /** Whether a missing seal is generated as a development seal on first start (never in production). */
    readonly generateDevelopmentSeal: boolean;
    /** RFC 3161 time-stamping authority; absent = PAdES B-B without a timestamp. */
    readonly tsaUrl: string | undefined;
    /** How long a download link sent to a requester stays valid. */
    readonly downloadLinkTtlMinutes: number;
    /** Verification requests per client network and minute (the public verification API). */
    readonly verifyRateLimitPerMinute: number;
  };
  /** The court recording (issue 9). */
  readonly recording: {
    /**
     * Where a media node's ffmpeg writes segment files until they are registered (hashed, stored,
     * put in the audit chain) and removed. On the file system of STORAGE_DIR, a registered
     * segment is linked into the store instead of copied.
     */
    readonly spoolDir: string;
    /** Spool files never registered are swept once older than this (a recording's media node died). */
    readonly spoolGraceMinutes: number;
    /** How often a media node sweeps its own spool (SweepRecordingSpool); 0: never. */
    readonly spoolSweepMs: number;
    /**
     * A media node cuts each recorded track into segment files of about this long (video is cut at
     * the next keyframe, which the node asks for on time): each is registered once finished, so at
     * most this much of a track is unregistered if the node dies.
     */
    readonly segmentSeconds: number;
  };
  /** Outgoing e-mail; notifications go to the in-app inbox only when no SMTP server is configured. */
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly court: { readonly defaultTimeZone: string };
  /**
   * Who operates the platform's shared machinery, which every court's hearings and jobs run on
   * (the media nodes, the job queues): the administrators of this court (its id, lower case).
   * Unset: every administrator, as in an installation that serves one court. Other courts'
   * administrators manage their own court's accounts only.
   */
  readonly operators: { readonly courtId: string | undefined };
}

/**
 * Parses the environment once, at start-up, into a typed and frozen configuration.
 * Defaults make the platform run on a developer machine of our kind (PostgreSQL and Redis on
 * 127.0.0.1). Every problem is reported in one error, each naming its variable.
 * This is the only place in the code base that reads process.env (the default of `env`).
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  { secrets = ['JWT_SECRET'] }: LoadConfigOptions = {},
): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const rootDir = resolve(r.string('EJ_ROOT_DIR', process.cwd()));

  const apiPort = r.port('API_PORT', 3000);
  const apiHost = r.string('API_HOST', '127.0.0.1');
  const mediaPort = r.port('MEDIA_PORT', 3100);
  const mediaHost = r.string('MEDIA_HOST', '127.0.0.1');

  const signsNoTokens = nodeEnv === 'production' && !secrets.includes('JWT_SECRET');
  const jwtSecret = r.optionalString('JWT_SECRET') ?? (signsNoTokens ? undefined : DEVELOPMENT_JWT_SECRET);
  if (jwtSecret !== undefined && jwtSecret.length < 32) r.fail('JWT_SECRET must be at least 32 characters long.');
  if (nodeEnv === 'production' && jwtSecret === DEVELOPMENT_JWT_SECRET) {
    r.fail('JWT_SECRET must be set to a secret of your own when NODE_ENV=production.');
  }
  const ticketKeys = mediaTicketKeys(
    { privateKey: r.optionalString('MEDIA_TICKET_PRIVATE_KEY'), publicKey: r.optionalString('MEDIA_TICKET_PUBLIC_KEY') },
    { production: nodeEnv === 'production', needs: secrets },
    (problem) => r.fail(problem),
  );

  const mediaPublicUrl = r.url('MEDIA_PUBLIC_URL', `http://127.0.0.1:${mediaPort}`, ['http:', 'https:']);
  const mediaConnectSources = connectSources(r, mediaPublicUrl, nodeEnv);
  const metricsToken = r.optionalString('METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 32) r.fail('METRICS_TOKEN must be at least 32 characters long.');
  const sourceCodeUrl = r.optionalString('SOURCE_CODE_URL');
  // Checked only when set (no link otherwise). http(s) only: the footer makes it a link, and a
  // javascript: address would run inside the platform's page. The example is quoted only to an
  // operator whose value is no URL at all.
  if (sourceCodeUrl !== undefined) r.url('SOURCE_CODE_URL', 'https://git.court.example/ejustice', ['http:', 'https:']);

  const database = databaseUrls(r, nodeEnv);

  const rtcPortBase = r.port('MEDIA_RTC_PORT_BASE', 40000);
  const numWorkers = r.int('MEDIA_NUM_WORKERS', Math.max(1, cpus().length), { min: 1, max: 256 });
  if (rtcPortBase + numWorkers - 1 > 65535) {
    r.fail(`MEDIA_RTC_PORT_BASE + MEDIA_NUM_WORKERS - 1 must not exceed 65535.`);
  }

  const storageDir = resolve(rootDir, r.string('STORAGE_DIR', 'var/storage'));

  const config: AppConfig = {
    env: nodeEnv,
    rootDir,
    http: {
      host: apiHost,
      port: apiPort,
      publicUrl: r.url('PUBLIC_URL', `http://127.0.0.1:${apiPort}`, ['http:', 'https:']),
      trustProxyHops: r.int('TRUST_PROXY_HOPS', 0, { min: 0, max: 10 }),
      mediaConnectSources,
      sourceCodeUrl,
    },
    metrics: { token: metricsToken },
    database: {
      url: database.url,
      appUrl: database.appUrl,
      poolSize: r.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
      acquireTimeoutMs: r.int('DATABASE_ACQUIRE_TIMEOUT_MS', 10_000, { min: 100, max: 600_000 }),
      logQueries: r.bool('DATABASE_LOG_QUERIES', false),
    },
    redis: { url: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']), sentinel: redisSentinel(r) },
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
      publicUrl: mediaPublicUrl,
      pool: r.string('MEDIA_POOL', 'default'),
      joinTimeoutMs: r.int('MEDIA_JOIN_TIMEOUT_MS', 10_000, { min: 100, max: 300_000 }),
      reconnectGraceSeconds: r.int('MEDIA_RECONNECT_GRACE_SECONDS', 120, { min: 0, max: 3600 }),
      cascadeAfterViewers: r.int('MEDIA_CASCADE_AFTER_VIEWERS', 200, { min: 0, max: 100_000 }),
      pipeAddress: r.string('MEDIA_PIPE_ADDRESS', '127.0.0.1'),
      ticketTtlSeconds: r.int('MEDIA_TICKET_TTL_SECONDS', 120, { min: 10, max: 3600 }),
      ticketPrivateKey: ticketKeys.privateKey,
      ticketPublicKey: ticketKeys.publicKey,
      heartbeatMs: r.int('MEDIA_HEARTBEAT_MS', 2000, { min: 100, max: 60_000 }),
      pingIntervalMs: r.int('MEDIA_PING_INTERVAL_MS', 1000, { min: 250, max: 60_000 }),
      pingTimeoutMs: r.int('MEDIA_PING_TIMEOUT_MS', 2000, { min: 250, max: 60_000 }),
      statsIntervalMs: r.int('MEDIA_STATS_INTERVAL_MS', 2000, { min: 100, max: 60_000 }),
      orderRecheckMs: r.int('MEDIA_ORDER_RECHECK_MS', 15_000, { min: 1000, max: 3_600_000 }),
      audioOnlyBelowKbps: r.int('MEDIA_AUDIO_ONLY_BELOW_KBPS', 150, { min: 0, max: 10_000 }),
      signalling: {
        ratePerSecond: r.int('MEDIA_SIGNALLING_RATE_PER_SECOND', 20, { min: 1, max: 10_000 }),
        burst: r.int('MEDIA_SIGNALLING_BURST', 60, { min: 1, max: 100_000 }),
        maxPending: r.int('MEDIA_SIGNALLING_MAX_PENDING', 32, { min: 1, max: 1000 }),
        floodSeconds: r.int('MEDIA_SIGNALLING_FLOOD_SECONDS', 10, { min: 1, max: 3600 }),
      },
    },
    worker: {
      port: r.port('WORKER_PORT', 3200),
      notificationSweepMs: r.int('WORKER_NOTIFICATION_SWEEP_MS', 10_000, { min: 0, max: 3_600_000 }),
      lostRunAfterMs: r.int('WORKER_LOST_RUN_AFTER_MS', 120_000, { min: 0, max: 86_400_000 }),
    },
    log: {
      level: r.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
      pretty: r.bool('LOG_PRETTY', false),
    },
    web: { distDir: resolve(rootDir, r.string('WEB_DIST_DIR', 'apps/web/dist')) },
    storage: {
      dir: storageDir,
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
    certification: {
      sealP12File: resolve(rootDir, r.string('CERTIFICATION_SEAL_P12_FILE', 'var/certification-seal.p12')),
      sealP12Password: r.optionalString('CERTIFICATION_SEAL_P12_PASSWORD'),
      // As with the audit key: a production court brings its own seal, never a generated one.
      generateDevelopmentSeal: nodeEnv !== 'production',
      tsaUrl: r.optionalString('CERTIFICATION_TSA_URL'),
      downloadLinkTtlMinutes: r.int('CERTIFICATION_DOWNLOAD_LINK_TTL_MINUTES', 7 * 24 * 60, { min: 1, max: 90 * 24 * 60 }),
      verifyRateLimitPerMinute: r.int('CERTIFICATION_VERIFY_RATE_LIMIT_PER_MINUTE', 30, { min: 1, max: 100_000 }),
    },
    recording: {
      spoolDir: resolve(rootDir, r.optionalString('RECORDING_SPOOL_DIR') ?? resolve(storageDir, 'recordings-spool')),
      spoolGraceMinutes: r.int('RECORDING_SPOOL_GRACE_MINUTES', 24 * 60, { min: 1 }),
      spoolSweepMs: r.int('RECORDING_SPOOL_SWEEP_MS', 3_600_000, { min: 0, max: 86_400_000 }),
      segmentSeconds: r.int('MEDIA_RECORDING_SEGMENT_SECONDS', 60, { min: 1, max: 600 }),
    },
    mail: { smtpUrl: r.optionalString('SMTP_URL'), from: r.string('MAIL_FROM', 'e-justice <no-reply@ejustice.invalid>') },
    court: { defaultTimeZone: r.timeZone('COURT_DEFAULT_TIME_ZONE', 'UTC') },
    operators: { courtId: operatorCourtId(r) },
    // Named after the apps' database: the apps need not know the owner's URL at all.
    audit: auditSettings(r, nodeEnv, rootDir, database.appUrl),
  };

  if (!/^[A-Z]{3}$/.test(config.filing.feeCurrency))
    r.fail(`FILING_FEE_CURRENCY must be an ISO 4217 code such as EUR, but is "${config.filing.feeCurrency}".`);
  if (config.mail.smtpUrl !== undefined) r.url('SMTP_URL', config.mail.smtpUrl, ['smtp:', 'smtps:']);
  if (config.storage.backend === 's3' && config.storage.s3.endpoint !== undefined)
    r.url('S3_ENDPOINT', config.storage.s3.endpoint, ['http:', 'https:']);

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return deepFreeze(config);
}

/**
 * PLATFORM_OPERATOR_COURT_ID, checked for a UUID's shape: a court's code (TCOURT1) or name given
 * by mistake would otherwise match no administrator and shut everyone out of the media nodes.
 */
function operatorCourtId(r: EnvReader): string | undefined {
  const value = r.optionalString('PLATFORM_OPERATOR_COURT_ID');
  if (value === undefined) return undefined;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    r.fail(
      `PLATFORM_OPERATOR_COURT_ID must be the id of a court (a UUID such as 0b7f4a52-3c1e-4d8a-9f00-1a2b3c4d5e6f), but is "${value}".`,
    );
    return undefined;
  }
  // Court ids come from the database in lower case; compared as given, an upper-case id would match no one.
  return value.toLowerCase();
}

/**
 * The owner's URL (migrations) and the apps' URL, which must name another role: an app that
 * connected as the owner could switch the audit chain's triggers off.
 */
function databaseUrls(r: EnvReader, nodeEnv: NodeEnv): { url: string; appUrl: string } {
  const before = r.problems.length;
  const url = r.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/ejustice', ['postgres:', 'postgresql:']);
  const ownerOk = r.problems.length === before;
  const given = r.optionalString('DATABASE_APP_URL') !== undefined;
  if (!given) {
    if (nodeEnv === 'production') {
      r.fail(
        `DATABASE_APP_URL must be set when NODE_ENV=production: the apps' own database role (${APP_DATABASE_ROLE}), with a password of your own.`,
      );
    }
    return { url, appUrl: deriveAppDatabaseUrl(url) };
  }
  const appBefore = r.problems.length;
  const appUrl = r.url('DATABASE_APP_URL', deriveAppDatabaseUrl(url), ['postgres:', 'postgresql:']);
  if (ownerOk && r.problems.length === appBefore && new URL(appUrl).username === new URL(url).username) {
    r.fail('DATABASE_APP_URL must name another role than DATABASE_URL: the apps must not connect as the owner of the audit chain.');
  }
  return { url, appUrl };
}

/** REDIS_SENTINELS and REDIS_SENTINEL_NAME, both or neither: a Sentinel list without the master's name finds nothing. */
function redisSentinel(r: EnvReader): AppConfig['redis']['sentinel'] {
  const list = r.optionalString('REDIS_SENTINELS');
  const name = r.optionalString('REDIS_SENTINEL_NAME');
  const password = r.optionalString('REDIS_SENTINEL_PASSWORD');
  if (list === undefined && name === undefined) {
    if (password !== undefined) r.fail('REDIS_SENTINEL_PASSWORD is set but REDIS_SENTINELS is not: set both, or remove the password.');
    return undefined;
  }
  if (list === undefined) {
    r.fail('REDIS_SENTINELS must list the Sentinels (host:port, comma-separated) when REDIS_SENTINEL_NAME is set.');
    return undefined;
  }
  if (name === undefined) {
    r.fail('REDIS_SENTINEL_NAME must name the master the Sentinels watch (such as mymaster) when REDIS_SENTINELS is set.');
    return undefined;
  }
  const { sentinels, bad } = parseSentinelList(list);
  if (bad.length > 0) r.fail(`REDIS_SENTINELS must list host:port pairs such as sentinel-0:26379, but has "${bad.join('", "')}".`);
  else if (sentinels.length === 0) r.fail('REDIS_SENTINELS must list at least one host:port.');
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
    r.fail(`REDIS_SENTINEL_NAME must be letters, digits, '.', '_' or '-' (at most 100), but is "${name}".`);
  }
  return password === undefined ? { sentinels, name } : { sentinels, name, password };
}

function auditSettings(r: EnvReader, nodeEnv: NodeEnv, rootDir: string, databaseUrl: string): AppConfig['audit'] {
  let databaseName = 'ejustice';
  try {
    databaseName = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')) || databaseName;
  } catch {
    // DATABASE_URL's own problem is reported already.
  }
  const chainName = r.string('AUDIT_CHAIN_NAME', databaseName);
  if (!isAuditChainName(chainName)) {
    r.fail(`AUDIT_CHAIN_NAME must be letters, digits, '.', '_' or '-' (at most 100), but is "${chainName}".`);
  }
  const keyFileGiven = r.optionalString('AUDIT_SIGNING_KEY_FILE') !== undefined;
  const checkpointCron = r.string('AUDIT_CHECKPOINT_CRON', '*/10 * * * *');
  if (!/^[0-9*/,-]+( [0-9*/,A-Za-z-]+){4,5}$/.test(checkpointCron)) {
    r.fail(`AUDIT_CHECKPOINT_CRON must be a cron expression such as "*/10 * * * *", but is "${checkpointCron}".`);
  }
  return {
    chainName,
    signingKey: r.optionalString('AUDIT_SIGNING_KEY'),
    signingKeyFile: resolve(rootDir, r.string('AUDIT_SIGNING_KEY_FILE', 'var/audit-signing-key.pem')),
    // In production a key is generated only where the operator chose to keep it.
    generateSigningKey: nodeEnv !== 'production' || keyFileGiven,
    checkpointCron,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** An origin as a content security policy names it: scheme, host (`*.` allowed first) and port (`*` allowed). */
const SOURCE = /^(https?):\/\/(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?$/i;
/** Outside production the media nodes of tests and development listen on loopback ports chosen at start. */
const LOOPBACK_SOURCES = ['http://127.0.0.1:*', 'http://localhost:*'];

/**
 * MEDIA_CONNECT_SOURCES (comma-separated origins, e.g. `https://*.media.court.example`), by default
 * the origin of MEDIA_PUBLIC_URL; each http(s) origin is followed by its ws(s) twin for the socket.
 */
function connectSources(r: EnvReader, mediaPublicUrl: string, nodeEnv: NodeEnv): string[] {
  const listed = r.optionalString('MEDIA_CONNECT_SOURCES');
  const origins = listed
    ? listed
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [new URL(mediaPublicUrl).origin, ...(nodeEnv === 'production' ? [] : LOOPBACK_SOURCES)];
  const bad = origins.filter((o) => !SOURCE.test(o));
  if (bad.length > 0) {
    r.fail(`MEDIA_CONNECT_SOURCES must list origins such as https://media.court.example, but has "${bad.join('", "')}".`);
  }
  return [...new Set(origins.flatMap((o) => [o, o.replace(/^http/i, 'ws')]))];
}
