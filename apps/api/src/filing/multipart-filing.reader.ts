import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { DomainError, TEXT_WITH_NUL, flattenValidationErrors, nulCharacterIn } from '@ejustice/platform';
import {
  DocumentTooLargeError,
  FilingErrors,
  type ReceivedSubmission,
  type StagedFile,
  type StagedFileSink,
  type SubmissionMetadata,
  type UploadLimits,
  type UploadStaging,
  sanitiseFileName,
} from '@ejustice/filing';
import { SubmissionMetadataDto } from './dto/submission-metadata.dto';

const METADATA_MAX_BYTES = 256 * 1024;
/** How much of a refused upload is still read (and thrown away) so the refusal reaches the client. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** The client went away mid-upload: there is nobody to answer, only cleaning up to do. */
export class ClientAbortedError extends Error {
  constructor() {
    super('The client aborted the upload');
  }
}

/**
 * Reads a filing upload as it arrives: the `metadata` field first (validated before any file is
 * accepted), then each `documents` file part streamed into the staging area, one after the other,
 * under the court's limits. Each file goes to `staged` the moment it is staged (its caller may
 * check it while the next arrives, and discards it on failure). Stops at the first problem; a
 * file cut short is removed by the staging itself.
 */
export function readMultipartFiling(
  req: Request,
  limits: UploadLimits,
  staging: UploadStaging,
  staged: StagedFileSink,
): Promise<ReceivedSubmission> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) return Promise.reject(FilingErrors.notMultipart());

  return new Promise<ReceivedSubmission>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fieldSize: METADATA_MAX_BYTES, fields: 4, files: limits.maxDocuments + 1, parts: limits.maxDocuments + 5 },
      });
    } catch (error) {
      reject(FilingErrors.malformedUpload(error instanceof Error ? error.message : 'unreadable multipart header'));
      return;
    }

    let metadata: SubmissionMetadata | undefined;
    let metadataPending: Promise<void> | undefined;
    const files: StagedFile[] = [];
    let fileCount = 0;
    let current: Readable | undefined;
    let failed = false;
    const pending: Promise<unknown>[] = [];
    let chain: Promise<void> = Promise.resolve();

    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      current?.destroy(error instanceof Error ? error : new Error(String(error)));
      req.unpipe(bb);
      // Read and discard the rest of the body, so the client receives our answer rather than a
      // reset; but only so much of it: a client that keeps sending after a refusal is cut off.
      if (!(error instanceof ClientAbortedError)) {
        let drained = 0;
        req.on('data', (chunk: Buffer) => {
          drained += chunk.length;
          if (drained > DRAIN_LIMIT_BYTES) req.destroy();
        });
        req.resume();
      }
      void Promise.allSettled([...pending, chain]).then(() => reject(error));
    };

    req.on('close', () => {
      if (!req.complete) fail(new ClientAbortedError());
    });
    req.on('error', () => fail(new ClientAbortedError()));

    bb.on('field', (name, value, info) => {
      if (failed) return;
      if (name !== 'metadata') return fail(FilingErrors.unexpectedField(name));
      if (info.valueTruncated) return fail(FilingErrors.malformedUpload('the metadata field is larger than 256 KB.'));
      if (metadata || metadataPending) return fail(FilingErrors.malformedUpload('the metadata field was sent twice.'));
      metadataPending = parseMetadata(value).then(
        (m) => {
          metadata = m;
          staged.metadata?.(m);
        },
        (e: unknown) => fail(e),
      );
      pending.push(metadataPending);
    });

    bb.on('file', (name, stream, info) => {
      if (failed) return void stream.resume();
      if (name !== 'documents') {
        stream.resume();
        return fail(FilingErrors.unexpectedField(name));
      }
      fileCount += 1;
      const index = fileCount;
      const fileName = sanitiseFileName(info.filename);
      if (!metadataPending) {
        stream.resume();
        return fail(FilingErrors.metadataFirst());
      }
      if (fileCount > limits.maxDocuments) {
        stream.resume();
        return fail(FilingErrors.tooManyDocuments(limits.maxDocuments));
      }
      if (!isAcceptedType(info.mimeType, limits.acceptedMediaTypes)) {
        stream.resume();
        return fail(FilingErrors.documentTypeNotAccepted(fileName, info.mimeType, limits.acceptedMediaTypes));
      }
      chain = chain.then(async () => {
        await metadataPending;
        if (failed) return void stream.resume();
        if (metadata && index > metadata.documents.length)
          return fail(FilingErrors.documentCountMismatch(metadata.documents.length, index));
        current = stream;
        try {
          const file = await staging.stage(stream, fileName, limits.maxDocumentBytes);
          files.push(file);
          staged.push(file);
        } catch (error) {
          fail(error instanceof DocumentTooLargeError ? FilingErrors.documentTooLarge(fileName, limits.maxDocumentBytes) : error);
        } finally {
          current = undefined;
        }
      });
      pending.push(chain);
    });

    bb.on('filesLimit', () => fail(FilingErrors.tooManyDocuments(limits.maxDocuments)));
    bb.on('partsLimit', () => fail(FilingErrors.malformedUpload('it has more parts than a filing can have.')));
    bb.on('fieldsLimit', () => fail(FilingErrors.malformedUpload('it has more fields than a filing can have.')));
    bb.on('error', (error: unknown) =>
      fail(FilingErrors.malformedUpload(error instanceof Error ? error.message : 'broken multipart body')),
    );
    bb.on('close', () => {
      void Promise.all([...pending, chain]).then(() => {
        if (failed) return;
        if (!metadata) return fail(FilingErrors.metadataMissing());
        resolve({ metadata, files });
      });
    });
    req.pipe(bb);
  });
}

