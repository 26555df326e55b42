import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  AuditEvent,
  AuditLog,
  ConfigModule,
  DatabaseModule,
  ManualClock,
  SYSTEM_ACTOR,
  deriveAppDatabaseUrl,
  verifyAuditChain,
} from '@ejustice/platform';
import { testConfig } from '@ejustice/testing';
import { migrateDown, migrateUp } from '../../../scripts/migrate';
import { createScratchDatabase } from './scratch-database';

/**
 * The apps connect as their own role, which may append to the audit chain and read it, but can
 * neither rewrite it nor switch off the triggers that guard it: only the owner can, and only
 * the migrations run as the owner.
 */
describe("the apps' database role (integration)", () => {
  let scratch: { url: string; drop(): Promise<void> };
  let owner: Client;
  let app: DataSource;
  const audit = new AuditLog(new ManualClock(new Date('2026-11-28T09:00:00Z')));
  const record = (n: number) =>
    app.transaction((m) => audit.record(m, { action: 'case.opened', actor: SYSTEM_ACTOR, subject: { type: 'case', id: `c-${n}` } }));

  beforeAll(async () => {
    scratch = await createScratchDatabase('role');
    await migrateUp(scratch.url);
    owner = new Client({ connectionString: scratch.url });
    await owner.connect();
    app = await new DataSource({ type: 'postgres', url: deriveAppDatabaseUrl(scratch.url), entities: [AuditEvent] }).initialize();
  });

  afterAll(async () => {
    await app?.destroy();
    await owner?.end();
    await scratch?.drop();
  });

  it('is ejustice_app, neither a superuser nor the owner of anything', async () => {
    const [me] = await app.query(`
      SELECT current_user AS name, r.rolsuper, r.rolcreaterole, r.rolbypassrls,
             (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owns
        FROM pg_roles r WHERE r.rolname = current_user`);
    expect(me).toEqual({ name: 'ejustice_app', rolsuper: false, rolcreaterole: false, rolbypassrls: false, owns: 0 });
  });

  it('appends to the audit chain through AuditLog and reads it', async () => {
    for (let i = 1; i <= 3; i++) await record(i);
    await expect(verifyAuditChain(app)).resolves.toMatchObject({ intact: true, events: 3 });
  });

  it('may not UPDATE, DELETE or TRUNCATE the audit table: refused by privilege, before any trigger', async () => {
    await expect(app.query(`UPDATE audit_events SET action = 'case.closed' WHERE seq = 2`)).rejects.toThrow(
      /permission denied for table audit_events/,
    );
    await expect(app.query(`DELETE FROM audit_events WHERE seq = 3`)).rejects.toThrow(/permission denied for table audit_events/);
    await expect(app.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied for table audit_events/);
  });

  it('may not switch the guarding triggers off, nor step around them', async () => {
    await expect(app.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`)).rejects.toThrow(
      /must be owner of table audit_events/,
    );
    await expect(app.query(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner of table audit_events/);
    await expect(app.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`)).rejects.toThrow(
      /must be owner of (table|relation) audit_events/,
    );
    await expect(app.query(`DROP TABLE audit_events`)).rejects.toThrow(/must be owner of table audit_events/);
    await expect(app.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied to set parameter/);
    await expect(app.query(`DELETE FROM schema_migrations`)).rejects.toThrow(/permission denied for table schema_migrations/);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM audit_events`);
    expect(rows[0].n).toBe(3);
  });

  it('reads and writes the other tables as usual', async () => {
    const code = `R${randomBytes(3).toString('hex').toUpperCase()}`;
    const [court] = await app.query(`INSERT INTO courts (code, name, time_zone) VALUES ($1, 'Role Court', 'UTC') RETURNING id`, [code]);
    await app.query(`UPDATE courts SET name = 'Renamed' WHERE id = $1`, [court.id]);
    await app.transaction((m) => m.query(`SELECT id FROM courts WHERE id = $1 FOR UPDATE`, [court.id]));
    await app.query(`DELETE FROM courts WHERE id = $1`, [court.id]);
  });

  it("is the role the platform's data source connects as", async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig({ DATABASE_URL: scratch.url })), DatabaseModule.forRoot()],
    }).compile();
    try {
      const [row] = await moduleRef.get<DataSource>(getDataSourceToken()).query('SELECT current_user AS name');
      expect(row.name).toBe('ejustice_app');
    } finally {
      await moduleRef.close();
    }
  });

  it('can be another login of your choosing, which migrate up makes a member of ejustice_app', async () => {
    const name = `ejustice_app_t${randomBytes(4).toString('hex')}`;
    const url = new URL(scratch.url);
    url.username = name;
    url.password = 'another-password';
    try {
      await migrateUp(scratch.url, url.toString());
      const other = new Client({ connectionString: url.toString() });
      await other.connect();
      try {
        await expect(other.query(`SELECT count(*) FROM audit_events`)).resolves.toBeDefined();
        await expect(other.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied for table audit_events/);
      } finally {
        await other.end();
      }
    } finally {
      await owner.query(`DROP ROLE IF EXISTS ${name}`);
    }
  });

  it("is never the owner or a superuser: migrate up refuses to provision one as the apps' role", async () => {
    const url = new URL(scratch.url);
    url.password = 'x';
    await expect(migrateUp(scratch.url, url.toString())).rejects.toThrow(/is a superuser|owns audit_events/);
  });

  it('cannot be dropped from under the audit history: migrate down refuses to drop a chain that holds events', async () => {
    await expect(migrateDown(scratch.url, Number.MAX_SAFE_INTEGER)).rejects.toThrow(
      /Refusing to drop audit_events: it holds 3 audit events/,
    );
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM audit_events`);
    expect(rows[0].n).toBe(3);
    const triggers = await owner.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass ORDER BY 1`);
    expect(triggers.rows.map((r: { tgname: string }) => r.tgname)).toEqual(['audit_events_append_only', 'audit_events_no_truncate']);
  });
});
