// A choropleth world map: countries shaded by a count or by a category, with its title and
// legend drawn inside the SVG (so a downloaded picture explains itself), and the same figures
// in a table below it for screen readers and for copying. A suppressed figure ("<5", "x") is
// drawn hatched, never with its value, and the legend says what the hatching means.
//
// Geometry: Natural Earth's 1:110m countries (world-atlas, TopoJSON, ISO 3166-1 numeric ids),
// matched to Lifeline's alpha-2 codes through i18n-iso-countries' code table. Countries too small
// for that scale (Andorra, Monaco, ...) have no shape: the note under the map names those that
// carry a figure, and the table has them all.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import codes from 'i18n-iso-countries/codes.json';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { countryName } from './countries';
import { h, SVG_NAMESPACE, svg } from './dom';
import { language, t } from './i18n';
import { classBounds, classColour, classOf } from './map-scale';

const WIDTH = 960;
const MAP_HEIGHT = 470;
const TITLE_HEIGHT = 34;
const LEGEND_ROW = 22;
const LEGEND_COLUMNS = 2;
const LEGEND_COLUMN_WIDTH = 470;
const TEXT_COLOUR = '#1a1a1a';
const BORDER_COLOUR = '#ffffff';
/** Countries with no figure: light, so that shaded ones stand out. */
export const NO_DATA_COLOUR = '#e4e4e4';
const HATCH_BACKGROUND = '#d0d0d0';
const HATCH_LINE = '#555555';
const ANTARCTICA = '010';

/** A count per country; `value` null when suppressed, with the mark the table prints. */
export interface CountFigure {
  code: string;
  value: number | null;
  shown?: string;
}

/** A category per country (answered, "yes", ...), for the categorical map. */
export interface CategoryFigure {
  code: string;
  category: string;
}

export interface Category {
  id: string;
  label: string;
  colour: string;
}

interface Shape {
  code: string;
  path: string;
}

interface Shading {
  fill: string;
  /** What a sighted reader learns by pointing at the country. */
  tooltip: string;
  shaded: boolean;
  suppressed: boolean;
}

interface LegendEntry {
  label: string;
  fill: string;
}

let mapCounter = 0;
let shapesCache: Shape[] | null = null;

/** ISO 3166-1 numeric ("040") to alpha-2 ("AT"). */
function alpha2ByNumeric(): Map<string, string> {
  return new Map((codes as string[][]).map((row) => [row[2] ?? '', row[0] ?? '']));
}

/** Every country of the 1:110m map (but Antarctica) as an SVG path, projected once. */
function shapes(): Shape[] {
  if (shapesCache) return shapesCache;
  const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
  const kept = all.features.filter((f) => f.id !== undefined && String(f.id) !== ANTARCTICA);
  const collection: FeatureCollection<Geometry> = { type: 'FeatureCollection', features: kept };
  const projection = geoNaturalEarth1().fitSize([WIDTH, MAP_HEIGHT], collection);
  const draw = geoPath(projection);
  const byNumeric = alpha2ByNumeric();
  shapesCache = kept.flatMap((f: Feature<Geometry>) => {
    const code = byNumeric.get(String(f.id));
    const path = draw(f);
    return code && path ? [{ code, path }] : [];
  });
  return shapesCache;
}

/** The alpha-2 codes the map can draw. */
export function drawableCodes(): Set<string> {
  return new Set(shapes().map((s) => s.code));
}

function hatchPattern(id: string): SVGElement {
  const pattern = svg('pattern', { id, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' });
  pattern.appendChild(svg('rect', { width: 6, height: 6, fill: HATCH_BACKGROUND }));
  pattern.appendChild(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: HATCH_LINE, 'stroke-width': 2 }));
  return pattern;
}

const label = (code: string): string => countryName(code, language());

interface MapParts {
  title: string;
  shading: Map<string, Shading>;
  legend: LegendEntry[];
  table: HTMLElement;
  /** Codes carrying a figure: those without a shape are named under the map. */
  codes: string[];
  className: string;
}

