import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchedulingPolicyView } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { useCourtTime } from '../i18n/use-court-time';
import { Field, ProblemNotice } from './form-parts';
import { schedulingDataApi } from './scheduling-data-api';
import {
  POLICY_WEIGHTS,
  policyWithWeights,
  sayProblem,
  weightKey,
  weightValues,
  type PolicyWeight,
  type SaidProblem,
} from './scheduling-data-view';

function wholeIn(text: string, min: number, max: number): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/**
 * The court's scheduling policy: the solver's time budget, how far ahead it plans, the hour of
 * the nightly run, and the weights of the objective, each with its meaning (libs/scheduling
 * README, "The objective"). Judges read it; clerks and administrators change it.
 */
export function PolicySection({ courtId, canEdit }: { courtId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => schedulingDataApi.policy(courtId, signal), [courtId]);
  const { state, reload } = useApiResource(load);
  return (
    <section aria-labelledby="sd-policy" className="sd-section">
      <h2 id="sd-policy">{t('schedulingData.policy.heading')}</h2>
      <p className="muted">{t('schedulingData.policy.intro')}</p>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={() => false}
        messages={{
          loading: t('schedulingData.policy.loading'),
          loadFailed: t('schedulingData.policy.loadFailed'),
          empty: t('schedulingData.policy.loadFailed'),
          emptyHint: '',
        }}
      />
      {state.status === 'loaded' && <PolicyForm courtId={courtId} view={state.data} canEdit={canEdit} />}
    </section>
  );
}

function PolicyForm({ courtId, view, canEdit }: { courtId: string; view: SchedulingPolicyView; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const clock = useCourtTime();
  const [current, setCurrent] = useState(view);
  const [timeLimit, setTimeLimit] = useState(String(view.timeLimitSeconds));
  const [horizon, setHorizon] = useState(String(view.horizonDays));
  const [nightly, setNightly] = useState(view.nightlyHour === null ? '' : String(view.nightlyHour));
  const [weights, setWeights] = useState<Record<PolicyWeight, string>>(() => weightValues(view.policy));
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaidProblem | null>(null);
  const [done, setDone] = useState(false);

  const seconds = wholeIn(timeLimit, 1, 600);
  const days = wholeIn(horizon, 1, 366);
  const hour = nightly === '' ? null : wholeIn(nightly, 0, 23);
  const merged = policyWithWeights(current.policy, weights);
  const invalid = seconds === null || days === null || (nightly !== '' && hour === null) || merged.invalid.length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    setDone(false);
    if (invalid || seconds === null || days === null) return;
    setSaving(true);
    setProblem(null);
    try {
      const saved = await schedulingDataApi.setPolicy(courtId, {
        timeLimitSeconds: seconds,
        horizonDays: days,
        nightlyHour: hour,
        policy: merged.policy,
      });
      setCurrent(saved);
      setWeights(weightValues(saved.policy));
      setShown(false);
      setDone(true);
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form panel sd-form" onSubmit={submit} noValidate>
      <p className="muted">
        {current.updatedAt
          ? t('schedulingData.policy.updatedAt', { when: clock.dateTime(current.updatedAt) })
          : t('schedulingData.policy.defaults')}
      </p>
      <fieldset disabled={!canEdit} className="sd-policy">
        <legend>{t('schedulingData.policy.runs')}</legend>
        <Field
          label={t('schedulingData.policy.timeLimit')}
          hint={t('schedulingData.policy.timeLimitHint')}
          error={shown && seconds === null ? t('schedulingData.policy.wholeBetween', { min: 1, max: 600 }) : null}
        >
          {(props) => (
            <input {...props} type="number" min={1} max={600} step={1} value={timeLimit} onChange={(e) => setTimeLimit(e.target.value)} />
          )}
        </Field>
        <Field
          label={t('schedulingData.policy.horizon')}
          hint={t('schedulingData.policy.horizonHint')}
          error={shown && days === null ? t('schedulingData.policy.wholeBetween', { min: 1, max: 366 }) : null}
        >
          {(props) => (
            <input {...props} type="number" min={1} max={366} step={1} value={horizon} onChange={(e) => setHorizon(e.target.value)} />
          )}
        </Field>
        <Field
          label={t('schedulingData.policy.nightlyHour')}
          hint={t('schedulingData.policy.nightlyHourHint', { zone: clock.timeZone })}
          error={shown && nightly !== '' && hour === null ? t('schedulingData.policy.wholeBetween', { min: 0, max: 23 }) : null}
        >
          {(props) => (
            <input {...props} type="number" min={0} max={23} step={1} value={nightly} onChange={(e) => setNightly(e.target.value)} />
          )}
        </Field>
      </fieldset>
      <fieldset disabled={!canEdit} className="sd-policy">
        <legend>{t('schedulingData.policy.weights')}</legend>
        <p className="muted">{t('schedulingData.policy.weightsIntro')}</p>
        {POLICY_WEIGHTS.map((weight) => (
          <Field
            key={weight}
            label={t(`schedulingData.policy.weight.${weightKey(weight)}.label`)}
            hint={t(`schedulingData.policy.weight.${weightKey(weight)}.meaning`)}
            error={shown && merged.invalid.includes(weight) ? t('schedulingData.policy.weightInvalid') : null}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="decimal"
                dir="ltr"
                placeholder={t('schedulingData.policy.default')}
                value={weights[weight]}
                onChange={(e) => setWeights((w) => ({ ...w, [weight]: e.target.value }))}
              />
            )}
          </Field>
        ))}
      </fieldset>
      {problem && <ProblemNotice problem={problem} />}
      {done && (
        <p className="notice" role="status">
          {t('schedulingData.policy.saved')}
        </p>
      )}
      {canEdit && (
        <div className="sd-form__actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? t('schedulingData.saving') : t('schedulingData.policy.save')}
          </button>
        </div>
      )}
    </form>
  );
}