/**
 * Types that say nothing about the content pass (a browser that does not know a file sends
 * application/octet-stream; a part without a Content-Type reads as text/plain); so does the old
 * alias of application/pdf. A part declared as anything else contradicts the court's policy.
 */
const UNDECLARED_TYPES = ['application/octet-stream', 'text/plain'];
const PDF_ALIASES = ['application/x-pdf'];

function isAcceptedType(declared: string, accepted: readonly string[]): boolean {
  const type = declared.trim().toLowerCase();
  if (UNDECLARED_TYPES.includes(type) || accepted.includes(type)) return true;
  return accepted.includes('application/pdf') && PDF_ALIASES.includes(type);
}

async function parseMetadata(raw: string): Promise<SubmissionMetadata> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw FilingErrors.metadataNotJson();
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw FilingErrors.metadataNotJson();
  // As for every JSON body (refuseHostileJson): PostgreSQL stores no NUL in text.
  if (nulCharacterIn(Buffer.from(raw, 'utf8'))) throw new DomainError('invalid', 'text_with_nul', TEXT_WITH_NUL);
  const dto = plainToInstance(SubmissionMetadataDto, json);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const fields = flattenValidationErrors(errors);
    throw new DomainError(
      'invalid',
      'validation_failed',
      `The filing's metadata has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}.`,
      { fields },
    );
  }
  return {
    filingType: dto.filingType,
    caseId: dto.caseId ?? null,
    newCase: dto.newCase
      ? {
          caseType: dto.newCase.caseType,
          title: dto.newCase.title.trim(),
          confidentiality: dto.newCase.confidentiality,
          parties: dto.newCase.parties.map((p) => ({
            partyRole: p.partyRole,
            fullName: p.fullName.trim(),
            isProtected: p.isProtected ?? false,
            pseudonym: p.pseudonym?.trim() || null,
            isFiler: p.isFiler ?? false,
            representedByFiler: p.representedByFiler ?? false,
          })),
        }
      : null,
    title: dto.title.trim(),
    confidentiality: dto.confidentiality,
    urgency: dto.urgency ?? [],
    documents: dto.documents.map((d) => ({ title: d.title.trim(), confidentiality: d.confidentiality ?? null })),
  };
}
