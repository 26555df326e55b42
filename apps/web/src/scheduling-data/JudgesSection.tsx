import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JudgeProfileView, ResourceSessionKind } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { currentLanguage } from '../i18n/i18n';
import { Field, KindsFieldset, ProblemNotice, WeekdaysFieldset } from './form-parts';
import { schedulingDataApi } from './scheduling-data-api';
import {
  choiceOrAny,
  hoursToMinutes,
  ISO_WEEKDAYS,
  listProblem,
  minutesToHours,
  parseList,
  sayProblem,
  weekdaysText,
  type SaidProblem,
} from './scheduling-data-view';
import { RESOURCE_LIMITS, RESOURCE_SESSION_KINDS } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';

/**
 * Every judge of the court with their sitting profile (specialisms, weekdays and kinds of
 * session, most hours a day). A judge without one is left out by the scheduler: the page says so.
 */
export function JudgesSection({ courtId, canEdit, onChanged }: { courtId: string; canEdit: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const load = useCallback((signal: AbortSignal) => schedulingDataApi.judges(courtId, signal), [courtId]);
  const { state, reload } = useApiResource(load);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <section aria-labelledby="sd-judges" className="sd-section">
      <h2 id="sd-judges">{t('schedulingData.judges.heading')}</h2>
      <p className="muted">{t('schedulingData.judges.intro')}</p>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(list: JudgeProfileView[]) => list.length === 0}
        messages={{
          loading: t('schedulingData.judges.loading'),
          loadFailed: t('schedulingData.judges.loadFailed'),
          empty: t('schedulingData.judges.empty'),
          emptyHint: t('schedulingData.judges.emptyHint'),
        }}
      />
      {state.status === 'loaded' && state.data.length > 0 && (
        <ul className="sd-list">
          {state.data.map((judge) => (
            <li key={judge.userId} className="sd-list__item sd-list__item--wide">
              <div>
                <strong>{judge.displayName}</strong>
                {judge.profile ? (
                  <div className="muted">
                    {[
                      judge.profile.specialisms.length > 0
                        ? `${t('schedulingData.judges.specialisms')}: ${judge.profile.specialisms.join(', ')}`
                        : t('schedulingData.judges.noSpecialism'),
                      weekdaysText(judge.profile.sittingWeekdays, language)
                        ? t('schedulingData.availableOn', { days: weekdaysText(judge.profile.sittingWeekdays, language) })
                        : t('schedulingData.anyDay'),
                      (judge.profile.sittingKinds ?? RESOURCE_SESSION_KINDS).map((kind) => t(`schedulingData.kind.${kind}`)).join(', '),
                      t('schedulingData.judges.maxHoursValue', { hours: minutesToHours(judge.profile.maxSittingMinutesPerDay) }),
                    ].join(' · ')}
                  </div>
                ) : (
                  <div className="notice">{t('schedulingData.judges.noProfile')}</div>
                )}
              </div>
              {canEdit && editing !== judge.userId && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('schedulingData.editNamed', { name: judge.displayName })}
                  onClick={() => {
                    setDone(null);
                    setEditing(judge.userId);
                  }}
                >
                  {judge.profile ? t('schedulingData.edit') : t('schedulingData.judges.setProfile')}
                </button>
              )}
              {canEdit && editing === judge.userId && (
                <JudgeForm
                  courtId={courtId}
                  judge={judge}
                  onSaved={() => {
                    setEditing(null);
                    setDone(t('schedulingData.judges.saved', { name: judge.displayName }));
                    reload();
                    onChanged();
                  }}
                  onCancel={() => setEditing(null)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function JudgeForm({
  courtId,
  judge,
  onSaved,
  onCancel,
}: {
  courtId: string;
  judge: JudgeProfileView;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const profile = judge.profile;
  const [specialisms, setSpecialisms] = useState(profile?.specialisms.join(', ') ?? '');
  const [weekdays, setWeekdays] = useState<number[]>(profile?.sittingWeekdays ? [...profile.sittingWeekdays] : [1, 2, 3, 4, 5]);
  const [kinds, setKinds] = useState<ResourceSessionKind[]>(profile?.sittingKinds ? [...profile.sittingKinds] : ['day']);
  const [hours, setHours] = useState(profile ? minutesToHours(profile.maxSittingMinutesPerDay) : '6');
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaidProblem | null>(null);

  const list = parseList(specialisms);
  const listIssue = listProblem(list);
  const specialismsError = listIssue
    ? t(`schedulingData.form.list_${listIssue}`, { max: listIssue === 'too_many' ? RESOURCE_LIMITS.tags : RESOURCE_LIMITS.tagLength })
    : null;
  const minutes = hoursToMinutes(hours);
  const hoursError = minutes === null ? t('schedulingData.judges.hoursInvalid') : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (specialismsError || minutes === null) return;
    setSaving(true);
    setProblem(null);
    try {
      await schedulingDataApi.setJudgeProfile(courtId, judge.userId, {
        specialisms: list,
        sittingWeekdays: choiceOrAny(weekdays, ISO_WEEKDAYS),
        sittingKinds: choiceOrAny(kinds, RESOURCE_SESSION_KINDS),
        maxSittingMinutesPerDay: minutes,
      });
      onSaved();
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form panel sd-form" onSubmit={submit} noValidate>
      <h3>{t('schedulingData.judges.editHeading', { name: judge.displayName })}</h3>
      <Field
        label={t('schedulingData.judges.specialisms')}
        hint={t('schedulingData.judges.specialismsHint')}
        error={shown ? specialismsError : null}
      >
        {(props) => <input {...props} type="text" dir="ltr" value={specialisms} onChange={(e) => setSpecialisms(e.target.value)} />}
      </Field>
      <WeekdaysFieldset
        legend={t('schedulingData.judges.sittingWeekdays')}
        hint={t('schedulingData.form.availabilityHint')}
        value={weekdays}
        onChange={setWeekdays}
      />
      <KindsFieldset legend={t('schedulingData.judges.sittingKinds')} value={kinds} onChange={setKinds} />
      <Field label={t('schedulingData.judges.maxHours')} hint={t('schedulingData.judges.maxHoursHint')} error={shown ? hoursError : null}>
        {(props) => (
          <input
            {...props}
            type="number"
            inputMode="decimal"
            min={0.25}
            max={24}
            step={0.25}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        )}
      </Field>
      {problem && <ProblemNotice problem={problem} />}
      <div className="sd-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('schedulingData.saving') : t('schedulingData.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('schedulingData.cancel')}
        </button>
      </div>
    </form>
  );
}
