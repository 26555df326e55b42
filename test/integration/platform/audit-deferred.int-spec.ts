import { DataSource } from 'typeorm';
import {
  AuditEvent,
  AuditLog,
  type AuditEntry,
  ManualClock,
  RequestContext,
  SYSTEM_ACTOR,
  deriveAppDatabaseUrl,
  sealPendingAuditEvents,
  verifyAuditChain,
} from '@ejustice/platform';
import { migrateUp } from '../../../scripts/migrate';
import { createScratchDatabase } from './scratch-database';

/**
 * Audit events written with the change they record but chained just after its commit
 * (AuditLog.defer + seal): the chain stays one verifiable line, no event is lost or doubled, and
 * the apps' role can no more drop a pending event than a chained one.
 */
describe('deferred audit events on PostgreSQL (integration)', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let app: DataSource;
  const sut = new AuditLog(new ManualClock(new Date('2026-11-28T09:00:00Z')));

  const entry = (n: number): AuditEntry => ({
    action: 'filing.submitted',
    actor: SYSTEM_ACTOR,
    subject: { type: 'filing', id: `filing-${n}` },
    data: { n, documents: [{ sha256: 'ab'.repeat(32), sizeBytes: n }] },
  });
  const defer = (n: number) => app.transaction((m) => sut.defer(m, entry(n)));
  const pending = async () => Number((await app.query('SELECT count(*) AS n FROM audit_pending'))[0].n);
  const chained = () => app.getRepository(AuditEvent).find({ order: { seq: 'ASC' } });

  beforeAll(async () => {
    scratch = await createScratchDatabase('deferred');
    await migrateUp(scratch.url);
    // As the apps connect: their own role, not the owner.
    app = await new DataSource({ type: 'postgres', url: deriveAppDatabaseUrl(scratch.url), entities: [AuditEvent] }).initialize();
  });

  afterAll(async () => {
    await app?.destroy();
    await scratch?.drop();
  });

  it('chains deferred events at the next seal, linked and hashed as every event is, with their request id', async () => {
    const ids = [];
    for (let i = 1; i <= 3; i++) ids.push((await RequestContext.run({ requestId: `req-${i}` }, () => defer(i))).id);
    expect(await pending()).toBe(3);
    expect(await chained()).toEqual([]);

    await sut.seal(app);

    expect(await pending()).toBe(0);
    const rows = await chained();
    expect(rows.map((r) => [r.seq, r.id, r.requestId, r.data])).toEqual(
      ids.map((id, i) => [i + 1, id, `req-${i + 1}`, { n: i + 1, documents: [{ sha256: 'ab'.repeat(32), sizeBytes: i + 1 }] }]),
    );
    await expect(verifyAuditChain(app)).resolves.toMatchObject({ intact: true, events: 3 });
  });

  it('keeps one linear chain with deferring writers, their seals and direct appenders all at once, every event exactly once', async () => {
    const before = (await chained()).length;
    const deferred = Array.from({ length: 30 }, (_, i) => defer(100 + i).then(({ id }) => sut.seal(app, id)));
    const direct = Array.from({ length: 10 }, (_, i) => app.transaction((m) => sut.record(m, entry(200 + i))));
    // A second process's seals, racing this one's.
    const other = new AuditLog(new ManualClock(new Date('2026-11-28T09:00:00Z')));
    const rival = Array.from({ length: 5 }, () => other.seal(app));
    await Promise.all([...deferred, ...direct, ...rival]);

    expect(await pending()).toBe(0);
    const rows = await chained();
    expect(rows).toHaveLength(before + 40);
    expect(new Set(rows.map((r) => r.subjectId)).size).toBe(rows.length);
    await expect(verifyAuditChain(app)).resolves.toMatchObject({ intact: true, events: before + 40 });
  });

  it('has each caller wait until its event is chained, whether the seal running or the next one chains it', async () => {
    const first = await defer(300);
    const running = sut.seal(app, first.id);
    const second = await defer(301);
    // Asked while the first seal runs, which may have looked before 301 committed.
    await Promise.all([running, sut.seal(app, second.id), sut.seal(app)]);
    expect(await pending()).toBe(0);
    expect((await chained()).slice(-2).map((r) => r.subjectId)).toEqual(['filing-300', 'filing-301']);
  });

  it('leaves nothing pending when the transaction that deferred the event rolls back', async () => {
    await expect(
      app.transaction(async (m) => {
        await sut.defer(m, entry(999));
        throw new Error('the filing failed');
      }),
    ).rejects.toThrow('the filing failed');
    expect(await pending()).toBe(0);
    expect((await sealPendingAuditEvents(app)).size).toBe(0);
  });

  it('chains at the next seal, by anyone, an event whose writer died between its commit and its seal', async () => {
    const before = (await chained()).length;
    await defer(400);
    expect(await pending()).toBe(1);
    expect((await sealPendingAuditEvents(app)).size).toBe(1);
    expect((await chained()).map((r) => r.subjectId).slice(before)).toEqual(['filing-400']);
    await expect(verifyAuditChain(app)).resolves.toMatchObject({ intact: true });
  });

  it('refuses a deferred event outside a transaction', async () => {
    await expect(sut.defer(app.manager, entry(500))).rejects.toThrow(/inside the transaction/);
  });

  it('lets the apps neither change, nor drop, nor truncate a pending event: it leaves only into the chain', async () => {
    await defer(600);
    await expect(app.query(`UPDATE audit_pending SET action = 'filing.rejected'`)).rejects.toThrow(
      /permission denied for table audit_pending/,
    );
    await expect(app.query(`DELETE FROM audit_pending`)).rejects.toThrow(/an event leaves only into the chain/);
    await expect(app.query(`TRUNCATE audit_pending`)).rejects.toThrow(/permission denied for table audit_pending/);
    expect(await pending()).toBe(1);
    expect((await sealPendingAuditEvents(app)).size).toBe(1);
    expect(await pending()).toBe(0);
    await expect(verifyAuditChain(app)).resolves.toMatchObject({ intact: true });
  });
});
