import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import {
  type OrderActor,
  type OrderCommand,
  type OrderDecision,
  type OrderGateFacts,
  type OrderHearingFacts,
  type OrderParticipantFacts,
  type StoredOrder,
  decideOrder,
  refuseOrderAction,
  refuseOrderReading,
  sameName,
} from './order-decisions';
import type { OrderTermsInput } from './order-terms';
import type { MakeOrderRequest } from './order-views';

const JUDGE: OrderActor = { userId: 'judge-user', courtId: 'court', roles: ['judge'] };
const GATE: OrderGateFacts = { courtId: 'court', presidingJudgeId: 'judge-user', actorListed: true };

function person(
  id: string,
  role: HearingRole,
  realNames: string[] = [`Name of ${id}`],
  state: ParticipantState = 'invited',
): OrderParticipantFacts {
  return { id, role, state, realNames };
}

function newHearing(
  over: { status?: HearingStatus; orders?: StoredOrder[]; participants?: OrderParticipantFacts[] } = {},
): OrderHearingFacts {
  return {
    id: 'h',
    status: over.status ?? 'scheduled',
    participants: over.participants ?? [
      person('judge', 'judge'),
      person('clerk', 'clerk'),
      person('witness', 'witness', ['Amal Haddad']),
      person('victim', 'victim', ['Witness B', 'Sara Nasser']),
      person('defendant', 'defendant'),
      person('counsel', 'defence_counsel'),
      person('supporter', 'supporter'),
      person('supporter2', 'supporter'),
      person('interpreter', 'interpreter'),
      person('public', 'observer'),
      person('gone', 'witness', ['Gone Witness'], 'removed'),
    ],
    orders: over.orders ?? [],
  };
}

function stored(order: Partial<StoredOrder> & Pick<StoredOrder, 'id' | 'kind' | 'terms'>): StoredOrder {
  return { participantId: 'witness', reason: 'Fear of the defendant', version: 1, revoked: false, ...order } as StoredOrder;
}

function make(request: Partial<MakeOrderRequest> & Pick<MakeOrderRequest, 'kind'>): OrderCommand {
  return { type: 'make', orderId: 'new-order', request: { reason: 'The witness fears reprisals', ...request } };
}

function sut(command: OrderCommand, hearing = newHearing(), actor = JUDGE, gate = GATE): OrderDecision {
  return decideOrder(actor, gate, hearing, command);
}

function ok(decision: OrderDecision) {
  if (!decision.ok) throw new Error(`refused: ${decision.error.code} ${decision.error.message}`);
  return decision;
}

function refusal(decision: OrderDecision): { code: string; field?: string } {
  if (decision.ok) throw new Error('expected a refusal');
  const field = decision.error.fields?.[0]?.field;
  return field === undefined ? { code: decision.error.code } : { code: decision.error.code, field };
}

const anonymity = (over: Partial<MakeOrderRequest> = {}) =>
  make({ kind: 'anonymity', participantId: 'witness', pseudonym: 'Witness A', ...over });

