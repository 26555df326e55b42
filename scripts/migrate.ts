import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { loadConfig } from '@ejustice/platform';
import { MIGRATIONS } from '../migrations';

/** Creates the database named in the URL if it does not exist yet (connecting to `postgres`). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Refusing to create a database with the unusual name "${name}".`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Refusing to drop a database with the unusual name "${name}".`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function migrationDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    logging: ['error'],
  });
}

/** Applies every pending migration, each in its own transaction. Returns the names applied. */
export async function migrateUp(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const ds = await migrationDataSource(url).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Reverts the last `steps` migrations. */
export async function migrateDown(url: string, steps = 1): Promise<string[]> {
  const ds = await migrationDataSource(url).initialize();
  const reverted: string[] = [];
  try {
    for (let i = 0; i < steps; i++) {
      const executed: { name: string }[] = await ds.query('SELECT name FROM schema_migrations ORDER BY timestamp DESC, id DESC LIMIT 1');
      if (executed.length === 0) break;
      await ds.undoLastMigration({ transaction: 'each' });
      reverted.push(executed[0].name);
    }
    return reverted;
  } finally {
    await ds.destroy();
  }
}

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  const [command = 'up', arg] = argv;
  const where = new URL(config.database.url);
  const label = `${where.hostname}:${where.port || 5432}${where.pathname}`;
  if (command === 'up') {
    const applied = await migrateUp(config.database.url);
    console.log(
      applied.length ? `Applied ${applied.length} migration(s) to ${label}: ${applied.join(', ')}` : `Database ${label} is up to date.`,
    );
  } else if (command === 'down') {
    const steps = arg === 'all' ? Number.MAX_SAFE_INTEGER : Number(arg ?? 1);
    if (!Number.isInteger(steps) || steps < 1) throw new Error('Usage: migrate down [N|all]');
    const reverted = await migrateDown(config.database.url, steps);
    console.log(reverted.length ? `Reverted ${reverted.join(', ')} on ${label}.` : `Nothing to revert on ${label}.`);
  } else if (command === 'status') {
    await ensureDatabase(config.database.url);
    const ds = await migrationDataSource(config.database.url).initialize();
    try {
      const pending = await ds.showMigrations();
      console.log(pending ? `Database ${label} has pending migrations.` : `Database ${label} is up to date.`);
    } finally {
      await ds.destroy();
    }
  } else {
    throw new Error(`Unknown command "${command}". Usage: migrate [up | down [N|all] | status]`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
