import { ORDER_ERROR_CODES, OrderErrors } from './order-errors';

/** Members of an RFC 9457 problem document as the api writes it; `details` are spread beside them. */
const PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'code', 'instance', 'requestId', 'errors', 'retryAfterSeconds'];

describe('order errors', () => {
  const errors = [
    OrderErrors.notFound(),
    OrderErrors.forbidden(),
    OrderErrors.readForbidden(),
    OrderErrors.invalid('pseudonym', 'Give a pseudonym.'),
    OrderErrors.conflict(3),
    OrderErrors.revoked(),
    OrderErrors.alreadyInForce('anonymity', 'o1'),
    OrderErrors.alreadyInForce(null, null),
    OrderErrors.supporterTaken('o1'),
    OrderErrors.supporterTaken(null),
    OrderErrors.subjectInvalid('participantId', 'A witness or a victim.'),
    OrderErrors.participantNotFound('participantId'),
    OrderErrors.participantRemoved('participantId'),
    OrderErrors.pseudonymIsRealName(),
    OrderErrors.pseudonymTaken(),
    OrderErrors.hearingEnded('closed'),
  ];

  it('uses every catalogued code, and only those', () => {
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(ORDER_ERROR_CODES));
  });

  it.each(errors.map((e) => [e.code, e] as const))('%s: details never shadow a member of the problem document', (_code, error) => {
    expect(Object.keys(error.details ?? {}).filter((key) => PROBLEM_MEMBERS.includes(key))).toEqual([]);
  });

  it.each(errors.map((e) => [e.code, e] as const))('%s: says what to do in a sentence', (_code, error) => {
    expect(error.message).toMatch(/^[A-Z].+\.$/);
  });
});
