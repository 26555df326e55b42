/*
 * The benchmark's court, straight into its own database (arranging a benchmark is not a court
 * action): one judge per hearing (a judge cannot sit in two hearings at once), a case and a
 * hearing starting now for each, the judge's participant row, and the other participants as
 * witnesses who will join by one-time link, as witnesses do.
 */
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { Client } from 'pg';

export interface SeededHearing {
  readonly hearingId: string;
  readonly judge: { readonly email: string; readonly participantId: string };
  /**
   * The participants who join by link, in order (display names "Witness 1", "Witness 2", ...; with
   * `interpreterLanguage`, the last is the interpreter).
   */
  readonly witnessIds: readonly string[];
}

export const BENCH_PASSWORD = `bench ${randomBytes(12).toString('hex')}`;

export interface SeedOptions {
  /**
   * The last of the participants who join by link is an interpreter into this language (the
   * court works in English) instead of a witness: the hearing has one interpretation channel.
   */
  readonly interpreterLanguage?: string;
}

export async function seedHearings(
  databaseUrl: string,
  hearings: number,
  witnessesPerHearing: number,
  options: SeedOptions = {},
): Promise<SeededHearing[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const tag = randomBytes(3).toString('hex').toUpperCase();
    const court = await db.query(`INSERT INTO courts (code, name, time_zone) VALUES ($1, 'SFU Benchmark Court', 'UTC') RETURNING id`, [
      `SFU${tag}`,
    ]);
    const courtId: string = court.rows[0].id;
    const seeded: SeededHearing[] = [];
    for (let h = 0; h < hearings; h++) {
      const email = `judge-${tag.toLowerCase()}-${h}@bench.court`;
      const judge = await db.query(
        `INSERT INTO users (court_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [courtId, email, `Judge ${h + 1}`, hash],
      );
      const judgeId: string = judge.rows[0].id;
      await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'judge')`, [judgeId]);
      const c = await db.query(
        `INSERT INTO cases (court_id, number, case_type, title, confidentiality, assigned_judge_id, opened_at)
         VALUES ($1, $2, 'criminal', $3, 'public', $4, now()) RETURNING id`,
        [courtId, `SFU-${tag}-${h + 1}`, `Benchmark case ${h + 1}`, judgeId],
      );
      const hearing = await db.query(
        `INSERT INTO hearings (court_id, case_id, title, hearing_type, status, scheduled_start, scheduled_end, presiding_judge_id)
         VALUES ($1, $2, $3, 'testimony', 'scheduled', now(), now() + interval '4 hours', $4) RETURNING id`,
        [courtId, c.rows[0].id, `Benchmark hearing ${h + 1}`, judgeId],
      );
      const hearingId: string = hearing.rows[0].id;
      const judgeP = await db.query(
        `INSERT INTO hearing_participants (hearing_id, user_id, hearing_role, display_name) VALUES ($1, $2, 'judge', $3) RETURNING id`,
        [hearingId, judgeId, `Judge ${h + 1}`],
      );
      const witnessIds: string[] = [];
      for (let w = 0; w < witnessesPerHearing; w++) {
        if (options.interpreterLanguage !== undefined && w === witnessesPerHearing - 1) {
          const r = await db.query(
            `INSERT INTO hearing_participants (hearing_id, hearing_role, display_name, language)
             VALUES ($1, 'interpreter', $2, $3) RETURNING id`,
            [hearingId, `Interpreter (${options.interpreterLanguage})`, options.interpreterLanguage],
          );
          witnessIds.push(r.rows[0].id);
          continue;
        }
        const r = await db.query(
          `INSERT INTO hearing_participants (hearing_id, hearing_role, display_name) VALUES ($1, 'witness', $2) RETURNING id`,
          [hearingId, `Witness ${w + 1}`],
        );
        witnessIds.push(r.rows[0].id);
      }
      seeded.push({ hearingId, judge: { email, participantId: judgeP.rows[0].id }, witnessIds });
    }
    return seeded;
  } finally {
    await db.end();
  }
}
