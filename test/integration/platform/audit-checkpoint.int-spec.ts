import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bull';
import type { INestApplication } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { generateKeyPairSync } from 'node:crypto';
import {
  AuditEvent,
  AuditLog,
  type AuditSigningKey,
  CheckpointAuditChain,
  ManualClock,
  SYSTEM_ACTOR,
  deriveAppDatabaseUrl,
  loadAuditSigningKey,
  signAuditCheckpoint,
  auditCheckpointName,
  verifyAuditChain,
  verifyAuditChainWithCheckpoints,
} from '@ejustice/platform';
import { LocalDocumentStore } from '@ejustice/filing';
import { ROOT_DIR, testConfig, testEnv } from '@ejustice/testing';
import { migrateUp } from '../../../scripts/migrate';
import { AUDIT_QUEUE, AuditCheckpointProcessor, CHECKPOINT_AUDIT_CHAIN } from '../../../apps/worker/src/audit/audit-checkpoint.processor';
import { FilingProcessor, FilingScheduler } from '../../../apps/worker/src/filing/filing.processor';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { createScratchDatabase } from './scratch-database';
import { settlesWithin } from '@ejustice/testing/wait-for';

const run = promisify(execFile);

function built(path: string): string {
  const file = join(ROOT_DIR, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build).`);
  return file;
}

/**
 * A chain of its own per suite: a scratch database migrated for real, the apps' role appending
 * to it, the owner (who alone can) tampering with it, and checkpoints in a document store on
 * disk, outside the database.
 */
async function auditFixture(label: string) {
  const scratch = await createScratchDatabase(label);
  await migrateUp(scratch.url);
  const dir = mkdtempSync(join(tmpdir(), `ejustice-checkpoints-${label}-`));
  const chain = new URL(scratch.url).pathname.slice(1);
  const env = { ...testEnv(), DATABASE_URL: scratch.url, STORAGE_DIR: dir, AUDIT_SIGNING_KEY_FILE: join(dir, 'audit-signing-key.pem') };
  const config = testConfig(env as Record<string, string>);
  const key = await loadAuditSigningKey(config.audit, { create: true });
  const store = new LocalDocumentStore(dir);
  const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
  const app = await new DataSource({ type: 'postgres', url: deriveAppDatabaseUrl(scratch.url), entities: [AuditEvent] }).initialize();
  const owner = await new DataSource({ type: 'postgres', url: scratch.url, entities: [AuditEvent] }).initialize();
  const log = new AuditLog(clock);
  let n = 0;
  return {
    scratch,
    dir,
    chain,
    env: env as NodeJS.ProcessEnv,
    config,
    key,
    store,
    clock,
    app,
    owner,
    sut: new CheckpointAuditChain(app, store, key, clock, chain),
    /** Appends events as the apps do. */
    async append(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        n += 1;
        await app.transaction((m) =>
          log.record(m, { action: 'case.opened', actor: SYSTEM_ACTOR, subject: { type: 'case', id: `c-${n}` } }),
        );
      }
    },
    /** What someone with the owner's rights can do: switch the guard off, change history, switch it on. */
    async asOwnerUnguarded(change: (db: DataSource) => Promise<void>): Promise<void> {
      await owner.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      try {
        await change(owner);
      } finally {
        await owner.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
      }
    },
    verify: (kept: { source: string; text: string }[] = []) => verifyAuditChainWithCheckpoints(app, { chain, store, key, kept }),
    async close(): Promise<void> {
      await app.destroy();
      await owner.destroy();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('audit checkpoints: a truncated tail (integration)', () => {
  let f: Awaited<ReturnType<typeof auditFixture>>;

  beforeAll(async () => {
    f = await auditFixture('trunc');
  });

  afterAll(async () => {
    await f?.close();
  });

  it('signs nothing while the chain is empty', async () => {
    await expect(f.sut.execute()).resolves.toEqual({ kind: 'empty' });
    await expect(f.store.listCheckpoints(f.chain)).resolves.toEqual([]);
  });

  it('writes a signed checkpoint of the head to the store, and no other until the head moves', async () => {
    await f.append(5);
    const first = await f.sut.execute();
    expect(first).toMatchObject({ kind: 'written', checkpoint: { chain: f.chain, seq: 5, events: 5, keyId: f.key.keyId } });
    await expect(f.sut.execute()).resolves.toMatchObject({ kind: 'unchanged', checkpoint: { seq: 5 } });

    await f.append(2);
    f.clock.advance(600_000);
    await expect(f.sut.execute()).resolves.toMatchObject({ kind: 'written', checkpoint: { seq: 7, at: '2026-11-28T09:10:00.000Z' } });
    expect((await f.store.listCheckpoints(f.chain)).sort()).toEqual([
      '00000000000000000005-20261128T090000000Z.json',
      '00000000000000000007-20261128T091000000Z.json',
    ]);
    const verdict = await f.verify();
    expect(verdict.ok).toBe(true);
    expect(verdict.lines[1]).toMatch(/matches all 2 checkpoint\(s\) held against it, the newest of 2026-11-28T09:10:00.000Z \(event #7\)/);
  });

  it('is what the worker does on its schedule', async () => {
    const worker: INestApplication = (
      await Test.createTestingModule({
        imports: [WorkerModule.forRoot(testConfig({ ...(f.env as Record<string, string>), WORKER_PORT: '0' }))],
      })
        .overrideProvider(FilingProcessor)
        .useValue({})
        .overrideProvider(FilingScheduler)
        .useValue({})
        .compile()
    ).createNestApplication({ bufferLogs: true });
    await worker.init();
    try {
      const queue = worker.get<Queue>(getQueueToken(AUDIT_QUEUE));
      const repeatable = await queue.getRepeatableJobs();
      expect(repeatable).toEqual(expect.arrayContaining([expect.objectContaining({ name: CHECKPOINT_AUDIT_CHAIN, cron: '*/10 * * * *' })]));
      // The schedule's own run would fire at the clock's next ten minutes, perhaps during this
      // test: this worker takes no job from the queue, and its runs are started here instead.
      await queue.pause(true);
      await f.append(1);
      // Two runs at once (a scheduled one and `./ejustice audit-checkpoint`, or two workers):
      // one signs the new head, the other finds it signed.
      const processor = worker.get(AuditCheckpointProcessor);
      const outcomes = await Promise.all([processor.run({ id: 'test-1' } as Job), processor.run({ id: 'test-2' } as Job)]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['unchanged', 'written']);
      expect(outcomes.map((o) => o.seq)).toEqual([8, 8]);
    } finally {
      await worker.close();
    }
    expect(await f.store.listCheckpoints(f.chain)).toHaveLength(3);
  });

  it('catches a tail removed after a checkpoint, which the chain alone cannot show', async () => {
    await f.asOwnerUnguarded((db) => db.query('DELETE FROM audit_events WHERE seq > 5'));

    // What remains links and hashes perfectly: without a checkpoint, nothing looks wrong.
    await expect(verifyAuditChain(f.app)).resolves.toMatchObject({ intact: true, events: 5 });
    const verdict = await f.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.lines[0]).toBe('Audit chain BROKEN: it does not agree with its checkpoints.');
    expect(verdict.lines).toContainEqual(
      expect.stringMatching(/The chain has only 5 events, but the checkpoint of .* vouched for 8: its tail was removed/),
    );
  });

  it('refuses to sign the truncated chain, so the evidence is not papered over', async () => {
    const outcome = await f.sut.execute();
    expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/only 5 events, .* vouched for 8/) });
    expect(await f.store.listCheckpoints(f.chain)).toHaveLength(3);
  });

  it('fails `./ejustice audit-verify` with exit code 2, naming the truncation', async () => {
    const result = await run(process.execPath, [built('dist/scripts/audit-verify.js')], { env: f.env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr).toMatch(
      /BROKEN[\s\S]*only 5 events, but the checkpoint of .* vouched for 8: its tail was removed/,
    );
  });
});

describe('audit checkpoints on a database pool of one connection (integration)', () => {
  let f: Awaited<ReturnType<typeof auditFixture>>;

  beforeAll(async () => {
    f = await auditFixture('onepool');
  });

  afterAll(async () => {
    await f?.close();
  });

  it('writes a checkpoint: the run reads on the connection that holds its lock', async () => {
    const onePool = await new DataSource({
      type: 'postgres',
      url: deriveAppDatabaseUrl(f.scratch.url),
      entities: [AuditEvent],
      extra: { max: 1 },
    }).initialize();
    try {
      await f.append(3);
      const run = new CheckpointAuditChain(onePool, f.store, f.key, f.clock, f.chain).execute();
      await expect(
        settlesWithin(run, 15_000, 'the checkpoint run (holding its lock, asking for a second connection)'),
      ).resolves.toMatchObject({
        kind: 'written',
        checkpoint: { seq: 3 },
      });
    } finally {
      await onePool.destroy();
    }
  }, 30_000);
});

describe('audit checkpoints: a recomputed chain, forged checkpoints, a kept copy (integration)', () => {
  let f: Awaited<ReturnType<typeof auditFixture>>;

  beforeAll(async () => {
    f = await auditFixture('recomp');
    await f.append(6);
  });

  afterAll(async () => {
    await f?.close();
  });

  it('prints the checkpoint for a court officer with `./ejustice audit-checkpoint`', async () => {
    const { stdout } = await run(process.execPath, [built('dist/scripts/audit-checkpoint.js')], { env: f.env });
    expect(stdout).toMatch(new RegExp(`Audit chain checkpoint of "${f.chain}"`));
    expect(stdout).toMatch(/events: +6 \(head: event #6\)/);
    expect(stdout).toContain(`signed by:  ${f.key.keyId} (Ed25519)`);
    expect(stdout).toContain(f.key.publicKeyPem.trim());
    const record = stdout.split('\n').find((l) => l.startsWith('{"format":'));
    expect(JSON.parse(record ?? 'null')).toMatchObject({ seq: 6, chain: f.chain });
    expect(await f.store.listCheckpoints(f.chain)).toHaveLength(1);
    writeFileSync(join(f.dir, 'kept-by-the-registrar.txt'), stdout);
  });

  it('catches history rewritten with every hash recomputed, which the chain alone cannot show', async () => {
    const forger = new AuditLog(new ManualClock(new Date('2026-11-28T09:00:00Z')));
    await f.asOwnerUnguarded(async (db) => {
      await db.query('DELETE FROM audit_events WHERE seq >= 3');
      for (let i = 3; i <= 6; i++) {
        await db.transaction((m) =>
          forger.record(m, {
            action: 'case.opened',
            actor: SYSTEM_ACTOR,
            subject: { type: 'case', id: `c-${i}` },
            data: { rewritten: true },
          }),
        );
      }
    });

    await expect(verifyAuditChain(f.app)).resolves.toMatchObject({ intact: true, events: 6 });
    const verdict = await f.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toContainEqual(
      expect.stringMatching(
        /Event #6 has the hash [0-9a-f]{64}, but the checkpoint of .* recorded [0-9a-f]{64}: the chain was rewritten and its hashes recomputed/,
      ),
    );
    await expect(f.sut.execute()).resolves.toMatchObject({ kind: 'refused', reason: expect.stringMatching(/rewritten/) });
  });

  it("catches it from the court officer's copy even when the store lost every checkpoint", async () => {
    for (const name of await f.store.listCheckpoints(f.chain)) rmSync(join(f.dir, 'audit-checkpoints', f.chain, name));
    const cli = built('dist/scripts/audit-verify.js');

    // Without the kept copy the rewritten chain passes: nothing is left to hold it against.
    const unanchored = await run(process.execPath, [cli], { env: f.env });
    expect(unanchored.stdout).toMatch(/No checkpoint of chain .* was found/);

    const kept = join(f.dir, 'kept-by-the-registrar.txt');
    const result = await run(process.execPath, [cli, '--checkpoint', kept], { env: f.env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr).toMatch(/Event #6 has the hash .*: the chain was rewritten/);
  });

  it('distrusts a checkpoint that was altered, or signed with another key', async () => {
    const head = await verifyAuditChain(f.app);
    if (!head.intact) throw new Error('the rewritten chain should link');
    // A checkpoint that agrees with the rewritten chain, but was not signed by the platform's key.
    const theirs = generateKeyPairSync('ed25519');
    const forged = signAuditCheckpoint({ chain: f.chain, seq: head.headSeq, headHash: head.headHash }, f.clock.now(), theirs);
    await f.store.putCheckpoint(f.chain, auditCheckpointName(forged), Buffer.from(JSON.stringify(forged)));
    // And one signed by the platform's key once, then edited to agree with the rewritten chain.
    const genuine = signAuditCheckpoint({ chain: f.chain, seq: 5, headHash: 'a'.repeat(64) }, new Date('2026-11-28T08:00:00Z'), f.key);
    const altered = { ...genuine, headHash: (await f.app.query('SELECT hash FROM audit_events WHERE seq = 5'))[0].hash };
    await f.store.putCheckpoint(f.chain, auditCheckpointName(altered), Buffer.from(JSON.stringify(altered)));

    const verdict = await f.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toContainEqual(expect.stringMatching(/was signed with key ed25519:[0-9a-f]{16}, not with this platform's key/));
    expect(verdict.lines).toContainEqual(expect.stringMatching(/has a signature that does not verify: it was forged or altered/));
  });

  it('distrusts every checkpoint when the verifier has no key to check them with', async () => {
    const verdict = await verifyAuditChainWithCheckpoints(f.app, {
      chain: f.chain,
      store: f.store,
      key: undefined as AuditSigningKey | undefined,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toContainEqual(expect.stringMatching(/no audit signing key is configured here to check it with/));
  });
});
