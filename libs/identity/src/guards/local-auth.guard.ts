import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { IdentityErrors } from '../domain/identity-errors';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw err;
    // passport-local fails without calling validate() when a field is missing altogether.
    if (!user) throw IdentityErrors.invalidCredentials();
    return user;
  }
}
