// Search in the compendium. The query and filters live in the address
// (#/corpus/search?q=children&pillar=protection), so every search can be bookmarked and
// every change (a filter, a page) is a link: the router draws the page again from it.
import { h, replaceContent, uniqueId, type Child } from '../dom';
import { corpusUrl, searchCorpus, type CorpusParams } from '../endpoints';
import { StatusRegion, inputField, submitButton } from '../forms';
import { t, type MessageKey } from '../i18n';
import { currentQuery, href, navigate } from '../router';
import type { FacetCount, SearchHit, SearchResult } from '../types';
import { page } from './common';
import {
  CORPUS_LANGUAGE,
  SEARCH_PATH,
  corpusLabel,
  corpusTabs,
  countRegion,
  countText,
  downloads,
  provisionPath,
  resourcePath,
  searchPath,
  snippetContent,
} from './corpus-common';

const FACETS = ['kind', 'document', 'pillar', 'level', 'keyword', 'actor'] as const;
type Facet = (typeof FACETS)[number];

const PAGE_SIZE = 20;
/** The server pages through at most this many hits. */
const MAX_OFFSET = 10_000;
/** Facet values listed before "more"; long lists (keywords, actors) fold the rest away. */
const FACET_VALUES_SHOWN = 8;
/** The server's largest page, used for the JSON download. */
const JSON_EXPORT_LIMIT = 100;

interface SearchState {
  q: string;
  filters: Partial<Record<Facet, string>>;
  offset: number;
}

function readState(query: URLSearchParams): SearchState {
  const filters: Partial<Record<Facet, string>> = {};
  for (const facet of FACETS) {
    const value = query.get(facet);
    if (value) filters[facet] = value;
  }
  const offset = Number.parseInt(query.get('offset') ?? '0', 10);
  return { q: query.get('q') ?? '', filters, offset: Number.isFinite(offset) && offset > 0 ? Math.min(offset, MAX_OFFSET) : 0 };
}

function stateParams(state: SearchState): CorpusParams {
  return { q: state.q || undefined, ...state.filters, offset: state.offset || undefined };
}

function stateHref(state: SearchState): string {
  return href(searchPath(stateParams(state)));
}

/** The same search with one filter set (or removed, with null), from the first page. */
function withFilter(state: SearchState, facet: Facet, value: string | null): SearchState {
  const filters = { ...state.filters };
  if (value === null) delete filters[facet];
  else filters[facet] = value;
  return { ...state, filters, offset: 0 };
}

function hasCriteria(state: SearchState): boolean {
  return state.q !== '' || Object.keys(state.filters).length > 0;
}

function facetValueLabel(facet: Facet, value: string): string {
  if (facet === 'pillar' || facet === 'level') return corpusLabel(facet, value);
  if (facet === 'kind') return corpusLabel('hitKind', value);
  return value;
}

// ---- The form ----

const TIPS: readonly [string, MessageKey][] = [
  ['child trafficking', 'search.tip.words'],
  ['"national referral mechanism"', 'search.tip.phrase'],
  ['traffick*', 'search.tip.prefix'],
  ['labour OR labor', 'search.tip.or'],
  ['children NOT online', 'search.tip.not'],
  ['keyword:children', 'search.tip.keyword'],
  ['document:MC6/17', 'search.tip.document'],
];

function searchTips(): HTMLElement {
  return h(
    'details',
    { class: 'search-tips' },
    h('summary', {}, t('search.tips')),
    h('dl', { class: 'facts' }, ...TIPS.flatMap(([example, explanation]) => [h('dt', {}, h('code', {}, example)), h('dd', {}, t(explanation))])),
  );
}

function searchForm(state: SearchState): HTMLElement {
  const words = inputField({ label: t('search.label'), name: 'q', type: 'search', hint: t('search.hint'), maxLength: 1000, value: state.q });
  if (!hasCriteria(state)) words.input.setAttribute('data-autofocus', '');
  // The button sits beside the input, between the label above and the hint below.
  const line = h('div', { class: 'inline-field' });
  words.input.replaceWith(line);
  line.append(words.input, submitButton(t('search.submit')));
  const form = h('form', { class: 'search-form', attrs: { role: 'search', 'aria-label': t('search.title') } }, words.row);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A new query starts at its first page; the filters chosen stay.
    navigate(searchPath(stateParams({ ...state, q: words.input.value.trim(), offset: 0 })));
  });
  return h('div', {}, form, searchTips());
}

