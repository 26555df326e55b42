import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnavailabilityView } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { ConfirmButton } from '../hearing/room/ConfirmButton';
import { currentLanguage } from '../i18n/i18n';
import { Field, Outcome } from './form-parts';
import { schedulingDataApi } from './scheduling-data-api';
import {
  daysOffRequest,
  formatDay,
  isCalendarDay,
  ownerKey,
  ownerName,
  sayProblem,
  sortDaysOff,
  type DaysOffOwner,
  type SaidProblem,
} from './scheduling-data-view';

/** Leave and days off of one judge, room, interpreter or supporter at a time: the list, add, remove. */
export function DaysOffSection({
  courtId,
  canEdit,
  owners,
  today,
}: {
  courtId: string;
  canEdit: boolean;
  owners: readonly DaysOffOwner[];
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const load = useCallback((signal: AbortSignal) => schedulingDataApi.daysOff(courtId, signal), [courtId]);
  const { state, reload } = useApiResource(load);
  const [owner, setOwner] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaidProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const chosen = owners.find((o) => ownerKey(o) === owner) ?? null;
  const ownerError = chosen === null ? t('schedulingData.daysOff.ownerRequired') : null;
  const datesError =
    !isCalendarDay(from) || !isCalendarDay(to)
      ? t('schedulingData.form.dateInvalid')
      : to < from
        ? t('schedulingData.daysOff.backwards')
        : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    setDone(null);
    if (chosen === null || datesError) return;
    setSaving(true);
    setProblem(null);
    try {
      await schedulingDataApi.addDaysOff(courtId, daysOffRequest(chosen, from, to));
      setDone(t('schedulingData.daysOff.added', { name: chosen.name }));
      setShown(false);
      reload();
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (view: UnavailabilityView) => {
    setProblem(null);
    setDone(null);
    try {
      await schedulingDataApi.removeDaysOff(courtId, view.id);
      setDone(t('schedulingData.daysOff.removed'));
      reload();
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    }
  };

  const say = (view: UnavailabilityView) =>
    t('schedulingData.daysOff.entry', {
      name: ownerName(view, owners) ?? t(`schedulingData.daysOff.type.${view.owner.type}`),
      from: formatDay(view.from, language),
      to: formatDay(view.to, language),
    });

  return (
    <section aria-labelledby="sd-days-off" className="sd-section">
      <h2 id="sd-days-off">{t('schedulingData.daysOff.heading')}</h2>
      <p className="muted">{t('schedulingData.daysOff.intro')}</p>
      <Outcome done={done} problem={problem} />
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(list: UnavailabilityView[]) => list.length === 0}
        messages={{
          loading: t('schedulingData.daysOff.loading'),
          loadFailed: t('schedulingData.daysOff.loadFailed'),
          empty: t('schedulingData.daysOff.empty'),
          emptyHint: t('schedulingData.daysOff.emptyHint'),
        }}
      />
      {state.status === 'loaded' && state.data.length > 0 && (
        <ul className="sd-list">
          {sortDaysOff(state.data).map((view) => (
            <li key={view.id} className="sd-list__item">
              <div>
                <span className="sd-kind">{t(`schedulingData.daysOff.type.${view.owner.type}`)}</span> {say(view)}
              </div>
              {canEdit && (
                <ConfirmButton
                  className="button button--secondary"
                  label={t('schedulingData.daysOff.remove')}
                  ariaLabel={t('schedulingData.daysOff.removeNamed', { entry: say(view) })}
                  question={t('schedulingData.daysOff.removeQuestion', { entry: say(view) })}
                  confirmLabel={t('schedulingData.daysOff.remove')}
                  onConfirm={() => void remove(view)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit &&
        (owners.length === 0 ? (
          <p className="muted">{t('schedulingData.daysOff.noOwners')}</p>
        ) : (
          <form className="form panel sd-form" onSubmit={submit} noValidate>
            <h3>{t('schedulingData.daysOff.addHeading')}</h3>
            <Field label={t('schedulingData.daysOff.owner')} hint={t('schedulingData.daysOff.ownerHint')} error={shown ? ownerError : null}>
              {(props) => (
                <select {...props} value={owner} onChange={(e) => setOwner(e.target.value)} required>
                  <option value="">{t('schedulingData.daysOff.choose')}</option>
                  {(['judge', 'room', 'interpreter', 'supporter'] as const).map((type) => {
                    const ofType = owners.filter((o) => o.type === type);
                    return ofType.length === 0 ? null : (
                      <optgroup key={type} label={t(`schedulingData.daysOff.group.${type}`)}>
                        {ofType.map((o) => (
                          <option key={ownerKey(o)} value={ownerKey(o)}>
                            {o.name}
                          </option>
                        ))}
                      </optgroup>
                    );
                  })}
                </select>
              )}
            </Field>
            <Field label={t('schedulingData.daysOff.from')}>
              {(props) => <input {...props} type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />}
            </Field>
            <Field label={t('schedulingData.daysOff.to')} error={shown ? datesError : null}>
              {(props) => <input {...props} type="date" value={to} onChange={(e) => setTo(e.target.value)} required />}
            </Field>
            <div className="sd-form__actions">
              <button type="submit" className="button" disabled={saving}>
                {saving ? t('schedulingData.saving') : t('schedulingData.daysOff.add')}
              </button>
            </div>
          </form>
        ))}
    </section>
  );
}
