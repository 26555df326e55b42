import { ApiError } from '../api/problem';
import { milestoneReached, percentOf, sendWithProgress, type XhrLike } from './upload';

/** A stand-in XMLHttpRequest the test drives by hand: progress events, then an answer or a failure. */
class FakeXhr implements XhrLike {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  aborted = false;
  status = 0;
  responseText = '';
  responseType: XMLHttpRequestResponseType = '';
  upload: XhrLike['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number, lengthComputable = true) {
    this.upload.onprogress?.({ loaded, total, lengthComputable });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

function setup() {
  const xhr = new FakeXhr();
  const progress: { loaded: number; total: number }[] = [];
  const start = (signal?: AbortSignal) =>
    sendWithProgress<{ id: string }>({
      url: '/api/filings',
      headers: { Authorization: 'Bearer t', 'Idempotency-Key': 'k-1' },
      body: new Blob(['x']),
      onProgress: (p) => progress.push(p),
      signal,
      createXhr: () => xhr,
    });
  return { xhr, progress, start };
}

describe('sendWithProgress', () => {
  it('sends the headers, reports bytes sent against the total, and resolves with the JSON answer', async () => {
    const { xhr, progress, start } = setup();
    const result = start();

    xhr.progress(0, 4000);
    xhr.progress(1000, 4000);
    xhr.progress(4000, 4000);
    xhr.answer(201, { id: 'filing-1' });

    await expect(result).resolves.toEqual({ id: 'filing-1' });
    expect(xhr.method).toBe('POST');
    expect(xhr.headers).toEqual({ Authorization: 'Bearer t', 'Idempotency-Key': 'k-1' });
    expect(progress).toEqual([
      { loaded: 0, total: 4000 },
      { loaded: 1000, total: 4000 },
      { loaded: 4000, total: 4000 },
    ]);
  });

  it('turns a problem document into an ApiError with the code and the sentence of the server', async () => {
    const { xhr, start } = setup();
    const result = start();

    xhr.answer(422, { status: 422, code: 'filing.not_a_pdf', detail: '“exhibit-3.pdf” is not a PDF file.' });

    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'filing.not_a_pdf', detail: '“exhibit-3.pdf” is not a PDF file.' });
  });

  it('reports a dropped connection as network_error, so the person can retry with the same key', async () => {
    const { xhr, start } = setup();
    const result = start();

    xhr.onerror?.();

    await expect(result).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('reports a 401 so the API client can refresh the session and send again', async () => {
    const { xhr, start } = setup();
    const result = start();

    xhr.answer(401, { status: 401, code: 'auth.unauthenticated' });

    await expect(result).rejects.toMatchObject({ status: 401, code: 'auth.unauthenticated' });
  });

  it('aborts the request when its signal is aborted', async () => {
    const { xhr, start } = setup();
    const controller = new AbortController();
    const result = start(controller.signal);

    controller.abort();

    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(xhr.aborted).toBe(true);
  });

  it('calls a success without a JSON body an unexpected response', async () => {
    const { xhr, start } = setup();
    const result = start();

    xhr.answer(200, '<html>proxy</html>');

    await expect(result).rejects.toMatchObject({ code: 'unexpected_response' });
  });
});

describe('progress figures', () => {
  it('never shows 100 % before the last byte has gone', () => {
    expect(percentOf({ loaded: 0, total: 0 })).toBe(0);
    expect(percentOf({ loaded: 999, total: 1000 })).toBe(99);
    expect(percentOf({ loaded: 1000, total: 1000 })).toBe(100);
    expect(percentOf({ loaded: 250, total: 1000 })).toBe(25);
  });

  it('announces each quarter once, and the highest one crossed by a big jump', () => {
    expect(milestoneReached(0, 10)).toBeNull();
    expect(milestoneReached(10, 25)).toBe(25);
    expect(milestoneReached(25, 40)).toBeNull();
    expect(milestoneReached(40, 80)).toBe(75);
    expect(milestoneReached(99, 100)).toBe(100);
    expect(milestoneReached(100, 100)).toBeNull();
  });
});
