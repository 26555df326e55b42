import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in lock-outs per account and client network (an IPv4 address, an IPv6 /64), no longer
 * per account alone: whoever knows a judge's e-mail address could otherwise keep her locked out
 * from anywhere. The rows are throw-away bookkeeping, so the rows of the old key are dropped
 * (locks in force are lifted once, at this migration). The worker purges rows long past, as
 * before (maintenance.processor.ts).
 */
export class LockLoginsPerNetwork1795900400000 implements MigrationInterface {
  name = 'LockLoginsPerNetwork1795900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM login_throttles`);
    await q.query(`ALTER TABLE login_throttles DROP CONSTRAINT login_throttles_pkey`);
    await q.query(`
      ALTER TABLE login_throttles
        ADD COLUMN client_network varchar(64) NOT NULL CHECK (client_network <> '')`);
    await q.query(`ALTER TABLE login_throttles ADD PRIMARY KEY (email_key, client_network)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM login_throttles`);
    await q.query(`ALTER TABLE login_throttles DROP CONSTRAINT login_throttles_pkey`);
    await q.query(`ALTER TABLE login_throttles DROP COLUMN client_network`);
    await q.query(`ALTER TABLE login_throttles ADD PRIMARY KEY (email_key)`);
  }
}
