import { resolvePolicy } from './court-policy';
import { type CasePartyLink, type FilerStanding, filingFee } from './filing-fee';
import type { ProposedParty } from './filing-type';

const policy = resolvePolicy(
  { id: 'court', timeZone: 'Africa/Cairo' },
  { maxDocumentBytes: 1024, maxDocuments: 5, claimMinutes: 30, feeCurrency: 'EUR' },
  { maxDocumentBytes: null, maxDocuments: null, claimMinutes: null, feeCurrency: null, feeSchedule: { motion: 2000 }, reasonCodes: null },
);

const FILER = 'filer-user';
const caseParty = (partyRole: CasePartyLink['partyRole'], userId: string | null, counselUserId: string | null): CasePartyLink => ({
  partyRole,
  userId,
  counselUserId,
});
const proposed = (partyRole: ProposedParty['partyRole'], link: Partial<ProposedParty>): ProposedParty => ({
  partyRole,
  fullName: 'A Person',
  isProtected: false,
  pseudonym: null,
  isFiler: false,
  representedByFiler: false,
  ...link,
});

const WAIVED_MOTION = { filingType: 'motion', amount: 2000, currency: 'EUR', waived: true, waiverReason: 'victim', due: 0 };
const CHARGED_MOTION = { filingType: 'motion', amount: 2000, currency: 'EUR', waived: false, waiverReason: null, due: 2000 };

describe('filingFee: the fee quoted is the fee charged', () => {
  // The quote (GET /api/filing-policy/fee?caseId=) and the charge (SubmitFiling) both read the
  // case's parties through this one function; these are the answers both give.
  it.each<[string, CasePartyLink[], object]>([
    ['a victim filing for themselves', [caseParty('victim', FILER, null), caseParty('defendant', 'other', null)], WAIVED_MOTION],
    ['counsel for a victim', [caseParty('victim', 'victim-user', FILER)], WAIVED_MOTION],
    ['a party who is not a victim', [caseParty('victim', 'victim-user', null), caseParty('defendant', FILER, null)], CHARGED_MOTION],
    [
      'counsel for the defendant',
      [caseParty('victim', 'victim-user', 'other-counsel'), caseParty('defendant', 'x', FILER)],
      CHARGED_MOTION,
    ],
  ])('into a case, for %s', (_who, parties, expected) => {
    const sut = filingFee(policy, 'motion', { kind: 'case', filerUserId: FILER, parties });
    expect(sut).toEqual(expected);
  });

  it.each<[string, ProposedParty[], boolean]>([
    ['a victim filing for themselves', [proposed('victim', { isFiler: true }), proposed('defendant', {})], true],
    ['counsel for a victim', [proposed('victim', { representedByFiler: true })], true],
    ['a plaintiff who is not the victim', [proposed('victim', {}), proposed('plaintiff', { isFiler: true })], false],
  ])('opening a case, for %s: the quote on the wizard’s word equals the charge on the parties', (_who, parties, actsForVictim) => {
    const charged = filingFee(policy, 'petition', { kind: 'new_case', parties });
    const quoted = filingFee(policy, 'petition', { kind: 'declared', actsForVictim });
    expect(quoted).toEqual(charged);
    expect(charged).toMatchObject(actsForVictim ? { waived: true, due: 0 } : { waived: false, due: 5000 });
  });

  it('charges nothing, and waives nothing, where the schedule asks nothing', () => {
    const standing: FilerStanding = { kind: 'case', filerUserId: FILER, parties: [caseParty('victim', FILER, null)] };
    expect(filingFee(policy, 'evidence', standing)).toEqual({
      filingType: 'evidence',
      amount: 0,
      currency: 'EUR',
      waived: false,
      waiverReason: 'victim',
      due: 0,
    });
  });

  it('follows the court’s own schedule', () => {
    const own = { ...policy, feeSchedule: { ...policy.feeSchedule, motion: 700 }, feeCurrency: 'EGP' };
    expect(filingFee(own, 'motion', { kind: 'declared', actsForVictim: false })).toMatchObject({ amount: 700, currency: 'EGP', due: 700 });
  });
});
