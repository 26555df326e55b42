import type { CaseViewer } from '@ejustice/cases/domain/case-access';
import type { CopyStatus, PaymentStatus } from './certified-copy';
import { type CopyAction, type CopyUnderDecision, approvesAutomatically, decideCopyAction } from './certified-copy-workflow';

const COURT = 'court-1';
const now = new Date('2026-12-06T10:00:00Z');
const clerk: CaseViewer = { userId: 'clerk-1', courtId: COURT, roles: ['clerk'] };
const otherCourtClerk: CaseViewer = { userId: 'clerk-2', courtId: 'court-2', roles: ['clerk'] };
const judge: CaseViewer = { userId: 'judge-1', courtId: COURT, roles: ['judge'] };
const party: CaseViewer = { userId: 'party-1', courtId: COURT, roles: ['party'] };

function copy(status: CopyStatus, paymentStatus: PaymentStatus = 'due'): CopyUnderDecision {
  return { courtId: COURT, status, paymentStatus };
}

function decide(actor: CaseViewer | 'system', c: CopyUnderDecision, action: CopyAction) {
  return decideCopyAction({ actor, copy: c, action, now, mintedCode: 'AAAA-BBBB-CCCC-DDDD' });
}

function errorCode(d: ReturnType<typeof decide>): string | null {
  return d.ok ? null : d.error.code;
}

describe('decideCopyAction: permission first', () => {
  const actions: CopyAction[] = [
    { kind: 'approve' },
    { kind: 'refuse', reason: 'no' },
    { kind: 'record_payment', outcome: 'paid', note: null },
    { kind: 'revoke', reason: 'wrong' },
  ];
  it.each(actions)('refuses %p to a clerk of another court, a judge and a party, whatever the state', (action) => {
    for (const actor of [otherCourtClerk, judge, party])
      for (const status of ['requested', 'approved', 'issued'] as const)
        expect(errorCode(decide(actor, copy(status), action))).toBe('certification.not_clerk');
  });

  it('lets the court policy (system) approve, and nothing else', () => {
    expect(decide('system', copy('requested', 'not_due'), { kind: 'approve' }).ok).toBe(true);
    expect(errorCode(decide('system', copy('requested'), { kind: 'refuse', reason: 'x' }))).toBe('certification.not_clerk');
    expect(errorCode(decide('system', copy('requested'), { kind: 'record_payment', outcome: 'waived', note: null }))).toBe(
      'certification.not_clerk',
    );
    expect(errorCode(decide('system', copy('issued'), { kind: 'revoke', reason: 'x' }))).toBe('certification.not_clerk');
  });
});

describe('decideCopyAction: approve', () => {
  it('approves a request whose fee is due, waiting for payment, with no code yet', () => {
    const d = decide(clerk, copy('requested', 'due'), { kind: 'approve' });
    expect(d).toMatchObject({ ok: true, issue: false, changes: { status: 'approved', decidedBy: 'clerk-1', decidedAt: now } });
    expect(d.ok && d.changes.verificationCode).toBeUndefined();
  });

  it.each(['waived', 'not_due', 'paid'] as const)('starts the issue of a request whose fee is %s, minting the code', (payment) => {
    const d = decide(clerk, copy('requested', payment), { kind: 'approve' });
    expect(d).toMatchObject({ ok: true, issue: true, changes: { status: 'issuing', verificationCode: 'AAAA-BBBB-CCCC-DDDD' } });
  });

  it('records an automatic approval without a deciding clerk', () => {
    const d = decide('system', copy('requested', 'not_due'), { kind: 'approve' });
    expect(d.ok && d.changes.decidedBy).toBeUndefined();
    expect(d.ok && d.audit.data).toEqual({ automatic: true, paymentStatus: 'not_due' });
  });

  it.each(['approved', 'issuing', 'issued', 'refused', 'revoked'] as const)('refuses to approve a request that is %s', (status) => {
    expect(errorCode(decide(clerk, copy(status), { kind: 'approve' }))).toBe('certification.wrong_state');
  });
});

