import type { NextFunction, Request, Response } from 'express';
import { refuseUnreadBodies } from './unread-body';

function request(headers: Record<string, string>): Request {
  // Express's req.is over these headers, as the real request answers it.
  const req = { headers } as unknown as Request;
  req.is = ((types: string[]) => {
    const type = (headers['content-type'] ?? '').split(';')[0].trim();
    return types.includes(type) ? type : false;
  }) as Request['is'];
  return req;
}

function outcome(headers: Record<string, string>): unknown {
  let passed: unknown = 'not called';
  refuseUnreadBodies(request(headers), {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
  return passed;
}

describe('refuseUnreadBodies', () => {
  it('refuses a body of a type the api reads nowhere with 415', () => {
    expect(outcome({ 'content-type': 'text/plain', 'content-length': '5' })).toEqual(
      expect.objectContaining({ type: 'content.type.unsupported', status: 415 }),
    );
    expect(outcome({ 'content-type': 'application/xml', 'transfer-encoding': 'chunked' })).toEqual(
      expect.objectContaining({ status: 415 }),
    );
  });

  it('lets JSON, forms, multipart, a PDF, an empty body and a body without a type through', () => {
    for (const type of [
      'application/json; charset=utf-8',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/pdf',
    ])
      expect(outcome({ 'content-type': type, 'content-length': '10' })).toBeUndefined();
    expect(outcome({ 'content-type': 'text/plain', 'content-length': '0' })).toBeUndefined();
    expect(outcome({ 'content-length': '10' })).toBeUndefined();
  });
});
