import { DataSource } from 'typeorm';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { APP_DATABASE_ROLE, deriveAppDatabaseUrl, loadConfig } from '@ejustice/platform';
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

/**
 * Applies every pending migration as the owner (`url`), each in its own transaction, then makes
 * sure the apps can sign in as the role of `appUrl` (see provisionAppLogin). Returns the names
 * applied.
 */
export async function migrateUp(url: string, appUrl: string = deriveAppDatabaseUrl(url)): Promise<string[]> {
  await ensureDatabase(url);
  const ds = await migrationDataSource(url).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    await provisionAppLogin(ds, appUrl);
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/**
 * The login the apps use (DATABASE_APP_URL) gets LOGIN, the password of its URL, and membership
 * of ejustice_app, whose rights the migrations grant; it is created if missing. Refused outright
 * for a superuser or the owner of the audit chain: either could switch its triggers off.
 * An owner without the right to manage roles leaves this to the DBA, and is told so if the
 * login is not ready.
 */
export async function provisionAppLogin(ds: DataSource, appUrl: string): Promise<void> {
  const target = new URL(appUrl);
  const user = decodeURIComponent(target.username);
  const password = decodeURIComponent(target.password);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(user))
    throw new Error(`DATABASE_APP_URL names the role "${user}"; use lower-case letters, digits and _.`);
  const [chain]: { owner: string }[] = await ds.query(
    `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = to_regclass('public.audit_events')`,
  );
  if (chain?.owner === user)
    throw new Error(`DATABASE_APP_URL names "${user}", which owns audit_events: the apps must connect as a role of their own.`);
  const inspect = async () => {
    const [row]: { rolsuper: boolean; rolcanlogin: boolean; member: boolean }[] = await ds.query(
      `SELECT rolsuper, rolcanlogin, pg_has_role(rolname, $2, 'MEMBER') AS member FROM pg_roles WHERE rolname = $1`,
      [user, APP_DATABASE_ROLE],
    );
    return row;
  };
  const existing = await inspect();
  if (existing?.rolsuper)
    throw new Error(`DATABASE_APP_URL names "${user}", which is a superuser: the apps must connect as a role without such rights.`);
  const [me]: { rolsuper: boolean; rolcreaterole: boolean }[] = await ds.query(
    `SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user`,
  );
  if (!me.rolsuper && !me.rolcreaterole) {
    if (existing?.rolcanlogin && existing.member) return;
    throw new Error(
      `The owner may not create roles, and the apps' login "${user}" is not ready: as a superuser, run ` +
        `CREATE ROLE ${escapeIdentifier(user)} LOGIN PASSWORD '...' IN ROLE ${APP_DATABASE_ROLE}; (or GRANT ${APP_DATABASE_ROLE} TO an existing login).`,
    );
  }
  const role = escapeIdentifier(user);
  const secret = password === '' ? 'NULL' : escapeLiteral(password);
  // Roles are shared by every database of the cluster, so test databases migrating side by side
  // may touch the same role at the same moment; PostgreSQL then refuses the loser, who retries.
  for (let attempt = 1; ; attempt++) {
    try {
      const now = await inspect();
      if (!now) await ds.query(`CREATE ROLE ${role} LOGIN PASSWORD ${secret} NOSUPERUSER NOCREATEDB NOCREATEROLE`);
      else await ds.query(`ALTER ROLE ${role} LOGIN PASSWORD ${secret}`);
      if (user !== APP_DATABASE_ROLE && !(now?.member ?? false)) await ds.query(`GRANT ${APP_DATABASE_ROLE} TO ${role}`);
      return;
    } catch (error) {
      const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
      if (attempt >= 5 || !['XX000', '23505', '42710'].includes(code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
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
    const applied = await migrateUp(config.database.url, config.database.appUrl);
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
