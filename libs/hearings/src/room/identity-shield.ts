import { type CaseFacts, type CaseViewer, type PartyFacts, mayKnowIdentity } from '@ejustice/cases/domain/case-access';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { ParticipantView } from '../signalling/signalling-messages';
import { isBench } from './room-permissions';

/**
 * The case record's protection of identities, applied to hearing participant lists.
 *
 * A participant who is a protected party of the case (a trafficking victim, a vulnerable
 * witness) is known by pseudonym to everyone the case access rules do not entitle to their
 * identity, even before the judge makes a hearing anonymity order (which the media policy
 * applies, to media as well). This shield only ever takes a name away: it runs on views the
 * media policy already built, so it cannot disclose anything the policy withheld.
 */
export interface ProtectedIdentity {
  readonly participantId: string;
  /** What the unentitled are told; null: describe by role only. */
  readonly pseudonym: string | null;
  /** Participants who may know who this is. */
  readonly entitledViewerIds: ReadonlySet<string>;
}

/** A protected party of the case, in the hearing or not: whose name must stay out of free text too. */
export interface ShieldedParty {
  readonly partyId: string;
  /** The name on the court record. */
  readonly fullName: string;
  /** What the unentitled are told; null: none was given. */
  readonly pseudonym: string | null;
  /** Participants who may know who this is. */
  readonly entitledViewerIds: ReadonlySet<string>;
}

export interface IdentityShield {
  /** The participants who are protected parties, by participant id: for participant lists. */
  readonly subjects: ReadonlyMap<string, ProtectedIdentity>;
  /** Every protected party of the case: for free text (see hearing-names.ts). */
  readonly parties: readonly ShieldedParty[];
  /**
   * Every party's name on the court record, by party id: an anonymity order hides the person
   * under every name they are known by, not only the one they are listed under.
   */
  readonly recordNames: ReadonlyMap<string, string>;
}

export const NO_SHIELD: IdentityShield = { subjects: new Map(), parties: [], recordNames: new Map() };

export interface ShieldParticipant {
  readonly id: string;
  readonly role: HearingRole;
  readonly userId: string | null;
  readonly partyId: string | null;
}

export interface ShieldInputs {
  readonly caseFacts: CaseFacts;
  readonly participants: readonly ShieldParticipant[];
  /** Court and account roles of each participant's user account. */
  readonly accounts: ReadonlyMap<string, Omit<CaseViewer, 'userId'>>;
  readonly pseudonyms: ReadonlyMap<string, string | null>;
  /** Each party's name on the court record. */
  readonly recordNames: ReadonlyMap<string, string>;
}

/**
 * Who may know each protected participant: the bench of the hearing (the court knows), the
 * person themselves, and account holders the case rules entitle (their counsel, the prosecution
 * that calls them). People joining by link (a supporter, an interpreter) are not entitled by the
 * case record; a hearing order may disclose to them later.
 */
export function buildIdentityShield(inputs: ShieldInputs): IdentityShield {
  const parties: ShieldedParty[] = inputs.caseFacts.parties
    .filter((party) => party.isProtected)
    .map((party) => ({
      partyId: party.id,
      fullName: inputs.recordNames.get(party.id) ?? '',
      pseudonym: inputs.pseudonyms.get(party.id) ?? null,
      entitledViewerIds: new Set(inputs.participants.filter((viewer) => entitledTo(inputs, party, viewer)).map((viewer) => viewer.id)),
    }));
  const subjects = new Map<string, ProtectedIdentity>();
  for (const subject of inputs.participants) {
    const party = parties.find((p) => p.partyId === subject.partyId);
    if (party)
      subjects.set(subject.id, { participantId: subject.id, pseudonym: party.pseudonym, entitledViewerIds: party.entitledViewerIds });
  }
  return { subjects, parties, recordNames: inputs.recordNames };
}

function entitledTo(inputs: ShieldInputs, party: PartyFacts, viewer: ShieldParticipant): boolean {
  if (viewer.partyId === party.id || isBench(viewer.role)) return true;
  const account = viewer.userId ? inputs.accounts.get(viewer.userId) : undefined;
  return viewer.userId !== null && account !== undefined && mayKnowIdentity({ userId: viewer.userId, ...account }, inputs.caseFacts, party);
}

/** The view with the protected name replaced, for a viewer not entitled to it. */
export function shieldView<V extends Pick<ParticipantView, 'id' | 'displayName' | 'self' | 'role'>>(
  view: V,
  viewerId: string,
  shield: IdentityShield,
): V {
  const subject = shield.subjects.get(view.id);
  if (!subject || view.self || subject.entitledViewerIds.has(viewerId)) return view;
  // Nor that she is the victim: to those not entitled, a protected victim is a witness.
  const role = view.role === 'victim' ? 'witness' : view.role;
  return { ...view, role, displayName: view.displayName === null ? null : subject.pseudonym };
}

export function shieldViews<V extends Pick<ParticipantView, 'id' | 'displayName' | 'self' | 'role'>>(
  views: readonly V[],
  viewerId: string,
  shield: IdentityShield,
): V[] {
  return views.map((view) => shieldView(view, viewerId, shield));
}
