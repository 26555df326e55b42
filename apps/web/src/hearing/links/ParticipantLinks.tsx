import type { HearingLinkView, IssuedHearingLinkView, ParticipantLinksView } from '@ejustice/hearings/links/hearing-link-views';
import type { i18n as I18n } from 'i18next';
import { useCallback, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { isApiError } from '../../api/problem';
import { ResourceStates } from '../../api/ResourceStates';
import { useApiResource } from '../../api/use-api-resource';
import { errorMessage } from '../../i18n/error-message';
import { useCourtTime } from '../../i18n/use-court-time';
import { ConfirmButton } from '../room/ConfirmButton';
import { type ParticipantLinksClient, participantLinksClient } from './links-api';

const defaultClient = participantLinksClient(api);

/**
 * A refusal of a link action in words a clerk can act on. The generic sentences for these codes
 * speak to the witness holding the link ("ask the court for a new one"); here the reader is the court.
 */
export function linkActionError(error: unknown, i18n: Pick<I18n, 't' | 'exists'>): string {
  if (isApiError(error)) {
    if (error.code === 'hearing_link.not_found') return i18n.t('participantLinks.errors.linkGone');
    if (error.code === 'auth.forbidden') return i18n.t('participantLinks.errors.forbidden');
    if (error.code === 'hearing.not_found') return i18n.t('participantLinks.errors.hearingGone');
  }
  return errorMessage(error, i18n);
}

interface ParticipantLinksProps {
  hearingId: string;
  participantId: string;
  /** How the participant is named on screen, for the confirmation question. */
  participantName: string;
  /** False for someone removed from the hearing: their links' story is kept, but none is issued. */
  mayIssue?: boolean;
  client?: ParticipantLinksClient;
}

/**
 * The links issued to one participant, newest first, each in plain words (issued, used when and
 * from where, revoked by whom or replaced), with Revoke on those still live, and a new link to
 * issue. Revoking a used link ends the session it opened: the media node drops the connection at
 * once; issuing a new one withdraws every earlier one, so that one asks first.
 */
export function ParticipantLinks({
  hearingId,
  participantId,
  participantName,
  mayIssue = true,
  client = defaultClient,
}: ParticipantLinksProps) {
  const { t, i18n } = useTranslation();
  const load = useCallback((signal: AbortSignal) => client.list(hearingId, participantId, signal), [client, hearingId, participantId]);
  const { state, reload } = useApiResource(load);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState<{ action: 'revoke' | 'issue'; error: unknown } | null>(null);
  const [issued, setIssued] = useState<IssuedHearingLinkView | null>(null);

  const issue = async () => {
    setBusy(true);
    setDone('');
    setFailure(null);
    setIssued(null);
    try {
      setIssued(await client.issue(hearingId, participantId));
      reload();
    } catch (error) {
      setFailure({ action: 'issue', error });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (link: HearingLinkView) => {
    setBusy(true);
    setDone('');
    setFailure(null);
    setIssued(null);
    try {
      await client.revoke(link.id);
      setDone(t('participantLinks.revokedDone'));
      reload();
    } catch (error) {
      setFailure({ action: 'revoke', error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="participant-links" aria-busy={state.status === 'loading' || busy}>
      <p role="status" className="participant-links__done">
        {done}
      </p>
      {failure !== null && (
        <div className="notice notice--error" role="alert">
          <p>
            {t(failure.action === 'issue' ? 'participantLinks.errors.issueFailed' : 'participantLinks.errors.revokeFailed')}{' '}
            {linkActionError(failure.error, i18n)}
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setFailure(null);
              reload();
            }}
          >
            {t('participantLinks.reload')}
          </button>
        </div>
      )}
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={() => false}
        messages={{ loading: t('participantLinks.loading'), loadFailed: t('participantLinks.loadFailed'), empty: '', emptyHint: '' }}
      />
      {issued && <IssuedLink issued={issued} participantName={participantName} />}
      {state.status === 'loaded' && (
        <ParticipantLinksList
          view={state.data}
          busy={busy}
          participantName={participantName}
          onRevoke={(link) => void revoke(link)}
          onIssue={mayIssue ? () => void issue() : undefined}
        />
      )}
    </div>
  );
}

/** The link just issued: shown this once (only its hash is kept), to copy and send to the participant. */
export function IssuedLink({ issued, participantName }: { issued: IssuedHearingLinkView; participantName: string }) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  return (
    <div className="notice participant-links__issued" role="status">
      <p>{t('participantLinks.issuedNow', { name: participantName, date: courtTime.dateTime(issued.expiresAt) })}</p>
      <input
        readOnly
        dir="ltr"
        value={issued.url}
        aria-label={t('participantLinks.linkFor', { name: participantName })}
        onFocus={(event) => event.currentTarget.select()}
      />
    </div>
  );
}

interface ParticipantLinksListProps {
  view: ParticipantLinksView;
  busy: boolean;
  participantName?: string;
  onRevoke: (link: HearingLinkView) => void;
  onIssue?: () => void;
}

export function ParticipantLinksList({ view, busy, participantName, onRevoke, onIssue }: ParticipantLinksListProps) {
  const { t } = useTranslation();
  if (!view.joinsByLink) return <p className="muted">{t('participantLinks.noLinkNeeded')}</p>;
  // A live link (not yet used, or in use) is withdrawn by a new one: that asks first.
  const live = view.links.some((link) => link.revocable);
  const issue =
    onIssue &&
    (live ? (
      <ConfirmButton
        label={t('participantLinks.issueNew')}
        question={t('participantLinks.issueNewQuestion', { name: participantName ?? '' })}
        confirmLabel={t('participantLinks.issueNew')}
        className="button button--secondary"
        disabled={busy}
        onConfirm={onIssue}
      />
    ) : (
      <button type="button" className="button button--secondary" disabled={busy} onClick={onIssue}>
        {t('participantLinks.issue')}
      </button>
    ));
  return (
    <>
      {view.links.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{t('participantLinks.empty')}</p>
          <p className="muted">{t('participantLinks.emptyHint')}</p>
        </div>
      ) : (
        <ul className="people participant-links__list">
          {view.links.map((link) => (
            <LinkItem key={link.id} link={link} busy={busy} participantName={participantName} onRevoke={onRevoke} />
          ))}
        </ul>
      )}
      {issue && <div className="person__actions">{issue}</div>}
    </>
  );
}

function LinkItem({
  link,
  busy,
  participantName,
  onRevoke,
}: {
  link: HearingLinkView;
  busy: boolean;
  participantName?: string;
  onRevoke: (link: HearingLinkView) => void;
}) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  // On the court's clock, the one the clerk compares with what the witness tells them on the phone.
  const when = (iso: string) => courtTime.dateTime(iso);
  const issued = when(link.issuedAt);
  return (
    <li className="person" data-link-id={link.id}>
      <p className="person__head">
        <span className="person__name">{t(`participantLinks.status.${link.status}`)}</span>
      </p>
      <ul className="order__terms">
        <li>
          {link.issuedBy ? (
            <Trans
              i18nKey="participantLinks.issuedBy"
              values={{ date: issued }}
              components={{ name: <bdi>{link.issuedBy.displayName}</bdi> }}
            />
          ) : (
            t('participantLinks.issued', { date: issued })
          )}
        </li>
        {link.used && <UsedLine used={link.used} date={when(link.used.at)} />}
        {link.status === 'unused' && <li>{t('participantLinks.expires', { date: when(link.expiresAt) })}</li>}
        {link.status === 'expired' && <li>{t('participantLinks.expired', { date: when(link.expiresAt) })}</li>}
        {link.revoked?.cause === 'replaced' && <li>{t('participantLinks.replaced', { date: when(link.revoked.at) })}</li>}
        {link.revoked?.cause === 'revoked' && (
          <li>
            {link.revoked.by ? (
              <Trans
                i18nKey="participantLinks.revokedBy"
                values={{ date: when(link.revoked.at) }}
                components={{ name: <bdi>{link.revoked.by.displayName}</bdi> }}
              />
            ) : (
              t('participantLinks.revoked', { date: when(link.revoked.at) })
            )}
          </li>
        )}
        {link.status === 'used' && <li>{t('participantLinks.sessionOpen')}</li>}
      </ul>
      {link.revocable && (
        <div className="person__actions">
          <ConfirmButton
            label={t('participantLinks.revoke')}
            ariaLabel={t('participantLinks.revokeLabel', { date: issued })}
            question={
              link.status === 'used'
                ? t('participantLinks.revokeUsedQuestion', { name: participantName ?? '' })
                : t('participantLinks.revokeQuestion', { name: participantName ?? '' })
            }
            confirmLabel={t('participantLinks.revokeConfirm')}
            className="button button--secondary"
            disabled={busy}
            onConfirm={() => onRevoke(link)}
          />
        </div>
      )}
    </li>
  );
}

function UsedLine({ used, date }: { used: NonNullable<HearingLinkView['used']>; date: string }) {
  const { t } = useTranslation();
  const device =
    used.browser && used.system
      ? t('participantLinks.device', { browser: used.browser, system: used.system })
      : (used.browser ?? used.system);
  // An address reads left to right whatever the language around it.
  const address = used.address ? (
    <bdi dir="ltr" title={used.userAgent ?? undefined}>
      {used.address}
    </bdi>
  ) : (
    <span>{t('participantLinks.unknownAddress')}</span>
  );
  return (
    <li>
      <Trans
        i18nKey={device ? 'participantLinks.usedWithDevice' : 'participantLinks.used'}
        values={{ date, device: device ?? '' }}
        components={{ address }}
      />
    </li>
  );
}
