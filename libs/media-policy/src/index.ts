/**
 * @ejustice/media-policy — the single authority on who in a hearing may receive which variant of
 * whose audio, video and screen, and what each viewer may learn about the others.
 * Pure: plain data in, plain data out; no Nest, no database, no clock, no I/O.
 */
export { MEDIA_KINDS, MEDIA_VARIANTS, isMediaKind, isMediaVariant } from './media-kind';
export type { MediaKind, MediaVariant } from './media-kind';
export { LIVE_STATES, isLive } from './policy-snapshot';
export type { Consultation, Interpreting, PolicyParticipant, PolicySnapshot } from './policy-snapshot';
export { BENCH_POLICY_ROLES, IDENTITY_PRIVILEGED_ROLES, OBSCURED_PICTURES, SPECIAL_MEASURE_KINDS } from './special-measure';
export type {
  AnonymityOrder,
  AudioOnlyOrder,
  EvidenceInPrivateOrder,
  ObscuredPicture,
  RemoteWitnessRoomOrder,
  ScreenOrder,
  SpecialMeasure,
  SpecialMeasureKind,
  SupporterOrder,
} from './special-measure';
export { CONSULTATION_OPENING_ROLES, RECEIVE_ONLY_ROLES, SCREEN_SHARING_ROLES } from './role-permissions';
export { checkSnapshot } from './snapshot-check';
export type { SnapshotProblem, SnapshotProblemCode } from './snapshot-check';
export { decideMedia } from './media-decision';
export type { DenyReason, GrantReason, MediaDecision } from './media-decision';
export { mayProduce, roleMayProduce } from './media-production';
export type { ProduceDecision, ProduceDenyReason } from './media-production';
export { desiredConsumers, diffConsumers, grantKey } from './consumer-plan';
export type { AvailableProducer, ConsumerGrant, ConsumerPlan } from './consumer-plan';
export { maySelfPreview, selfPreviewGrants } from './self-preview';
export { orderDisclosesTo } from './identity-disclosure';
export {
  mayLearnAbout,
  nameFor,
  sittingInPrivate,
  viewParticipant,
  visibilityChanges,
  visibleParticipants,
} from './participant-visibility';
export type { ParticipantView, VisibilityChanges } from './participant-visibility';
