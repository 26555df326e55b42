import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { DomainError, flattenValidationErrors } from '@ejustice/platform';
import { LoginDto } from '../auth/login.dto';
import { IdentityErrors } from '../domain/identity-errors';

/**
 * Guards run before pipes, and passport-local silently fails on an empty field, so the body is
 * validated here: a malformed sign-in gets a 400 listing its fields, not a misleading 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<Request>().body;
    const dto = plainToInstance(LoginDto, body && typeof body === 'object' ? body : {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      const fields = flattenValidationErrors(errors);
      throw new DomainError(
        'invalid',
        'validation_failed',
        `The request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}.`,
        { fields },
      );
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw err;
    if (!user) throw IdentityErrors.invalidCredentials();
    return user;
  }
}