// ---- Results ----

function hitTarget(hit: SearchHit): string {
  return hit.kind === 'resource' ? resourcePath(hit.id.replace(/^resource:/, '')) : provisionPath(hit.id);
}

function hitItem(hit: SearchHit): HTMLLIElement {
  return h(
    'li',
    { class: 'hit' },
    h('h3', { class: 'hit-title', attrs: { lang: CORPUS_LANGUAGE } }, h('a', { attrs: { href: href(hitTarget(hit)) } }, hit.title)),
    h('p', { class: 'hit-meta' }, h('span', { class: `badge hit-${hit.kind}` }, corpusLabel('hitKind', hit.kind))),
    hit.snippet ? h('p', { class: 'snippet', attrs: { lang: CORPUS_LANGUAGE } }, ...snippetContent(hit.snippet)) : null,
  );
}

function countSentence(result: SearchResult): string {
  const count = countText('search.count', result.total);
  return result.exact ? count : t('search.countApprox', { count });
}

function didYouMean(state: SearchState, suggestion: string): Child {
  if (!suggestion) return null;
  return h(
    'p',
    { class: 'did-you-mean' },
    `${t('search.didYouMean')} `,
    h('a', { attrs: { href: stateHref({ ...state, q: suggestion, offset: 0 }) } }, suggestion),
    '?',
  );
}

function pager(state: SearchState, total: number): Child {
  const end = Math.min(total, MAX_OFFSET);
  if (state.offset === 0 && end <= PAGE_SIZE) return null;
  const previous = state.offset > 0 ? { ...state, offset: Math.max(0, state.offset - PAGE_SIZE) } : null;
  const next = state.offset + PAGE_SIZE < end ? { ...state, offset: state.offset + PAGE_SIZE } : null;
  const range = t('search.range', { from: state.offset + 1, to: Math.min(state.offset + PAGE_SIZE, total), total });
  return h(
    'nav',
    { class: 'pager', attrs: { 'aria-label': t('search.pages') } },
    previous ? h('a', { attrs: { href: stateHref(previous), rel: 'prev' } }, t('search.previous')) : null,
    h('span', {}, range),
    next ? h('a', { attrs: { href: stateHref(next), rel: 'next' } }, t('search.next')) : null,
  );
}

/** The filters in force, each a link that removes it. */
function activeFilters(state: SearchState): Child {
  const chips = FACETS.flatMap((facet) => {
    const value = state.filters[facet];
    if (!value) return [];
    const text = `${corpusLabel('facet', facet)}: ${facetValueLabel(facet, value)}`;
    return [
      h(
        'li',
        {},
        h(
          'a',
          { class: 'chip removable', attrs: { href: stateHref(withFilter(state, facet, null)) } },
          h('span', { class: 'visually-hidden' }, `${t('search.removeFilter')} `),
          text,
          h('span', { class: 'remove-mark', attrs: { 'aria-hidden': 'true' } }, ' ×'),
        ),
      ),
    ];
  });
  if (chips.length === 0) return null;
  return h('div', { class: 'active-filters' }, h('p', { class: 'label' }, t('search.activeFilters')), h('ul', { class: 'chips' }, ...chips));
}

function resultDownloads(state: SearchState): HTMLElement {
  const criteria = { q: state.q || undefined, ...state.filters };
  return downloads({
    context: t('search.resultsFor', { query: state.q || '*' }),
    csvUrl: corpusUrl('search', criteria, 'csv'),
    json: { url: corpusUrl('search', { ...criteria, limit: JSON_EXPORT_LIMIT }) },
    fileName: 'search',
  });
}

function results(state: SearchState, result: SearchResult): Child[] {
  if (result.hits.length === 0) return [h('p', { class: 'muted' }, t('search.noHits'))];
  return [
    h('ol', { class: 'hits', attrs: { start: state.offset + 1 } }, ...result.hits.map(hitItem)),
    pager(state, result.total),
    resultDownloads(state),
  ];
}

// ---- Facets ----

