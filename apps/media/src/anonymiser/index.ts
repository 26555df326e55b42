export {
  ANONYMISED_CANVAS,
  type AnonymisedKind,
  type AnonymisedPicture,
  PICTURE_FILTERS,
  VOICE_FILTER,
  VOICE_SHIFT_SEMITONES,
  anonymiserArgs,
  inputSdp,
} from './anonymiser-pipeline';
export { MediaAnonymiser, type MediaAnonymiserEvents, type MediaAnonymiserOptions, type MediaAnonymiserStats } from './media-anonymiser';
