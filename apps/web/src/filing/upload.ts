import { ApiError, CLIENT_ERROR_CODES, problemToError } from '../api/problem';

export interface UploadProgress {
  /** Bytes of the request body the browser has handed to the network so far. */
  loaded: number;
  /** The whole request body (documents and the metadata around them), in bytes. */
  total: number;
}

/** The few members of XMLHttpRequest this module uses, so unit tests can stand in for it. */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: unknown): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  responseType: XMLHttpRequestResponseType;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  ontimeout: (() => void) | null;
}

export interface UploadRequest {
  url: string;
  method?: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: FormData | Blob;
  /** Size of the body when the browser cannot tell it (FormData does not expose one). */
  expectedTotal?: number;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  createXhr?: () => XhrLike;
}

/**
 * Sends a request body with XMLHttpRequest, because fetch() still reports nothing about upload
 * progress, and a 50 MB filing over a court's slow line needs a real progress bar rather than a
 * spinner. Answers like the API client: JSON on success, ApiError built from the problem document
 * otherwise, `network_error` when nothing came back.
 */
export function sendWithProgress<T>(request: UploadRequest): Promise<T> {
  const xhr = request.createXhr ? request.createXhr() : (new XMLHttpRequest() as unknown as XhrLike);
  return new Promise<T>((resolve, reject) => {
    if (request.signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbortSignal = () => xhr.abort();
    request.signal?.addEventListener('abort', onAbortSignal, { once: true });
    const settle = () => request.signal?.removeEventListener('abort', onAbortSignal);

    xhr.open(request.method ?? 'POST', request.url);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      const total = event.lengthComputable && event.total > 0 ? event.total : (request.expectedTotal ?? 0);
      request.onProgress?.({ loaded: Math.min(event.loaded, total || event.loaded), total });
    };
    xhr.onload = () => {
      settle();
      const text = xhr.responseText ?? '';
      let body: unknown;
      try {
        body = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(problemToError(xhr.status, body));
        return;
      }
      if (body === undefined && text.length > 0) {
        reject(new ApiError({ status: xhr.status, code: CLIENT_ERROR_CODES.unexpectedResponse }));
        return;
      }
      resolve(body as T);
    };
    xhr.onerror = () => {
      settle();
      reject(new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network }));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      settle();
      reject(abortError());
    };
    xhr.send(request.body);
  });
}

function abortError(): Error {
  return typeof DOMException === 'function' ? new DOMException('The upload was cancelled', 'AbortError') : new Error('AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.message === 'AbortError');
}

/** Whole per cent, never 100 before the last byte has gone (a bar at 100 % that still waits misleads). */
export function percentOf(progress: UploadProgress): number {
  if (progress.total <= 0) return 0;
  if (progress.loaded >= progress.total) return 100;
  return Math.min(99, Math.floor((progress.loaded / progress.total) * 100));
}

/**
 * The milestones a screen reader hears (a quarter, a half, three quarters, all sent): announcing
 * every percent would drown out everything else. Returns the milestone just reached, if any.
 */
export function milestoneReached(previousPercent: number, percent: number): 25 | 50 | 75 | 100 | null {
  for (const milestone of [100, 75, 50, 25] as const) {
    if (previousPercent < milestone && percent >= milestone) return milestone;
  }
  return null;
}
