import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RESOURCE_LIMITS,
  RESOURCE_SESSION_KINDS,
  type ResourceSessionKind,
  type SessionView,
} from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { ConfirmButton } from '../hearing/room/ConfirmButton';
import { currentLanguage } from '../i18n/i18n';
import { useCourtTimeZone } from '../i18n/use-court-time';
import { Field, Outcome, ProblemNotice, WeekdaysFieldset } from './form-parts';
import { schedulingDataApi } from './scheduling-data-api';
import {
  addDays,
  courtToday,
  expandPattern,
  formatDay,
  isCalendarDay,
  patternProblem,
  patternRequest,
  sayProblem,
  sessionProblem,
  sessionsByWeek,
  weeksRange,
  type PatternDraft,
  type SaidProblem,
} from './scheduling-data-view';

const WEEK_CHOICES = [1, 2, 4, 8, 13] as const;

/**
 * The court's sessions (day and night court) for the weeks chosen, by week; for clerks and
 * administrators: one session, a recurring pattern (with how many it will create, before it is
 * sent), and deleting one. Hours are the court's wall clock, in its time zone.
 */
export function SessionsSection({ courtId, canEdit }: { courtId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const zone = useCourtTimeZone();
  const today = useMemo(() => courtToday(zone), [zone]);
  const [start, setStart] = useState(today);
  const [weeks, setWeeks] = useState<number>(2);
  // A date input half cleared gives '': the weeks stay those of today until a whole day is typed.
  const range = weeksRange(isCalendarDay(start) ? start : today, weeks);
  const load = useCallback(
    (signal: AbortSignal) => schedulingDataApi.sessions(courtId, { from: range.from, to: range.to }, signal),
    [courtId, range.from, range.to],
  );
  const { state, reload } = useApiResource(load);
  const [problem, setProblem] = useState<SaidProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [form, setForm] = useState<'one' | 'pattern' | null>(null);

  const remove = async (session: SessionView) => {
    setProblem(null);
    setDone(null);
    try {
      await schedulingDataApi.removeSession(courtId, session.id);
      setDone(t('schedulingData.sessions.deleted', { day: formatDay(session.date, language), start: session.start, end: session.end }));
      reload();
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    }
  };

  const created = (message: string) => {
    setForm(null);
    setProblem(null);
    setDone(message);
    reload();
  };

  return (
    <section aria-labelledby="sd-sessions" className="sd-section">
      <h2 id="sd-sessions">{t('schedulingData.sessions.heading')}</h2>
      <p className="muted">{t('schedulingData.sessions.intro', { zone })}</p>
      <form className="sd-range" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('schedulingData.sessions.weekOf')}>
          {(props) => <input {...props} type="date" value={start} onChange={(e) => setStart(e.target.value)} />}
        </Field>
        <Field label={t('schedulingData.sessions.weeks')}>
          {(props) => (
            <select {...props} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
              {WEEK_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {t('schedulingData.sessions.weeksCount', { count: n })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="button button--secondary" onClick={() => setStart(addDays(range.from, -7 * weeks))}>
          {t('schedulingData.sessions.earlier')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setStart(addDays(range.from, 7 * weeks))}>
          {t('schedulingData.sessions.later')}
        </button>
      </form>
      <p className="muted" aria-live="polite">
        {t('schedulingData.sessions.showing', { from: formatDay(range.from, language), to: formatDay(range.to, language) })}
      </p>
      <Outcome done={done} problem={problem} />
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(list: SessionView[]) => list.length === 0}
        messages={{
          loading: t('schedulingData.sessions.loading'),
          loadFailed: t('schedulingData.sessions.loadFailed'),
          empty: t('schedulingData.sessions.empty'),
          emptyHint: t(canEdit ? 'schedulingData.sessions.emptyHint' : 'schedulingData.sessions.emptyHintReader'),
        }}
      />
      {state.status === 'loaded' &&
        sessionsByWeek(state.data).map((week) => (
          <div key={week.monday} className="sd-week">
            <h3>{t('schedulingData.sessions.weekHeading', { day: formatDay(week.monday, language) })}</h3>
            <ul className="sd-list">
              {week.sessions.map((session) => (
                <li key={session.id} className="sd-list__item">
                  <div>
                    <strong>{formatDay(session.date, language)}</strong>{' '}
                    <span dir="ltr">
                      {session.start}–{session.end}
                    </span>{' '}
                    <span className={`sd-kind sd-kind--${session.kind}`}>{t(`schedulingData.kind.${session.kind}`)}</span>
                    {session.rooms.length > 0 && (
                      <div className="muted">{t('schedulingData.sessions.roomsCount', { count: session.rooms.length })}</div>
                    )}
                  </div>
                  {canEdit && (
                    <ConfirmButton
                      className="button button--secondary"
                      label={t('schedulingData.delete')}
                      ariaLabel={t('schedulingData.sessions.deleteNamed', {
                        day: formatDay(session.date, language),
                        start: session.start,
                        end: session.end,
                      })}
                      question={t('schedulingData.sessions.deleteQuestion', {
                        day: formatDay(session.date, language),
                        start: session.start,
                        end: session.end,
                      })}
                      confirmLabel={t('schedulingData.delete')}
                      onConfirm={() => void remove(session)}
                    />
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      {canEdit && form === null && (
        <div className="sd-form__actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setDone(null);
              setForm('one');
            }}
          >
            {t('schedulingData.sessions.addOne')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDone(null);
              setForm('pattern');
            }}
          >
            {t('schedulingData.sessions.addPattern')}
          </button>
        </div>
      )}
      {canEdit && form === 'one' && (
        <OneSessionForm
          courtId={courtId}
          today={today}
          onCreated={(s) => created(t('schedulingData.sessions.created', { day: formatDay(s.date, language), start: s.start, end: s.end }))}
          onCancel={() => setForm(null)}
        />
      )}
      {canEdit && form === 'pattern' && (
        <PatternForm
          courtId={courtId}
          today={today}
          onCreated={(count) => created(t('schedulingData.pattern.created', { count }))}
          onCancel={() => setForm(null)}
        />
      )}
    </section>
  );
}

function KindRadios({
  name,
  value,
  onChange,
}: {
  name: string;
  value: ResourceSessionKind;
  onChange: (kind: ResourceSessionKind) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="sd-choices">
      <legend>{t('schedulingData.sessions.kind')}</legend>
      {RESOURCE_SESSION_KINDS.map((kind) => (
        <label key={kind} className="sd-choice">
          <input type="radio" name={name} checked={value === kind} onChange={() => onChange(kind)} /> {t(`schedulingData.kind.${kind}`)}
        </label>
      ))}
    </fieldset>
  );
}

function OneSessionForm({
  courtId,
  today,
  onCreated,
  onCancel,
}: {
  courtId: string;
  today: string;
  onCreated: (session: SessionView) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(today);
  const [kind, setKind] = useState<ResourceSessionKind>('day');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('13:00');
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaidProblem | null>(null);
  const issue = sessionProblem({ date, kind, start, end });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (issue) return;
    setSaving(true);
    setProblem(null);
    try {
      onCreated(await schedulingDataApi.addSession(courtId, { date, kind, start, end }));
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form panel sd-form" onSubmit={submit} noValidate>
      <h3>{t('schedulingData.sessions.addOneHeading')}</h3>
      <Field label={t('schedulingData.sessions.date')} error={shown && issue === 'dates' ? t('schedulingData.form.dateInvalid') : null}>
        {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />}
      </Field>
      <KindRadios name="one-kind" value={kind} onChange={setKind} />
      <Field label={t('schedulingData.sessions.start')}>
        {(props) => <input {...props} type="time" value={start} onChange={(e) => setStart(e.target.value)} required />}
      </Field>
      <Field label={t('schedulingData.sessions.end')} error={shown && issue === 'hours' ? t('schedulingData.form.hoursInvalid') : null}>
        {(props) => <input {...props} type="time" value={end} onChange={(e) => setEnd(e.target.value)} required />}
      </Field>
      {problem && <ProblemNotice problem={problem} />}
      <div className="sd-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('schedulingData.saving') : t('schedulingData.sessions.create')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('schedulingData.cancel')}
        </button>
      </div>
    </form>
  );
}

type SittingDraft = PatternDraft['sittings'][number];

const FIRST_SITTING: SittingDraft = { weekdays: [1, 2, 3, 4, 5], kind: 'day', start: '09:00', end: '16:00' };
const NIGHT_SITTING: SittingDraft = { weekdays: [2, 4], kind: 'night', start: '17:00', end: '21:00' };

function PatternForm({
  courtId,
  today,
  onCreated,
  onCancel,
}: {
  courtId: string;
  today: string;
  onCreated: (count: number) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 27));
  const [sittings, setSittings] = useState<SittingDraft[]>([FIRST_SITTING]);
  const [shown, setShown] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaidProblem | null>(null);
  const draft: PatternDraft = { from, to, sittings };
  const issue = patternProblem(draft);
  const sessions = expandPattern(draft);
  const setSitting = (index: number, patch: Partial<SittingDraft>) =>
    setSittings((list) => list.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (issue) return;
    setSaving(true);
    setProblem(null);
    try {
      const answer = await schedulingDataApi.addPattern(courtId, patternRequest(draft));
      onCreated(answer.created.length);
    } catch (error) {
      setProblem(sayProblem(error, i18n));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form panel sd-form" onSubmit={submit} noValidate aria-describedby="sd-pattern-count">
      <h3>{t('schedulingData.pattern.heading')}</h3>
      <p className="muted">{t('schedulingData.pattern.intro')}</p>
      <Field label={t('schedulingData.pattern.from')} error={shown && issue === 'dates' ? t('schedulingData.form.dateInvalid') : null}>
        {(props) => <input {...props} type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />}
      </Field>
      <Field
        label={t('schedulingData.pattern.to')}
        error={
          shown && (issue === 'range_backwards' || issue === 'range_too_long')
            ? t(`schedulingData.pattern.problem.${issue}`, { max: RESOURCE_LIMITS.rangeDays })
            : null
        }
      >
        {(props) => <input {...props} type="date" value={to} onChange={(e) => setTo(e.target.value)} required />}
      </Field>
      {sittings.map((sitting, index) => (
        <fieldset key={index} className="sd-sitting">
          <legend>{t('schedulingData.pattern.sitting', { number: index + 1 })}</legend>
          <WeekdaysFieldset
            legend={t('schedulingData.pattern.weekdays')}
            value={sitting.weekdays}
            onChange={(weekdays) => setSitting(index, { weekdays })}
          />
          <KindRadios name={`sitting-${index}-kind`} value={sitting.kind} onChange={(kind) => setSitting(index, { kind })} />
          <Field label={t('schedulingData.sessions.start')}>
            {(props) => (
              <input {...props} type="time" value={sitting.start} onChange={(e) => setSitting(index, { start: e.target.value })} />
            )}
          </Field>
          <Field label={t('schedulingData.sessions.end')}>
            {(props) => <input {...props} type="time" value={sitting.end} onChange={(e) => setSitting(index, { end: e.target.value })} />}
          </Field>
          {sittings.length > 1 && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setSittings((list) => list.filter((_, i) => i !== index))}
            >
              {t('schedulingData.pattern.removeSitting', { number: index + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      {sittings.length < RESOURCE_LIMITS.patternSittings && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setSittings((list) => [...list, list.some((s) => s.kind === 'night') ? FIRST_SITTING : NIGHT_SITTING])}
        >
          {t('schedulingData.pattern.addSitting')}
        </button>
      )}
      <p id="sd-pattern-count" className="notice" role="status" aria-live="polite">
        {sessions.length > 0 && issue !== 'range_too_long'
          ? t('schedulingData.pattern.willCreate', {
              count: sessions.length,
              first: formatDay(sessions[0].date, language),
              last: formatDay(sessions[sessions.length - 1].date, language),
            })
          : t('schedulingData.pattern.willCreateNone')}
      </p>
      {shown && issue && issue !== 'dates' && issue !== 'range_backwards' && issue !== 'range_too_long' && (
        <p className="field__error" role="alert">
          {t(`schedulingData.pattern.problem.${issue}`, { max: RESOURCE_LIMITS.patternSessions })}
        </p>
      )}
      {problem && <ProblemNotice problem={problem} />}
      <div className="sd-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('schedulingData.saving') : t('schedulingData.pattern.create', { count: sessions.length })}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('schedulingData.cancel')}
        </button>
      </div>
    </form>
  );
}
