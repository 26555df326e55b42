import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthenticateUser } from './auth/authenticate-user.use-case';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { LoginRateLimiter } from './auth/login-rate-limiter';
import { PasswordHasher } from './auth/password-hasher';
import { SessionService } from './auth/session.service';
import { Court } from './entities/court.entity';
import { LoginThrottle } from './entities/login-throttle.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { UserRoleGrant } from './entities/user-role-grant.entity';
import { User } from './entities/user.entity';
import { TokenService } from './tokens/token.service';
import { AccountAccessEvents } from './users/account-access-events';
import { AdministerAccount } from './users/administer-account.use-case';
import { UsersService } from './users/users.service';

export const IDENTITY_ENTITIES = [Court, User, UserRoleGrant, Session, RefreshToken, LoginThrottle];

@Module({
  imports: [PassportModule, JwtModule.register({}), TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  providers: [
    PasswordHasher,
    LoginRateLimiter,
    AuthenticateUser,
    SessionService,
    TokenService,
    UsersService,
    AdministerAccount,
    AccountAccessEvents,
    LocalStrategy,
    JwtStrategy,
  ],
  exports: [PasswordHasher, SessionService, TokenService, UsersService, AdministerAccount, AccountAccessEvents, TypeOrmModule],
})
export class IdentityModule {}
