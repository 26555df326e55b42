import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditLog, DomainError } from '@ejustice/platform';
import { PasswordHasher } from '../auth/password-hasher';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password-policy';
import { normaliseEmail } from '../auth/authenticate-user.use-case';
import type { UserProfile } from '../contract/identity-contract';
import { IdentityErrors } from '../domain/identity-errors';
import type { Role } from '@ejustice/vocabulary/role';
import { Court } from '../entities/court.entity';
import { UserRoleGrant } from '../entities/user-role-grant.entity';
import { User } from '../entities/user.entity';

export interface CreateUserCommand {
  readonly courtId: string;
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  readonly roles: readonly Role[];
  readonly actor: Actor;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
  ) {}

  /** Creates an account with its roles, in the given transaction or a new one. */
  async create(cmd: CreateUserCommand, manager?: EntityManager): Promise<User> {
    if (cmd.password.length < PASSWORD_MIN_LENGTH || cmd.password.length > PASSWORD_MAX_LENGTH) {
      throw new DomainError(
        'invalid',
        'user.weak_password',
        `A password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`,
      );
    }
    if (cmd.roles.length === 0) throw IdentityErrors.noRole();
    const passwordHash = await this.hasher.hash(cmd.password);
    const work = async (m: EntityManager) => {
      const email = normaliseEmail(cmd.email);
      if (await m.getRepository(User).exists({ where: { email } })) {
        throw new DomainError('conflict', 'user.email_taken', 'An account with this e-mail address already exists.');
      }
      const user = await m.save(
        m.create(User, { courtId: cmd.courtId, email, displayName: cmd.displayName, passwordHash, disabledAt: null }),
      );
      await m.insert(
        UserRoleGrant,
        [...new Set(cmd.roles)].map((role) => ({ userId: user.id, role })),
      );
      await this.audit.record(m, {
        action: 'user.created',
        actor: cmd.actor,
        subject: { type: 'user', id: user.id },
        courtId: cmd.courtId,
        data: { roles: [...new Set(cmd.roles)].sort() },
      });
      return m.getRepository(User).findOneOrFail({ where: { id: user.id }, relations: { roleGrants: true } });
    };
    return manager ? work(manager) : this.db.transaction(work);
  }

  async profile(userId: string): Promise<UserProfile> {
    const user = await this.db.getRepository(User).findOne({ where: { id: userId }, relations: { roleGrants: true } });
    if (!user) throw IdentityErrors.userNotFound();
    const court = await this.db.getRepository(Court).findOneByOrFail({ id: user.courtId });
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      courtId: user.courtId,
      courtName: court.name,
      courtTimeZone: court.timeZone,
      roles: user.roles,
    };
  }
}
