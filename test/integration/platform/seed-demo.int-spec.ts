import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ROOT_DIR, testEnv } from '@ejustice/testing';
import { migrateUp } from '../../../scripts/migrate';
import { runAuditVerify } from '../../../scripts/audit-verify';
import { createScratchDatabase } from './scratch-database';

const run = promisify(execFile);

describe('npm run seed:demo (integration)', () => {
  let scratch: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    scratch = await createScratchDatabase('seed');
    await migrateUp(scratch.url);
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  async function seed(): Promise<string> {
    const script = join(ROOT_DIR, 'dist/scripts/seed-demo.js');
    if (!existsSync(script)) throw new Error(`${script} is missing: build first (npm run build).`);
    const { stdout } = await run(process.execPath, [script], {
      env: { ...testEnv(), DATABASE_URL: scratch.url } as NodeJS.ProcessEnv,
      timeout: 60_000,
    });
    return stdout;
  }

  it('creates the demo court, prints how to sign in, and can run again without duplicating anything', async () => {
    const first = await seed();
    expect(first).toMatch(/Seeded Al-Nour District Court \(NDC\): 10 accounts, 20 cases, 2 hearings/);
    expect(first).toMatch(/judge@demo\.court\s+judge/);
    expect(first).toMatch(/password "demo-password-2026"/);
    expect(first).toMatch(/\/join\/[A-Za-z0-9_-]{43}/);

    const second = await seed();
    expect(second).toMatch(/already seeded/);

    const db = new Client({ connectionString: scratch.url });
    await db.connect();
    try {
      const counts = await db.query(`
        SELECT (SELECT count(*) FROM courts)::int AS courts,
               (SELECT count(*) FROM users)::int AS users,
               (SELECT count(*) FROM cases)::int AS cases,
               (SELECT count(DISTINCT case_type) FROM cases)::int AS types,
               (SELECT count(*) FROM cases WHERE case_type = 'trafficking')::int AS trafficking,
               (SELECT count(*) FROM parties WHERE is_protected)::int AS protected`);
      expect(counts.rows[0]).toMatchObject({ courts: 1, users: 10, cases: 20, types: 6 });
      expect(counts.rows[0].trafficking).toBeGreaterThanOrEqual(4);
      expect(counts.rows[0].protected).toBeGreaterThanOrEqual(6);
      const roles = await db.query(`SELECT role, count(*)::int AS n FROM user_roles GROUP BY role ORDER BY role`);
      expect(Object.fromEntries(roles.rows.map((r) => [r.role, r.n]))).toMatchObject({
        judge: 1,
        clerk: 2,
        prosecutor: 1,
        counsel: 2,
        interpreter: 1,
      });
      // Case numbers follow <court>-<type>-<year>-<sequence> with no gaps per type.
      const numbers = await db.query(`SELECT case_type, number FROM cases ORDER BY case_type, number`);
      for (const row of numbers.rows) expect(row.number).toMatch(/^NDC-(TIP|CR|CV|FAM|LAB|ADM)-\d{4}-\d{6}$/);
      // No protected name ever went into the audit trail.
      const audit = await db.query(`SELECT data::text AS data FROM audit_events`);
      const names = (await db.query(`SELECT full_name FROM parties WHERE is_protected`)).rows.map((r) => r.full_name as string);
      for (const row of audit.rows) for (const name of names) expect(row.data).not.toContain(name);
    } finally {
      await db.end();
    }
    expect((await runAuditVerify(scratch.url)).intact).toBe(true);
  });
});
