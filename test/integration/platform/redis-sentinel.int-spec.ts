import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BullModule, getQueueToken } from '@nestjs/bull';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bull';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, ConfigModule, REDIS, RedisModule, bullQueueOptions } from '@ejustice/platform';
import { testConfig } from '@ejustice/testing';
import { freePort } from '@ejustice/testing/free-port';

/*
 * Redis through a real Sentinel: a master, its replica and one Sentinel, each a redis-server of
 * its own in a temporary directory. The apps' own Redis factory (the shared client and its
 * duplicates) and their Bull options find the master through the Sentinel alone: REDIS_URL names
 * an address where nothing listens and gives only the database number. After a failover that
 * the Sentinel carries out, the same clients and the same queue work on the new master. The
 * Sentinel asks for a password of its own (REDIS_SENTINEL_PASSWORD), as a court's should.
 */

const MASTER_NAME = 'ejustice-test';
const DB = 3;
const QUEUE = 'sentinel-check';
const SENTINEL_PASSWORD = 'sentinel secret 0123';

/** Polls until `check` holds; a bound on waiting, not a figure under test. */
async function until(what: string, check: () => Promise<boolean>, boundMs = 30_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Redis through Sentinel: the shared client, its duplicates and Bull follow the master (integration)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ejustice-sentinel-'));
  const processes: ChildProcess[] = [];
  const direct: Redis[] = [];
  let ports: { master: number; replica: number; sentinel: number };
  let moduleRef: TestingModule;
  let redis: Redis;
  let queue: Queue;

  function redisServer(args: string[]): void {
    const child = spawn('redis-server', args, { cwd: dir, stdio: 'ignore' });
    processes.push(child);
  }

  /** A plain connection to one server (a Sentinel has no databases to select). */
  function connect(port: number): Redis {
    const sentinel = port === ports.sentinel;
    const client = new Redis({
      host: '127.0.0.1',
      port,
      db: sentinel ? 0 : DB,
      ...(sentinel ? { password: SENTINEL_PASSWORD } : {}),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    direct.push(client);
    return client;
  }

  async function masterPort(): Promise<number> {
    const sentinel = new Redis({ host: '127.0.0.1', port: ports.sentinel, password: SENTINEL_PASSWORD, lazyConnect: true });
    try {
      await sentinel.connect();
      const [, port] = (await sentinel.call('SENTINEL', 'get-master-addr-by-name', MASTER_NAME)) as [string, string];
      return Number(port);
    } finally {
      sentinel.disconnect();
    }
  }

  beforeAll(async () => {
    ports = { master: await freePort(), replica: await freePort(), sentinel: await freePort() };
    const server = (port: number) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
    redisServer(server(ports.master));
    redisServer([...server(ports.replica), '--replicaof', '127.0.0.1', String(ports.master)]);
    const replicaProbe = connect(ports.replica);
    await until('the replica to sync', async () => /master_link_status:up/.test(await replicaProbe.info('replication')));
    // Quorum 1: the one Sentinel may decide alone (a real deployment runs three).
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${ports.sentinel}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${ports.master} 1`,
        `sentinel down-after-milliseconds ${MASTER_NAME} 5000`,
        `sentinel failover-timeout ${MASTER_NAME} 10000`,
        `requirepass "${SENTINEL_PASSWORD}"`,
        '',
      ].join('\n'),
    );
    redisServer([conf, '--sentinel']);
    await until('the Sentinel to see the replica', async () => {
      const sentinel = connect(ports.sentinel);
      const replicas = (await sentinel.call('SENTINEL', 'replicas', MASTER_NAME)) as unknown[];
      sentinel.disconnect();
      return replicas.length === 1;
    });

    // Port 1 on the loopback: nothing listens there, so only the Sentinel can lead anywhere.
    const config = testConfig({
      REDIS_URL: `redis://127.0.0.1:1/${DB}`,
      REDIS_SENTINELS: `127.0.0.1:${ports.sentinel}`,
      REDIS_SENTINEL_NAME: MASTER_NAME,
      REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD,
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        RedisModule,
        BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => bullQueueOptions(c) }),
        BullModule.registerQueue({ name: QUEUE }),
      ],
    }).compile();
    await moduleRef.init();
    redis = moduleRef.get(REDIS);
    queue = moduleRef.get(getQueueToken(QUEUE));
    // Resolves only when the queue closes.
    void queue.process(async (job) => ({ doubled: (job.data as { n: number }).n * 2 }));
  });

  afterAll(async () => {
    await moduleRef?.close();
    await Promise.all(
      direct.map((client) => (client.status === 'ready' ? client.quit().catch(() => client.disconnect()) : client.disconnect())),
    );
    for (const child of processes) child.kill('SIGKILL');
    await Promise.all(
      processes.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  async function roundTrip(n: number): Promise<{ doubled: number }> {
    const job = await queue.add({ n }, { removeOnComplete: false });
    return (await job.finished()) as { doubled: number };
  }

  it('writes through the master the Sentinel names, in the database REDIS_URL gives', async () => {
    await redis.set('sentinel-probe', 'first');
    expect(await connect(ports.master).get('sentinel-probe')).toBe('first');
  });

  it('carries pub/sub on a duplicate of the shared client (as the media node subscribes)', async () => {
    const subscriber = redis.duplicate();
    try {
      const received = new Promise<string>((resolve) => subscriber.on('message', (_channel: string, message: string) => resolve(message)));
      await subscriber.subscribe('sentinel-channel');
      await redis.publish('sentinel-channel', 'hello');
      await expect(received).resolves.toBe('hello');
    } finally {
      subscriber.disconnect();
    }
  });

  it('round-trips a Bull job, its keys on the master', async () => {
    await expect(roundTrip(21)).resolves.toEqual({ doubled: 42 });
    expect(await connect(ports.master).keys(`ejustice:${QUEUE}:*`)).not.toHaveLength(0);
  });

  it('follows a failover: the same client and queue work on the promoted replica', async () => {
    const sentinel = connect(ports.sentinel);
    await sentinel.call('SENTINEL', 'failover', MASTER_NAME);
    await until('the Sentinel to name the replica as master', async () => (await masterPort()) === ports.replica);
    const oldMaster = connect(ports.master);
    await until('the old master to be turned into a replica', async () => /role:slave/.test(await oldMaster.info('replication')));
    // A write the shared client sent before the Sentinel reconfigured the old master may be lost
    // with it (as in any Redis failover); once that is done, its writes reach the new master.
    const newMaster = connect(ports.replica);
    let attempt = 0;
    await until('the shared client to write on the new master', async () => {
      attempt += 1;
      await redis.set('sentinel-probe', `after-failover-${attempt}`);
      return (await newMaster.get('sentinel-probe')) === `after-failover-${attempt}`;
    });
    await expect(roundTrip(50)).resolves.toEqual({ doubled: 100 });
    const [job] = await queue.getCompleted();
    expect(await newMaster.exists(`ejustice:${QUEUE}:${job.id}`)).toBe(1);
  });
});
