import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { SqlLogger, describeSqlError } from './sql-logger';

describe('SqlLogger', () => {
  const NAME = 'Mariam Yousef Khalil';
  let lines: string[];

  beforeEach(() => {
    lines = [];
    for (const level of ['error', 'warn', 'log', 'debug'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...parts: unknown[]) => void lines.push(String(parts[0])));
    }
  });

  afterEach(() => jest.restoreAllMocks());

  function failed(message: string, fields: Record<string, string>): QueryFailedError {
    return new QueryFailedError(
      'INSERT INTO parties (full_name, email) VALUES ($1, $2)',
      [NAME, 'mariam@example.org'],
      Object.assign(new Error(message), fields),
    );
  }

  it('logs a failed statement with its error code and constraint but never its parameters', () => {
    const error = failed('duplicate key value violates unique constraint "parties_email_key"', {
      code: '23505',
      constraint: 'parties_email_key',
      table: 'parties',
    });
    new SqlLogger(false).logQueryError(error, error.query, error.parameters as unknown[]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[code:23505]');
    expect(lines[0]).toContain('[constraint:parties_email_key]');
    expect(lines[0]).toContain('INSERT INTO parties');
    expect(lines[0]).toContain('[parameters:2]');
    expect(lines[0]).not.toContain(NAME);
    expect(lines[0]).not.toContain('mariam@example.org');
  });

  it('takes out the values PostgreSQL quotes in its own messages', () => {
    const syntax = failed(`invalid input syntax for type uuid: "${NAME}"`, { code: '22P02' });
    const range = failed(`value "${NAME}" is out of range for type integer`, { code: '22003' });
    expect(describeSqlError(syntax)).toBe('invalid input syntax for type uuid: "[value]" [code:22P02]');
    expect(describeSqlError(range)).toBe('value "[value]" is out of range for type integer [code:22003]');
    new SqlLogger(false).logQueryError(`invalid input syntax for type uuid: "${NAME}"`, 'SELECT 1', [NAME]);
    expect(lines.join('\n')).not.toContain(NAME);
  });

  it('logs statements only when asked to, and then without their parameters', () => {
    new SqlLogger(false).logQuery('SELECT * FROM parties WHERE full_name = $1', [NAME]);
    expect(lines).toEqual([]);
    new SqlLogger(true).logQuery('SELECT * FROM parties WHERE full_name = $1', [NAME]);
    new SqlLogger(true).logQuerySlow(1200, 'SELECT * FROM parties WHERE full_name = $1', [NAME]);
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(NAME);
  });
});
