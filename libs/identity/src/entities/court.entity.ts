import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CourtLanguage } from '@ejustice/vocabulary/court-language';

/** A court: the unit that owns users, cases, hearings and its own policies. */
@Entity({ name: 'courts' })
export class Court {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short code used in case numbers, e.g. `CAI` in `CAI-TIP-2026-000012`. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** IANA zone in which the court's official times (receipts, schedules) are stated. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  /** The language the court works in: its certified copies and receipts state their facts in it, and in English. */
  @Column({ type: 'text', default: 'en' })
  language: CourtLanguage;

  /** The court's name in English, where its own name is in another language. */
  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEnglish: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
