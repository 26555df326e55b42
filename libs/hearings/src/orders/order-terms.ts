import type { ObscuredPicture, SpecialMeasure, SpecialMeasureKind, SupporterOrder } from '@ejustice/media-policy/special-measure';

/*
 * The kinds of special-measures order and their terms, as recorded by the court. The media policy
 * reads the same orders as `SpecialMeasure` (libs/media-policy/src/special-measure.ts); the terms
 * of an order are that shape without `id`, `kind` and `participantId`, which are columns of the
 * record. Type-only imports from the policy, as in room-policy.ts: the policy is a pure library
 * above this one, so the runtime lists are declared here and checked against its types.
 *
 * One kind is not a media measure: an attendance order, the presiding judge's leave for a
 * non-party (the press, a member of the public) to attend a hearing of confidential or sealed
 * matter (domain/attendance.ts). It is made, changed and revoked like the others, in the same
 * record, but the media policy never reads it: who may connect at all is decided before any
 * media is routed (the join ticket, the media node's handshake and re-checks).
 */

/** The kinds of order the media policy reads. */
export const MEASURE_ORDER_KINDS = [
  'anonymity',
  'screen',
  'audio_only',
  'supporter',
  'evidence_in_private',
  'remote_witness_room',
] as const satisfies readonly SpecialMeasureKind[];

export type MeasureOrderKind = (typeof MEASURE_ORDER_KINDS)[number];

/** Leave to attend a hearing of confidential or sealed matter: not a media measure. */
export const ATTENDANCE_ORDER_KIND = 'attendance';

export const ORDER_KINDS = [...MEASURE_ORDER_KINDS, ATTENDANCE_ORDER_KIND] as const;

export type OrderKind = (typeof ORDER_KINDS)[number];

/** The kinds of order that say who may be connected to the hearing: a change ends connections no longer honoured. */
export const ACCESS_ORDER_KINDS: readonly OrderKind[] = [ATTENDANCE_ORDER_KIND, 'supporter'];

// Every measure the media policy reads can be ordered here: a kind added there fails to compile here.
type UnorderableKind = Exclude<SpecialMeasureKind, MeasureOrderKind>;
export type EveryMeasureOrderable = [UnorderableKind] extends [never] ? true : UnorderableKind;
export const EVERY_MEASURE_ORDERABLE: EveryMeasureOrderable = true;

export const ORDER_PICTURES = ['blur', 'silhouette'] as const satisfies readonly ObscuredPicture[];
export const SUPPORTER_CAPACITIES = ['supporter', 'intermediary'] as const satisfies readonly SupporterOrder['capacity'][];

export function isOrderKind(value: unknown): value is OrderKind {
  return typeof value === 'string' && (ORDER_KINDS as readonly string[]).includes(value);
}

type MeasureOf<K extends MeasureOrderKind> = Extract<SpecialMeasure, { readonly kind: K }>;

/** The terms of an order of kind K as recorded: every field present (defaults filled in). An attendance order has none. */
export type OrderTermsOf<K extends OrderKind> = K extends MeasureOrderKind
  ? Required<Omit<MeasureOf<K>, 'id' | 'kind' | 'participantId'>>
  : Readonly<Record<never, never>>;

export type OrderTerms = { [K in OrderKind]: OrderTermsOf<K> }[OrderKind];

/**
 * The terms a judge asks for, as they arrive (types checked at the edge, rules not yet): the
 * union of every kind's fields. Which fields belong to which kind is TERM_FIELDS.
 */
export interface OrderTermsInput {
  readonly pseudonym?: string | null;
  readonly picture?: string | null;
  readonly disclosedToRoles?: readonly string[] | null;
  readonly disclosedToParticipantIds?: readonly string[] | null;
  readonly fromRoles?: readonly string[] | null;
  readonly fromParticipantIds?: readonly string[] | null;
  readonly supporterId?: string | null;
  readonly capacity?: string | null;
  readonly location?: string | null;
}

