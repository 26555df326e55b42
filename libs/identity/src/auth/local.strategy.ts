import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { User } from '../entities/user.entity';
import { AuthenticateUser } from './authenticate-user.use-case';

/** passport-local, fed the whole request so the client address reaches the rate limiter. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly authenticateUser: AuthenticateUser) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: string, password: string): Promise<User> {
    return this.authenticateUser.execute({ email, password, clientAddress: req.ip ?? 'unknown' });
  }
}
