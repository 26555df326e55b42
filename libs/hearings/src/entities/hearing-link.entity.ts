import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '@ejustice/identity';
import type { LinkRevokeCause } from '../links/hearing-link-views';
import { HearingParticipant } from './hearing-participant.entity';

/**
 * A one-time link for someone without an account. Only the SHA-256 of its 256-bit token is
 * kept; it is bound to one hearing and one participant (a composite foreign key makes sure the
 * participant belongs to that hearing), expires, can be revoked, and is exchanged at most once.
 */
@Entity({ name: 'hearing_links' })
export class HearingLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'hearing_id', type: 'uuid' })
  hearingId: string;

  @Column({ name: 'participant_id', type: 'uuid' })
  participantId: string;

  @ManyToOne(() => HearingParticipant, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'participant_id', referencedColumnName: 'id' },
    { name: 'hearing_id', referencedColumnName: 'hearingId' },
  ])
  participant?: Relation<HearingParticipant>;

  @Column({ name: 'token_hash', type: 'char', length: 64, select: false })
  tokenHash: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User> | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** The client address the link was used from, as the api saw it (behind the trusted proxies). */
  @Column({ name: 'used_from_address', type: 'inet', nullable: true })
  usedFromAddress: string | null;

  /** The browser's User-Agent when the link was used, at most 200 characters. */
  @Column({ name: 'used_user_agent', type: 'text', nullable: true })
  usedUserAgent: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Who ended the link: the judge or clerk who revoked it, or who issued the newer link. */
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'revoked_by' })
  revoker?: Relation<User> | null;

  @Column({ name: 'revoke_cause', type: 'text', nullable: true })
  revokeCause: LinkRevokeCause | null;

  /** The newer link of the same participant that replaced this one. */
  @Column({ name: 'replaced_by', type: 'uuid', nullable: true })
  replacedBy: string | null;

  @ManyToOne(() => HearingLink, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'replaced_by' })
  replacement?: Relation<HearingLink> | null;
}
