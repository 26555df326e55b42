import { loadConfig } from '@ejustice/platform';
import { seedDemo } from './seed-demo';

describe('seed-demo', () => {
  it('refuses a production installation before touching its database', async () => {
    // The database named here does not exist: a seeder that tried it would fail differently.
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-more-than-thirty-two-characters',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/not_a_database',
      DATABASE_APP_URL: 'postgres://nobody_app:secret@127.0.0.1:1/not_a_database',
    });
    await expect(seedDemo(config)).rejects.toThrow(/refuses to run with NODE_ENV=production/);
  });
});
