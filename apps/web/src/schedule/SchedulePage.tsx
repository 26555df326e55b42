import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ScheduleRunSummary } from '@ejustice/scheduling-data/contract/schedule-moves.contract';
import type { ScheduleRunPublication, ScheduleRunView } from '@ejustice/scheduling-data/contract/schedule-run.contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { useAuth } from '../auth/auth-context';
import { ConfirmButton } from '../hearing/room/ConfirmButton';
import { currentLanguage } from '../i18n/i18n';
import { useDocumentTitle } from '../layout/use-document-title';
import { paths } from '../paths';
import { PublicationSummonses } from './PublicationSummonses';
import { scheduleApi } from './schedule-api';
import {
  POLL_EVERY_MS,
  caseLabel,
  formatGap,
  formatNumber,
  isWorking,
  readLabels,
  readPlan,
  sayCustodyRisk,
  sayUnscheduled,
  scheduleErrorMessage,
} from './schedule-view';
import { ScheduleBoard } from './ScheduleBoard';
import './schedule.css';

/**
 * The court's schedule, for its clerks and judges: the runs of the scheduler, "Plan now", a run's
 * progress while it works, a draft's figures and its publication (clerks), and the board.
 */
export function SchedulePage() {
  const { t, i18n } = useTranslation();
  const { courtId = '' } = useParams();
  const { state: auth } = useAuth();
  const isClerk = auth.status === 'signed-in' && auth.user.roles.includes('clerk');
  useDocumentTitle(t('schedule.title'));
  const loadRuns = useCallback((signal: AbortSignal) => scheduleApi.list(courtId, signal), [courtId]);
  const runs = useApiResource(loadRuns);
  const [selected, setSelected] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [horizonStart, setHorizonStart] = useState('');
  const horizonId = useId();

  // The list as last loaded: kept while it is loaded again, so the run shown stays on the page.
  const [list, setList] = useState<ScheduleRunSummary[] | null>(null);
  useEffect(() => {
    if (runs.state.status === 'loaded') setList(runs.state.data);
  }, [runs.state]);
  const reloading = runs.state.status === 'loading' && list !== null;
  const shown = selected ?? list?.[0]?.id ?? null;

  const planNow = async () => {
    setAsking(true);
    setFailure(null);
    try {
      const accepted = await scheduleApi.planNow(courtId, horizonStart || undefined);
      setSelected(accepted.runId);
      runs.reload();
    } catch (error) {
      setFailure(scheduleErrorMessage(error, i18n));
    } finally {
      setAsking(false);
    }
  };

  return (
    <div className="page-content schedule">
      <h1>{t('schedule.title')}</h1>
      <p className="muted">{t('schedule.intro')}</p>
      <p>
        <Link to={paths.schedulingData(courtId)}>{t('schedulingData.fromSchedule')}</Link>
      </p>
      <form className="schedule__plan" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={horizonId}>{t('schedule.horizonStart')}</label>
          <input id={horizonId} type="date" value={horizonStart} onChange={(e) => setHorizonStart(e.target.value)} />
        </div>
        <button type="button" className="button" onClick={planNow} disabled={asking}>
          {asking ? t('schedule.planning') : t('schedule.planNow')}
        </button>
      </form>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {!reloading && (
        <ResourceStates
          state={runs.state}
          reload={runs.reload}
          isEmpty={(list: ScheduleRunSummary[]) => list.length === 0}
          messages={{
            loading: t('schedule.loading'),
            loadFailed: t('schedule.loadFailed'),
            empty: t('schedule.empty'),
            emptyHint: t('schedule.emptyHint'),
          }}
        />
      )}
      {list !== null && list.length > 0 && <RunList runs={list} shown={shown} onSelect={setSelected} />}
      {shown && <RunDetail key={shown} courtId={courtId} runId={shown} isClerk={isClerk} onChanged={runs.reload} />}
    </div>
  );
}

