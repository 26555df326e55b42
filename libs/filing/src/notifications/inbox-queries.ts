import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { Clock, DomainError } from '@ejustice/platform';
import type { InboxMessageView, InboxPageView } from '../contract/filing-contract';
import { InboxMessage } from '../entities/notification.entities';

function view(m: InboxMessage): InboxMessageView {
  return {
    id: m.id,
    kind: m.kind,
    subject: m.subject,
    body: m.body,
    data: m.data,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt?.toISOString() ?? null,
  };
}

/** A user's in-app notifications; nobody reads another's inbox. */
@Injectable()
export class InboxQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(userId: string, page: { unread?: boolean; limit: number; offset: number }): Promise<InboxPageView> {
    const where = page.unread ? { userId, readAt: IsNull() } : { userId };
    const [rows, total] = await this.db
      .getRepository(InboxMessage)
      .findAndCount({ where, order: { createdAt: 'DESC', id: 'ASC' }, take: page.limit, skip: page.offset });
    const unread = await this.db.getRepository(InboxMessage).count({ where: { userId, readAt: IsNull() } });
    return { items: rows.map(view), total, unread };
  }

  async markRead(userId: string, id: string): Promise<InboxMessageView> {
    const m = await this.db.getRepository(InboxMessage).findOne({ where: { id, userId } });
    if (!m) throw new DomainError('not_found', 'inbox.not_found', 'There is no such message in your inbox.');
    if (!m.readAt) {
      m.readAt = this.clock.now();
      await this.db.getRepository(InboxMessage).update({ id }, { readAt: m.readAt });
    }
    return view(m);
  }
}
