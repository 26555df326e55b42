import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { MediaKind, MediaVariant } from '../media-kind';
import type { ParticipantView } from '../participant-visibility';
import type { Consultation, PolicyParticipant, PolicySnapshot } from '../policy-snapshot';
import type { SpecialMeasure } from '../special-measure';

/**
 * The court's rules written out once more, independently of the implementation: straight from
 * the rule text, over the raw records, with no index and no shared helper. The properties compare
 * the library with this; the arbitraries use it to build consistent hearings.
 *
 * On a spoilt record it reads every order of a kind, conservatively (all anonymity orders on a
 * subject must entitle a viewer; any screen order screens), and never throws.
 */
type Records = Pick<PolicySnapshot, 'participants' | 'orders'>;

const BENCH: readonly HearingRole[] = ['judge', 'clerk'];
const COUNSEL: readonly HearingRole[] = ['prosecutor', 'defence_counsel', 'victim_counsel'];
const SHARERS: readonly HearingRole[] = ['judge', ...COUNSEL];
const OPENERS: readonly HearingRole[] = ['judge', ...COUNSEL, 'supporter'];

const list = <T>(value: unknown): readonly T[] => (Array.isArray(value) ? (value as T[]) : []);
const ordersOf = <K extends SpecialMeasure['kind']>(records: Records, kind: K): Extract<SpecialMeasure, { kind: K }>[] =>
  list<SpecialMeasure>(records.orders).filter(
    (order): order is Extract<SpecialMeasure, { kind: K }> => typeof order === 'object' && order !== null && order.kind === kind,
  );

