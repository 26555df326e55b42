import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ForecastLineView } from '@ejustice/scheduling-data/contract/backlog.contract';
import { currentLanguage } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';
import { type AgeBar, type ForecastRow, type IndicatorPoint, formatFigure, formatPercent } from './backlog-view';

/*
 * The dashboard's charts (recharts: SVG, drawn in the browser, nothing fetched). In Arabic the
 * time axis runs right to left and the value axis stands on the right, as a reader of the page
 * expects; every number on an axis or in a tooltip is formatted for the reader's language. Each
 * chart is a figure with a caption; the same figures are in a table beside it for screen readers.
 */

const HEIGHT = 260;
/** Distinguishable in colour-blind palettes (Okabe–Ito), and dashed lines tell the scenarios apart in greyscale. */
export const SERIES_COLOURS: Record<ForecastLineView['scenario'], string> = {
  baseline: '#0b4f8a',
  night_sessions: '#d55e00',
  virtual_rooms: '#009e73',
  combined: '#cc79a7',
};
const DASHES: Record<ForecastLineView['scenario'], string | undefined> = {
  baseline: undefined,
  night_sessions: '6 3',
  virtual_rooms: '2 3',
  combined: '10 4 2 4',
};

function useAxes() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const rtl = directionOf(language) === 'rtl';
  return { language, rtl, yOrientation: rtl ? ('right' as const) : ('left' as const) };
}

export function ClearanceChart({ points, caption }: { points: readonly IndicatorPoint[]; caption: string }) {
  const { t } = useTranslation();
  const { language, rtl, yOrientation } = useAxes();
  return (
    <figure className="backlog-chart">
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={[...points]} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" reversed={rtl} />
          <YAxis orientation={yOrientation} tickFormatter={(v: number) => formatPercent(v, language)} />
          <ReferenceLine y={100} stroke="#555" strokeDasharray="4 4" />
          <Tooltip formatter={(v) => formatPercent(typeof v === 'number' ? v : null, language)} />
          <Bar
            dataKey="clearanceRate"
            name={t('backlog.indicators.clearanceRate')}
            fill={SERIES_COLOURS.baseline}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function DispositionTimeChart({ points, caption }: { points: readonly IndicatorPoint[]; caption: string }) {
  const { t } = useTranslation();
  const { language, rtl, yOrientation } = useAxes();
  return (
    <figure className="backlog-chart">
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={[...points]} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" reversed={rtl} />
          <YAxis orientation={yOrientation} tickFormatter={(v: number) => formatFigure(v, language)} />
          <Tooltip
            formatter={(v) => t('backlog.indicators.daysValue', { value: formatFigure(typeof v === 'number' ? v : null, language) })}
          />
          <Line
            dataKey="dispositionTimeDays"
            name={t('backlog.indicators.dispositionTime')}
            stroke={SERIES_COLOURS.night_sessions}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function AgeProfileChart({ bars, caption }: { bars: readonly AgeBar[]; caption: string }) {
  const { t } = useTranslation();
  const { language, rtl, yOrientation } = useAxes();
  const data = bars.map((b) => ({ ...b, label: t(`backlog.age.band.${b.band}`) }));
  return (
    <figure className="backlog-chart">
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" reversed={rtl} />
          <YAxis orientation={yOrientation} allowDecimals={false} tickFormatter={(v: number) => formatFigure(v, language)} />
          <Tooltip formatter={(v) => formatFigure(typeof v === 'number' ? v : null, language)} />
          <Bar dataKey="count" name={t('backlog.age.count')} fill={SERIES_COLOURS.virtual_rooms} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ForecastChart({
  rows,
  scenarios,
  caption,
}: {
  rows: readonly ForecastRow[];
  scenarios: readonly ForecastLineView['scenario'][];
  caption: string;
}) {
  const { t } = useTranslation();
  const { language, rtl, yOrientation } = useAxes();
  return (
    <figure className="backlog-chart">
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT + 40}>
        <LineChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" reversed={rtl} minTickGap={24} />
          <YAxis orientation={yOrientation} allowDecimals={false} tickFormatter={(v: number) => formatFigure(v, language)} />
          <Tooltip formatter={(v) => formatFigure(typeof v === 'number' ? v : null, language)} />
          <Legend />
          {scenarios.map((s) => (
            <Line
              key={s}
              dataKey={s}
              name={t(`backlog.forecast.scenario.${s}`)}
              stroke={SERIES_COLOURS[s]}
              strokeDasharray={DASHES[s]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
