/*
 * The soak's court, straight into its own database (arranging a benchmark is not a court
 * action): per hearing a case, a hearing starting now presided by its own judge (a judge cannot
 * sit in two hearings at once), and a participant row for each seat of the roster; the seats that
 * sign in get an account of their own with the account role the seat needs.
 */
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { Client } from 'pg';
import type { Seat } from './roster';

export const SOAK_PASSWORD = `soak ${randomBytes(12).toString('hex')}`;

export interface SeededSeat extends Seat {
  readonly participantId: string;
  /** Accounts only. */
  readonly email?: string;
}

export interface SeededHearing {
  readonly index: number;
  readonly hearingId: string;
  readonly seats: readonly SeededSeat[];
}

export async function seedHearings(databaseUrl: string, hearings: number, seats: readonly Seat[]): Promise<SeededHearing[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const hash = await argon2.hash(SOAK_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const tag = randomBytes(3).toString('hex');
    const court = await db.query(`INSERT INTO courts (code, name, time_zone) VALUES ($1, 'Soak Court', 'UTC') RETURNING id`, [
      `SOAK${tag.toUpperCase()}`,
    ]);
    const courtId: string = court.rows[0].id;
    const seeded: SeededHearing[] = [];
    for (let h = 0; h < hearings; h++) {
      const accounts = new Map<number, { userId: string; email: string }>();
      for (const seat of seats) {
        if (seat.joinsBy !== 'account' || !seat.accountRole) continue;
        const email = `${seat.role.replace(/_/g, '-')}-${tag}-${h}@soak.court`;
        const user = await db.query(
          `INSERT INTO users (court_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
          [courtId, email, `${capitalise(seat.label)} ${h + 1}`, hash],
        );
        await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [user.rows[0].id, seat.accountRole]);
        accounts.set(seat.index, { userId: user.rows[0].id, email });
      }
      const judge = accounts.get(0);
      if (!judge) throw new Error('the roster has no judge with an account');
      const c = await db.query(
        `INSERT INTO cases (court_id, number, case_type, title, confidentiality, assigned_judge_id, opened_at)
         VALUES ($1, $2, 'criminal', $3, 'public', $4, now()) RETURNING id`,
        [courtId, `SOAK-${tag.toUpperCase()}-${h + 1}`, `Soak case ${h + 1}`, judge.userId],
      );
      const hearing = await db.query(
        `INSERT INTO hearings (court_id, case_id, title, hearing_type, status, scheduled_start, scheduled_end, presiding_judge_id)
         VALUES ($1, $2, $3, 'testimony', 'scheduled', now(), now() + interval '4 hours', $4) RETURNING id`,
        [courtId, c.rows[0].id, `Soak hearing ${h + 1}`, judge.userId],
      );
      const hearingId: string = hearing.rows[0].id;
      const rows: SeededSeat[] = [];
      for (const seat of seats) {
        const account = accounts.get(seat.index);
        const r = await db.query(
          `INSERT INTO hearing_participants (hearing_id, user_id, hearing_role, display_name) VALUES ($1, $2, $3, $4) RETURNING id`,
          [hearingId, account?.userId ?? null, seat.role, `${capitalise(seat.label)} ${h + 1}`],
        );
        rows.push({ ...seat, participantId: r.rows[0].id, ...(account ? { email: account.email } : {}) });
      }
      seeded.push({ index: h, hearingId, seats: rows });
    }
    return seeded;
  } finally {
    await db.end();
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
