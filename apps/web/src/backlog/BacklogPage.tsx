import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  BACKLOG_PERIODS,
  type BacklogForecast,
  type BacklogPeriodName,
  type BacklogReport,
  FORECAST_SCENARIO_NAMES,
  type ForecastScenarioName,
} from '@ejustice/scheduling-data/contract/backlog.contract';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';
import { currentLanguage } from '../i18n/i18n';
import { useDocumentTitle } from '../layout/use-document-title';
import { backlogApi } from './backlog-api';
import {
  type TypeFilter,
  ageBars,
  clearanceOutlook,
  forecastRows,
  formatCalendarDate,
  formatFigure,
  formatPercent,
  indicatorSeries,
  isReportEmpty,
  periodLabel,
  scenarioParam,
  toggleScenario,
  typesInReport,
} from './backlog-view';
import { AgeProfileChart, ClearanceChart, DispositionTimeChart, ForecastChart } from './BacklogCharts';
import './backlog.css';

/**
 * The backlog dashboard of one court, for its clerks and judges: clearance rate and disposition
 * time by period and case type, the ages of the cases pending, the custody limits at risk, and
 * when the backlog would be cleared, as the court is and with more court time.
 */
export function BacklogPage() {
  const { t } = useTranslation();
  const { courtId = '' } = useParams();
  useDocumentTitle(t('backlog.title'));
  const [period, setPeriod] = useState<BacklogPeriodName>('month');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const rangeBackwards = from !== '' && to !== '' && from > to;
  const loadReport = useCallback(
    (signal: AbortSignal) =>
      backlogApi.report(
        courtId,
        { period, from: rangeBackwards ? undefined : from || undefined, to: rangeBackwards ? undefined : to || undefined },
        signal,
      ),
    [courtId, period, from, to, rangeBackwards],
  );
  const report = useApiResource(loadReport);
  const periodId = useId();
  const fromId = useId();
  const toId = useId();

  return (
    <div className="page-content backlog">
      <h1>{t('backlog.title')}</h1>
      <p className="muted">{t('backlog.intro')}</p>
      <form className="backlog__controls" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={periodId}>{t('backlog.controls.period')}</label>
          <select id={periodId} value={period} onChange={(e) => setPeriod(e.target.value as BacklogPeriodName)}>
            {BACKLOG_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`backlog.period.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fromId}>{t('backlog.controls.from')}</label>
          <input
            id={fromId}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-describedby={rangeBackwards ? `${fromId}-error` : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={toId}>{t('backlog.controls.to')}</label>
          <input id={toId} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        {rangeBackwards && (
          <p id={`${fromId}-error`} className="field__error" role="alert">
            {t('backlog.controls.rangeBackwards')}
          </p>
        )}
      </form>
      <ResourceStates
        state={report.state}
        reload={report.reload}
        isEmpty={isReportEmpty}
        messages={{
          loading: t('backlog.loading'),
          loadFailed: t('backlog.loadFailed'),
          empty: t('backlog.empty'),
          emptyHint: t('backlog.emptyHint'),
        }}
      />
      {report.state.status === 'loaded' && !isReportEmpty(report.state.data) && <BacklogReportView report={report.state.data} />}
      <ForecastSection courtId={courtId} />
    </div>
  );
}

function BacklogReportView({ report }: { report: BacklogReport }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [type, setType] = useState<TypeFilter>('all');
  const typeId = useId();
  const label = useCallback(
    (key: string) => periodLabel(key, report.period, language, (quarter, year) => t('backlog.quarterLabel', { quarter, year })),
    [report.period, language, t],
  );
  const points = useMemo(() => indicatorSeries(report, type, label), [report, type, label]);
  const bars = useMemo(() => ageBars(report, type), [report, type]);
  const typeName = type === 'all' ? t('backlog.controls.allTypes') : t(`cases.caseType.${type}`);
  return (
    <>
      <p className="muted">
        {t('backlog.range', {
          from: formatCalendarDate(report.from, language),
          to: formatCalendarDate(report.to, language),
          asOf: formatCalendarDate(report.asOf, language),
        })}
      </p>
      <div className="field">
        <label htmlFor={typeId}>{t('backlog.controls.caseType')}</label>
        <select id={typeId} value={type} onChange={(e) => setType(e.target.value as TypeFilter)}>
          <option value="all">{t('backlog.controls.allTypes')}</option>
          {typesInReport(report).map((ct) => (
            <option key={ct} value={ct}>
              {t(`cases.caseType.${ct}`)}
            </option>
          ))}
        </select>
      </div>

      <section aria-labelledby="backlog-indicators">
        <h2 id="backlog-indicators">{t('backlog.indicators.heading')}</h2>
        <p className="muted">{t('backlog.indicators.explain')}</p>
        <div className="backlog__charts">
          <ClearanceChart points={points} caption={t('backlog.indicators.clearanceCaption', { type: typeName })} />
          <DispositionTimeChart points={points} caption={t('backlog.indicators.dispositionCaption', { type: typeName })} />
        </div>
        <div className="table-scroll" role="region" aria-labelledby="backlog-indicators-table" tabIndex={0}>
          <table className="table">
            <caption id="backlog-indicators-table">{t('backlog.indicators.tableCaption', { type: typeName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backlog.indicators.period')}</th>
                <th scope="col">{t('backlog.indicators.incoming')}</th>
                <th scope="col">{t('backlog.indicators.resolved')}</th>
                <th scope="col">{t('backlog.indicators.pendingEnd')}</th>
                <th scope="col">{t('backlog.indicators.clearanceRate')}</th>
                <th scope="col">{t('backlog.indicators.dispositionTime')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.key}>
                  <th scope="row">{p.label}</th>
                  <td>{formatFigure(p.incoming, language)}</td>
                  <td>{formatFigure(p.resolved, language)}</td>
                  <td>{formatFigure(p.pendingEnd, language)}</td>
                  <td>{formatPercent(p.clearanceRate, language)}</td>
                  <td>
                    {p.dispositionTimeDays === null
                      ? '—'
                      : t('backlog.indicators.daysValue', { value: formatFigure(p.dispositionTimeDays, language) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="backlog-ages">
        <h2 id="backlog-ages">{t('backlog.age.heading')}</h2>
        {report.ageProfile.pending === 0 ? (
          <p className="empty-state__title">{t('backlog.age.empty')}</p>
        ) : (
          <>
            <p className="muted">
              {t('backlog.age.summary', {
                pending: formatFigure(report.ageProfile.pending, language),
                oldest: report.ageProfile.oldestFiled ? formatCalendarDate(report.ageProfile.oldestFiled, language) : '—',
              })}
            </p>
            <AgeProfileChart bars={bars} caption={t('backlog.age.caption', { type: typeName })} />
            <div className="table-scroll" role="region" aria-labelledby="backlog-ages-table" tabIndex={0}>
              <table className="table">
                <caption id="backlog-ages-table">{t('backlog.age.caption', { type: typeName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('backlog.age.bandHeading')}</th>
                    <th scope="col">{t('backlog.age.count')}</th>
                    <th scope="col">{t('backlog.age.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {bars.map((b) => (
                    <tr key={b.band}>
                      <th scope="row">{t(`backlog.age.band.${b.band}`)}</th>
                      <td>{formatFigure(b.count, language)}</td>
                      <td>{formatPercent(b.share * 100, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <CustodyRiskSection report={report} />
    </>
  );
}

function CustodyRiskSection({ report }: { report: BacklogReport }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <section aria-labelledby="backlog-custody">
      <h2 id="backlog-custody">{t('backlog.custody.heading')}</h2>
      <p className="muted">{t('backlog.custody.explain', { days: formatFigure(report.custodyWarningDays, language) })}</p>
      {report.custodyRisks.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{t('backlog.custody.empty')}</p>
        </div>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="backlog-custody-table" tabIndex={0}>
          <table className="table">
            <caption id="backlog-custody-table" className="visually-hidden">
              {t('backlog.custody.heading')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('backlog.custody.case')}</th>
                <th scope="col">{t('backlog.custody.type')}</th>
                <th scope="col">{t('backlog.custody.limit')}</th>
                <th scope="col">{t('backlog.custody.firstHearing')}</th>
                <th scope="col">{t('backlog.custody.reasonHeading')}</th>
              </tr>
            </thead>
            <tbody>
              {report.custodyRisks.map((r) => (
                <tr key={r.caseId} className={r.reason === 'limit_passed' ? 'backlog__risk--passed' : undefined}>
                  <th scope="row">
                    <bdi>{r.caseNumber}</bdi>
                  </th>
                  <td>{t(`cases.caseType.${r.type}`)}</td>
                  <td>
                    {formatCalendarDate(r.custodyLimit, language)}
                    <br />
                    <span className="muted">
                      {r.daysLeft < 0
                        ? t('backlog.custody.daysAgo', { days: formatFigure(-r.daysLeft, language) })
                        : t('backlog.custody.daysLeft', { days: formatFigure(r.daysLeft, language) })}
                    </span>
                  </td>
                  <td>
                    {r.firstScheduledHearing ? formatCalendarDate(r.firstScheduledHearing, language) : t('backlog.custody.noHearing')}
                  </td>
                  <td>{t(`backlog.custody.reason.${r.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ForecastSection({ courtId }: { courtId: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [selected, setSelected] = useState<ReadonlySet<ForecastScenarioName>>(new Set());
  const scenario = scenarioParam(selected);
  const load = useCallback((signal: AbortSignal) => backlogApi.forecast(courtId, scenario, signal), [courtId, scenario]);
  const forecast = useApiResource(load);
  return (
    <section aria-labelledby="backlog-forecast">
      <h2 id="backlog-forecast">{t('backlog.forecast.heading')}</h2>
      <fieldset className="backlog__scenarios">
        <legend>{t('backlog.forecast.scenarios')}</legend>
        {FORECAST_SCENARIO_NAMES.map((s) => (
          <label key={s} className="backlog__toggle">
            <input type="checkbox" checked={selected.has(s)} onChange={() => setSelected((current) => toggleScenario(current, s))} />
            {t(`backlog.forecast.scenario.${s}`)}
          </label>
        ))}
      </fieldset>
      <ResourceStates
        state={forecast.state}
        reload={forecast.reload}
        isEmpty={(f: BacklogForecast) => f.pending === 0}
        messages={{
          loading: t('backlog.forecast.loading'),
          loadFailed: t('backlog.forecast.loadFailed'),
          empty: t('backlog.forecast.empty'),
          emptyHint: t('backlog.forecast.emptyHint'),
        }}
      />
      {forecast.state.status === 'loaded' && forecast.state.data.pending > 0 && (
        <ForecastView forecast={forecast.state.data} language={language} />
      )}
    </section>
  );
}

function ForecastView({ forecast, language }: { forecast: BacklogForecast; language: ReturnType<typeof currentLanguage> }) {
  const { t } = useTranslation();
  const rows = useMemo(() => forecastRows(forecast, (iso) => formatCalendarDate(iso, language)), [forecast, language]);
  return (
    <>
      <p className="muted">
        {t('backlog.forecast.basis', {
          pending: formatFigure(forecast.pending, language),
          weeks: formatFigure(forecast.lookbackWeeks, language),
          incoming: formatFigure(forecast.incomingPerWeek, language, 2),
          resolved: formatFigure(forecast.resolvedPerWeek, language, 2),
        })}{' '}
        {forecast.hearingHoursPerCase === null
          ? t('backlog.forecast.noHours')
          : t('backlog.forecast.hoursPerCase', { hours: formatFigure(forecast.hearingHoursPerCase, language, 1) })}
      </p>
      <ForecastChart rows={rows} scenarios={forecast.lines.map((l) => l.scenario)} caption={t('backlog.forecast.caption')} />
      <ul className="backlog__outlook">
        {forecast.lines.map((line) => {
          const outlook = clearanceOutlook(line);
          const name = t(`backlog.forecast.scenario.${line.scenario}`);
          const extra = formatFigure(line.extraHearingHoursPerWeek, language, 1);
          return (
            <li key={line.scenario}>
              <strong>{name}</strong>
              {line.scenario !== 'baseline' && <> ({t('backlog.forecast.extraHours', { hours: extra })})</>}
              {': '}
              {outlook.kind === 'cleared'
                ? t('backlog.forecast.clearedOn', { date: formatCalendarDate(outlook.on, language) })
                : outlook.kind === 'never'
                  ? t('backlog.forecast.never')
                  : t('backlog.forecast.alreadyClear')}
            </li>
          );
        })}
      </ul>
      <details>
        <summary>{t('backlog.forecast.howSummary')}</summary>
        <p>
          {t('backlog.forecast.how', {
            nights: formatFigure(forecast.scenarioSizes.night_sessions, language),
            nightHours: formatFigure(forecast.capacity.nightSessionHours, language, 1),
            nightRooms: formatFigure(forecast.capacity.nightRooms, language),
            rooms: formatFigure(forecast.scenarioSizes.virtual_rooms, language),
            dayHours: formatFigure(forecast.capacity.daySessionHoursPerWeek, language, 1),
            remoteShare: formatPercent(forecast.capacity.remoteShare * 100, language),
          })}
        </p>
      </details>
    </>
  );
}
