// What the action-plan and questionnaire pages share: the bar chart (drawn here as SVG, no
// library, with its SVG and PNG downloads), status badges and the coordinator role.
import { chartDownloads } from '../chart-export';
import { h, svg } from '../dom';
import { isMessageKey, t } from '../i18n';
import { barLayout, percent, type Bar } from '../monitoring-logic';

export const COORDINATOR = 'coordinator';
export const ACTION_PLAN_PATH = '/action-plan';
export const QUESTIONNAIRES_PATH = '/questionnaires';

const CHART_WIDTH = 640;
const LABEL_WIDTH = 170;
const ROW = 28;
const BAR = 18;

/**
 * Horizontal bars of value against total, with the figures written out, for a chart whose
 * numbers also appear in a table next to it (the chart is decorative for screen readers).
 */
export function barChart(title: string, bars: readonly Bar[], labelOf: (label: string) => string): HTMLElement {
  const barWidth = CHART_WIDTH - LABEL_WIDTH - 90;
  const layout = barLayout(bars, barWidth, ROW);
  const height = Math.max(ROW, bars.length * ROW);
  const chart = svg('svg', { viewBox: `0 0 ${CHART_WIDTH} ${height}`, class: 'bar-chart', role: 'img', 'aria-label': title });
  chart.appendChild(svg('title', {}, title));
  layout.forEach((bar, index) => {
    const source = bars[index];
    const y = bar.y + (ROW - BAR) / 2;
    chart.appendChild(svg('text', { x: LABEL_WIDTH - 8, y: y + BAR - 4, 'text-anchor': 'end', class: 'bar-label' }, labelOf(bar.label)));
    chart.appendChild(svg('rect', { x: LABEL_WIDTH, y, width: bar.track.toFixed(1), height: BAR, class: 'bar-track' }));
    chart.appendChild(svg('rect', { x: LABEL_WIDTH, y, width: bar.filled.toFixed(1), height: BAR, class: 'bar-filled' }));
    const figure = source ? `${source.value}/${source.total} (${percent(bar.share)})` : '';
    chart.appendChild(svg('text', { x: LABEL_WIDTH + bar.track + 6, y: y + BAR - 4, class: 'bar-figure' }, figure));
  });
  return h('figure', { class: 'chart' }, chart as unknown as HTMLElement, h('figcaption', {}, title, ' ', chartDownloads(chart, 'lifeline-chart', title)));
}

/** A label kept under `prefix` for an id the server sends; the id itself when none is. */
export function labelOf(prefix: string, id: string): string {
  const key = `${prefix}.${id}`;
  return isMessageKey(key) ? t(key) : id;
}

export function progressBadge(status: string): HTMLElement {
  return h('span', { class: `badge progress-${status}` }, labelOf('nap.status', status));
}

export const pillarLabel = (pillar: string): string => labelOf('corpus.pillar', pillar);
