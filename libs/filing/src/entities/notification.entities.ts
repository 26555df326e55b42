import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '@ejustice/identity';
import { Filing } from './filing.entity';

export const NOTIFICATION_KINDS = ['filing.accepted', 'filing.partially_accepted', 'filing.rejected', 'filing.returned'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Outbox row: written in the transaction of the decision; its id makes delivery idempotent. */
@Entity({ name: 'notification_events' })
export class NotificationEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'filing_id', type: 'uuid' })
  filingId: string;

  @ManyToOne(() => Filing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filing_id' })
  filing?: Relation<Filing>;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}

/**
 * A message in a user's in-app inbox, from a filing's notification event or from a certified
 * copy (exactly one of the two); at most one per source and user (unique in SQL).
 */
@Entity({ name: 'inbox_messages' })
export class InboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  /** A certified copy's notice (libs/certification), which has no filing event. */
  @Column({ name: 'certified_copy_id', type: 'uuid', nullable: true })
  certifiedCopyId: string | null;

  @ManyToOne(() => NotificationEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<NotificationEvent>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  kind: NotificationKind | 'certified_copy.issued';

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}

/** Proof that the e-mail for an event went to a user; checked before sending, so a retry never sends twice. */
@Entity({ name: 'email_deliveries' })
export class EmailDelivery {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => NotificationEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<NotificationEvent>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
