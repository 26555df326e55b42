import { COPY_STATUSES, type CopyStatus, type PaymentStatus } from '@ejustice/certification/contract/certification-contract';
import {
  COPY_STATUS_ORDER,
  clerkActionsFor,
  copiesToSend,
  formatFee,
  isDownloadable,
  issuingProgress,
  validateCopyRequest,
} from './copy-status';

const copy = (status: CopyStatus, paymentStatus: PaymentStatus = 'due') => ({ status, fee: { paymentStatus } });

describe('certified-copy statuses on screen', () => {
  it('knows every status of the contract, in the order of the road to a copy', () => {
    expect(COPY_STATUS_ORDER).toEqual([...COPY_STATUSES]);
  });

  it.each<[CopyStatus, PaymentStatus, string[]]>([
    ['requested', 'due', ['approve', 'paid', 'waived', 'refuse']],
    ['requested', 'waived', ['approve', 'refuse']],
    ['requested', 'not_due', ['approve', 'refuse']],
    ['approved', 'due', ['paid', 'waived', 'refuse']],
    ['issuing', 'paid', []],
    ['issued', 'paid', ['revoke']],
    ['refused', 'due', []],
    ['revoked', 'paid', []],
  ])('a clerk may act on a %s request with its fee %s: %j', (status, payment, actions) => {
    expect(clerkActionsFor(copy(status, payment))).toEqual(actions);
  });

  it('tells what a request waits on, approval and fee in either order', () => {
    expect(issuingProgress('requested', 'due')).toEqual({ done: 1, total: 5, waitingOn: 'approved' });
    expect(issuingProgress('requested', 'paid')).toEqual({ done: 2, total: 5, waitingOn: 'approved' });
    expect(issuingProgress('approved', 'due')).toEqual({ done: 2, total: 5, waitingOn: 'payment' });
    expect(issuingProgress('issuing', 'paid')).toEqual({ done: 4, total: 5, waitingOn: 'issued' });
    expect(issuingProgress('issued', 'waived')).toEqual({ done: 5, total: 5, waitingOn: null });
    expect(issuingProgress('refused', 'due').waitingOn).toBeNull();
  });

  it('offers a download only for an issued copy (a revoked one is gone)', () => {
    expect(COPY_STATUSES.filter(isDownloadable)).toEqual(['issued']);
  });
});

describe('the request form', () => {
  const valid = { copies: '2', purpose: 'For the land registry', email: 'leila@example.test' };

  it('accepts a complete request, with or without an e-mail address', () => {
    expect(validateCopyRequest(valid)).toEqual({});
    expect(validateCopyRequest({ ...valid, email: null })).toEqual({});
  });

  it('says what is wrong with each field', () => {
    expect(validateCopyRequest({ copies: '', purpose: '  ', email: '' })).toEqual({
      copies: 'required',
      purpose: 'required',
      email: 'required',
    });
    expect(validateCopyRequest({ ...valid, copies: '0' }).copies).toBe('range');
    expect(validateCopyRequest({ ...valid, copies: '21' }).copies).toBe('range');
    expect(validateCopyRequest({ ...valid, copies: '1.5' }).copies).toBe('range');
    expect(validateCopyRequest({ ...valid, copies: '20' }).copies).toBeUndefined();
    // The fee is quoted for exactly the number the form would send.
    expect(['', ' ', '0', '21', '1.5', 'two'].map(copiesToSend)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(['1', ' 3 ', '20'].map(copiesToSend)).toEqual([1, 3, 20]);
    expect(validateCopyRequest({ ...valid, purpose: 'x'.repeat(501) }).purpose).toBe('tooLong');
    expect(validateCopyRequest({ ...valid, email: 'leila@' }).email).toBe('invalid');
  });

  it('shows amounts in minor units as money', () => {
    expect(formatFee(1500, 'EGP', 'en').replace(/\s/g, ' ')).toMatch(/15\.00/);
    expect(formatFee(1500, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('15,00 €');
  });
});
