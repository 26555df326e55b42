import { Client } from 'pg';
import { MIGRATIONS } from '../../../migrations';
import { migrateDown, migrateUp } from '../../../scripts/migrate';
import { createScratchDatabase } from './scratch-database';

/** Everything in the public schema that a migration can create, as comparable text. */
async function schemaFingerprint(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS item
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
      UNION ALL
      SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
      UNION ALL
      SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
      UNION ALL
      SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL
      SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      UNION ALL
      SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
      ORDER BY 1`);
    return rows.map((r: { item: string }) => r.item);
  } finally {
    await client.end();
  }
}

describe('migrations (integration)', () => {
  let scratch: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    scratch = await createScratchDatabase('migrations');
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  it('go up, all the way down, and up again on an empty database, leaving the same schema', async () => {
    expect(await schemaFingerprint(scratch.url)).toEqual([]);
    const applied = await migrateUp(scratch.url);
    expect(applied).toEqual(MIGRATIONS.map((m) => new m().name));
    const once = await schemaFingerprint(scratch.url);
    expect(once.length).toBeGreaterThan(50);

    const reverted = await migrateDown(scratch.url, MIGRATIONS.length);
    expect(reverted).toEqual(MIGRATIONS.map((m) => new m().name).reverse());
    expect(await schemaFingerprint(scratch.url)).toEqual([]);

    await migrateUp(scratch.url);
    expect(await schemaFingerprint(scratch.url)).toEqual(once);
  });

  it('step down and up one at a time', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) {
      const [name] = await migrateDown(scratch.url, 1);
      expect(await migrateUp(scratch.url)).toEqual([name]);
    }
  });

  it('are named <timestamp>-PascalCaseName and ordered by timestamp', () => {
    const stamps = MIGRATIONS.map((m) => Number(/(\d{13})$/.exec(new m().name)?.[1]));
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });
});
