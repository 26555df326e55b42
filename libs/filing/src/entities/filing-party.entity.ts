import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { PartyRole } from '@ejustice/cases';
import { Filing } from './filing.entity';

/**
 * A party an opening filing proposes; it becomes a party of the case on acceptance. A protected
 * person's `fullName` follows the same rule as on the case: it never leaves the server for a
 * viewer who may not know it.
 */
@Entity({ name: 'filing_parties' })
export class FilingParty {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'filing_id', type: 'uuid' })
  filingId: string;

  @ManyToOne(() => Filing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filing_id' })
  filing?: Relation<Filing>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'party_role', type: 'text' })
  partyRole: PartyRole;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'is_protected', type: 'boolean' })
  isProtected: boolean;

  @Column({ type: 'text', nullable: true })
  pseudonym: string | null;

  @Column({ name: 'is_filer', type: 'boolean' })
  isFiler: boolean;

  @Column({ name: 'represented_by_filer', type: 'boolean' })
  representedByFiler: boolean;
}
