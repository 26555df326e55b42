import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { AuditLog, Clock, userActor } from '@ejustice/platform';
import { SessionService } from '../auth/session.service';
import { type AccountChange, type AccountDecision, type AccountFacts, decideAccountChange } from '../domain/account-administration';
import { IdentityErrors } from '../domain/identity-errors';
import type { UserPrincipal } from '../domain/principal';
import type { Role } from '@ejustice/vocabulary/role';
import { UserRoleGrant } from '../entities/user-role-grant.entity';
import { User } from '../entities/user.entity';
import { AccountAccessEvents } from './account-access-events';

export interface AdministerAccountCommand {
  readonly principal: UserPrincipal;
  readonly userId: string;
  readonly change: AccountChange;
}

/** An account as its court's administrator sees it. */
export interface AccountView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly courtId: string;
  readonly roles: Role[];
  readonly disabled: boolean;
  readonly disabledAt: string | null;
}

/**
 * An administrator of a court disables, re-enables or changes the roles of one of its accounts.
 * Both accounts (the administrator's and the one changed) are locked and read afresh in one
 * transaction, in a fixed order: two administrators disabling each other at the same moment
 * cannot both succeed (the second finds themselves disabled), so the court keeps one.
 * Disabling ends the account's sessions in the same transaction. After the commit, a change that
 * narrows the account's access is announced, so that live hearing connections are re-checked.
 */
@Injectable()
export class AdministerAccount {
  private readonly logger = new Logger(AdministerAccount.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: AccountAccessEvents,
  ) {}

  async execute(cmd: AdministerAccountCommand): Promise<AccountView> {
    const decision = await this.db.transaction(async (m) => {
      const { actor, target } = await this.lockAccounts(m, cmd.principal.userId, cmd.userId);
      if (!actor) throw IdentityErrors.unauthenticated();
      const decided = decideAccountChange(actor, target, cmd.change);
      if (decided.kind !== 'unchanged' && target) await this.apply(m, cmd.principal, target, decided);
      return decided;
    });
    if (decision.kind !== 'unchanged') {
      this.logger.log(`execute() ${decision.action} [user:${cmd.userId}] [by:${cmd.principal.userId}]`);
      if (decision.narrowsAccess) await this.events.narrowed(cmd.userId);
    }
    return this.view(cmd.userId);
  }

  private async lockAccounts(m: EntityManager, actorId: string, targetId: string) {
    // Ordered by id: every transaction takes the two locks in the same order, so none deadlocks.
    const users = await m.getRepository(User).find({
      where: { id: In([...new Set([actorId, targetId])]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const grants = await m.getRepository(UserRoleGrant).find({ where: { userId: In(users.map((u) => u.id)) } });
    const facts = (id: string): AccountFacts | null => {
      const user = users.find((u) => u.id === id);
      if (!user) return null;
      return {
        id: user.id,
        courtId: user.courtId,
        disabled: user.disabledAt !== null,
        roles: grants.filter((g) => g.userId === id).map((g) => g.role),
      };
    };
    return { actor: facts(actorId), target: facts(targetId) };
  }

  private async apply(
    m: EntityManager,
    principal: UserPrincipal,
    target: AccountFacts,
    decision: Exclude<AccountDecision, { kind: 'unchanged' }>,
  ): Promise<void> {
    const now = this.clock.now();
    let data: Record<string, unknown>;
    switch (decision.kind) {
      case 'disable': {
        await m.update(User, { id: target.id }, { disabledAt: now });
        data = { endedSessionIds: await this.sessions.endAllFor(m, target.id, 'account_disabled', now) };
        break;
      }
      case 'enable':
        // Sessions ended by the disabling stay ended: the person signs in again.
        await m.update(User, { id: target.id }, { disabledAt: null });
        data = {};
        break;
      case 'set_roles':
        if (decision.withdrawn.length > 0) await m.delete(UserRoleGrant, { userId: target.id, role: In(decision.withdrawn) });
        if (decision.granted.length > 0)
          await m.insert(
            UserRoleGrant,
            decision.granted.map((role) => ({ userId: target.id, role })),
          );
        data = { from: decision.from, to: decision.to };
        break;
    }
    await this.audit.record(m, {
      action: decision.action,
      actor: userActor(principal.userId),
      subject: { type: 'user', id: target.id },
      courtId: target.courtId,
      data,
    });
  }

  private async view(userId: string): Promise<AccountView> {
    const user = await this.db.getRepository(User).findOneOrFail({ where: { id: userId }, relations: { roleGrants: true } });
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      courtId: user.courtId,
      roles: user.roles,
      disabled: user.disabledAt !== null,
      disabledAt: user.disabledAt?.toISOString() ?? null,
    };
  }
}
