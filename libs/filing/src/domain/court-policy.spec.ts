import { DEFAULT_REASON_CODES, assessFee, openingFilerActsForVictim, reasonAllowed, resolvePolicy } from './court-policy';

const defaults = { maxDocumentBytes: 50 * 1024 * 1024, maxDocuments: 20, claimMinutes: 30, feeCurrency: 'EUR' };
const court = { id: 'c', timeZone: 'Africa/Cairo' };

describe('court filing policy', () => {
  it('uses the platform defaults where the court has set nothing', () => {
    const sut = resolvePolicy(court, defaults, null);
    expect(sut).toMatchObject({ maxDocumentBytes: 52428800, claimMinutes: 30, feeCurrency: 'EUR', timeZone: 'Africa/Cairo' });
    expect(sut.reasonCodes).toBe(DEFAULT_REASON_CODES);
  });

  it('takes each of the court’s own settings over the default', () => {
    const sut = resolvePolicy(court, defaults, {
      maxDocumentBytes: 1000,
      maxDocuments: null,
      claimMinutes: 5,
      feeCurrency: 'EGP',
      feeSchedule: { motion: 10 },
      reasonCodes: [{ code: 'x', label: 'X', appliesTo: ['return'] }],
    });
    expect(sut).toMatchObject({ maxDocumentBytes: 1000, maxDocuments: 20, claimMinutes: 5, feeCurrency: 'EGP' });
    expect(sut.feeSchedule.motion).toBe(10);
    expect(sut.feeSchedule.petition).toBe(5000);
    expect(reasonAllowed(sut, 'x', 'return')).toBe(true);
    expect(reasonAllowed(sut, 'x', 'reject')).toBe(false);
  });

  it('waives the fee for victims and those acting for them, and only for them', () => {
    const policy = resolvePolicy(court, defaults, null);
    expect(assessFee(policy, 'petition', false)).toEqual({
      filingType: 'petition',
      amount: 5000,
      currency: 'EUR',
      waived: false,
      waiverReason: null,
      due: 5000,
    });
    expect(assessFee(policy, 'petition', true)).toEqual({
      filingType: 'petition',
      amount: 5000,
      currency: 'EUR',
      waived: true,
      waiverReason: 'victim',
      due: 0,
    });
    expect(assessFee(policy, 'complaint', true)).toMatchObject({ amount: 0, waived: false, due: 0 });
    const party = { fullName: 'A', isProtected: true, pseudonym: 'V', isFiler: false, representedByFiler: false };
    expect(openingFilerActsForVictim([{ ...party, partyRole: 'victim', representedByFiler: true }])).toBe(true);
    expect(
      openingFilerActsForVictim([
        { ...party, partyRole: 'victim' },
        { ...party, partyRole: 'plaintiff', isFiler: true },
      ]),
    ).toBe(false);
  });
});
