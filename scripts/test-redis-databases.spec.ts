import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The suites that start a Bull worker, flush a database or count a queue each take a Redis
 * database of their own (by number, in the file), because a jest project runs its files two at a
 * time: two suites on one database would process each other's jobs (with the wrong storage or
 * seal), flush each other's keys or count each other's jobs. Suites on the shared default
 * (test/support/test-env.ts, database 1) name none. The projects run one after another, so a
 * number may come back in another project.
 */
const ROOT = join(__dirname, '..');
const PROJECTS = ['test/e2e', 'test/integration', 'test/browser'] as const;
const DATABASE = /redis:\/\/127\.0\.0\.1:6379\/(\d+)|\bREDIS_DB = (\d+)/g;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function databasesIn(project: string): Map<number, string[]> {
  const users = new Map<number, string[]>();
  for (const file of files(join(ROOT, project))) {
    const numbers = new Set([...readFileSync(file, 'utf8').matchAll(DATABASE)].map((m) => Number(m[1] ?? m[2])));
    for (const n of numbers) users.set(n, [...(users.get(n) ?? []), relative(ROOT, file)]);
  }
  return users;
}

describe('Redis databases of the test suites', () => {
  it.each(PROJECTS)('%s: every database a suite names is that suite’s alone, and not the shared default', (project) => {
    const users = databasesIn(project);
    const shared = [...users].filter(([, names]) => names.length > 1).map(([n, names]) => `${n}: ${names.join(', ')}`);
    expect(shared).toEqual([]);
    expect(users.has(1)).toBe(false);
    for (const n of users.keys()) expect(n).toBeLessThan(16);
  });

  it('finds the numbers it is meant to find', () => {
    const e2e = databasesIn('test/e2e');
    expect(e2e.get(11)).toEqual(['test/e2e/certification/certified-copies.e2e-spec.ts']);
    expect(e2e.get(4)).toEqual(['test/e2e/scheduling/schedule-jobs.e2e-spec.ts']);
    expect(e2e.size).toBeGreaterThanOrEqual(10);
  });
});
