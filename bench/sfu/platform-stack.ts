/*
 * The platform as the benchmark runs it: the api (dist/apps/api/src/main.js, as in production)
 * and, per measurement, a media node host, both on the benchmark's own database and Redis
 * database, meeting in a media pool of their own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deriveAppDatabaseUrl } from '@ejustice/platform';
import { freePort, logFile, onCleanup, stopChild, tailOf } from './processes';

export interface PlatformEnvironment {
  readonly root: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly jwtSecret: string;
  /** The join-ticket key pair: the api holds the private key, the media nodes the public one. */
  readonly ticketPrivateKey: string;
  readonly ticketPublicKey: string;
  readonly pool: string;
  readonly workerBin: string;
  /**
   * The store the api and the media nodes share (a recording's segments are written under it and
   * registered into it): a directory of this run's, removed when the run ends, like its database
   * is dropped by the next run.
   */
  readonly storageDir: string;
}

export function platformEnvironment(root: string, databaseUrl: string, redisUrl: string, workerBin: string): PlatformEnvironment {
  const tickets = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    root,
    databaseUrl,
    redisUrl,
    workerBin,
    jwtSecret: randomBytes(32).toString('hex'),
    ticketPrivateKey: tickets.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ticketPublicKey: tickets.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    pool: `bench-sfu-${randomBytes(4).toString('hex')}`,
    storageDir: runStorageDir(),
  };
}

function runStorageDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ejustice-bench-storage-'));
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function common(env: PlatformEnvironment): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    EJ_ROOT_DIR: env.root,
    DATABASE_URL: env.databaseUrl,
    // The role `migrate up` provisioned for the apps (production wants it named explicitly).
    DATABASE_APP_URL: deriveAppDatabaseUrl(env.databaseUrl),
    REDIS_URL: env.redisUrl,
    MEDIA_POOL: env.pool,
    // The media nodes listen on free loopback ports: the web app's policy must let it reach them.
    MEDIA_CONNECT_SOURCES: 'http://127.0.0.1:*',
    MEDIASOUP_WORKER_BIN: env.workerBin,
    LOG_LEVEL: process.env.BENCH_SFU_LOG_LEVEL ?? 'warn',
  };
}

export interface RunningApi {
  readonly child: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the api; its output goes to the file `log`. */
export async function startApi(env: PlatformEnvironment, log: string): Promise<RunningApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fd = logFile(log);
  const child = spawn(process.execPath, [join(env.root, 'dist/apps/api/src/main.js')], {
    env: {
      ...common(env),
      JWT_SECRET: env.jwtSecret,
      MEDIA_TICKET_PRIVATE_KEY: env.ticketPrivateKey,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      PUBLIC_URL: url,
      STORAGE_DIR: env.storageDir,
      // Every participant of the load signs in or exchanges a link from 127.0.0.1 within seconds.
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const unregister = onCleanup(() => stopChild(child));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}; the end of ${log}:\n${tailOf(log)}`);
    try {
      if ((await fetch(`${url}/health`)).ok) {
        return {
          child,
          url,
          stop: async () => {
            unregister();
            await stopChild(child);
          },
        };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  unregister();
  await stopChild(child);
  throw new Error('the api did not become healthy within 30 s');
}

/** The media node's environment for one measurement: its own node id, the run's pool and ports. */
export async function mediaNodeEnvironment(
  env: PlatformEnvironment,
  options: { nodeId: string; workers: number; rtcPortBase: number },
): Promise<NodeJS.ProcessEnv> {
  const port = await freePort();
  return {
    ...common(env),
    // As in production, a media node holds nothing that signs: only the tickets' public key.
    JWT_SECRET: undefined,
    MEDIA_TICKET_PRIVATE_KEY: undefined,
    MEDIA_TICKET_PUBLIC_KEY: env.ticketPublicKey,
    MEDIA_HOST: '127.0.0.1',
    MEDIA_PORT: String(port),
    MEDIA_PUBLIC_URL: `http://127.0.0.1:${port}`,
    MEDIA_NODE_ID: options.nodeId,
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
    MEDIA_RTC_PORT_BASE: String(options.rtcPortBase),
    MEDIA_NUM_WORKERS: String(options.workers),
    // The api's store: a recording's segments are written under it (its spool) and registered into it.
    STORAGE_DIR: env.storageDir,
    // Everything else (statistics interval, audio-only threshold, heartbeat) as in production.
  };
}
