import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { DomainError, flattenValidationErrors } from '@ejustice/platform';
import type { User } from '../entities/user.entity';
import { AuthenticateUser } from './authenticate-user.use-case';
import { LoginDto } from './login.dto';

/**
 * passport-local, fed the whole request so the client address reaches the rate limiter.
 * Guards run before pipes, so the body is validated here to give a 400 for a malformed request
 * instead of a misleading 401.
 */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly authenticateUser: AuthenticateUser) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: string, password: string): Promise<User> {
    const dto = plainToInstance(LoginDto, req.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      const fields = flattenValidationErrors(errors);
      throw new DomainError('invalid', 'validation_failed', `The request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}.`, { fields });
    }
    return this.authenticateUser.execute({ email, password, clientAddress: req.ip ?? 'unknown' });
  }
}