function drawMap(parts: MapParts, hatchId: string): SVGSVGElement {
  const legendRows = Math.ceil(parts.legend.length / LEGEND_COLUMNS);
  const height = TITLE_HEIGHT + MAP_HEIGHT + 12 + legendRows * LEGEND_ROW;
  const summary = t('map.summary', { title: parts.title, shaded: [...parts.shading.values()].filter((s) => s.shaded).length });
  const chart = svg('svg', { xmlns: SVG_NAMESPACE, viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', 'aria-label': summary, class: `world-map ${parts.className}`, 'font-family': 'sans-serif', 'font-size': 14 }) as SVGSVGElement;
  chart.appendChild(svg('title', {}, summary));
  const defs = svg('defs', {});
  defs.appendChild(hatchPattern(hatchId));
  chart.appendChild(defs);
  chart.appendChild(svg('text', { x: WIDTH / 2, y: 22, 'text-anchor': 'middle', 'font-size': 17, 'font-weight': 'bold', fill: TEXT_COLOUR }, parts.title));
  const countries = svg('g', { transform: `translate(0 ${TITLE_HEIGHT})`, stroke: BORDER_COLOUR, 'stroke-width': 0.5 });
  for (const shape of shapes()) {
    const shading = parts.shading.get(shape.code);
    const classes = ['country', shading?.shaded ? 'shaded' : '', shading?.suppressed ? 'suppressed' : ''].filter(Boolean).join(' ');
    const path = svg('path', { d: shape.path, fill: shading?.fill ?? NO_DATA_COLOUR, class: classes, 'data-code': shape.code });
    path.appendChild(svg('title', {}, shading?.tooltip ?? label(shape.code)));
    countries.appendChild(path);
  }
  chart.appendChild(countries);
  const legendTop = TITLE_HEIGHT + MAP_HEIGHT + 12;
  parts.legend.forEach((entry, index) => {
    const x = 20 + (index % LEGEND_COLUMNS) * LEGEND_COLUMN_WIDTH;
    const y = legendTop + Math.floor(index / LEGEND_COLUMNS) * LEGEND_ROW;
    chart.appendChild(svg('rect', { x, y, width: 18, height: 14, fill: entry.fill, stroke: '#767676', 'stroke-width': 0.5, class: 'legend-swatch' }));
    chart.appendChild(svg('text', { x: x + 26, y: y + 12, fill: TEXT_COLOUR, class: 'legend-label' }, entry.label));
  });
  return chart;
}

function missingShapesNote(codesWithFigures: readonly string[]): HTMLElement | null {
  const drawable = drawableCodes();
  const missing = codesWithFigures.filter((code) => !drawable.has(code) && code !== 'unknown');
  if (missing.length === 0) return null;
  return h('p', { class: 'hint map-note' }, t('map.notDrawn', { countries: missing.map(label).join(', ') }));
}

/** The map, its note and its table, as one figure. */
function mapFigure(parts: MapParts): { element: HTMLElement; svg: SVGSVGElement } {
  mapCounter += 1;
  const chart = drawMap(parts, `map-hatch-${mapCounter}`);
  const element = h('figure', { class: 'map-figure' }, h('div', { class: 'map-wrap' }, chart as unknown as HTMLElement), missingShapesNote(parts.codes), parts.table);
  return { element, svg: chart };
}

function figureTable(caption: string, valueHeader: string, rows: readonly { code: string; text: string; suppressed: boolean }[]): HTMLElement {
  const head = h('thead', {}, h('tr', {}, h('th', { attrs: { scope: 'col' } }, t('map.country')), h('th', { attrs: { scope: 'col' } }, t('map.code')), h('th', { attrs: { scope: 'col' } }, valueHeader)));
  const body = h(
    'tbody',
    {},
    ...rows.map((row) =>
      h(
        'tr',
        { attrs: { 'data-code': row.code } },
        h('th', { attrs: { scope: 'row' } }, row.code === 'unknown' ? t('stats.unknown') : label(row.code)),
        h('td', {}, row.code),
        h('td', { class: row.suppressed ? 'number suppressed' : 'number' }, row.text),
      ),
    ),
  );
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data map-table' }, h('caption', {}, caption), head, body));
}

export interface CountMapOptions {
  title: string;
  /** Header of the table's figure column ("People"). */
  valueHeader: string;
  figures: readonly CountFigure[];
  threshold: number;
}

/** Countries shaded by a count in up to five classes; suppressed counts hatched. */
export function countMap(options: CountMapOptions): { element: HTMLElement; svg: SVGSVGElement } {
  const hatchFill = `url(#map-hatch-${mapCounter + 1})`;
  const published = options.figures.filter((f) => f.value !== null && f.value > 0);
  const values = published.map((f) => f.value ?? 0);
  const bounds = classBounds(Math.min(...values), Math.max(0, ...values));
  const shading = new Map<string, Shading>();
  for (const figure of options.figures) {
    if (figure.value === null) {
      shading.set(figure.code, { fill: hatchFill, tooltip: `${label(figure.code)}: ${t('map.suppressedShort')}`, shaded: false, suppressed: true });
    } else if (figure.value > 0) {
      const colour = classColour(classOf(figure.value, bounds), bounds.length);
      shading.set(figure.code, { fill: colour, tooltip: `${label(figure.code)}: ${figure.value}`, shaded: true, suppressed: false });
    }
  }
  const legend: LegendEntry[] = bounds.map((bound, index) => {
    const from = index === 0 ? Math.min(...values) : (bounds[index - 1] ?? 0) + 1;
    return { label: from === bound ? String(bound) : `${from}–${bound}`, fill: classColour(index, bounds.length) };
  });
  legend.push({ label: t('map.legendSuppressed', { threshold: options.threshold }), fill: hatchFill });
  legend.push({ label: t('map.legendNone'), fill: NO_DATA_COLOUR });
  const rows = options.figures.map((f) => ({ code: f.code, text: f.value === null ? (f.shown ?? 'x') : String(f.value), suppressed: f.value === null }));
  const table = figureTable(t('map.tableCaption', { title: options.title }), options.valueHeader, rows);
  return mapFigure({ title: options.title, shading, legend, table, codes: options.figures.map((f) => f.code), className: 'count-map' });
}

export interface CategoryMapOptions {
  title: string;
  valueHeader: string;
  categories: readonly Category[];
  figures: readonly CategoryFigure[];
  /** What the grey of the countries without a category means. */
  noneLabel: string;
}

/** Countries coloured by a category each (answered or not, the answer given). */
export function categoryMap(options: CategoryMapOptions): { element: HTMLElement; svg: SVGSVGElement } {
  const byId = new Map(options.categories.map((c) => [c.id, c]));
  const shading = new Map<string, Shading>();
  for (const figure of options.figures) {
    const category = byId.get(figure.category);
    if (!category) continue;
    shading.set(figure.code, { fill: category.colour, tooltip: `${label(figure.code)}: ${category.label}`, shaded: true, suppressed: false });
  }
  const legend = options.categories.map((c) => ({ label: c.label, fill: c.colour }));
  legend.push({ label: options.noneLabel, fill: NO_DATA_COLOUR });
  const rows = options.figures.map((f) => ({ code: f.code, text: byId.get(f.category)?.label ?? f.category, suppressed: false }));
  const table = figureTable(t('map.tableCaption', { title: options.title }), options.valueHeader, rows);
  return mapFigure({ title: options.title, shading, legend, table, codes: options.figures.map((f) => f.code), className: 'category-map' });
}
