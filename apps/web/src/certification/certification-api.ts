import { api, type ApiClient } from '../api/client';
import { ApiError, CLIENT_ERROR_CODES, problemToError } from '../api/problem';
import type {
  AuthoriseSealedCopyBody,
  CertifiedCopyFeeQuery,
  CertifiedCopyFeeQuoteView,
  SealedCopyAuthorisationView,
  CertifiedCopyRequestedView,
  CertifiedCopyView,
  CopyStatus,
  CopyVerificationView,
  DownloadLinkView,
  RecordPaymentBody,
  RequestCertifiedCopyBody,
} from '@ejustice/certification/contract/certification-contract';
import type { ClerkCopyAction } from './copy-status';

function feeQuery({ documentId, copies }: CertifiedCopyFeeQuery): string {
  return new URLSearchParams({ documentId, copies: String(copies) }).toString();
}

/**
 * The certified-copy endpoints as the UI uses them (shapes in libs/certification/src/contract).
 * Signed-in calls go through the shared ApiClient. The public ones carry no token: a member of
 * the public proves a request is theirs with its access key (header `X-Access-Key`), and a copy
 * is verified by sending its bytes as `application/pdf`; the ApiClient sends JSON only, so those
 * go through `sendPublic` here, which turns problems into ApiError the same way.
 */
export class CertificationApi {
  constructor(
    private readonly client: ApiClient = api,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  request(body: RequestCertifiedCopyBody): Promise<CertifiedCopyRequestedView> {
    return this.client.post<CertifiedCopyRequestedView>('/api/certified-copies', body);
  }

  requestPublic(body: RequestCertifiedCopyBody & { email: string }): Promise<CertifiedCopyRequestedView> {
    return this.sendPublic<CertifiedCopyRequestedView>('/api/public/certified-copies', { method: 'POST', json: body });
  }

  /** What the request would cost the one signed in, before it is sent. */
  quote(query: CertifiedCopyFeeQuery, signal?: AbortSignal): Promise<CertifiedCopyFeeQuoteView> {
    return this.client.get<CertifiedCopyFeeQuoteView>(`/api/certified-copies/fee?${feeQuery(query)}`, signal);
  }

  /** What the request would cost a member of the public, before it is sent. */
  quotePublic(query: CertifiedCopyFeeQuery, signal?: AbortSignal): Promise<CertifiedCopyFeeQuoteView> {
    return this.sendPublic<CertifiedCopyFeeQuoteView>(`/api/public/certified-copies/fee?${feeQuery(query)}`, { signal });
  }

  /** The requester's own requests; for a clerk, the court's (the approval queue). */
  list(status: CopyStatus | undefined, signal?: AbortSignal): Promise<CertifiedCopyView[]> {
    const query = status ? `?status=${encodeURIComponent(status)}` : '';
    return this.client.get<CertifiedCopyView[]>(`/api/certified-copies${query}`, signal);
  }

  onePublic(id: string, accessKey: string, signal?: AbortSignal): Promise<CertifiedCopyView> {
    return this.sendPublic<CertifiedCopyView>(`/api/public/certified-copies/${encodeURIComponent(id)}`, { accessKey, signal });
  }

  downloadLink(id: string): Promise<DownloadLinkView> {
    return this.client.post<DownloadLinkView>(`/api/certified-copies/${encodeURIComponent(id)}/download-link`, undefined);
  }

  downloadLinkPublic(id: string, accessKey: string): Promise<DownloadLinkView> {
    return this.sendPublic<DownloadLinkView>(`/api/public/certified-copies/${encodeURIComponent(id)}/download-link`, {
      method: 'POST',
      accessKey,
    });
  }

  /** A clerk's decision; `reason` for refuse and revoke, `note` for a recorded payment. */
  decide(id: string, action: ClerkCopyAction, text = ''): Promise<CertifiedCopyView> {
    const base = `/api/certified-copies/${encodeURIComponent(id)}`;
    switch (action) {
      case 'approve':
        return this.client.post<CertifiedCopyView>(`${base}/approve`, undefined);
      case 'refuse':
      case 'revoke':
        return this.client.post<CertifiedCopyView>(`${base}/${action}`, { reason: text });
      case 'paid':
      case 'waived': {
        const body: RecordPaymentBody = text.trim() ? { outcome: action, note: text.trim() } : { outcome: action };
        return this.client.post<CertifiedCopyView>(`${base}/payment`, body);
      }
    }
  }

  /** A judge lets one account request a certified copy of one sealed document (the answer is the authorisation's id). */
  authoriseSealedCopy(body: AuthoriseSealedCopyBody): Promise<SealedCopyAuthorisationView> {
    return this.client.post<SealedCopyAuthorisationView>('/api/certified-copy-authorisations', body);
  }

  verifyCode(code: string, signal?: AbortSignal): Promise<CopyVerificationView> {
    return this.sendPublic<CopyVerificationView>(`/api/certified-copy-verification/${encodeURIComponent(code)}`, { signal });
  }

  verifyFile(file: Blob, signal?: AbortSignal): Promise<CopyVerificationView> {
    return this.sendPublic<CopyVerificationView>('/api/certified-copy-verification', { method: 'POST', pdf: file, signal });
  }

  private async sendPublic<T>(
    path: string,
    options: { method?: 'GET' | 'POST'; json?: unknown; pdf?: Blob; accessKey?: string; signal?: AbortSignal },
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.pdf !== undefined) {
      headers['Content-Type'] = 'application/pdf';
      body = options.pdf;
    }
    if (options.accessKey) headers['X-Access-Key'] = options.accessKey;
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
        credentials: 'omit',
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, cause: error });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw problemToError(response.status, parsed);
    if (parsed === undefined) throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.unexpectedResponse });
    return parsed as T;
  }
}

export const certificationApi = new CertificationApi();

/**
 * Where a member of the public keeps the access key of each request, in this browser only: the
 * key is shown once, and without it the request cannot be looked up again. Keyed by request id.
 */
const PUBLIC_KEYS = 'ejustice.certifiedCopies.publicKeys';

export interface StoredPublicRequest {
  readonly id: string;
  readonly accessKey: string;
}

export function storedPublicRequests(storage: Pick<Storage, 'getItem'> = localStorage): StoredPublicRequest[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(PUBLIC_KEYS) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((r): r is StoredPublicRequest => typeof r?.id === 'string' && typeof r?.accessKey === 'string')
      : [];
  } catch {
    return [];
  }
}

export function rememberPublicRequest(request: StoredPublicRequest, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): void {
  const others = storedPublicRequests(storage).filter((r) => r.id !== request.id);
  storage.setItem(PUBLIC_KEYS, JSON.stringify([request, ...others].slice(0, 50)));
}
