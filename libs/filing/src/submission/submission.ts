import type { Confidentiality } from '@ejustice/cases';
import type { UserPrincipal } from '@ejustice/identity';
import type { CourtFilingPolicy } from '../domain/court-policy';
import type { FilingType, NewCaseFacts, UrgencyGround } from '../domain/filing-type';
import type { StagedFile } from '../storage/document-store';

/** What the filer says about the filing, validated at the edge. */
export interface SubmissionMetadata {
  readonly filingType: FilingType;
  readonly caseId: string | null;
  readonly newCase: NewCaseFacts | null;
  readonly title: string;
  readonly confidentiality: Confidentiality;
  readonly urgency: readonly UrgencyGround[];
  readonly documents: readonly { readonly title: string; readonly confidentiality: Confidentiality | null }[];
}

/** A received upload: the validated metadata and the staged files, in order (lead first). */
export interface ReceivedSubmission {
  readonly metadata: SubmissionMetadata;
  readonly files: readonly StagedFile[];
}

/** What the transport must honour while it reads the upload. */
export interface UploadLimits {
  readonly maxDocumentBytes: number;
  readonly maxDocuments: number;
  /**
   * The media types a document may be declared as. The bytes are judged by parsing them, but a
   * part that says it is something else is refused: what a filer's client declares must not
   * contradict what the court files (a filter on the way may have trusted the declaration).
   */
  readonly acceptedMediaTypes: readonly string[];
}

/**
 * Where the transport puts each file the moment it is staged: from then on the submission owns
 * it (discards it if the filing fails) and may start checking it while the next one arrives.
 */
export interface StagedFileSink {
  push(file: StagedFile): void;
  /**
   * The metadata, the moment it is validated (before the first file arrives): the submission
   * checks the filer's key and the case it names while the documents are still arriving. A
   * transport that does not call it leaves those checks until the upload is in.
   */
  metadata?(metadata: SubmissionMetadata): void;
}

export interface SubmitFilingCommand {
  readonly filer: UserPrincipal;
  readonly idempotencyKey: string;
  /**
   * Reads the upload (the transport's job: multipart for HTTP). Called once the key is reserved
   * and the policy known; must hand every file it staged to `staged` as soon as it is staged
   * (before it throws, too), so it can be checked early and discarded on failure.
   */
  readonly receive: (limits: UploadLimits, policy: CourtFilingPolicy, staged: StagedFileSink) => Promise<ReceivedSubmission>;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,200}$/;

export function isValidIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}
