import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SessionRevocationReason = 'logout' | 'refresh_token_reuse' | 'account_disabled' | 'expired';

/**
 * A signed-in session. Access tokens name their session, and every request checks that it
 * is still live, so logging out ends access at once rather than when the token expires.
 */
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason: SessionRevocationReason | null;

  isLive(now: Date): boolean {
    return this.revokedAt === null && this.expiresAt > now;
  }
}
