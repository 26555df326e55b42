import { DomainError } from '@ejustice/platform';

export const CaseErrors = {
  /** Also the answer when the case exists but the caller may not know of it. */
  notFound: () => new DomainError('not_found', 'case.not_found', 'There is no case with this id that you can see.'),
  notYourCourt: () => new DomainError('forbidden', 'case.other_court', 'This case belongs to another court.'),
  unchanged: (level: string) => new DomainError('conflict', 'case.confidentiality_unchanged', `The case is already ${level}.`),
};
