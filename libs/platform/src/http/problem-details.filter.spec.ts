import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import { QueryFailedError } from 'typeorm';
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

  it('logs a failed statement without the values its message quotes, and answers 500 without them', () => {
    const lines: string[] = [];
    const spy = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((...parts: unknown[]) => void lines.push(parts.map(String).join('\n')));
    try {
      const name = 'Mariam Yousef Khalil';
      const error = new QueryFailedError(
        'SELECT * FROM parties WHERE id = $1',
        [name],
        Object.assign(new Error(`invalid input syntax for type uuid: "${name}"`), { code: '22P02' }),
      );
      const problem = sut.toProblem(error, { ...req, method: 'GET' } as unknown as Request);
      expect(problem).toMatchObject({ status: 500, code: 'internal_error' });
      expect(JSON.stringify(problem)).not.toContain(name);
      expect(lines.join('\n')).toContain('[code:22P02]');
      expect(lines.join('\n')).not.toContain(name);
    } finally {
      spy.mockRestore();
    }
  });
});