function RunList({ runs, shown, onSelect }: { runs: ScheduleRunSummary[]; shown: string | null; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const when = (iso: string) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section aria-labelledby="schedule-runs">
      <h2 id="schedule-runs">{t('schedule.runs.heading')}</h2>
      <ul className="schedule__runs">
        {runs.map((run) => (
          <li key={run.id} className={run.id === shown ? 'schedule__run schedule__run--shown' : 'schedule__run'}>
            <span className={`schedule__status schedule__status--${run.status}`}>{t(`schedule.status.${run.status}`)}</span>{' '}
            <span className="muted">
              {t('schedule.runs.queuedAt', { when: when(run.queuedAt) })} · {t(`schedule.runs.trigger.${run.trigger}`)}
            </span>{' '}
            {run.id === shown ? (
              <span aria-current="true">{t('schedule.runs.selected')}</span>
            ) : (
              <button type="button" className="button button--secondary" onClick={() => onSelect(run.id)}>
                {t('schedule.runs.select')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One run: polled while it works; its figures, publication and board once it has a plan. */
function RunDetail({ courtId, runId, isClerk, onChanged }: { courtId: string; runId: string; isClerk: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [run, setRun] = useState<ScheduleRunView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [published, setPublished] = useState<ScheduleRunPublication | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasWorking = false;
    const poll = async () => {
      try {
        const view = await scheduleApi.run(courtId, runId, controller.signal);
        if (controller.signal.aborted) return;
        setRun(view);
        setFailure(null);
        // Polling stops once the run has ended; the list is refreshed once, to show its new status.
        if (isWorking(view.status)) {
          wasWorking = true;
          timer = setTimeout(poll, POLL_EVERY_MS);
        } else if (wasWorking) onChanged();
      } catch (error) {
        if (!controller.signal.aborted) setFailure(scheduleErrorMessage(error, i18n));
      }
    };
    void poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
    // onChanged and i18n are stable for the page; the run is fetched again when `attempt` changes.
  }, [courtId, runId, attempt]);

  const publish = async () => {
    setFailure(null);
    try {
      setPublished(await scheduleApi.publish(courtId, runId));
      setAttempt((n) => n + 1);
      // The run published, the one before superseded: the list says so.
      onChanged();
    } catch (error) {
      setFailure(scheduleErrorMessage(error, i18n));
    }
  };

  if (!run) {
    return failure ? (
      <p className="notice notice--error" role="alert">
        {failure}
      </p>
    ) : (
      <p className="notice" role="status">
        {t('common.loading')}
      </p>
    );
  }
  const plan = readPlan(run.plan);
  const labels = readLabels(run.labels);
  return (
    <section aria-labelledby="schedule-run" className="schedule__detail">
      <h2 id="schedule-run">{t(`schedule.status.${run.status}`)}</h2>
      {isWorking(run.status) && (
        <div role="status" aria-live="polite">
          <progress max={100} value={run.progress} aria-label={t('schedule.progress', { percent: run.progress })} />{' '}
          {t('schedule.progress', { percent: run.progress })}
          {run.phase && <> · {t(`schedule.phase.${run.phase}`)}</>}
        </div>
      )}
      {run.status === 'failed' && (
        <p className="notice notice--error" role="alert">
          {t('schedule.failed', { error: run.error ?? '' })}
        </p>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {published && (
        <p className="notice" role="status">
          {t('schedule.publish.done', { ...published })}
        </p>
      )}
      {published && isClerk && <PublicationSummonses courtId={courtId} count={published.summonses} />}
      {plan && (
        <>
          <h3>{t('schedule.figures.heading')}</h3>
          <dl className="schedule__figures">
            <dt>{t('schedule.figures.placed')}</dt>
            <dd>
              {t('schedule.figures.placedValue', {
                placed: formatNumber(plan.hearingsPlaced, language),
                hearings: formatNumber(plan.hearings, language),
              })}
            </dd>
            <dt>{t('schedule.figures.unscheduled')}</dt>
            <dd>{formatNumber(plan.unscheduled.length, language)}</dd>
            <dt>{t('schedule.figures.objective')}</dt>
            <dd>{formatNumber(run.objective, language)}</dd>
            <dt>{t('schedule.figures.gap')}</dt>
            <dd>{formatGap(run.gap, language)}</dd>
            <dt>{t('schedule.figures.publishedMoved')}</dt>
            <dd>{formatNumber(run.publishedMoved ?? plan.publishedMoved, language)}</dd>
          </dl>
          {plan.unscheduled.length > 0 && (
            <>
              <h4>{t('schedule.figures.unscheduledHeading')}</h4>
              <ul>
                {plan.unscheduled.map((u) => {
                  const said = sayUnscheduled(u, { i18n, language, labels });
                  return (
                    <li key={u.case}>
                      <strong dir="ltr">{caseLabel(labels, u.case)}</strong>:{' '}
                      <span lang={said.lang} dir={said.lang ? 'ltr' : undefined}>
                        {said.text}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {plan.custodyRisk.length > 0 && (
            <section className="notice notice--warning" aria-labelledby="schedule-custody">
              <h4 id="schedule-custody">{t('schedule.figures.custodyHeading')}</h4>
              <p>{t('schedule.figures.custodyIntro')}</p>
              <ul>
                {plan.custodyRisk.map((r) => {
                  const said = sayCustodyRisk(r, { i18n, language, labels });
                  const status = r.status === 'at_risk' ? 'custodyAtRisk' : r.unavoidable ? 'custodyBreachUnavoidable' : 'custodyBreach';
                  return (
                    <li key={r.case}>
                      <strong dir="ltr">{caseLabel(labels, r.case)}</strong> ({t(`schedule.figures.${status}`)}):{' '}
                      <span lang={said.lang} dir={said.lang ? 'ltr' : undefined}>
                        {said.text}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          {isClerk && run.status === 'done' && (
            <ConfirmButton
              label={t('schedule.publish.button')}
              question={t('schedule.publish.confirm')}
              confirmLabel={t('schedule.publish.yes')}
              onConfirm={publish}
            />
          )}
          <ScheduleBoard
            courtId={courtId}
            runId={runId}
            plan={plan}
            labels={labels}
            editable={isClerk && run.status === 'done'}
            onMoved={() => setAttempt((n) => n + 1)}
          />
        </>
      )}
    </section>
  );
}