function facetLink(facet: Facet, count: FacetCount, state: SearchState): HTMLLIElement {
  const active = state.filters[facet] === count.value;
  const target = withFilter(state, facet, active ? null : count.value);
  return h(
    'li',
    {},
    h(
      'a',
      { class: active ? 'facet-value active' : 'facet-value', attrs: { href: stateHref(target), 'aria-current': active ? 'true' : undefined } },
      facetValueLabel(facet, count.value),
      ' ',
      h('span', { class: 'facet-count' }, `(${count.count.toLocaleString()})`),
      active ? h('span', { class: 'visually-hidden' }, ` ${t('search.facetSelected')}`) : null,
    ),
  );
}

function facetGroup(facet: Facet, counts: readonly FacetCount[], state: SearchState): Child {
  if (counts.length === 0) return null;
  const headingId = uniqueId('facet');
  const links = counts.map((count) => facetLink(facet, count, state));
  const shown = links.slice(0, FACET_VALUES_SHOWN);
  const folded = links.slice(FACET_VALUES_SHOWN);
  return h(
    'div',
    { class: 'facet', attrs: { 'data-facet': facet } },
    h('h3', { attrs: { id: headingId } }, corpusLabel('facet', facet)),
    h('ul', { class: 'facet-values', attrs: { 'aria-labelledby': headingId } }, ...shown),
    folded.length
      ? h('details', { class: 'facet-more' }, h('summary', {}, t('search.moreValues', { count: folded.length })), h('ul', { class: 'facet-values' }, ...folded))
      : null,
  );
}

function facetPanel(state: SearchState, result: SearchResult): Child[] {
  return FACETS.map((facet) => facetGroup(facet, result.facets[facet] ?? [], state));
}

// ---- The page ----

/** The parts of the page a search result is drawn into. */
interface ResultSlots {
  count: HTMLParagraphElement;
  suggestion: HTMLElement;
  hits: HTMLElement;
  facets: HTMLElement;
  facetSection: HTMLElement;
}

function drawResult(slots: ResultSlots, state: SearchState, result: SearchResult): void {
  slots.count.textContent = countSentence(result);
  replaceContent(slots.suggestion, didYouMean(state, result.did_you_mean));
  replaceContent(slots.hits, ...results(state, result));
  const groups = facetPanel(state, result).filter(Boolean);
  replaceContent(slots.facets, ...groups);
  slots.facetSection.hidden = groups.length === 0;
}

async function runSearch(slots: ResultSlots, state: SearchState, status: StatusRegion): Promise<void> {
  slots.count.textContent = t('common.loading');
  try {
    drawResult(slots, state, await searchCorpus({ ...stateParams(state), limit: PAGE_SIZE }));
  } catch (error) {
    slots.count.textContent = t('search.failed');
    status.error(error); // A query the server cannot read comes back as 400 with its reason.
  }
}

export function searchPage(): HTMLElement {
  const state = readState(currentQuery());
  const status = new StatusRegion();
  const resultsHeading = h('h2', { attrs: { id: uniqueId('results'), tabindex: -1 } }, t('search.results'));
  const facetsHeading = h('h2', { attrs: { id: uniqueId('refine') } }, t('search.refine'));
  // After a search or a chosen filter, focus goes to the results rather than back to the form.
  if (hasCriteria(state)) resultsHeading.setAttribute('data-autofocus', '');
  const facets = h('div', {});
  const slots: ResultSlots = {
    count: countRegion(),
    suggestion: h('div', {}),
    hits: h('div', {}),
    facets,
    facetSection: h('section', { class: 'search-facets', attrs: { 'aria-labelledby': facetsHeading.id } }, facetsHeading, facets),
  };
  slots.facetSection.hidden = true;
  void runSearch(slots, state, status);
  const resultSection = h(
    'section',
    { class: 'search-results', attrs: { 'aria-labelledby': resultsHeading.id } },
    resultsHeading,
    slots.count,
    slots.suggestion,
    activeFilters(state),
    slots.hits,
  );
  return page(
    t('search.title'),
    corpusTabs(SEARCH_PATH),
    searchForm(state),
    status.element,
    h('div', { class: 'search-layout' }, resultSection, slots.facetSection),
  );
}
