import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed-login bookkeeping per (hashed) e-mail address, whether or not an account has it. */
@Entity({ name: 'login_throttles' })
export class LoginThrottle {
  @PrimaryColumn({ name: 'email_key', type: 'char', length: 64 })
  emailKey: string;

  @Column({ type: 'integer' })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt: Date | null;
}
