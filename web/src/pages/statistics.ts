// Statistics for analysts: a two-way table of the NRM's cases by any two dimensions and a
// period, as the server publishes it under disclosure control ("<5" for small cells, "x" for
// cells suppressed so that totals cannot reveal them), with the suppression note, a bar chart of
// the row totals drawn here as SVG, and downloads of the table (CSV, XLSX, JSON) and the chart (SVG).
//
// The choice is kept in the route's query ("#/statistics?rows=year&cols=gender"), so a table
// can be bookmarked and shared with colleagues who may see it.
import { chartDownloads } from '../chart-export';
import { countryName } from '../countries';
import { h, replaceContent, svg } from '../dom';
import { fetchStatsProcess, fetchStatsTable, statsReportUrl, statsTableUrl, type StatsQuery } from '../endpoints';
import { StatusRegion, inputField, selectField, submitButton } from '../forms';
import { isMessageKey, language, t, termLabel } from '../i18n';
import { currentQuery, navigate, pathWithQuery } from '../router';
import type { StatsCell, StatsCount, StatsProcess, StatsTable } from '../types';
import { card, loadingNote, page } from './common';
import { statisticsMaps } from './statistics-maps';

export const STATISTICS_PATH = '/statistics';

/** The dimensions the server offers (GET /api/v1/stats/dimensions), in the order shown. */
export const DIMENSIONS = [
  'year',
  'quarter',
  'month',
  'gender',
  'age_group',
  'age_band',
  'exploitation_type',
  'citizenship',
  'country_of_exploitation',
  'scope',
  'first_responder_type',
  'trafficking_status',
  'rg_outcome',
  'cg_outcome',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DEFAULT_QUERY: StatsQuery = { rows: 'year', cols: 'gender' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDimension(value: string | null): value is Dimension {
  return value !== null && (DIMENSIONS as readonly string[]).includes(value);
}

/** The table asked for in the route, with the defaults for anything missing or odd. */
export function queryFromRoute(params: URLSearchParams): StatsQuery {
  const rows = params.get('rows');
  const cols = params.get('cols');
  const date = (name: string): string | undefined => {
    const value = params.get(name);
    return value && ISO_DATE.test(value) ? value : undefined;
  };
  return {
    rows: isDimension(rows) ? rows : DEFAULT_QUERY.rows,
    cols: isDimension(cols) ? cols : DEFAULT_QUERY.cols,
    from: date('from'),
    to: date('to'),
  };
}

export function dimensionLabel(dimension: string): string {
  const key = `stats.dimension.${dimension}`;
  return isMessageKey(key) ? t(key) : dimension;
}

/** A category of a dimension in the reader's language. */
export function categoryLabel(dimension: string, category: string): string {
  if (category === 'unknown') return t('stats.unknown');
  switch (dimension) {
    case 'gender':
      return termLabel('genders', category);
    case 'age_band':
      return termLabel('age_bands', category);
    case 'exploitation_type':
      return termLabel('exploitation_types', category);
    case 'citizenship':
    case 'country_of_exploitation':
      return `${countryName(category, language())} (${category})`;
    case 'first_responder_type': {
      const key = `orgType.${category}`;
      return isMessageKey(key) ? t(key) : category;
    }
    default: {
      const key = `stats.value.${category}`;
      return isMessageKey(key) ? t(key) : category;
    }
  }
}

/** A figure as printed: the number, or the mark of a suppressed cell. */
export function cellText(cell: StatsCell): string {
  if (!cell.suppressed && cell.value !== null) return String(cell.value);
  return cell.shown ?? 'x';
}

function cellElement(cell: StatsCell, tag: 'td' | 'th', label: string): HTMLElement {
  const title = cell.suppressed
    ? t(cell.reason === 'below_threshold' ? 'stats.cell.small' : 'stats.cell.complement')
    : undefined;
  return h(tag, { class: cell.suppressed ? 'suppressed number' : 'number', attrs: { 'data-label': label, title, scope: tag === 'th' ? 'row' : undefined } }, cellText(cell));
}

function tableElement(table: StatsTable): HTMLElement {
  const rowName = dimensionLabel(table.rows_dimension);
  const colName = dimensionLabel(table.cols_dimension);
  const colLabels = table.cols.map((col) => categoryLabel(table.cols_dimension, col));
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { attrs: { scope: 'col' } }, `${rowName} \\ ${colName}`),
      ...colLabels.map((label) => h('th', { attrs: { scope: 'col' } }, label)),
      h('th', { attrs: { scope: 'col' } }, t('stats.total')),
    ),
  );
  const body = h(
    'tbody',
    {},
    ...table.rows.map((row, r) =>
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'row' } }, categoryLabel(table.rows_dimension, row)),
        ...(table.cells[r] ?? []).map((cell, c) => cellElement(cell, 'td', colLabels[c] ?? '')),
        cellElement(table.row_totals[r] ?? { value: null, suppressed: true }, 'td', t('stats.total')),
      ),
    ),
  );
  const foot = h(
    'tfoot',
    {},
    h(
      'tr',
      {},
      h('th', { attrs: { scope: 'row' } }, t('stats.total')),
      ...table.col_totals.map((cell, c) => cellElement(cell, 'td', colLabels[c] ?? '')),
      cellElement(table.total, 'td', t('stats.total')),
    ),
  );
  const caption = t('stats.caption', { rows: rowName, cols: colName });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data stats-table' }, h('caption', {}, caption), head, body, foot));
}

