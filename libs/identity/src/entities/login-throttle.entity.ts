import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed-login bookkeeping per (hashed) e-mail address, whether or not an account has it, and
 * per client network (see clientNetwork): failures from one network lock the account on that
 * network only, so nobody can keep a judge out of her account by failing from elsewhere.
 */
@Entity({ name: 'login_throttles' })
export class LoginThrottle {
  @PrimaryColumn({ name: 'email_key', type: 'char', length: 64 })
  emailKey: string;

  @PrimaryColumn({ name: 'client_network', type: 'varchar', length: 64 })
  clientNetwork: string;

  @Column({ type: 'integer' })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt: Date | null;
}