export type OrderTermField = keyof OrderTermsInput;

/** The fields each kind of order takes; any other is refused rather than silently dropped. */
export const TERM_FIELDS: { readonly [K in OrderKind]: readonly (keyof OrderTermsOf<K> & OrderTermField)[] } = {
  anonymity: ['pseudonym', 'picture', 'disclosedToRoles', 'disclosedToParticipantIds'],
  screen: ['fromRoles', 'fromParticipantIds'],
  audio_only: [],
  supporter: ['supporterId', 'capacity'],
  evidence_in_private: [],
  remote_witness_room: ['location'],
  attendance: [],
};

export const ALL_TERM_FIELDS: readonly OrderTermField[] = [
  'pseudonym',
  'picture',
  'disclosedToRoles',
  'disclosedToParticipantIds',
  'fromRoles',
  'fromParticipantIds',
  'supporterId',
  'capacity',
  'location',
];

/** Pseudonym and location bounds, as the migration's CHECK constraints hold them. */
export const PSEUDONYM_MAX_LENGTH = 100;
export const LOCATION_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 2000;

/**
 * An order record as the media policy reads it. Known kinds copy exactly their own fields from the
 * stored terms, as stored: a record the policy cannot read (a missing pseudonym) must reach it
 * unchanged so that it refuses it (`order_malformed`) and fails closed, rather than being
 * "repaired" here. A kind this version does not know (newer data, older code) is passed on as it
 * is for the same reason (`unknown_order_kind` shuts the hearing's media off). Attendance orders
 * are not measures: loadOrdersInForce leaves them out before they get here (and one that did
 * would be passed on as unknown, shutting the media off rather than being silently ignored).
 */
export function toSpecialMeasure(row: {
  readonly id: string;
  readonly kind: string;
  readonly participantId: string | null;
  readonly terms: unknown;
}): SpecialMeasure {
  const terms = (typeof row.terms === 'object' && row.terms !== null ? row.terms : {}) as Record<string, unknown>;
  const id = row.id;
  const participantId = row.participantId as string;
  const kind = row.kind as MeasureOrderKind;
  switch (kind) {
    case 'anonymity':
      return {
        kind,
        id,
        participantId,
        pseudonym: terms.pseudonym as string,
        ...('picture' in terms ? { picture: terms.picture as ObscuredPicture } : {}),
        ...('disclosedToRoles' in terms
          ? { disclosedToRoles: terms.disclosedToRoles as OrderTermsOf<'anonymity'>['disclosedToRoles'] }
          : {}),
        ...('disclosedToParticipantIds' in terms ? { disclosedToParticipantIds: terms.disclosedToParticipantIds as string[] } : {}),
      };
    case 'screen':
      return {
        kind,
        id,
        participantId,
        fromRoles: terms.fromRoles as OrderTermsOf<'screen'>['fromRoles'],
        fromParticipantIds: terms.fromParticipantIds as string[],
      };
    case 'audio_only':
      return { kind, id, participantId };
    case 'supporter':
      return { kind, id, participantId, supporterId: terms.supporterId as string, capacity: terms.capacity as SupporterOrder['capacity'] };
    case 'evidence_in_private':
      return { kind, id };
    case 'remote_witness_room':
      return { kind, id, participantId, location: terms.location as string };
    default: {
      const unknown: never = kind;
      return {
        id,
        kind: unknown,
        ...(row.participantId === null ? {} : { participantId: row.participantId }),
      } as unknown as SpecialMeasure;
    }
  }
}

/**
 * The terms as the audit chain keeps them. The remote witness room's location is left to the
 * order itself (shown to the bench only): it may say where a victim is sheltered, and the chain
 * can never be redacted. Everything else is ids, roles and the pseudonym.
 */
export function auditTerms(kind: OrderKind, terms: OrderTerms): Record<string, unknown> {
  if (kind === 'remote_witness_room') return {};
  return { ...terms };
}
