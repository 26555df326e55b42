import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditEvent, AuditLog, ManualClock, SYSTEM_ACTOR, type AuditEntry, verifyAuditChain } from '@ejustice/platform';
import { ROOT_DIR } from '@ejustice/testing';
import { migrateUp } from '../../../scripts/migrate';
import { runAuditVerify } from '../../../scripts/audit-verify';
import { createScratchDatabase } from './scratch-database';

const run = promisify(execFile);

describe('audit chain on PostgreSQL (integration)', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const sut = new AuditLog(new ManualClock(new Date('2026-11-28T09:00:00Z')));

  const entry = (n: number): AuditEntry => ({
    action: 'case.opened',
    actor: SYSTEM_ACTOR,
    subject: { type: 'case', id: `case-${n}` },
    data: { n, nested: { z: 1, a: [1, 2, { y: 'x' }] } },
  });

  beforeAll(async () => {
    scratch = await createScratchDatabase('audit');
    await migrateUp(scratch.url);
    ds = await new DataSource({ type: 'postgres', url: scratch.url, entities: [AuditEvent] }).initialize();
    for (let i = 1; i <= 5; i++) await ds.transaction((m) => sut.record(m, entry(i)));
  });

  afterAll(async () => {
    await ds?.destroy();
    await scratch?.drop();
  });

  it('links every event to the one before it, and verifies intact', async () => {
    const report = await verifyAuditChain(ds);
    expect(report).toMatchObject({ intact: true, events: 5 });
    const rows = await ds.getRepository(AuditEvent).find({ order: { seq: 'ASC' } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
  });

  it('keeps the chain linear under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => ds.transaction((m) => sut.record(m, entry(100 + i)))));
    expect(await verifyAuditChain(ds)).toMatchObject({ intact: true, events: 25 });
  });

  it('leaves no event behind when the transaction that wrote it rolls back', async () => {
    await expect(
      ds.transaction(async (m) => {
        await sut.record(m, entry(999));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await ds.getRepository(AuditEvent).count()).toBe(25);
    expect(await verifyAuditChain(ds)).toMatchObject({ intact: true });
  });

  it('refuses to write outside a transaction', async () => {
    await expect(sut.record(ds.manager, entry(1000))).rejects.toThrow(/inside the transaction/);
  });

  it('has the database refuse UPDATE, DELETE and TRUNCATE', async () => {
    await expect(ds.query(`UPDATE audit_events SET action = 'case.closed' WHERE seq = 2`)).rejects.toThrow(
      /append-only: UPDATE is refused/,
    );
    await expect(ds.query(`DELETE FROM audit_events WHERE seq = 2`)).rejects.toThrow(/append-only: DELETE is refused/);
    // A plain TRUNCATE is already stopped by the tables that reference the chain (a recording's
    // segments name their audit events); with CASCADE it reaches the chain's own refusal.
    await expect(ds.query(`TRUNCATE audit_events`)).rejects.toThrow(/cannot truncate a table referenced in a foreign key/);
    await expect(ds.query(`TRUNCATE audit_events CASCADE`)).rejects.toThrow(/append-only: TRUNCATE is refused/);
    expect(await verifyAuditChain(ds)).toMatchObject({ intact: true, events: 25 });
  });

  it('catches a row altered behind its back and names it, through `npm run audit:verify` too', async () => {
    // Simulate someone with owner rights: switch the guard off, rewrite history, switch it on.
    await ds.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    const [target] = await ds.query(`SELECT id FROM audit_events WHERE seq = 7`);
    await ds.query(`UPDATE audit_events SET data = jsonb_set(data, '{n}', '42') WHERE seq = 7`);
    await ds.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');

    expect(await verifyAuditChain(ds)).toEqual({
      intact: false,
      events: 6,
      firstBreak: { reason: 'hash_mismatch', seq: 7, id: target.id },
    });
    const direct = await runAuditVerify(scratch.url);
    expect(direct.intact).toBe(false);
    expect(direct.message).toContain(`event #7 (id ${target.id})`);

    const cli = join(ROOT_DIR, 'dist/scripts/audit-verify.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npm run build).`);
    const result = await run(process.execPath, [cli], { env: { ...process.env, DATABASE_URL: scratch.url } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr).toMatch(
      new RegExp(`BROKEN at event #7 \\(id ${target.id}\\): its content no longer matches its hash`),
    );
  });

  it('catches a deleted row as a gap', async () => {
    await ds.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await ds.query(`DELETE FROM audit_events WHERE seq = 3`);
    await ds.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    const report = await verifyAuditChain(ds);
    expect(report).toMatchObject({ intact: false, events: 2, firstBreak: { reason: 'sequence_gap', seq: 4, expectedSeq: 3 } });
  });
});
