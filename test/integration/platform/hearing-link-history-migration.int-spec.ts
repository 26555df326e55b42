import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AddHearingLinkHistory1795900300000 } from '../../../migrations/1795900300000-AddHearingLinkHistory';
import { migrateUp } from '../../../scripts/migrate';
import { createScratchDatabase, runMigration } from './scratch-database';

const HASH = 'a'.repeat(64);

/**
 * Links ended before the migration get their cause and author from the audit trail: the issue of
 * a newer link names the links it withdrew, a revocation names who revoked.
 */
describe('AddHearingLinkHistory migration (integration)', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let db: Client;

  beforeAll(async () => {
    scratch = await createScratchDatabase('linkhistory');
    await migrateUp(scratch.url);
    db = new Client({ connectionString: scratch.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await scratch?.drop();
  });

  const migrate = (direction: 'up' | 'down') => runMigration(scratch.url, new AddHearingLinkHistory1795900300000(), direction);

  it('reads who ended each older link, and why, from the audit trail', async () => {
    await migrate('down');
    const one = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0].id as string;
    const court = await one(`INSERT INTO courts (code, name, time_zone) VALUES ('MIG1', 'Court', 'UTC') RETURNING id`, []);
    const user = (name: string) =>
      one(`INSERT INTO users (court_id, email, display_name, password_hash) VALUES ($1, $2, $3, '$argon2id$x') RETURNING id`, [
        court,
        `${name.toLowerCase()}@test.court`,
        name,
      ]);
    const nadia = await user('Nadia');
    const omar = await user('Omar');
    const caseId = await one(
      `INSERT INTO cases (court_id, number, case_type, title, opened_at) VALUES ($1, 'MIG-1', 'criminal', 'Case', now()) RETURNING id`,
      [court],
    );
    const hearing = await one(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end)
       VALUES ($1, $2, 'Hearing', 'testimony', now(), now() + interval '1 hour') RETURNING id`,
      [court, caseId],
    );
    const participant = await one(
      `INSERT INTO hearing_participants (hearing_id, hearing_role, display_name) VALUES ($1, 'witness', 'W') RETURNING id`,
      [hearing],
    );
    const link = (revoked: boolean) =>
      one(
        `INSERT INTO hearing_links (hearing_id, participant_id, token_hash, created_by, created_at, expires_at, used_at, revoked_at)
         VALUES ($1, $2, $3, $4, now(), now() + interval '1 day', now(), $5) RETURNING id`,
        [hearing, participant, randomUUID().replace(/-/g, '').padEnd(64, '0'), nadia, revoked ? new Date() : null],
      );
    const replaced = await link(true);
    const revoked = await link(true);
    const unexplained = await link(true);
    const live = await link(false);
    let seq = 0;
    const audit = (action: string, actorId: string, subjectId: string, data: unknown) =>
      db.query(
        `INSERT INTO audit_events (seq, id, occurred_at, actor_type, actor_id, action, subject_type, subject_id, data, prev_hash, hash)
         VALUES ($1, $2, now(), 'user', $3, $4, 'hearing_link', $5, $6, $7, $7)`,
        [++seq, randomUUID(), actorId, action, subjectId, JSON.stringify(data), HASH.replace(/a$/, String(seq % 10))],
      );
    await audit('hearing_link.issued', omar, live, { participantId: participant, withdrawnLinkIds: [replaced] });
    await audit('hearing_link.revoked', nadia, revoked, { participantId: participant, wasUsed: true });

    await migrate('up');
    const { rows } = await db.query(
      'SELECT id, revoke_cause, revoked_by, replaced_by, used_from_address, used_user_agent FROM hearing_links WHERE hearing_id = $1',
      [hearing],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(replaced)).toMatchObject({ revoke_cause: 'replaced', revoked_by: omar, replaced_by: live });
    expect(byId.get(revoked)).toMatchObject({ revoke_cause: 'revoked', revoked_by: nadia, replaced_by: null });
    expect(byId.get(unexplained)).toMatchObject({ revoke_cause: 'revoked', revoked_by: null, replaced_by: null });
    expect(byId.get(live)).toMatchObject({ revoke_cause: null, revoked_by: null, used_from_address: null, used_user_agent: null });
  });

  it('refuses a half-recorded ending or an origin without a use', async () => {
    const { rows } = await db.query(`SELECT id FROM hearing_links WHERE revoked_at IS NULL LIMIT 1`);
    await expect(db.query(`UPDATE hearing_links SET revoked_at = now() WHERE id = $1`, [rows[0].id])).rejects.toThrow(
      /hearing_links_revocation_whole/,
    );
    await expect(
      db.query(`UPDATE hearing_links SET replaced_by = id, revoked_at = now(), revoke_cause = 'replaced' WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/hearing_links_replaced_by_newer/);
    await expect(
      db.query(`UPDATE hearing_links SET used_at = NULL, used_from_address = '203.0.113.7' WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/hearing_links_origin_when_used/);
    await expect(db.query(`UPDATE hearing_links SET used_user_agent = $2 WHERE id = $1`, [rows[0].id, 'x'.repeat(201)])).rejects.toThrow(
      /used_user_agent_check/,
    );
  });
});
