import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, AuditLog, Clock, participantActor, userActor } from '@ejustice/platform';
import { TokenService, type UserPrincipal, generateOpaqueToken, hashToken, isWellFormedToken } from '@ejustice/identity';
import { HearingErrors } from '../domain/hearing-errors';
import type { HearingRole } from '../domain/hearing-role';
import { HearingLink } from '../entities/hearing-link.entity';
import { HearingParticipant } from '../entities/hearing-participant.entity';
import { Hearing } from '../entities/hearing.entity';
import { HearingNoticePublisher } from '../notices/hearing-notice.publisher';
import { assertCanManageHearing } from '../services/hearing-access';

export interface IssuedHearingLink {
  readonly linkId: string;
  /** Shown once, to the clerk who sends it; only its hash is stored. */
  readonly token: string;
  readonly url: string;
  readonly expiresAt: Date;
}

export interface HearingSessionGrant {
  readonly sessionToken: string;
  readonly expiresAt: Date;
  readonly hearing: { readonly id: string; readonly title: string; readonly scheduledStart: Date };
  readonly participant: { readonly id: string; readonly hearingRole: HearingRole; readonly displayName: string };
}

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
  ) {}

  /**
   * Issues a link for a participant. Every older link of theirs is revoked, used or not, and with
   * it the session it opened: a witness holds exactly one working link, the one the court sent
   * last, and whoever exchanged an intercepted earlier one is cut off (no more join tickets, no
   * new connection). Links are for people without accounts: the bench and account holders join
   * through their own signed-in session, so their powers and the audit name the person.
   */
  async issue(cmd: { principal: UserPrincipal; hearingId: string; participantId: string; ttlHours?: number }): Promise<IssuedHearingLink> {
    const issued = await this.db.transaction(async (m) => {
      const hearing = await m.getRepository(Hearing).findOne({ where: { id: cmd.hearingId } });
      if (!hearing) throw HearingErrors.notFound();
      assertCanManageHearing(cmd.principal, hearing);
      if (hearing.status === 'closed') throw HearingErrors.closed();
      const participant = await m.getRepository(HearingParticipant).findOne({ where: { id: cmd.participantId, hearingId: hearing.id } });
      if (!participant) throw HearingErrors.participantNotFound();
      if (participant.state === 'removed') throw HearingErrors.participantRemoved();
      if (participant.userId !== null || participant.hearingRole === 'judge' || participant.hearingRole === 'clerk')
        throw HearingErrors.linkNotForAccount();
      const now = this.clock.now();
      const withdrawn: { id: string }[] = await m
        .query('UPDATE hearing_links SET revoked_at = $1 WHERE participant_id = $2 AND revoked_at IS NULL RETURNING id', [
          now,
          participant.id,
        ])
        .then((result: unknown) => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : (result as { id: string }[])));
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
        link: { linkId: link.id, token, url: `${this.config.http.publicUrl.replace(/\/$/, '')}/join/${token}`, expiresAt },
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
      if (link.revokedAt) return null;
      await m.update(HearingLink, { id: link.id }, { revokedAt: this.clock.now() });
      await this.audit.record(m, {
        action: 'hearing_link.revoked',
        actor: userActor(cmd.principal.userId),
        subject: { type: 'hearing_link', id: link.id },
        courtId: hearing.courtId,
        caseId: hearing.caseId,
        hearingId: hearing.id,
        data: { participantId: link.participantId, wasUsed: link.usedAt !== null },
      });
      return hearing.id;
    });
    if (hearingId) await this.notices.accessChanged(hearingId);
  }

  /**
   * Exchanges a link for a hearing session token, once. The conditional UPDATE is the single
   * point of truth: of two simultaneous exchanges of one link, exactly one finds it unused.
   */
  async exchange(token: string): Promise<HearingSessionGrant> {
    if (!isWellFormedToken(token)) throw HearingErrors.linkNotFound();
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
        .set({ usedAt: now })
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
    return {
      sessionToken: session.token,
      expiresAt: session.expiresAt,
      hearing: { id: hearing.id, title: hearing.title, scheduledStart: hearing.scheduledStart },
      participant: { id: participant.id, hearingRole: participant.hearingRole, displayName: participant.displayName },
    };
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
