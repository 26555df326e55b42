import type { IssuedHearingLinkView } from '@ejustice/hearings/links/hearing-link-views';
import { SUMMONS_METHODS, type SummonsMethod, type SummonsView } from '@ejustice/hearings/contract/summons-contract';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../api/use-api-resource';
import { linkActionError } from '../hearing/links/ParticipantLinks';
import { useCourtTime } from '../i18n/use-court-time';
import { type SummonsClient, summonsClient, summonsListOutOfDate } from './summonses-api';

const defaultClient = summonsClient();

/**
 * After a publication, for the court's clerks: the people without an account it listed, moved or
 * adjourned, or stood down (an interpreter or supporter replaced), whom the registry must tell
 * itself (the court holds no address of theirs). Each with their hearing, its day and time on
 * the court's clock, and why; a one-time link to issue and hand over (not to whom the hearing no
 * longer expects), and "mark as delivered" with how. Names are as the server lets this clerk read
 * them (a pseudonym under an anonymity order).
 */
export function PublicationSummonses({
  courtId,
  count,
  client = defaultClient,
}: {
  courtId: string;
  count: number;
  client?: SummonsClient;
}) {
  const { t, i18n } = useTranslation();
  const load = useCallback((signal: AbortSignal) => client.list(courtId, 'pending', signal), [client, courtId]);
  const { state, reload } = useApiResource(load);
  const [links, setLinks] = useState<Record<string, IssuedHearingLinkView>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState('');
  // The list as last loaded, kept while it is loaded again after a delivery, so the page does not jump.
  const [items, setItems] = useState<readonly SummonsView[] | null>(null);
  useEffect(() => {
    if (state.status === 'loaded') setItems(state.data.items);
  }, [state]);

  const act = async (summonsId: string, work: () => Promise<void>) => {
    setBusy(summonsId);
    setFailure(null);
    setDone('');
    try {
      await work();
    } catch (error) {
      setFailure(linkActionError(error, i18n));
      if (summonsListOutOfDate(error)) reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="schedule-summonses" className="schedule__summonses" aria-busy={state.status === 'loading' || busy !== null}>
      <SummonsList
        count={count}
        items={items}
        loadFailed={state.status === 'error'}
        links={links}
        busy={busy}
        failure={failure}
        done={done}
        onReload={reload}
        onIssueLink={(s) =>
          act(s.id, async () => {
            const issued = await client.issueLink(s.hearing.id, s.participant.id);
            setLinks((current) => ({ ...current, [s.id]: issued }));
          })
        }
        onDeliver={(s, method, note) =>
          act(s.id, async () => {
            await client.deliver(s.id, note ? { method, note } : { method });
            setDone(t('schedule.summonses.deliveredDone', { name: s.participant.displayName }));
            reload();
          })
        }
      />
    </section>
  );
}

export interface SummonsListProps {
  /** How many the publication made (its `summonses`). */
  readonly count: number;
  /** The pending summonses, or null while they load. */
  readonly items: readonly SummonsView[] | null;
  readonly loadFailed?: boolean;
  /** Links issued on this page, by summons id: shown once, to hand over. */
  readonly links?: Readonly<Record<string, IssuedHearingLinkView>>;
  readonly busy?: string | null;
  readonly failure?: string | null;
  readonly done?: string;
  onReload?(): void;
  onIssueLink?(summons: SummonsView): void;
  onDeliver?(summons: SummonsView, method: SummonsMethod, note: string): void;
}

/** The list itself, without loading: what the clerk reads and the actions on each line. */
export function SummonsList({
  count,
  items,
  loadFailed = false,
  links = {},
  busy = null,
  failure = null,
  done = '',
  onReload,
  onIssueLink,
  onDeliver,
}: SummonsListProps) {
  const { t } = useTranslation();
  const clock = useCourtTime();
  return (
    <>
      <h3 id="schedule-summonses">{t('schedule.summonses.heading', { count })}</h3>
      <p className="muted">{t('schedule.summonses.intro')}</p>
      <p role="status">{done}</p>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {loadFailed && (
        <p className="notice notice--error" role="alert">
          {t('schedule.summonses.loadFailed')}{' '}
          <button type="button" className="button button--secondary" onClick={onReload}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {items === null && !loadFailed && <p role="status">{t('common.loading')}</p>}
      {items !== null && items.length === 0 && <p className="muted">{t('schedule.summonses.empty')}</p>}
      {items !== null && items.length > 0 && (
        <ul className="schedule__summons-list">
          {items.map((s) => (
            <li key={s.id} className="schedule__summons">
              <p>
                <strong>
                  <bdi>{s.participant.displayName}</bdi>
                </strong>{' '}
                ({t(`hearingRoles.${s.participant.role}`)}) · <bdi>{s.hearing.title}</bdi> ·{' '}
                {t('schedule.summonses.when', {
                  date: clock.date(s.hearing.scheduledStart),
                  start: clock.time(s.hearing.scheduledStart),
                  end: clock.time(s.hearing.scheduledEnd),
                  zone: clock.timeZone,
                })}{' '}
                · {t(`schedule.summonses.reason.${s.reason}`)}
              </p>
              {s.reason !== 'adjourned' && s.reason !== 'released' && (
                <p>
                  {links[s.id] ? (
                    <span>
                      {t('schedule.summonses.linkIssued', { expires: clock.dateTime(links[s.id].expiresAt) })}{' '}
                      <input
                        readOnly
                        dir="ltr"
                        value={links[s.id].url}
                        aria-label={t('schedule.summonses.linkLabel', { name: s.participant.displayName })}
                      />
                    </span>
                  ) : (
                    <button type="button" className="button button--secondary" disabled={busy === s.id} onClick={() => onIssueLink?.(s)}>
                      {t('schedule.summonses.issueLink')}
                    </button>
                  )}
                </p>
              )}
              <DeliveryForm summons={s} disabled={busy === s.id} onDeliver={onDeliver} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function DeliveryForm({
  summons,
  disabled,
  onDeliver,
}: {
  summons: SummonsView;
  disabled: boolean;
  onDeliver?: (summons: SummonsView, method: SummonsMethod, note: string) => void;
}) {
  const { t } = useTranslation();
  const methodId = useId();
  const noteId = useId();
  const [method, setMethod] = useState<SummonsMethod>(
    summons.reason === 'adjourned' || summons.reason === 'released' ? 'phone' : 'link_handed_over',
  );
  const [note, setNote] = useState('');
  return (
    <form
      className="schedule__summons-delivery"
      onSubmit={(event) => {
        event.preventDefault();
        onDeliver?.(summons, method, note.trim());
      }}
    >
      <label htmlFor={methodId}>{t('schedule.summonses.method')}</label>{' '}
      <select id={methodId} value={method} onChange={(e) => setMethod(e.target.value as SummonsMethod)}>
        {SUMMONS_METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`schedule.summonses.methods.${m}`)}
          </option>
        ))}
      </select>{' '}
      <label htmlFor={noteId}>{t('schedule.summonses.note')}</label>{' '}
      <input id={noteId} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />{' '}
      <button type="submit" className="button" disabled={disabled}>
        {t('schedule.summonses.markDelivered')}
      </button>
    </form>
  );
}