/** What was suppressed and why, in the reader's language. */
function suppressionNote(table: StatsTable): HTMLElement {
  const { below_threshold: small, protects_other_cells: complements } = table.suppression;
  const lines = [
    small + complements === 0
      ? t('stats.note.none', { threshold: table.threshold })
      : t('stats.note.small', { threshold: table.threshold, below: table.threshold - 1 }),
  ];
  if (complements > 0) lines.push(t('stats.note.complements', { count: complements }));
  if (table.multi_valued) lines.push(t('stats.note.multiValued', { dimension: dimensionLabel(table.multi_valued) }));
  return h('div', { class: 'notice stats-note' }, ...lines.map((line) => h('p', {}, line)));
}

// ---- The chart ----

const BAR_HEIGHT = 22;
const BAR_GAP = 8;
const LABEL_WIDTH = 220;
const BAR_AREA = 360;
const VALUE_WIDTH = 60;
const BAR_COLOUR = '#2f5f8f';
const TEXT_COLOUR = '#1a1a1a';

/** Horizontal bars of the row totals; a suppressed total has no bar, only its mark. */
export function barChart(table: StatsTable): SVGSVGElement {
  const height = table.rows.length * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const largest = Math.max(1, ...table.row_totals.map((cell) => (cell.suppressed ? 0 : (cell.value ?? 0))));
  const title = t('stats.chartTitle', { rows: dimensionLabel(table.rows_dimension) });
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, class: 'stats-chart', 'font-family': 'sans-serif', 'font-size': 13 }) as SVGSVGElement;
  chart.appendChild(svg('title', {}, title));
  table.rows.forEach((row, index) => {
    const cell = table.row_totals[index] ?? { value: null, suppressed: true };
    const y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP);
    const middle = y + BAR_HEIGHT / 2 + 4;
    chart.appendChild(svg('text', { x: LABEL_WIDTH - 8, y: middle, 'text-anchor': 'end', fill: TEXT_COLOUR }, categoryLabel(table.rows_dimension, row)));
    const length = cell.suppressed || cell.value === null ? 0 : Math.max(1, Math.round((cell.value / largest) * BAR_AREA));
    if (length > 0) chart.appendChild(svg('rect', { x: LABEL_WIDTH, y, width: length, height: BAR_HEIGHT, fill: BAR_COLOUR }));
    chart.appendChild(svg('text', { x: LABEL_WIDTH + length + 6, y: middle, fill: TEXT_COLOUR }, cellText(cell)));
  });
  return chart;
}

// ---- Downloads ----

