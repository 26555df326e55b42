import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardShapeProblems, expressionProblems, expressionsOf } from './dashboard-check';
import { platformMetricCatalogue } from './metric-catalogue';

const DASHBOARD = join(__dirname, '../../deploy/grafana/ejustice-dashboard.json');

describe('the Grafana dashboard (deploy/grafana/ejustice-dashboard.json)', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Record<string, unknown>;
  const catalogue = platformMetricCatalogue();

  it('is a dashboard Grafana can provision: uid, title, panels with a Prometheus datasource and targets', () => {
    expect(dashboardShapeProblems(dashboard)).toEqual([]);
  });

  it('asks only for metrics, and labels, that the platform registers', () => {
    const problems = expressionsOf(dashboard).flatMap(({ panel, expr }) =>
      expressionProblems(expr, catalogue).map((p) => `${panel}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('covers hearings, consumers, loss, filings and queues', () => {
    const exprs = expressionsOf(dashboard).map((e) => e.expr);
    for (const metric of [
      'ejustice_media_rooms',
      'ejustice_media_participants',
      'ejustice_media_consumers',
      'ejustice_media_packet_loss_max',
      'ejustice_media_participants_lossy',
      'ejustice_filing_phase_seconds_bucket',
      'ejustice_queue_jobs',
    ]) {
      expect({ metric, used: exprs.some((e) => new RegExp(`\\b${metric}\\b`).test(e)) }).toEqual({ metric, used: true });
    }
  });

  describe('its checks can fail', () => {
    it('on a metric nobody registers, a label a metric does not carry, and no platform metric at all', () => {
      expect(expressionProblems('sum(ejustice_media_romos)', catalogue)).toEqual([
        'ejustice_media_romos is not a metric the platform registers',
      ]);
      expect(expressionProblems('sum(ejustice_media_rooms{court="x"})', catalogue)).toEqual(['ejustice_media_rooms has no label court']);
      expect(expressionProblems('max by (queue) (ejustice_media_rooms)', catalogue)).toEqual([
        'groups by queue, which none of ejustice_media_rooms carries',
      ]);
      expect(expressionProblems('up', catalogue)).toEqual(['names no ejustice_ metric: up']);
      expect(
        expressionProblems('histogram_quantile(0.9, sum by (le) (rate(ejustice_filing_phase_seconds_bucket[5m])))', catalogue),
      ).toEqual([]);
    });

    it('on a document without uid, or with a panel without datasource or targets', () => {
      const broken = {
        title: 'x',
        schemaVersion: 39,
        panels: [{ id: 1, type: 'timeseries', title: 'p', gridPos: { h: 1, w: 1, x: 0, y: 0 } }],
      };
      expect(dashboardShapeProblems(broken)).toEqual([
        'uid must be 1-40 letters, digits, - or _',
        'panel 1 (p): datasource must be a Prometheus one',
        'panel 1 (p): targets must be a non-empty list',
      ]);
    });
  });
});
