import type { CaseFacts, CaseViewer } from '@ejustice/cases/domain/case-access';
import { canRequestCopy, certifiedCopyFee, feePerCopy, DEFAULT_CERTIFIED_COPY_FEE, type CopyRequester } from './certified-copy';
import { mintVerificationCode, normaliseVerificationCode } from './verification-code';

const COURT = 'court-1';
const partyUser: CaseViewer = { userId: 'party-1', courtId: COURT, roles: ['party'] };
const stranger: CaseViewer = { userId: 'stranger', courtId: COURT, roles: ['party'] };
const clerk: CaseViewer = { userId: 'clerk-1', courtId: COURT, roles: ['clerk'] };
const otherClerk: CaseViewer = { userId: 'clerk-2', courtId: 'court-2', roles: ['clerk'] };
const publicAsker: CopyRequester = { kind: 'public' };
const account = (viewer: CaseViewer): CopyRequester => ({ kind: 'account', viewer });

function caseOf(confidentiality: CaseFacts['confidentiality']): CaseFacts {
  return {
    courtId: COURT,
    confidentiality,
    parties: [{ id: 'p1', partyRole: 'petitioner', isProtected: false, userId: 'party-1', counselUserId: null }],
  };
}
const doc = (confidentiality: 'public' | 'confidential' | 'sealed', docketed = true) => ({ courtId: COURT, confidentiality, docketed });

describe('canRequestCopy', () => {
  it('lets anyone, the public included, ask for a public document of a public case', () => {
    for (const r of [publicAsker, account(stranger), account(otherClerk), account(partyUser)])
      expect(canRequestCopy(r, doc('public'), caseOf('public'), false)).toBe(true);
  });

  it('keeps a confidential document (or any document of a confidential case) for parties, counsel and the court', () => {
    expect(canRequestCopy(account(partyUser), doc('confidential'), caseOf('public'), false)).toBe(true);
    expect(canRequestCopy(account(clerk), doc('confidential'), caseOf('public'), false)).toBe(true);
    expect(canRequestCopy(publicAsker, doc('confidential'), caseOf('public'), false)).toBe(false);
    expect(canRequestCopy(account(stranger), doc('confidential'), caseOf('public'), false)).toBe(false);
    expect(canRequestCopy(account(otherClerk), doc('confidential'), caseOf('public'), false)).toBe(false);
    expect(canRequestCopy(publicAsker, doc('public'), caseOf('confidential'), false)).toBe(false);
    expect(canRequestCopy(account(partyUser), doc('public'), caseOf('confidential'), false)).toBe(true);
  });

  it("gives a sealed document to nobody, the court's clerks included, without a judge's authorisation", () => {
    for (const r of [publicAsker, account(stranger), account(partyUser), account(clerk)])
      expect(canRequestCopy(r, doc('sealed'), caseOf('public'), false)).toBe(false);
    expect(canRequestCopy(account(partyUser), doc('sealed'), caseOf('public'), true)).toBe(true);
    expect(canRequestCopy(publicAsker, doc('sealed'), caseOf('public'), true)).toBe(false);
  });

  it('never certifies a document that is not on the docket', () => {
    for (const r of [publicAsker, account(partyUser), account(clerk)])
      expect(canRequestCopy(r, doc('public', false), caseOf('public'), true)).toBe(false);
  });
});

describe('certifiedCopyFee', () => {
  it('charges the fee per copy times the copies', () => {
    expect(certifiedCopyFee(300, 'TND', 3, false)).toEqual({
      perCopy: 300,
      amount: 900,
      currency: 'TND',
      waiverReason: null,
      paymentStatus: 'due',
    });
  });
  it('waives it for victims', () => {
    expect(certifiedCopyFee(300, 'TND', 2, true)).toMatchObject({ amount: 600, waiverReason: 'victim', paymentStatus: 'waived' });
  });
  it('owes nothing where the court charges nothing', () => {
    expect(certifiedCopyFee(0, 'TND', 2, false).paymentStatus).toBe('not_due');
    expect(certifiedCopyFee(0, 'TND', 2, true).paymentStatus).toBe('not_due');
  });
  it("reads the schedule's certified_copy entry, else the platform's", () => {
    expect(feePerCopy({ petition: 5000, certified_copy: 250 })).toBe(250);
    expect(feePerCopy({ certified_copy: 0 })).toBe(0);
    expect(feePerCopy({ petition: 5000 })).toBe(DEFAULT_CERTIFIED_COPY_FEE);
  });
});

describe('verification codes', () => {
  it('are 16 base32 letters in four groups, read back whatever the case and separators', () => {
    const code = mintVerificationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(normaliseVerificationCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(mintVerificationCode()).not.toBe(code);
  });
  it('read O as 0 and I or L as 1, and refuse anything else', () => {
    expect(normaliseVerificationCode('OOOO-IIII-LLLL-0000')).toBe('0000-1111-1111-0000');
    expect(normaliseVerificationCode('short')).toBeNull();
    expect(normaliseVerificationCode('UUUU-0000-0000-0000')).toBeNull();
  });
  it('encode all ten bytes', () => {
    expect(mintVerificationCode(Buffer.alloc(10, 0))).toBe('0000-0000-0000-0000');
    expect(mintVerificationCode(Buffer.alloc(10, 255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  });
});
