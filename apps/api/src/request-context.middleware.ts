import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '@ejustice/platform';

/** Makes the request id (assigned by the logger's middleware) available to audit events. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request & { id?: string }, _res: Response, next: NextFunction): void {
    RequestContext.run({ requestId: String(req.id ?? 'unknown') }, next);
  }
}
