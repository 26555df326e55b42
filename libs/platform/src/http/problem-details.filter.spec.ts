import type { Request } from 'express';
import { DomainError } from '../errors/domain-error';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('ProblemDetailsFilter', () => {
  const sut = new ProblemDetailsFilter();
  const req = { id: 'req-1' } as unknown as Request;

  it('keeps the HTTP status, code and sentence when a detail is named like a problem field', () => {
    const error = new DomainError('conflict', 'order.hearing_ended', 'The hearing has ended.', {
      details: { status: 'closed', code: 'other', detail: 'x', hearingId: 'h1' },
    });
    expect(sut.toProblem(error, req)).toMatchObject({
      status: 409,
      code: 'order.hearing_ended',
      detail: 'The hearing has ended.',
      hearingId: 'h1',
    });
  });
});
