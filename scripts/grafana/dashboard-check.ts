import type { CatalogueEntry } from './metric-catalogue';

/** Labels Prometheus itself puts on every scraped series. */
const TARGET_LABELS = ['job', 'instance'];
/** Words of PromQL that may stand where a label name does (`by (le)`, `on (instance)`). */
const SELECTOR = /\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}/g;
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;
const METRIC_NAME = /\bejustice_[a-z0-9_]+\b/g;

interface Panel {
  id?: unknown;
  type?: unknown;
  title?: unknown;
  datasource?: unknown;
  targets?: { expr?: unknown; refId?: unknown }[];
  panels?: Panel[];
  gridPos?: unknown;
}

/** Every PromQL expression of a dashboard, with the panel it belongs to. */
export function expressionsOf(dashboard: { panels?: Panel[] }): { panel: string; expr: string }[] {
  const all: Panel[] = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  return all.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: String(p.title), expr: String(t.expr ?? '') })));
}

/**
 * What is wrong with one PromQL expression against the platform's metrics: a metric no process
 * registers, a label a selector or a grouping names that none of its metrics carries, or no
 * platform metric at all (the dashboard reads the platform's own metrics, all named ejustice_).
 */
export function expressionProblems(expr: string, catalogue: ReadonlyMap<string, CatalogueEntry>): string[] {
  const problems: string[] = [];
  const names = [...new Set(expr.match(METRIC_NAME) ?? [])];
  if (names.length === 0) problems.push(`names no ejustice_ metric: ${expr}`);
  const unknown = names.filter((n) => !catalogue.has(n));
  for (const name of unknown) problems.push(`${name} is not a metric the platform registers`);
  const labelsOf = (name: string) => [...(catalogue.get(name)?.labels ?? []), ...TARGET_LABELS];
  for (const [, name, matchers] of expr.matchAll(SELECTOR)) {
    if (!catalogue.has(name)) continue;
    for (const matcher of matchers
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean)) {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)/.exec(matcher)?.[1];
      if (!label) problems.push(`${name}{${matchers}} has a matcher that is not label=value: ${matcher}`);
      else if (!labelsOf(name).includes(label)) problems.push(`${name} has no label ${label}`);
    }
  }
  const known = names.filter((n) => catalogue.has(n));
  const anyLabels = new Set(known.flatMap(labelsOf));
  for (const [, list] of expr.matchAll(GROUPING)) {
    for (const label of list
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean)) {
      if (!anyLabels.has(label)) problems.push(`groups by ${label}, which none of ${known.join(', ')} carries`);
    }
  }
  return problems;
}

/** What keeps a JSON document from being a Grafana dashboard that can be provisioned or imported. */
export function dashboardShapeProblems(dashboard: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof dashboard.uid !== 'string' || !/^[a-zA-Z0-9_-]{1,40}$/.test(dashboard.uid))
    problems.push('uid must be 1-40 letters, digits, - or _');
  if (typeof dashboard.title !== 'string' || dashboard.title.trim() === '') problems.push('title must be set');
  if (typeof dashboard.schemaVersion !== 'number') problems.push('schemaVersion must be a number');
  const panels = Array.isArray(dashboard.panels) ? (dashboard.panels as Panel[]) : [];
  if (panels.length === 0) problems.push('panels must be a non-empty list');
  const ids = new Set<unknown>();
  for (const p of panels.flatMap((q) => [q, ...(q.panels ?? [])])) {
    const name = `panel ${String(p.id)} (${String(p.title)})`;
    if (typeof p.id !== 'number' || ids.has(p.id)) problems.push(`${name}: id must be a number of its own`);
    ids.add(p.id);
    const grid = p.gridPos as { h?: unknown; w?: unknown; x?: unknown; y?: unknown } | undefined;
    if (!grid || ![grid.h, grid.w, grid.x, grid.y].every((n) => typeof n === 'number') || Number(grid.x) + Number(grid.w) > 24) {
      problems.push(`${name}: gridPos must have h, w, x, y within 24 columns`);
    }
    if (p.type === 'row') continue;
    if (typeof p.type !== 'string' || typeof p.title !== 'string' || p.title === '') problems.push(`${name}: type and title must be set`);
    const ds = p.datasource as { type?: unknown; uid?: unknown } | undefined;
    if (!ds || ds.type !== 'prometheus' || typeof ds.uid !== 'string') problems.push(`${name}: datasource must be a Prometheus one`);
    if (!Array.isArray(p.targets) || p.targets.length === 0) problems.push(`${name}: targets must be a non-empty list`);
    for (const t of p.targets ?? []) {
      if (typeof t.expr !== 'string' || t.expr.trim() === '' || typeof t.refId !== 'string')
        problems.push(`${name}: each target needs expr and refId`);
    }
  }
  return problems;
}