export const oracle = {
  isBench: (participant: PolicyParticipant): boolean => BENCH.includes(participant.role),
  live: (participant: PolicyParticipant): boolean => participant.state === 'admitted' || participant.state === 'in_consultation',
  mayShare: (role: HearingRole): boolean => SHARERS.includes(role),

  roomOf: (participant: PolicyParticipant): string | null =>
    participant.state === 'admitted' ? 'main' : participant.state === 'in_consultation' ? `c:${participant.consultationId}` : null,
  sitting: (status: HearingStatus, room: string): boolean =>
    room === 'main' ? status === 'open' : status === 'open' || status === 'in_recess',

  /** Every anonymity order on the subject lets the viewer know who they are. */
  entitled: (records: Records, viewer: PolicyParticipant, subjectId: string): boolean =>
    ordersOf(records, 'anonymity')
      .filter((order) => order.participantId === subjectId)
      .every(
        (order) =>
          viewer.id === subjectId ||
          viewer.role === 'judge' ||
          list(order.disclosedToRoles).includes(viewer.role) ||
          list(order.disclosedToParticipantIds).includes(viewer.id),
      ),

  /** The witnesses `supporterId` sits beside (one, on a correct record). */
  witnessesOf: (records: Records, supporterId: string): string[] =>
    ordersOf(records, 'supporter')
      .filter((order) => order.supporterId === supporterId)
      .map((order) => order.participantId),
  supportersOf: (records: Records, witnessId: string): string[] =>
    ordersOf(records, 'supporter')
      .filter((order) => order.participantId === witnessId)
      .map((order) => order.supporterId),

  /**
   * A screen stands between the witness's side (she and her supporters) and those it screens
   * her from (by role or by id; never herself).
   */
  screenedApart: (records: Records, a: PolicyParticipant, b: PolicyParticipant): boolean =>
    ordersOf(records, 'screen').some((order) => {
      const side = [order.participantId, ...oracle.supportersOf(records, order.participantId)];
      const screened = (p: PolicyParticipant): boolean =>
        p.id !== order.participantId && (list(order.fromRoles).includes(p.role) || list(order.fromParticipantIds).includes(p.id));
      return (side.includes(a.id) && screened(b)) || (side.includes(b.id) && screened(a));
    }),

  /** A witness and her supporter, both waiting to be admitted. */
  waitingTogether: (records: Records, a: PolicyParticipant, b: PolicyParticipant): boolean =>
    a.state === 'waiting' &&
    b.state === 'waiting' &&
    (oracle.witnessesOf(records, a.id).includes(b.id) || oracle.witnessesOf(records, b.id).includes(a.id)),

  inPrivate: (records: Records): boolean => ordersOf(records, 'evidence_in_private').length > 0,

  /** Which variant of `source`'s `kind` `viewer` may receive, or null for none. */
  media: (snapshot: PolicySnapshot, viewer: PolicyParticipant, source: PolicyParticipant, kind: MediaKind): MediaVariant | null => {
    if (viewer.id === source.id) return null;
    if (source.role === 'observer') return null;
    if (kind === 'screen' && !oracle.mayShare(source.role)) return null;
    if (oracle.waitingTogether(snapshot, viewer, source)) {
      if (kind === 'screen' || !['scheduled', 'open', 'in_recess'].includes(snapshot.status)) return null;
    } else {
      const room = oracle.roomOf(viewer);
      if (room === null || oracle.roomOf(source) !== room || !oracle.sitting(snapshot.status, room)) return null;
    }
    if (viewer.role === 'observer' && oracle.inPrivate(snapshot)) return null;
    const supported = oracle.witnessesOf(snapshot, source.id);
    if (supported.length > 0 && !oracle.isBench(viewer) && !supported.every((witnessId) => witnessId === viewer.id)) return null;
    if (kind === 'video') {
      const audioOnly = ordersOf(snapshot, 'audio_only').some((order) => order.participantId === source.id);
      if (audioOnly && !oracle.isBench(viewer)) return null;
      if (oracle.screenedApart(snapshot, viewer, source)) return null;
    }
    // An interpreter speaking into a channel is heard on that channel only.
    if (
      kind === 'audio' &&
      source.interpreting &&
      !source.interpreting.toFloor &&
      (viewer.listening ?? null) !== source.interpreting.channel
    )
      return null;
    if (oracle.entitled(snapshot, viewer, source.id)) return 'raw';
    return kind === 'screen' ? null : 'anonymised';
  },

  /**
   * Which variant of her own `kind` `participant` may receive back from the media node (her
   * tech check): the anonymised one, if an anonymity order protects her, she is present (waiting,
   * in court or in consultation), sends that kind (not the gallery; not a screen: that is
   * withheld, not anonymised) and the sitting has not ended. Never raw: that is her local preview.
   */
  selfPreview: (snapshot: PolicySnapshot, participant: PolicyParticipant, kind: MediaKind): MediaVariant | null => {
    if (kind === 'screen' || participant.role === 'observer') return null;
    if (!ordersOf(snapshot, 'anonymity').some((order) => order.participantId === participant.id)) return null;
    if (!['waiting', 'admitted', 'in_consultation'].includes(participant.state)) return null;
    if (!['scheduled', 'open', 'in_recess'].includes(snapshot.status)) return null;
    return 'anonymised';
  },

  /** May `viewer` learn `subject`'s real name? Not if it, or the witness they sit beside, is concealed. */
  knowsName: (records: Records, viewer: PolicyParticipant, subject: PolicyParticipant): boolean =>
    viewer.id === subject.id ||
    (oracle.entitled(records, viewer, subject.id) &&
      oracle.witnessesOf(records, subject.id).every((witnessId) => oracle.entitled(records, viewer, witnessId))),

  shownName: (records: Records, viewer: PolicyParticipant, subject: PolicyParticipant): string | null => {
    if (oracle.witnessesOf(records, subject.id).some((witnessId) => !oracle.entitled(records, viewer, witnessId))) return null;
    if (oracle.entitled(records, viewer, subject.id)) return subject.displayName;
    return ordersOf(records, 'anonymity').find((order) => order.participantId === subject.id)?.pseudonym ?? null;
  },
  shownRole: (records: Records, viewer: PolicyParticipant, subject: PolicyParticipant): HearingRole =>
    subject.role === 'victim' && !oracle.entitled(records, viewer, subject.id) ? 'witness' : subject.role,

  /**
   * The line `viewer` should see for `subject` on a correct record, field by field, or null.
   * Absent fields are left out, never set to undefined.
   */
  view: (snapshot: PolicySnapshot, viewer: PolicyParticipant, subject: PolicyParticipant): ParticipantView | null => {
    const optional = (subjectOf: PolicyParticipant, withHand: boolean) => ({
      ...(subjectOf.muted !== undefined ? { muted: subjectOf.muted } : {}),
      ...(withHand && subjectOf.handRaised !== undefined ? { handRaised: subjectOf.handRaised } : {}),
    });
    const consultation = subject.state === 'in_consultation' ? { consultationId: subject.consultationId as string } : {};
    if (viewer.id === subject.id) {
      return {
        id: subject.id,
        role: subject.role,
        displayName: subject.displayName,
        self: true,
        state: subject.state,
        ...consultation,
        ...optional(subject, true),
      };
    }
    if (viewer.state === 'removed' || subject.state === 'removed') return null;
    const described = {
      id: subject.id,
      role: oracle.shownRole(snapshot, viewer, subject),
      displayName: oracle.shownName(snapshot, viewer, subject),
      self: false,
    };
    const judgeByRole = subject.role === 'judge' ? { id: subject.id, role: 'judge' as const, displayName: null, self: false } : null;
    if (viewer.role === 'observer' && oracle.inPrivate(snapshot)) return judgeByRole;
    if (!oracle.live(viewer)) {
      if (oracle.waitingTogether(snapshot, viewer, subject)) return { ...described, state: subject.state, ...optional(subject, false) };
      return judgeByRole;
    }
    if (oracle.isBench(viewer)) {
      const remote = ordersOf(snapshot, 'remote_witness_room').find((order) => order.participantId === subject.id);
      return {
        ...described,
        state: subject.state,
        ...consultation,
        ...optional(subject, true),
        ...(remote ? { remoteLocation: remote.location } : {}),
      };
    }
    if (!oracle.live(subject)) return null;
    const together =
      viewer.state === 'in_consultation' && subject.state === 'in_consultation' && viewer.consultationId === subject.consultationId;
    return { ...described, state: subject.state, ...(together ? consultation : {}), ...optional(subject, false) };
  },

  /** May a consultation `opener` opened hold `member`? */
  mayHold: (records: Records, opener: PolicyParticipant, member: PolicyParticipant): boolean => {
    if (member.id === opener.id || opener.role === 'judge') return true;
    const isClient = (p: PolicyParticipant | undefined): boolean =>
      p !== undefined && typeof p.partyId === 'string' && list(opener.clientPartyIds).includes(p.partyId);
    if (COUNSEL.includes(opener.role)) {
      return (
        isClient(member) ||
        oracle
          .witnessesOf(records, member.id)
          .some((witnessId) => isClient(list<PolicyParticipant>(records.participants).find((p) => p.id === witnessId)))
      );
    }
    if (opener.role === 'supporter') {
      const witnesses = oracle.witnessesOf(records, opener.id);
      return witnesses.includes(member.id) || oracle.witnessesOf(records, member.id).some((witnessId) => witnesses.includes(witnessId));
    }
    return false;
  },

  /** The consultation as recorded is one the law allows: a proper opener, proper company, no screen undone. */
  consultationAllowed: (records: Records, consultation: Consultation): boolean => {
    const participants = list<PolicyParticipant>(records.participants);
    const opener = participants.find((p) => p.id === consultation.openedBy);
    if (!opener || !OPENERS.includes(opener.role)) return false;
    const members = participants.filter((p) => list(consultation.memberIds).includes(p.id) || p.consultationId === consultation.id);
    return (
      members.every((member) => oracle.mayHold(records, opener, member)) &&
      members.every((a) => members.every((b) => a.id === b.id || !oracle.screenedApart(records, a, b)))
    );
  },
};
