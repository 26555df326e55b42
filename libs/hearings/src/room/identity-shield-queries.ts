import type { DataSource, EntityManager } from 'typeorm';
import type { CaseFacts } from '@ejustice/cases/domain/case-access';
import type { Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';
import type { Role } from '@ejustice/vocabulary/role';
import { type IdentityShield, type ShieldParticipant, buildIdentityShield } from './identity-shield';

/**
 * Loads what the identity shield needs for a hearing of `caseId` (the case's parties with their
 * names and pseudonyms, the participants' accounts) and builds it. Plain SQL: the media node
 * calls it too, with no entity graph and no identity module.
 */
export async function loadIdentityShield(
  db: Pick<DataSource | EntityManager, 'query'>,
  caseId: string,
  participants: readonly ShieldParticipant[],
): Promise<IdentityShield> {
  const cases: { court_id: string; confidentiality: Confidentiality }[] = await db.query(
    'SELECT court_id, confidentiality FROM cases WHERE id = $1',
    [caseId],
  );
  const parties: {
    id: string;
    party_role: PartyRole;
    full_name: string;
    is_protected: boolean;
    pseudonym: string | null;
    user_id: string | null;
    counsel_user_id: string | null;
  }[] = await db.query(
    'SELECT id, party_role, full_name, is_protected, pseudonym, user_id, counsel_user_id FROM parties WHERE case_id = $1 ORDER BY created_at, id',
    [caseId],
  );
  const userIds = participants.map((p) => p.userId).filter((id): id is string => id !== null);
  const accounts: { id: string; court_id: string; roles: Role[] }[] =
    userIds.length === 0
      ? []
      : await db.query(
          `SELECT u.id, u.court_id, coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
             FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = ANY($1) GROUP BY u.id`,
          [userIds],
        );
  const caseFacts: CaseFacts = {
    courtId: cases[0]?.court_id ?? '',
    confidentiality: cases[0]?.confidentiality ?? 'sealed',
    parties: parties.map((p) => ({
      id: p.id,
      partyRole: p.party_role,
      isProtected: p.is_protected,
      userId: p.user_id,
      counselUserId: p.counsel_user_id,
    })),
  };
  return buildIdentityShield({
    caseFacts,
    participants,
    accounts: new Map(accounts.map((a) => [a.id, { courtId: a.court_id, roles: a.roles }])),
    pseudonyms: new Map(parties.map((p) => [p.id, p.pseudonym])),
    recordNames: new Map(parties.map((p) => [p.id, p.full_name])),
  });
}