describe('special-measures order decisions', () => {
  describe('permission first', () => {
    it('lets the presiding judge make, change and revoke', () => {
      expect(refuseOrderAction(JUDGE, GATE)).toBeNull();
    });

    it.each<[string, OrderActor]>([
      ['a clerk of the court', { userId: 'clerk-user', courtId: 'court', roles: ['clerk'] }],
      ['another judge of the court', { userId: 'other-judge', courtId: 'court', roles: ['judge'] }],
      ['a prosecutor', { userId: 'prosecutor', courtId: 'court', roles: ['prosecutor'] }],
      ['counsel', { userId: 'counsel', courtId: 'court', roles: ['counsel'] }],
      ['a party', { userId: 'party', courtId: 'court', roles: ['party'] }],
      ['a member of the public', { userId: 'public', courtId: 'court', roles: ['observer'] }],
      ['the presiding judge without the judge role any more', { userId: 'judge-user', courtId: 'court', roles: ['clerk'] }],
    ])('refuses %s with order.forbidden, before looking at the request', (_who, actor) => {
      // Even a request that is malformed and a hearing that is closed: permission is decided first.
      const decision = sut(make({ kind: 'screen' }), newHearing({ status: 'closed' }), actor);
      expect(refusal(decision)).toEqual({ code: 'order.forbidden' });
    });

    it('tells someone of another court, not listed in the hearing, that there is no such hearing', () => {
      const stranger: OrderActor = { userId: 'x', courtId: 'elsewhere', roles: ['judge'] };
      expect(refusal(sut(anonymity(), newHearing(), stranger, { ...GATE, actorListed: false }))).toEqual({ code: 'hearing.not_found' });
      expect(refuseOrderAction(stranger, { ...GATE, actorListed: true })?.code).toBe('order.forbidden');
    });

    it('lets the bench read the orders, and nobody else', () => {
      expect(refuseOrderReading(JUDGE, GATE)).toBeNull();
      expect(refuseOrderReading({ userId: 'c', courtId: 'court', roles: ['clerk'] }, GATE)).toBeNull();
      expect(refuseOrderReading({ userId: 'j2', courtId: 'court', roles: ['judge'] }, GATE)).toBeNull();
      expect(refuseOrderReading({ userId: 'p', courtId: 'court', roles: ['prosecutor'] }, GATE)?.code).toBe('order.forbidden');
      expect(refuseOrderReading({ userId: 'c', courtId: 'elsewhere', roles: ['clerk'] }, { ...GATE, actorListed: false })?.code).toBe(
        'hearing.not_found',
      );
    });

    it('does not let the presiding judge read them once the judge role is withdrawn', () => {
      expect(refuseOrderReading({ ...JUDGE, roles: ['party'] }, GATE)?.code).toBe('order.forbidden');
    });
  });

  describe('the hearing', () => {
    it.each<HearingStatus>(['scheduled', 'open', 'in_recess'])('takes orders while %s', (status) => {
      expect(sut(anonymity(), newHearing({ status })).ok).toBe(true);
    });

    it.each<HearingStatus>(['adjourned', 'closed'])('refuses make, change and revoke once %s', (status) => {
      const hearing = newHearing({ status, orders: [stored({ id: 'o1', kind: 'audio_only', terms: {} })] });
      expect(refusal(sut(anonymity(), hearing))).toEqual({ code: 'order.hearing_ended' });
      expect(refusal(sut({ type: 'change', orderId: 'o1', request: { reason: 'r', version: 1 } }, hearing))).toEqual({
        code: 'order.hearing_ended',
      });
      expect(refusal(sut({ type: 'revoke', orderId: 'o1', request: { reason: 'r' } }, hearing))).toEqual({ code: 'order.hearing_ended' });
    });
  });

  describe('making an order of each kind', () => {
    it('anonymity: trims the pseudonym, fills in the picture and the disclosure lists, audits no name', () => {
      const d = ok(
        sut(anonymity({ pseudonym: '  Witness   A ', disclosedToRoles: ['clerk', 'clerk'], disclosedToParticipantIds: ['supporter'] })),
      );
      expect(d.write).toEqual({
        type: 'insert',
        orderId: 'new-order',
        kind: 'anonymity',
        participantId: 'witness',
        terms: { pseudonym: 'Witness A', picture: 'blur', disclosedToRoles: ['clerk'], disclosedToParticipantIds: ['supporter'] },
        reason: 'The witness fears reprisals',
      });
      expect(d.audit).toEqual({
        action: 'hearing.order_made',
        orderId: 'new-order',
        data: {
          orderId: 'new-order',
          kind: 'anonymity',
          participantId: 'witness',
          version: 1,
          reason: 'The witness fears reprisals',
          terms: { pseudonym: 'Witness A', picture: 'blur', disclosedToRoles: ['clerk'], disclosedToParticipantIds: ['supporter'] },
        },
      });
      expect(JSON.stringify(d.audit)).not.toContain('Amal');
    });

    it('screen: from roles and named participants', () => {
      const d = ok(
        sut(make({ kind: 'screen', participantId: 'victim', fromRoles: ['defendant', 'observer'], fromParticipantIds: ['counsel'] })),
      );
      expect(d.write).toMatchObject({
        kind: 'screen',
        participantId: 'victim',
        terms: { fromRoles: ['defendant', 'observer'], fromParticipantIds: ['counsel'] },
      });
    });

    it('audio only: no terms', () => {
      expect(ok(sut(make({ kind: 'audio_only', participantId: 'witness' }))).write).toMatchObject({ kind: 'audio_only', terms: {} });
    });

    it('supporter: links a supporter-role participant to the witness', () => {
      const d = ok(sut(make({ kind: 'supporter', participantId: 'witness', supporterId: 'supporter', capacity: 'intermediary' })));
      expect(d.write).toMatchObject({
        kind: 'supporter',
        participantId: 'witness',
        terms: { supporterId: 'supporter', capacity: 'intermediary' },
      });
    });

    it('evidence in private: hearing-wide, names nobody', () => {
      const d = ok(sut(make({ kind: 'evidence_in_private' })));
      expect(d.write).toMatchObject({ kind: 'evidence_in_private', participantId: null, terms: {} });
    });

    it('remote witness room: records the location, and keeps it out of the audit chain', () => {
      const d = ok(sut(make({ kind: 'remote_witness_room', participantId: 'witness', location: ' Witness suite 2, Northern shelter ' })));
      expect(d.write).toMatchObject({ terms: { location: 'Witness suite 2, Northern shelter' } });
      expect(JSON.stringify(d.audit)).not.toContain('shelter');
    });

    it('attendance: leave for a non-party to attend, naming them, with no terms', () => {
      const d = ok(sut(make({ kind: 'attendance', participantId: 'public', reason: 'The press may report, without names' })));
      expect(d.write).toEqual({
        type: 'insert',
        orderId: 'new-order',
        kind: 'attendance',
        participantId: 'public',
        terms: {},
        reason: 'The press may report, without names',
      });
      expect(d.audit).toMatchObject({ action: 'hearing.order_made', data: { kind: 'attendance', participantId: 'public', terms: {} } });
      expect(ok(sut(make({ kind: 'attendance', participantId: 'supporter' }))).ok).toBe(true);
    });

    it('attendance: refuses the bench (who attend by office), a participant not named, terms, and a second order in force', () => {
      for (const participantId of ['judge', 'clerk']) {
        expect(refusal(sut(make({ kind: 'attendance', participantId })))).toEqual({
          code: 'order.subject_invalid',
          field: 'participantId',
        });
      }
      expect(refusal(sut(make({ kind: 'attendance' })))).toEqual({ code: 'order.invalid', field: 'participantId' });
      expect(refusal(sut(make({ kind: 'attendance', participantId: 'public', location: 'Gallery' })))).toEqual({
        code: 'order.invalid',
        field: 'location',
      });
      const first = stored({ id: 'o1', kind: 'attendance', participantId: 'public', terms: {} });
      expect(refusal(sut(make({ kind: 'attendance', participantId: 'public' }), newHearing({ orders: [first] })))).toEqual({
        code: 'order.already_in_force',
      });
      expect(
        ok(sut({ type: 'revoke', orderId: 'o1', request: { reason: 'Reporting restrictions' } }, newHearing({ orders: [first] }))).write,
      ).toEqual({ type: 'revoke', orderId: 'o1', fromVersion: 1, reason: 'Reporting restrictions' });
    });

    it('trims the reason and refuses an empty or overlong one', () => {
      expect(ok(sut(anonymity({ reason: '  Fear  ' }))).write).toMatchObject({ reason: 'Fear' });
      expect(refusal(sut(anonymity({ reason: '   ' })))).toEqual({ code: 'order.invalid', field: 'reason' });
      expect(refusal(sut(anonymity({ reason: 'x'.repeat(2001) })))).toEqual({ code: 'order.invalid', field: 'reason' });
      expect(ok(sut(anonymity({ reason: 'x'.repeat(2000) }))).ok).toBe(true);
    });

    it('refuses an unknown kind', () => {
      expect(refusal(sut(make({ kind: 'recording' as never })))).toEqual({ code: 'order.invalid', field: 'kind' });
    });
  });

  describe('the subject of an order', () => {
    it.each(['anonymity', 'screen', 'audio_only', 'supporter', 'remote_witness_room'] as const)('%s needs a participant', (kind) => {
      expect(refusal(sut(make({ kind })))).toEqual({ code: 'order.invalid', field: 'participantId' });
    });

    it('evidence in private must not name one', () => {
      expect(refusal(sut(make({ kind: 'evidence_in_private', participantId: 'witness' })))).toEqual({
        code: 'order.invalid',
        field: 'participantId',
      });
    });

    it('must be a participant of the hearing who was not removed', () => {
      expect(refusal(sut(anonymity({ participantId: 'stranger' })))).toEqual({
        code: 'order.participant_not_found',
        field: 'participantId',
      });
      expect(refusal(sut(anonymity({ participantId: 'gone', pseudonym: 'Witness Z' })))).toEqual({
        code: 'order.participant_removed',
        field: 'participantId',
      });
    });

    it.each<HearingRole>(['judge', 'clerk', 'defendant', 'defence_counsel', 'prosecutor', 'supporter', 'interpreter', 'observer'])(
      'must be a witness or a victim, not a %s',
      (role) => {
        const hearing = newHearing({ participants: [person('p', role), person('judge', 'judge')] });
        for (const kind of ['anonymity', 'screen', 'audio_only', 'remote_witness_room', 'supporter'] as const) {
          const d = sut(
            make({
              kind,
              participantId: 'p',
              pseudonym: 'W',
              fromRoles: ['observer'],
              location: 'Suite',
              supporterId: 'p',
              capacity: 'supporter',
            }),
            hearing,
          );
          expect(refusal(d)).toEqual({ code: 'order.subject_invalid', field: 'participantId' });
        }
      },
    );

    it('refuses a second order of the same kind for one participant, but not of another kind or after revocation', () => {
      const first = stored({
        id: 'o1',
        kind: 'anonymity',
        terms: { pseudonym: 'Witness A', picture: 'blur', disclosedToRoles: [], disclosedToParticipantIds: [] },
      });
      expect(refusal(sut(anonymity({ pseudonym: 'Witness C' }), newHearing({ orders: [first] })))).toEqual({
        code: 'order.already_in_force',
      });
      expect(ok(sut(make({ kind: 'audio_only', participantId: 'witness' }), newHearing({ orders: [first] }))).ok).toBe(true);
      expect(ok(sut(anonymity({ pseudonym: 'Witness C' }), newHearing({ orders: [{ ...first, revoked: true }] }))).ok).toBe(true);
      expect(ok(sut(anonymity({ participantId: 'victim', pseudonym: 'Witness C' }), newHearing({ orders: [first] }))).ok).toBe(true);
    });

    it('refuses a second evidence-in-private order in the hearing', () => {
      const first = stored({ id: 'o1', kind: 'evidence_in_private', participantId: null, terms: {} });
      expect(refusal(sut(make({ kind: 'evidence_in_private' }), newHearing({ orders: [first] })))).toEqual({
        code: 'order.already_in_force',
      });
    });
  });

  describe('anonymity terms', () => {
    it.each(['Amal Haddad', 'amal haddad', '  AMAL   HADDAD '])('refuses the real name as the pseudonym (%j)', (pseudonym) => {
      expect(refusal(sut(anonymity({ pseudonym })))).toEqual({ code: 'order.pseudonym_is_real_name', field: 'pseudonym' });
    });

    it('refuses the name on the court record even when the display name is already a pseudonym', () => {
      expect(refusal(sut(anonymity({ participantId: 'victim', pseudonym: 'sara nasser' })))).toEqual({
        code: 'order.pseudonym_is_real_name',
        field: 'pseudonym',
      });
    });

    it('refuses another participant’s name, and another order’s pseudonym in force', () => {
      expect(refusal(sut(anonymity({ pseudonym: 'Name of counsel' })))).toEqual({ code: 'order.pseudonym_taken', field: 'pseudonym' });
      const other = stored({
        id: 'o1',
        kind: 'anonymity',
        participantId: 'victim',
        terms: { pseudonym: 'Witness A', picture: 'blur', disclosedToRoles: [], disclosedToParticipantIds: [] },
      });
      expect(refusal(sut(anonymity({ pseudonym: 'witness a' }), newHearing({ orders: [other] })))).toEqual({
        code: 'order.pseudonym_taken',
        field: 'pseudonym',
      });
      expect(ok(sut(anonymity({ pseudonym: 'witness a' }), newHearing({ orders: [{ ...other, revoked: true }] }))).ok).toBe(true);
    });

    it.each([
      [{ pseudonym: undefined }, 'pseudonym'],
      [{ pseudonym: '  ' }, 'pseudonym'],
      [{ pseudonym: 'x'.repeat(101) }, 'pseudonym'],
      [{ picture: 'pixelate' }, 'picture'],
      [{ disclosedToRoles: ['jury'] }, 'disclosedToRoles'],
      [{ disclosedToParticipantIds: ['witness'] }, 'disclosedToParticipantIds'],
      [{ location: 'Suite 1' }, 'location'],
      [{ fromRoles: ['defendant'] }, 'fromRoles'],
    ])('refuses %j', (over, field) => {
      expect(refusal(sut(anonymity(over as Partial<MakeOrderRequest>)))).toEqual({ code: 'order.invalid', field });
    });

    it('refuses disclosure to someone not in the hearing', () => {
      expect(refusal(sut(anonymity({ disclosedToParticipantIds: ['stranger'] })))).toEqual({
        code: 'order.participant_not_found',
        field: 'disclosedToParticipantIds',
      });
    });

    it('counts a pseudonym’s length in characters, as the database does', () => {
      expect(ok(sut(anonymity({ pseudonym: '𝒲'.repeat(100) }))).ok).toBe(true);
    });
  });

  describe('screen terms', () => {
    const screen = (over: Partial<MakeOrderRequest>) => make({ kind: 'screen', participantId: 'witness', ...over });

    it('needs someone to screen from', () => {
      expect(refusal(sut(screen({})))).toEqual({ code: 'order.invalid', field: 'fromRoles' });
      expect(refusal(sut(screen({ fromRoles: [], fromParticipantIds: [] })))).toEqual({ code: 'order.invalid', field: 'fromRoles' });
    });

    it.each<HearingRole>(['judge', 'clerk'])('never screens the bench by role (%s)', (role) => {
      expect(refusal(sut(screen({ fromRoles: ['defendant', role] })))).toEqual({ code: 'order.invalid', field: 'fromRoles' });
    });

    it.each(['judge', 'clerk'])('never screens a bench participant (%s)', (id) => {
      expect(refusal(sut(screen({ fromParticipantIds: [id] })))).toEqual({ code: 'order.invalid', field: 'fromParticipantIds' });
    });

    it('does not screen the witness from herself', () => {
      expect(refusal(sut(screen({ fromParticipantIds: ['witness'] })))).toEqual({ code: 'order.invalid', field: 'fromParticipantIds' });
    });

    it('refuses a participant who is not in the hearing or was removed', () => {
      expect(refusal(sut(screen({ fromParticipantIds: ['stranger'] })))).toEqual({
        code: 'order.participant_not_found',
        field: 'fromParticipantIds',
      });
      expect(refusal(sut(screen({ fromParticipantIds: ['gone'] })))).toEqual({
        code: 'order.participant_removed',
        field: 'fromParticipantIds',
      });
    });
  });

  describe('supporter terms', () => {
    const supporter = (over: Partial<MakeOrderRequest>) =>
      make({ kind: 'supporter', participantId: 'witness', supporterId: 'supporter', capacity: 'supporter', ...over });

    it('needs a supporter-role participant and a capacity', () => {
      expect(refusal(sut(supporter({ supporterId: undefined })))).toEqual({ code: 'order.invalid', field: 'supporterId' });
      expect(refusal(sut(supporter({ supporterId: 'interpreter' })))).toEqual({ code: 'order.subject_invalid', field: 'supporterId' });
      expect(refusal(sut(supporter({ supporterId: 'stranger' })))).toEqual({ code: 'order.participant_not_found', field: 'supporterId' });
      expect(refusal(sut(supporter({ capacity: undefined })))).toEqual({ code: 'order.invalid', field: 'capacity' });
      expect(refusal(sut(supporter({ capacity: 'friend' })))).toEqual({ code: 'order.invalid', field: 'capacity' });
    });

    it('lets a witness have a supporter and an intermediary, but a supporter sits beside one witness only', () => {
      const linked = stored({ id: 'o1', kind: 'supporter', terms: { supporterId: 'supporter', capacity: 'supporter' } });
      const hearing = newHearing({ orders: [linked] });
      expect(ok(sut(supporter({ supporterId: 'supporter2', capacity: 'intermediary' }), hearing)).ok).toBe(true);
      expect(refusal(sut(supporter({ participantId: 'victim' }), hearing))).toEqual({ code: 'order.supporter_taken' });
      expect(refusal(sut(supporter({}), hearing))).toEqual({ code: 'order.supporter_taken' });
      expect(ok(sut(supporter({ participantId: 'victim' }), newHearing({ orders: [{ ...linked, revoked: true }] }))).ok).toBe(true);
    });
  });

  describe('remote witness room terms', () => {
    it.each([undefined, '', '   ', 'x'.repeat(201)])('refuses the location %j', (location) => {
      expect(refusal(sut(make({ kind: 'remote_witness_room', participantId: 'witness', location })))).toEqual({
        code: 'order.invalid',
        field: 'location',
      });
    });
  });

  describe('changing an order', () => {
    const order = stored({
      id: 'o1',
      kind: 'anonymity',
      version: 3,
      terms: { pseudonym: 'Witness A', picture: 'blur', disclosedToRoles: [], disclosedToParticipantIds: [] },
    });
    const hearing = newHearing({ orders: [order] });
    const change = (request: { terms?: OrderTermsInput; reason?: string; version?: number }): OrderCommand => ({
      type: 'change',
      orderId: 'o1',
      request: { reason: 'New reason', version: 3, ...request },
    });

    it('replaces the terms, bumps the version and audits what changed', () => {
      const d = ok(sut(change({ terms: { pseudonym: 'Witness A', picture: 'silhouette' } }), hearing));
      expect(d.write).toEqual({
        type: 'update',
        orderId: 'o1',
        fromVersion: 3,
        terms: { pseudonym: 'Witness A', picture: 'silhouette', disclosedToRoles: [], disclosedToParticipantIds: [] },
        reason: 'New reason',
      });
      expect(d.audit.action).toBe('hearing.order_changed');
      expect(d.audit.data).toMatchObject({
        orderId: 'o1',
        kind: 'anonymity',
        participantId: 'witness',
        version: 4,
        changed: ['terms', 'reason'],
      });
    });

    it('may change only the reason', () => {
      const d = ok(sut(change({}), hearing));
      expect(d.write).toMatchObject({ terms: order.terms, reason: 'New reason' });
      expect(d.audit.data).toMatchObject({ changed: ['reason'] });
    });

    it('refuses a change that changes nothing', () => {
      expect(refusal(sut(change({ reason: order.reason, terms: { pseudonym: 'Witness A' } }), hearing))).toEqual({
        code: 'order.invalid',
        field: 'terms',
      });
    });

    it('refuses a stale version', () => {
      const d = sut(change({ version: 2 }), hearing);
      expect(refusal(d)).toEqual({ code: 'order.conflict' });
      expect(!d.ok && d.error.details).toEqual({ currentVersion: 3 });
    });

    it('refuses a revoked order, even with its current version', () => {
      expect(refusal(sut(change({}), newHearing({ orders: [{ ...order, revoked: true }] })))).toEqual({ code: 'order.revoked' });
    });

    it('refuses an order of another hearing', () => {
      expect(refusal(sut({ ...change({}), orderId: 'elsewhere' } as OrderCommand, hearing))).toEqual({ code: 'order.not_found' });
    });

    it('does not let the order compete with itself for its own pseudonym, but checks the new terms like new ones', () => {
      expect(ok(sut(change({ terms: { pseudonym: 'WITNESS A' } }), hearing)).ok).toBe(true);
      expect(refusal(sut(change({ terms: { pseudonym: 'Amal Haddad' } }), hearing))).toEqual({
        code: 'order.pseudonym_is_real_name',
        field: 'pseudonym',
      });
      expect(refusal(sut(change({ terms: { location: 'Suite' } }), hearing))).toEqual({ code: 'order.invalid', field: 'location' });
    });

    it('lets a supporter order keep its own supporter', () => {
      const linked = stored({ id: 'o1', kind: 'supporter', version: 3, terms: { supporterId: 'supporter', capacity: 'supporter' } });
      const d = ok(sut(change({ terms: { supporterId: 'supporter', capacity: 'intermediary' } }), newHearing({ orders: [linked] })));
      expect(d.write).toMatchObject({ terms: { supporterId: 'supporter', capacity: 'intermediary' } });
    });
  });

  describe('revoking an order', () => {
    const order = stored({ id: 'o1', kind: 'audio_only', version: 2, terms: {} });

    it('records who revoked it and why, and bumps the version', () => {
      const d = ok(sut({ type: 'revoke', orderId: 'o1', request: { reason: ' The witness has left ' } }, newHearing({ orders: [order] })));
      expect(d.write).toEqual({ type: 'revoke', orderId: 'o1', fromVersion: 2, reason: 'The witness has left' });
      expect(d.audit).toEqual({
        action: 'hearing.order_revoked',
        orderId: 'o1',
        data: { orderId: 'o1', kind: 'audio_only', participantId: 'witness', version: 3, reason: 'The witness has left' },
      });
    });

    it('refuses to revoke twice, and needs a reason', () => {
      expect(
        refusal(sut({ type: 'revoke', orderId: 'o1', request: { reason: 'r' } }, newHearing({ orders: [{ ...order, revoked: true }] }))),
      ).toEqual({
        code: 'order.revoked',
      });
      expect(refusal(sut({ type: 'revoke', orderId: 'o1', request: { reason: '' } }, newHearing({ orders: [order] })))).toEqual({
        code: 'order.invalid',
        field: 'reason',
      });
    });

    it('still revokes the order of a participant who was since removed', () => {
      const hearing = newHearing({ orders: [{ ...order, participantId: 'gone' } as StoredOrder] });
      expect(ok(sut({ type: 'revoke', orderId: 'o1', request: { reason: 'Removed' } }, hearing)).ok).toBe(true);
    });
  });

  it('compares names regardless of case, spacing and Unicode form', () => {
    expect(sameName('  Amal   HADDAD', 'amal haddad')).toBe(true);
    expect(sameName('Zoe\u0301', 'Zo\u00e9')).toBe(true);
    expect(sameName('Amal', 'Amal Haddad')).toBe(false);
  });
});
