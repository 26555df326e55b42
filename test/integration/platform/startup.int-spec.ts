import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT_DIR, testEnv } from '@ejustice/testing';

const run = promisify(execFile);

function built(path: string): string {
  const file = join(ROOT_DIR, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build).`);
  return file;
}

describe('start-up with a bad environment (integration)', () => {
  it.each([
    ['dist/apps/api/src/main.js', { API_PORT: 'eighty' }, /API_PORT must be a whole number, but is "eighty"/],
    ['dist/apps/api/src/main.js', { DATABASE_URL: 'mysql://db/ejustice' }, /DATABASE_URL must be a postgres: or postgresql: URL/],
    [
      'dist/apps/worker/src/main.js',
      { LOG_LEVEL: 'loud' },
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, but is "loud"/,
    ],
    ['dist/apps/media/src/main.js', { MEDIA_NUM_WORKERS: '0' }, /MEDIA_NUM_WORKERS must be at least 1/],
  ])('%s stops with a sentence naming the variable (%j)', async (entry, env, sentence) => {
    const result = await run(process.execPath, [built(entry)], {
      env: { ...testEnv(), ...env } as NodeJS.ProcessEnv,
      timeout: 20_000,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({ code: 1 });
    const stderr = (result as { stderr: string }).stderr;
    expect(stderr).toMatch(/The configuration is invalid; the platform will not start/);
    expect(stderr).toMatch(sentence);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
