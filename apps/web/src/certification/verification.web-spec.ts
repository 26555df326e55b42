import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { CopyVerificationView } from '@ejustice/certification/contract/certification-contract';
import { ApiError } from '../api/problem';
import { readable } from '../i18n/browser-zone.testing';
import { CertificationApi } from './certification-api';
import { type VerificationOutcome, outcomeOfError, outcomeOfView, sealWarning } from './verification-outcome';
import { VerificationVerdict, VerifyCopyPage } from './VerifyCopyPage';
import { testI18n } from '../i18n/i18n.testing';

function render(element: React.ReactElement, lng: 'en' | 'fr' | 'ar' = 'en', url = '/verify'): string {
  const tree = createElement(I18nextProvider, { i18n: testI18n(lng) }, createElement(MemoryRouter, { initialEntries: [url] }, element));
  return readable(renderToStaticMarkup(tree).replace(/<[^>]+>/g, ' '));
}

const VALID: CopyVerificationView = {
  verificationCode: '7K2M-9QXD-ABCD-EFGH',
  status: 'valid',
  issuedAt: '2026-11-28T10:15:00.000Z',
  court: { name: 'Cairo Court of First Instance' },
  document: { confidentiality: 'public', title: 'Judgment of 20 November', caseNumber: 'CIV-2026-000123', pageCount: 4 },
  sha256: 'a'.repeat(64),
  revoked: null,
};
const REVOKED: CopyVerificationView = {
  ...VALID,
  status: 'revoked',
  revoked: { at: '2026-12-01T09:00:00.000Z', reason: 'Issued on a superseded statement.' },
};
const problem = (code: string, status = 404) => new ApiError({ status, code, detail: 'server sentence' });

describe('the verification outcome', () => {
  it('reads the register’s answer and its two "not here" problems as answers, anything else as an error', () => {
    expect(outcomeOfView(VALID).kind).toBe('valid');
    expect(outcomeOfView(REVOKED).kind).toBe('revoked');
    expect(outcomeOfError(problem('certification.code_not_found'), 'code')).toEqual({ kind: 'not_in_register', by: 'code' });
    expect(outcomeOfError(problem('certification.not_in_register'), 'file')).toEqual({ kind: 'not_in_register', by: 'file' });
    expect(outcomeOfError(problem('certification.rate_limited', 429), 'code').kind).toBe('error');
  });

  it('warns of a broken or untrusted seal on an uploaded file', () => {
    expect(sealWarning(VALID)).toBeNull();
    expect(sealWarning({ ...VALID, seal: { valid: true, unmodified: true, trusted: true, problem: null } })).toBeNull();
    expect(sealWarning({ ...VALID, seal: { valid: true, unmodified: false, trusted: true, problem: 'changed' } })).toBe('broken');
    expect(sealWarning({ ...VALID, seal: { valid: true, unmodified: true, trusted: false, problem: null } })).toBe('untrusted');
  });
});

describe('the verdict as a person reads it', () => {
  const verdict = (outcome: VerificationOutcome, lng: 'en' | 'fr' | 'ar' = 'en') =>
    render(createElement(VerificationVerdict, { outcome }), lng);

  it('valid: with the court, the document, its case and the code, issued in UTC when signed out', () => {
    const text = verdict(outcomeOfView(VALID));
    expect(text).toContain('Valid: this copy was issued by the court.');
    expect(text).toContain('Cairo Court of First Instance');
    expect(text).toContain('Judgment of 20 November — CIV-2026-000123');
    expect(text).toContain('7K2M-9QXD-ABCD-EFGH');
    expect(text).toMatch(/Nov 28, 2026.*10:15.*UTC/);
  });

  it('revoked: when and why', () => {
    const text = verdict(outcomeOfView(REVOKED));
    expect(text).toContain('Revoked: this copy is no longer valid.');
    expect(text).toMatch(/Revoked on Dec 1, 2026.*9:00.*UTC.*: Issued on a superseded statement\./);
  });

  it('not in the register, by code and by file, in Arabic too', () => {
    expect(verdict({ kind: 'not_in_register', by: 'file' })).toContain('This file is not a copy the court issued.');
    expect(verdict({ kind: 'not_in_register', by: 'code' }, 'ar')).toContain('غير موجودة في السجل.');
  });

  it('a confidential document: its title withheld, its level named', () => {
    const text = verdict(
      outcomeOfView({ ...VALID, document: { confidentiality: 'confidential', title: null, caseNumber: null, pageCount: null } }),
      'fr',
    );
    expect(text).toContain('Non affiché (accès : Confidentielle)');
    expect(text).not.toContain('Pages');
  });

  it('renders the page with its code form and its drop zone', () => {
    const text = render(createElement(VerifyCopyPage, { client: { verifyCode: jest.fn(), verifyFile: jest.fn() } }), 'en', '/verify');
    expect(text).toContain('Verification code');
    expect(text).toContain('Or drop the PDF of the copy here');
  });
});

describe('the public calls', () => {
  function fakeFetch(status: number, body: unknown) {
    return jest.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify(body), { status }));
  }

  it('sends the file as application/pdf and reads "not in register" as an ApiError with its code', async () => {
    const fetch = fakeFetch(404, { status: 404, code: 'certification.not_in_register', detail: 'not here' });
    const client = new CertificationApi(undefined, fetch);
    await expect(client.verifyFile(new Blob(['%PDF-1.7']))).rejects.toMatchObject({ code: 'certification.not_in_register', status: 404 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/certified-copy-verification');
    expect(init).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/pdf' } });
  });

  it('asks the public fee of a request without a token, and reads a document it may not ask for as not found', async () => {
    const quote = {
      documentId: 'd-1',
      copies: 2,
      fee: { perCopy: 500, amount: 1000, currency: 'EGP', waiverReason: null, paymentStatus: 'due' },
    };
    const ok = fakeFetch(200, quote);
    await expect(new CertificationApi(undefined, ok).quotePublic({ documentId: 'd-1', copies: 2 })).resolves.toEqual(quote);
    expect(ok.mock.calls[0][0]).toBe('/api/public/certified-copies/fee?documentId=d-1&copies=2');
    expect(ok.mock.calls[0][1]).toMatchObject({ method: 'GET', credentials: 'omit' });
    const missing = fakeFetch(404, { status: 404, code: 'certification.document_not_found', detail: 'No such document.' });
    await expect(new CertificationApi(undefined, missing).quotePublic({ documentId: 'd-2', copies: 1 })).rejects.toMatchObject({
      code: 'certification.document_not_found',
      status: 404,
    });
  });

  it('proves a public request is one’s own with the access key header', async () => {
    const fetch = fakeFetch(200, { url: 'https://court.test/api/certified-copy-downloads/t', expiresAt: '2026-12-01T00:00:00Z' });
    const client = new CertificationApi(undefined, fetch);
    await expect(client.downloadLinkPublic('c-1', 'key-1')).resolves.toMatchObject({ url: expect.stringContaining('downloads') });
    expect(fetch.mock.calls[0][0]).toBe('/api/public/certified-copies/c-1/download-link');
    expect(fetch.mock.calls[0][1]).toMatchObject({ method: 'POST', headers: { 'X-Access-Key': 'key-1' } });
  });
});