describe('decideCopyAction: refuse', () => {
  it.each(['requested', 'approved'] as const)('refuses a request that is %s, with the reason', (status) => {
    expect(decide(clerk, copy(status), { kind: 'refuse', reason: '  Not a document of this court.  ' })).toMatchObject({
      ok: true,
      issue: false,
      changes: { status: 'refused', refusalReason: 'Not a document of this court.', decidedBy: 'clerk-1' },
      audit: { action: 'certified_copy.refused' },
    });
  });

  it('asks for a reason', () => {
    expect(errorCode(decide(clerk, copy('requested'), { kind: 'refuse', reason: '   ' }))).toBe('certification.reason_required');
    expect(errorCode(decide(clerk, copy('requested'), { kind: 'refuse', reason: 'x'.repeat(2001) }))).toBe('certification.reason_required');
  });

  it.each(['issuing', 'issued', 'refused', 'revoked'] as const)('cannot refuse a request that is %s', (status) => {
    expect(errorCode(decide(clerk, copy(status), { kind: 'refuse', reason: 'late' }))).toBe('certification.wrong_state');
  });
});

describe('decideCopyAction: record payment', () => {
  it.each(['paid', 'waived'] as const)('records the fee %s before approval, without issuing', (outcome) => {
    expect(decide(clerk, copy('requested'), { kind: 'record_payment', outcome, note: ' receipt 12 ' })).toMatchObject({
      ok: true,
      issue: false,
      changes: { paymentStatus: outcome, paymentRecordedBy: 'clerk-1', paymentNote: 'receipt 12' },
      audit: { action: `certified_copy.fee_${outcome}` },
    });
  });

  it('starts the issue when the request was approved already', () => {
    expect(decide(clerk, copy('approved'), { kind: 'record_payment', outcome: 'paid', note: null })).toMatchObject({
      ok: true,
      issue: true,
      changes: { status: 'issuing', paymentStatus: 'paid', verificationCode: 'AAAA-BBBB-CCCC-DDDD' },
    });
  });

  it.each(['paid', 'waived', 'not_due'] as const)('refuses to settle a fee that is %s already', (payment) => {
    expect(errorCode(decide(clerk, copy('approved', payment), { kind: 'record_payment', outcome: 'paid', note: null }))).toBe(
      'certification.payment_settled',
    );
  });

  it.each(['issuing', 'issued', 'refused', 'revoked'] as const)('refuses a payment on a request that is %s', (status) => {
    expect(errorCode(decide(clerk, copy(status), { kind: 'record_payment', outcome: 'paid', note: null }))).toBe(
      'certification.wrong_state',
    );
  });
});

describe('decideCopyAction: revoke', () => {
  it('revokes an issued copy, with when and why', () => {
    expect(decide(clerk, copy('issued', 'paid'), { kind: 'revoke', reason: 'Issued on a superseded order.' })).toMatchObject({
      ok: true,
      changes: { status: 'revoked', revokedBy: 'clerk-1', revokedAt: now, revocationReason: 'Issued on a superseded order.' },
      audit: { action: 'certified_copy.revoked', data: { reason: 'Issued on a superseded order.' } },
    });
  });

  it('asks for a reason', () => {
    expect(errorCode(decide(clerk, copy('issued'), { kind: 'revoke', reason: '' }))).toBe('certification.reason_required');
  });

  it.each(['requested', 'approved', 'issuing', 'refused', 'revoked'] as const)('cannot revoke a request that is %s', (status) => {
    expect(errorCode(decide(clerk, copy(status), { kind: 'revoke', reason: 'x' }))).toBe('certification.wrong_state');
  });
});

describe('approvesAutomatically', () => {
  it('only for a public document of a public case, where the court chose it', () => {
    expect(approvesAutomatically(true, 'public', 'public')).toBe(true);
    expect(approvesAutomatically(false, 'public', 'public')).toBe(false);
    expect(approvesAutomatically(true, 'confidential', 'public')).toBe(false);
    expect(approvesAutomatically(true, 'public', 'confidential')).toBe(false);
    expect(approvesAutomatically(true, 'sealed', 'public')).toBe(false);
  });
});