function fileStem(query: StatsQuery): string {
  return `lifeline-${query.rows}-by-${query.cols}`;
}

function downloadLink(label: string, url: string, fileName: string): HTMLAnchorElement {
  return h('a', { class: 'download', attrs: { href: url, download: fileName } }, label);
}

function downloads(query: StatsQuery, table: StatsTable, chart: SVGSVGElement): HTMLElement {
  const json = URL.createObjectURL(new Blob([JSON.stringify(table, null, 2)], { type: 'application/json' }));
  return h(
    'p',
    { class: 'downloads' },
    downloadLink(t('stats.downloadCsv'), statsTableUrl(query, 'csv'), `${fileStem(query)}.csv`),
    downloadLink(t('stats.downloadXlsx'), statsTableUrl(query, 'xlsx'), `${fileStem(query)}.xlsx`),
    downloadLink(t('stats.downloadJson'), json, `${fileStem(query)}.json`),
    chartDownloads(chart, fileStem(query), t('stats.chartHeading')),
  );
}

// ---- The form ----

function dimensionSelect(label: string, name: string, chosen: string): HTMLElement {
  const field = selectField(label, name, DIMENSIONS.map((id) => ({ value: id, label: dimensionLabel(id) })));
  field.select.value = chosen;
  return field.row;
}

