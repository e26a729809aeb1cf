// The statistics page's two maps: people by country of citizenship and by country of
// exploitation, for the chosen period. Each map shades the row totals of a table by that country
// (the same table the API publishes, under the same disclosure control), so a suppressed total is
// hatched and its value is never drawn. The API has no one-way table: the columns are the scope
// (internal or transnational), which nearly always puts all of a country's people in one cell, so
// that suppressing an inner cell seldom forces a country's total to be suppressed too. The map module (with the world's geometry) is loaded only
// when the maps are shown, to keep it out of the other pages' bundle.
import { chartDownloads } from '../chart-export';
import { h, replaceContent } from '../dom';
import { fetchStatsTable, type StatsQuery } from '../endpoints';
import type { StatusRegion } from '../forms';
import { t } from '../i18n';
import type { CountFigure } from '../map';
import type { StatsTable } from '../types';
import { card, loadingNote } from './common';

type CountryDimension = 'citizenship' | 'country_of_exploitation';

/** The per-country figures of a table whose rows are countries: its row totals. */
export function countryFigures(table: StatsTable): CountFigure[] {
  return table.rows
    .map((code, index) => {
      const cell = table.row_totals[index] ?? { value: null, suppressed: true };
      return cell.suppressed || cell.value === null ? { code, value: null, shown: cell.shown ?? 'x' } : { code, value: cell.value };
    })
    .filter((figure) => figure.code !== 'unknown');
}

async function countryMap(dimension: CountryDimension, query: StatsQuery): Promise<HTMLElement> {
  const [{ countMap }, table] = await Promise.all([import('../map'), fetchStatsTable({ rows: dimension, cols: 'scope', from: query.from, to: query.to })]);
  const title = t(dimension === 'citizenship' ? 'stats.map.citizenship' : 'stats.map.exploitation');
  const figures = countryFigures(table);
  if (figures.length === 0) return card(title, h('p', { class: 'muted' }, t('stats.empty')));
  const map = countMap({ title, valueHeader: t('stats.map.people'), figures, threshold: table.threshold });
  const stem = `lifeline-map-${dimension}`;
  return card(title, map.element, h('p', { class: 'downloads' }, chartDownloads(map.svg, stem, title)));
}

/** Both maps, drawn as their tables arrive; problems go to the page's status region. */
export function statisticsMaps(query: StatsQuery, status: StatusRegion): HTMLElement {
  const slots = (['citizenship', 'country_of_exploitation'] as const).map((dimension) => {
    const slot = h('div', { class: `stats-map stats-map-${dimension}` }, loadingNote());
    countryMap(dimension, query)
      .then((element) => replaceContent(slot, element))
      .catch((error: unknown) => {
        replaceContent(slot);
        status.error(error);
      });
    return slot;
  });
  return h('div', { class: 'stats-maps' }, ...slots);
}
