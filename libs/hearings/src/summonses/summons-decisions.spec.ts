import { DomainError } from '@ejustice/platform';
import { assertMayDeliverSummons, assertMayReadSummonses, decideSummonsDelivery } from './summons-decisions';

const open = { reason: 'listed' as const, supersededAt: null, deliveredAt: null, method: null, note: null, seatRemoved: false };
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a domain error';
  }
  return 'no error';
};

describe('summons decisions', () => {
  it('lets the clerks and judges of the court read, and only the clerks deliver', () => {
    expect(code(() => assertMayReadSummonses({ courtId: 'c1', roles: ['clerk'] }, 'c1'))).toBe('no error');
    expect(code(() => assertMayReadSummonses({ courtId: 'c1', roles: ['judge'] }, 'c1'))).toBe('no error');
    expect(code(() => assertMayReadSummonses({ courtId: 'c2', roles: ['clerk'] }, 'c1'))).toBe('summons.forbidden');
    expect(code(() => assertMayReadSummonses({ courtId: 'c1', roles: ['counsel'] }, 'c1'))).toBe('summons.forbidden');
    expect(code(() => assertMayDeliverSummons({ courtId: 'c1', roles: ['judge'] }))).toBe('summons.deliver_forbidden');
    expect(code(() => assertMayDeliverSummons({ courtId: 'c1', roles: ['clerk'] }))).toBe('no error');
  });

  it('delivers an open summons, and answers the same delivery asked again as done', () => {
    expect(decideSummonsDelivery(open, { method: 'phone', note: null })).toBe('deliver');
    const delivered = { ...open, deliveredAt: new Date(), method: 'phone' as const, note: 'Told her mother' };
    expect(decideSummonsDelivery(delivered, { method: 'phone', note: 'Told her mother' })).toBe('unchanged');
  });

  it('refuses a different delivery of a delivered summons, and any of a superseded one', () => {
    const delivered = { ...open, deliveredAt: new Date(), method: 'phone' as const, note: null };
    expect(code(() => decideSummonsDelivery(delivered, { method: 'post', note: null }))).toBe('summons.already_delivered');
    expect(code(() => decideSummonsDelivery(delivered, { method: 'phone', note: 'later note' }))).toBe('summons.already_delivered');
    expect(code(() => decideSummonsDelivery({ ...open, supersededAt: new Date() }, { method: 'phone', note: null }))).toBe(
      'summons.superseded',
    );
  });

  it('refuses any delivery to someone whose seat is gone (withdrawn, or removed in the room), whatever else the summons says', () => {
    const gone = { ...open, seatRemoved: true };
    expect(code(() => decideSummonsDelivery(gone, { method: 'phone', note: null }))).toBe('summons.seat_removed');
    expect(code(() => decideSummonsDelivery({ ...gone, supersededAt: new Date() }, { method: 'phone', note: null }))).toBe(
      'summons.seat_removed',
    );
    // One delivered before the seat went stays as it was: the same delivery asked again is answered as done.
    const delivered = { ...gone, deliveredAt: new Date(), method: 'phone' as const, note: null };
    expect(decideSummonsDelivery(delivered, { method: 'phone', note: null })).toBe('unchanged');
    // Telling someone stood down that they are no longer needed is the summons of a removed seat.
    expect(decideSummonsDelivery({ ...gone, reason: 'released' }, { method: 'phone', note: null })).toBe('deliver');
  });
});