function choiceForm(query: StatsQuery, status: StatusRegion): HTMLFormElement {
  const from = inputField({ label: t('stats.from'), name: 'from', type: 'date', value: query.from ?? '' });
  const to = inputField({ label: t('stats.to'), name: 'to', type: 'date', value: query.to ?? '' });
  const form = h(
    'form',
    { class: 'stats-form', attrs: { 'aria-label': t('stats.formLabel') } },
    dimensionSelect(t('stats.rows'), 'rows', query.rows),
    dimensionSelect(t('stats.cols'), 'cols', query.cols),
    from.row,
    to.row,
    submitButton(t('stats.show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const values = { rows: String(data.get('rows')), cols: String(data.get('cols')), from: String(data.get('from') ?? ''), to: String(data.get('to') ?? '') };
    if (values.rows === values.cols) {
      status.invalid(t('stats.sameDimension'));
      return;
    }
    status.clear();
    navigate(pathWithQuery(STATISTICS_PATH, values));
  });
  return form;
}

// ---- Process figures ----

function count(cell: StatsCount, threshold: number): string {
  return cell.suppressed || cell.value === null ? `<${threshold}` : String(cell.value);
}

function optional(value: number | null): string {
  return value === null ? '—' : String(value);
}

function share(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)} %`;
}

/** Label and value pairs as a two-column table under a heading of its own. */
function figureTable(caption: string, rows: readonly (readonly [string, string])[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h('h3', { attrs: { 'aria-hidden': 'true' } }, caption),
    h(
      'table',
      { class: 'data stats-figures' },
      h('caption', {}, caption),
      h('tbody', {}, ...rows.map(([label, value]) => h('tr', {}, h('th', { attrs: { scope: 'row' } }, label), h('td', { class: 'number' }, value)))),
    ),
  );
}

export function processFigures(figures: StatsProcess): HTMLElement {
  const n = figures.threshold;
  const rg = figures.decisions.reasonable_grounds;
  const cg = figures.decisions.conclusive;
  const reflection = figures.decisions.reflection_period;
  const backlog = (stage: 'reasonable_grounds' | 'conclusive'): [string, string][] =>
    figures.backlog[stage].map((bucket) => [t('stats.process.waiting', { days: bucket.days }), count(bucket, n)]);
  return card(
    t('stats.process.title'),
    figureTable(t('stats.process.decisions'), [
      [t('stats.process.rgDecisions'), count(rg.decisions, n)],
      [t('stats.process.medianDays'), optional(rg.median_days)],
      [t('stats.process.p90Days'), optional(rg.p90_days)],
      [t('stats.process.withinDeadline', { days: rg.deadline_working_days }), share(rg.within_deadline_share)],
      [t('stats.process.cgDecisions'), count(cg.decisions, n)],
      [t('stats.process.medianDays'), optional(cg.median_days)],
      [t('stats.process.p90Days'), optional(cg.p90_days)],
      [t('stats.process.reflectionMedian'), optional(reflection.median_days)],
      [t('stats.process.reviews'), count(figures.reviews, n)],
    ]),
    figureTable(t('stats.process.backlogRg'), backlog('reasonable_grounds')),
    figureTable(t('stats.process.backlogCg'), backlog('conclusive')),
    figureTable(t('stats.process.outcomes'), [
      [t('stats.process.permitsApplied'), count(figures.permits.applied, n)],
      [t('stats.process.permitsGranted'), count(figures.permits.granted, n)],
      [t('stats.process.compensationClaims'), count(figures.compensation.claims, n)],
      [t('stats.process.compensationAwards'), count(figures.compensation.awards, n)],
      [t('stats.process.compensationAwarded'), optional(figures.compensation.awarded_amount)],
      [t('stats.process.returns'), count(figures.returns.returned, n)],
      [t('stats.process.followedUp'), count(figures.returns.followed_up, n)],
      [t('stats.process.reTrafficked'), count(figures.returns.re_trafficked, n)],
      [t('stats.process.shelterPlaces'), String(figures.shelters.places)],
      [t('stats.process.shelterOccupied'), count(figures.shelters.occupied, n)],
    ]),
  );
}

// ---- The annual report ----

/** The year and language of the National Rapporteur's report, and links to it as HTML and PDF. */
export function annualReport(): HTMLElement {
  const lastYear = new Date().getFullYear() - 1;
  const year = inputField({ label: t('stats.report.year'), name: 'report-year', type: 'number', value: String(lastYear), min: 1900, max: 2200 });
  const lang = selectField(t('stats.report.language'), 'report-lang', [
    { value: 'en', label: t('stats.report.english') },
    { value: 'ru', label: t('stats.report.russian') },
  ]);
  lang.select.value = language() === 'ru' ? 'ru' : 'en';
  const html = h('a', { class: 'download', attrs: { target: '_blank', rel: 'noopener' } }, t('stats.report.html'));
  const pdf = h('a', { class: 'download', attrs: { download: '' } }, t('stats.report.pdf'));
  const update = (): void => {
    const chosen = Number.parseInt(year.input.value, 10);
    const valid = Number.isInteger(chosen) && chosen >= 1900 && chosen <= 2200 ? chosen : lastYear;
    const reportLang = lang.select.value === 'ru' ? 'ru' : 'en';
    html.setAttribute('href', statsReportUrl(valid, reportLang, 'html'));
    pdf.setAttribute('href', statsReportUrl(valid, reportLang, 'pdf'));
  };
  year.input.addEventListener('input', update);
  lang.select.addEventListener('change', update);
  update();
  return card(t('stats.report.title'), h('p', {}, t('stats.report.lead')), year.row, lang.row, h('p', { class: 'downloads' }, html, ' · ', pdf));
}

export function statisticsPage(): HTMLElement {
  const query = queryFromRoute(currentQuery());
  const status = new StatusRegion();
  const slot = h('div', { class: 'stats-result' }, loadingNote());
  void (async () => {
    try {
      const table = await fetchStatsTable(query);
      if (table.rows.length === 0) {
        replaceContent(slot, h('p', { class: 'muted' }, t('stats.empty')));
        return;
      }
      const chart = barChart(table);
      replaceContent(slot, tableElement(table), suppressionNote(table), card(t('stats.chartHeading'), chart), downloads(query, table, chart));
    } catch (error) {
      replaceContent(slot);
      status.error(error);
    }
  })();
  const processSlot = h('div', { class: 'stats-process' });
  void (async () => {
    try {
      replaceContent(processSlot, processFigures(await fetchStatsProcess(query)));
    } catch (error) {
      status.error(error);
    }
  })();
  return page(t('stats.title'), h('p', { class: 'lead' }, t('stats.lead')), choiceForm(query, status), status.element, slot, processSlot, statisticsMaps(query, status), annualReport());
}
