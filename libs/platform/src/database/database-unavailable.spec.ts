import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('is true when the pool found no connection in time, as pg-pool says it', () => {
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
  });

  it('is true when the server dropped the connection, as pg says it', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
  });

  it('is false for a bare socket error, which another service (the document store) may as well have raised', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND']) expect(isDatabaseUnavailable(withCode(code))).toBe(false);
  });

  it('is true for a server shutting down, starting up, full or dropping the connection, also inside a QueryFailedError', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08003', '08000']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
      expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], withCode(code)))).toBe(true);
    }
  });

  it('is false for a statement the database refused, and for anything else', () => {
    for (const code of ['23505', '23503', '40001', '40P01', '42601', '22P02', '57014']) {
      expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], withCode(code)))).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('timeout exceeded'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('ENOENT'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('08006x'))).toBe(false);
    expect(isDatabaseUnavailable('timeout exceeded when trying to connect')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
