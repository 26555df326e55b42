import { api, type ApiClient } from '../api/client';
import type {
  FeeAssessment,
  FilingDetailView,
  FilingListView,
  FilingPolicyView,
  FilingQueueQuery,
  FilingReceiptView,
  FilingType,
  InboxMessageView,
  InboxPageView,
  ReviewFilingRequest,
  SubmissionMetadataRequest,
} from '@ejustice/filing/contract/filing-contract';
import { PAGE_MAX_LIMIT } from '@ejustice/platform/contract/page';
import { sendWithProgress, type UploadProgress } from './upload';

/**
 * The e-filing endpoints as the UI uses them (their shapes are declared once in libs/filing/src/contract/filing-contract.ts).
 * JSON calls go through the shared ApiClient; the upload and the PDF downloads need
 * XMLHttpRequest and raw bytes, so they borrow its session handling through `authorized`.
 */
export class FilingApi {
  constructor(private readonly client: ApiClient = api) {}

  policy(signal?: AbortSignal): Promise<FilingPolicyView> {
    return this.client.get<FilingPolicyView>('/api/filing-policy', signal);
  }

  fee(query: { filingType: FilingType; caseId?: string; actsForVictim?: boolean }, signal?: AbortSignal): Promise<FeeAssessment> {
    const params = new URLSearchParams({ filingType: query.filingType });
    if (query.caseId) params.set('caseId', query.caseId);
    if (query.actsForVictim !== undefined) params.set('actsForVictim', String(query.actsForVictim));
    return this.client.get<FeeAssessment>(`/api/filing-policy/fee?${params}`, signal);
  }

  mine(signal?: AbortSignal): Promise<FilingListView> {
    return this.client.get<FilingListView>(`/api/filings?limit=${PAGE_MAX_LIMIT}`, signal);
  }

  detail(filingId: string, signal?: AbortSignal): Promise<FilingDetailView> {
    return this.client.get<FilingDetailView>(`/api/filings/${encodeURIComponent(filingId)}`, signal);
  }

  /**
   * Sends a filing: the metadata first (the server reads it before the documents, so it can
   * refuse a bad filing before a single byte of PDF is stored), then each document in order.
   */
  submit(
    metadata: SubmissionMetadataRequest,
    files: readonly { blob: Blob; name: string }[],
    idempotencyKey: string,
    options: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
  ): Promise<FilingReceiptView> {
    const body = new FormData();
    body.append('metadata', JSON.stringify(metadata));
    for (const file of files) body.append('documents', file.blob, file.name);
    const expectedTotal = files.reduce((sum, file) => sum + file.blob.size, 0);
    return this.client.authorized((accessToken) =>
      sendWithProgress<FilingReceiptView>({
        url: '/api/filings',
        headers: {
          Authorization: `Bearer ${accessToken}`,
          'Idempotency-Key': idempotencyKey,
          Accept: 'application/json, application/problem+json',
        },
        body,
        expectedTotal,
        onProgress: options.onProgress,
        signal: options.signal,
      }),
    );
  }

  queue(filters: FilingQueueQuery, signal?: AbortSignal): Promise<FilingListView> {
    const query = new URLSearchParams({ limit: String(PAGE_MAX_LIMIT) });
    for (const [name, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(name, String(value));
    return this.client.get<FilingListView>(`/api/filings/queue?${query}`, signal);
  }

  claim(filingId: string): Promise<FilingDetailView> {
    return this.client.post<FilingDetailView>(`/api/filings/${encodeURIComponent(filingId)}/claim`, {});
  }

  release(filingId: string): Promise<FilingDetailView> {
    return this.client.post<FilingDetailView>(`/api/filings/${encodeURIComponent(filingId)}/release`, {});
  }

  review(filingId: string, decision: ReviewFilingRequest): Promise<FilingDetailView> {
    return this.client.post<FilingDetailView>(`/api/filings/${encodeURIComponent(filingId)}/review`, decision);
  }

  inbox(signal?: AbortSignal): Promise<InboxPageView> {
    return this.client.get<InboxPageView>('/api/inbox?limit=10', signal);
  }

  markRead(messageId: string): Promise<InboxMessageView> {
    return this.client.post<InboxMessageView>(`/api/inbox/${encodeURIComponent(messageId)}/read`, {});
  }

  /** Bytes of a PDF the caller may read (a filed document, a receipt), with the session's token. */
  download(path: string, signal?: AbortSignal): Promise<Blob> {
    return this.client.getBlob(path, signal);
  }
}

export const filingApi = new FilingApi();

/**
 * Hands a downloaded PDF to the browser as a file to save. The object URL is revoked once the
 * click has been dispatched; the browser keeps the data for the download it started.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
