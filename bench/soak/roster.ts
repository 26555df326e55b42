/*
 * Who sits in each hearing of the soak. The first six seats are the people of a criminal
 * hearing with a protected witness: the presiding judge, the witness (by one-time link), the
 * prosecutor and defence counsel (accounts), a member of the public in the gallery (by link,
 * receive-only) and the witness's supporter (by link, under a supporter order made before the
 * sitting). Seats beyond six are further witnesses; fewer take the first ones.
 */
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { roleMayProduce } from '@ejustice/media-policy';

export interface Seat {
  /** Position in the hearing's roster (0: the judge). */
  readonly index: number;
  readonly role: HearingRole;
  /** Signs in with an account, or comes in by a one-time link the judge issues. */
  readonly joinsBy: 'account' | 'link';
  /** The account role the seat needs (accounts only). */
  readonly accountRole?: 'judge' | 'prosecutor' | 'counsel';
  readonly label: string;
  /** Sends a microphone and a camera. */
  readonly sends: boolean;
}

const FIRST_SEATS: readonly Omit<Seat, 'index' | 'sends'>[] = [
  { role: 'judge', joinsBy: 'account', accountRole: 'judge', label: 'judge' },
  { role: 'witness', joinsBy: 'link', label: 'witness' },
  { role: 'prosecutor', joinsBy: 'account', accountRole: 'prosecutor', label: 'prosecutor' },
  { role: 'defence_counsel', joinsBy: 'account', accountRole: 'counsel', label: 'defence counsel' },
  { role: 'observer', joinsBy: 'link', label: 'observer' },
  { role: 'supporter', joinsBy: 'link', label: 'supporter' },
];

export function roster(participants: number): Seat[] {
  if (!Number.isInteger(participants) || participants < 2) throw new Error('a hearing of the soak has at least the judge and one other');
  return Array.from({ length: participants }, (_, index) => {
    const seat = FIRST_SEATS[index] ?? {
      role: 'witness' as const,
      joinsBy: 'link' as const,
      label: `witness ${index - FIRST_SEATS.length + 2}`,
    };
    // A receive-only role (the gallery) sends nothing; everyone else sends audio and video.
    return { ...seat, index, sends: roleMayProduce(seat.role, 'audio') };
  });
}

/** The seats whose media the soak's consumers carry: how many consumers a hearing holds is the policy's to say. */
export function describeRoster(seats: readonly Seat[]): string {
  return seats.map((s) => `${s.label}${s.sends ? '' : ' (receive-only)'}`).join(', ');
}
