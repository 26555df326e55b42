import type { NextFunction, Request, Response } from 'express';

/** The bodies the api reads: JSON, multipart forms (filings), forms, and a PDF to verify. */
export const READ_CONTENT_TYPES = ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded', 'application/pdf'];

/**
 * Refuses a body of a type the api reads nowhere (`text/plain`, `application/xml`, ...) with 415,
 * instead of letting it pass unread as if the request had no body: a route whose fields are all
 * optional would otherwise act on a request the client did not mean. A body sent with no type at
 * all is left to the route, as before.
 */
export function refuseUnreadBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || !req.headers['content-type'] || req.is(READ_CONTENT_TYPES)) {
    next();
    return;
  }
  next(
    Object.assign(new Error(`The request body is ${req.headers['content-type']}, which the api does not read.`), {
      type: 'content.type.unsupported',
      status: 415,
    }),
  );
}
