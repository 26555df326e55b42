import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, AuditLog, Clock, participantActor, returnedRows, userActor } from '@ejustice/platform';
import { maskProtectedNames } from '@ejustice/cases/domain/protected-names';
import { Court, TokenService, type UserPrincipal, generateOpaqueToken, hashToken, isWellFormedToken } from '@ejustice/identity';
import { HearingErrors } from '../domain/hearing-errors';
import { HearingLink } from '../entities/hearing-link.entity';
import { HearingParticipant } from '../entities/hearing-participant.entity';
import { Hearing } from '../entities/hearing.entity';
import { HearingNoticePublisher } from '../notices/hearing-notice.publisher';
import { hiddenHearingNames } from '../room/hearing-names';
import { RoomLedger } from '../room/room-ledger.service';
import { assertCanManageHearing, lockedParticipant, openHearingToManage } from '../services/hearing-access';
import type { HearingSessionGrant, IssuedHearingLinkView, ParticipantLinksView } from './hearing-link-views';
import { type LinkHistoryRow, toLinkView } from './link-history';
import { linkOrigin } from './link-origin';

/**
 * One-time hearing links for people without accounts (witnesses, supporters, interpreters from
 * outside the court). Issued by the court, exchanged once for a hearing-scoped session token.
 */
@Injectable()
export class HearingLinks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notices: HearingNoticePublisher,
    private readonly ledger: RoomLedger,
  ) {}

  /**
   * Issues a link for a participant. Every older link of theirs is revoked, used or not, and with
   * it the session it opened: a witness holds exactly one working link, the one the court sent
   * last, and whoever exchanged an intercepted earlier one is cut off (no more join tickets, no
   * new connection). Links are for people without accounts: the bench and account holders join
   * through their own signed-in session, so their powers and the audit name the person.
   */
  async issue(cmd: {
    principal: UserPrincipal;
    hearingId: string;
    participantId: string;
    ttlHours?: number;
  }): Promise<IssuedHearingLinkView> {
    const issued = await this.db.transaction(async (m) => {
      const hearing = await openHearingToManage(m, cmd.principal, cmd.hearingId, false);
      // Locked, so that links issued for one participant at the same moment are issued one after
      // the other: each withdraws the one before, and exactly one is left working.
      const participant = await lockedParticipant(m, hearing, cmd.participantId);
      if (participant.state === 'removed') throw HearingErrors.participantRemoved();
      if (!joinsByLink(participant)) throw HearingErrors.linkNotForAccount();
      const now = this.clock.now();
      const token = generateOpaqueToken();
      const expiresAt = new Date(now.getTime() + (cmd.ttlHours ?? this.config.auth.hearingLinkTtlHours) * 3_600_000);
      const link = await m.save(
        m.create(HearingLink, {
          hearingId: hearing.id,
          participantId: participant.id,
          tokenHash: hashToken(token),
          createdBy: cmd.principal.userId,
          createdAt: now,
          expiresAt,
          usedAt: null,
          revokedAt: null,
        }),
      );
      const withdrawn = returnedRows<{ id: string }>(
        await m.query(
          `UPDATE hearing_links SET revoked_at = $1, revoked_by = $2, revoke_cause = 'replaced', replaced_by = $3
            WHERE participant_id = $4 AND revoked_at IS NULL AND id <> $3 RETURNING id`,
          [now, cmd.principal.userId, link.id, participant.id],
        ),
      );
      await this.audit.record(m, {
        action: 'hearing_link.issued',
        actor: userActor(cmd.principal.userId),
        subject: { type: 'hearing_link', id: link.id },
        courtId: hearing.courtId,
        caseId: hearing.caseId,
        hearingId: hearing.id,
        data: { participantId: participant.id, expiresAt, withdrawnLinkIds: withdrawn.map((w) => w.id) },
      });
      return {
        withdrew: withdrawn.length > 0,
        link: {
          linkId: link.id,
          token,
          url: `${this.config.http.publicUrl.replace(/\/$/, '')}/join/${token}`,
          expiresAt: expiresAt.toISOString(),
        },
      };
    });
    // Whoever holds a withdrawn link's session is cut off now, not at their next connection.
    if (issued.withdrew) await this.notices.accessChanged(cmd.hearingId);
    return issued.link;
  }

  async revoke(cmd: { principal: UserPrincipal; linkId: string }): Promise<void> {
    const hearingId = await this.db.transaction(async (m) => {
      const link = await m.getRepository(HearingLink).findOne({ where: { id: cmd.linkId }, lock: { mode: 'pessimistic_write' } });
      if (!link) throw HearingErrors.linkNotFound();
      const hearing = await m.getRepository(Hearing).findOneByOrFail({ id: link.hearingId });
      assertCanManageHearing(cmd.principal, hearing);
      // Revoked or replaced already: the first ending stands, with its author and cause.
      if (link.revokedAt) return null;
      await m.update(
        HearingLink,
        { id: link.id },
        { revokedAt: this.clock.now(), revokedBy: cmd.principal.userId, revokeCause: 'revoked' },
      );
      await this.audit.record(m, {
        action: 'hearing_link.revoked',
        actor: userActor(cmd.principal.userId),
        subject: { type: 'hearing_link', id: link.id },
        courtId: hearing.courtId,
        caseId: hearing.caseId,
        hearingId: hearing.id,
        data: { participantId: link.participantId, wasUsed: link.usedAt !== null, cause: 'revoked' },
      });
      return hearing.id;
    });
    if (hearingId) await this.notices.accessChanged(hearingId);
  }

  /**
   * Exchanges a link for a hearing session token, once. The conditional UPDATE is the single
   * point of truth: of two simultaneous exchanges of one link, exactly one finds it unused.
   * `from` is where the request came from (the client address as the api resolves it behind its
   * trusted proxies, and the User-Agent), kept with the link for the court to see.
   */
  async exchange(token: string, from: { address?: string | null; userAgent?: string | null } = {}): Promise<HearingSessionGrant> {
    if (!isWellFormedToken(token)) throw HearingErrors.linkNotFound();
    const origin = linkOrigin(from);
    const outcome = await this.db.transaction(async (m) => {
      const now = this.clock.now();
      const link = await m
        .getRepository(HearingLink)
        .createQueryBuilder('l')
        .where('l.token_hash = :hash', { hash: hashToken(token) })
        .setLock('pessimistic_write')
        .getOne();
      if (!link) return { error: HearingErrors.linkNotFound() };
      if (link.revokedAt) return { error: HearingErrors.linkRevoked() };
      if (link.usedAt) return { error: HearingErrors.linkUsed() };
      if (link.expiresAt <= now) return { error: HearingErrors.linkExpired() };
      const hearing = await m.getRepository(Hearing).findOneByOrFail({ id: link.hearingId });
      if (hearing.status === 'closed') return { error: HearingErrors.closed() };
      const participant = await m.getRepository(HearingParticipant).findOneByOrFail({ id: link.participantId });
      if (participant.state === 'removed') return { error: HearingErrors.participantRemoved() };
      const claimed = await m
        .createQueryBuilder()
        .update(HearingLink)
        .set({ usedAt: now, usedFromAddress: origin.address, usedUserAgent: origin.userAgent })
        .where('id = :id AND used_at IS NULL AND revoked_at IS NULL', { id: link.id })
        .execute();
      if (claimed.affected !== 1) return { error: HearingErrors.linkUsed() };
      await this.audit.record(m, {
        action: 'hearing_link.exchanged',
        actor: participantActor(participant.id),
        subject: { type: 'hearing_link', id: link.id },
        courtId: hearing.courtId,
        caseId: hearing.caseId,
        hearingId: hearing.id,
        data: { participantId: participant.id },
      });
      return { hearing, participant, link };
    });
    if ('error' in outcome) throw outcome.error;
    const { hearing, participant, link } = outcome;
    const session = this.tokens.signHearingToken({
      participantId: participant.id,
      hearingId: hearing.id,
      hearingRole: participant.hearingRole,
      linkId: link.id,
    });
    // The title and even their own display name were typed by the court, and may name someone
    // the person holding the link may not know (see hiddenHearingNames).
    const room = await this.ledger.loadRoom(hearing.id);
    if (!room) throw HearingErrors.notFound();
    const court = await this.db.getRepository(Court).findOneByOrFail({ id: hearing.courtId });
    const names = hiddenHearingNames(
      { participants: room.state.participants, orders: room.state.orders, shield: room.shield },
      { id: participant.id, role: participant.hearingRole },
    );
    return {
      sessionToken: session.token,
      expiresAt: session.expiresAt.toISOString(),
      hearing: {
        id: hearing.id,
        title: maskProtectedNames(hearing.title, names),
        scheduledStart: hearing.scheduledStart.toISOString(),
        courtTimeZone: court.timeZone,
      },
      participant: {
        id: participant.id,
        hearingRole: participant.hearingRole,
        displayName: maskProtectedNames(participant.displayName, names),
      },
    };
  }

  /**
   * A participant's links, newest first: issued when and by whom, used when and from where, and
   * how each ended. For the judges and clerks of the hearing's court; anyone else is told there
   * is no such hearing, as for every other hearing they may not run.
   */
  async list(cmd: { principal: UserPrincipal; hearingId: string; participantId: string }): Promise<ParticipantLinksView> {
    const hearing = await this.db.getRepository(Hearing).findOne({ where: { id: cmd.hearingId } });
    if (!hearing || !runsHearingsOf(cmd.principal, hearing.courtId)) throw HearingErrors.notFound();
    const participant = await this.db
      .getRepository(HearingParticipant)
      .findOne({ where: { id: cmd.participantId, hearingId: hearing.id } });
    if (!participant) throw HearingErrors.participantNotFound();
    const rows: LinkHistoryRow[] = await this.db.query(
      `SELECT l.id, l.created_at, l.created_by, cb.display_name AS created_by_name, l.expires_at,
              l.used_at, host(l.used_from_address) AS used_from_address, l.used_user_agent,
              l.revoked_at, l.revoked_by, rb.display_name AS revoked_by_name, l.revoke_cause, l.replaced_by
         FROM hearing_links l
         LEFT JOIN users cb ON cb.id = l.created_by
         LEFT JOIN users rb ON rb.id = l.revoked_by
        WHERE l.participant_id = $1 AND l.hearing_id = $2
        ORDER BY l.created_at DESC, l.id DESC`,
      [participant.id, hearing.id],
    );
    const now = this.clock.now();
    return { participantId: participant.id, joinsByLink: joinsByLink(participant), links: rows.map((row) => toLinkView(row, now)) };
  }

  /**
   * Whether a hearing session token issued from a link is still honoured: the link was not
   * revoked after use and the participant was not removed. Checked on every connection.
   */
  async isSessionValid(linkId: string, participantId: string): Promise<boolean> {
    const link = await this.db.getRepository(HearingLink).findOne({ where: { id: linkId, participantId } });
    if (!link || link.revokedAt) return false;
    const participant = await this.db.getRepository(HearingParticipant).findOne({ where: { id: participantId } });
    return participant !== null && participant.state !== 'removed';
  }
}

/** Links are for people without accounts: the bench and account holders join signed in. */
function joinsByLink(participant: Pick<HearingParticipant, 'userId' | 'hearingRole'>): boolean {
  return participant.userId === null && participant.hearingRole !== 'judge' && participant.hearingRole !== 'clerk';
}

function runsHearingsOf(principal: UserPrincipal, courtId: string): boolean {
  return principal.courtId === courtId && principal.roles.some((r) => r === 'judge' || r === 'clerk');
}
