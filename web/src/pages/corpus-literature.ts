// All literature of the Compendium, filtered in the page by words and by keyword.
import { h, replaceContent, type Child } from '../dom';
import { corpusUrl, listResources } from '../endpoints';
import { StatusRegion, inputField, selectField } from '../forms';
import { t } from '../i18n';
import { currentQuery } from '../router';
import type { ResourceSummary } from '../types';
import { page } from './common';
import {
  LITERATURE_PATH,
  chip,
  chipList,
  citedBy,
  corpusTabs,
  countRegion,
  countText,
  downloads,
  fillSlot,
  keywordPath,
  resourceEntry,
} from './corpus-common';

interface LiteratureFilter {
  words: string[];
  keyword: string;
}

/** Case-insensitive words, all of which must appear in the title, publisher, year or keywords. */
function matches(resource: ResourceSummary, filter: LiteratureFilter): boolean {
  if (filter.keyword && !resource.keywords.includes(filter.keyword)) return false;
  const haystack = [resource.title, resource.publisher, resource.year, ...resource.keywords].join(' ').toLocaleLowerCase();
  return filter.words.every((word) => haystack.includes(word));
}

function wordsOf(text: string): string[] {
  return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** The id an entry carries in the page, so that a search hit can lead straight to it. */
const entryId = (resourceId: string): string => `resource-${resourceId.replace(/[^\w-]+/g, '-')}`;

function entry(resource: ResourceSummary): HTMLLIElement {
  const keywords = h(
    'div',
    { class: 'resource-keywords' },
    h('span', { class: 'label' }, `${t('literature.keywords')}: `),
    chipList(resource.keywords.map((name) => chip(name, keywordPath(name)))),
  );
  const item = resourceEntry(resource, '', keywords, citedBy(resource));
  item.id = entryId(resource.id);
  return item;
}

function allKeywords(resources: readonly ResourceSummary[]): string[] {
  return [...new Set(resources.flatMap((resource) => resource.keywords))].sort((a, b) => a.localeCompare(b));
}

function literatureDownloads(keyword: string): HTMLElement {
  return downloads({
    context: keyword ? t('keyword.literatureOf', { name: keyword }) : t('literature.title'),
    csvUrl: corpusUrl('resources', { keyword }, 'csv'),
    json: { url: corpusUrl('resources', { keyword }) },
    fileName: 'literature',
  });
}

/** Brings the entry a link asked for into view and gives it focus. */
function showRequested(list: HTMLElement, resourceId: string | null): void {
  if (!resourceId) return;
  const target = list.querySelector<HTMLElement>(`#${CSS.escape(entryId(resourceId))}`);
  if (!target) return;
  target.classList.add('requested');
  target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

function filterableList(resources: ResourceSummary[], initialKeyword: string, requested: string | null): Child[] {
  const words = inputField({ label: t('literature.filterWords'), name: 'words', type: 'search', hint: t('literature.filterHint') });
  const keywordOptions = [{ value: '', label: t('literature.allKeywords') }, ...allKeywords(resources).map((name) => ({ value: name, label: name }))];
  const keyword = selectField(t('literature.filterKeyword'), 'keyword', keywordOptions);
  keyword.select.required = false;
  keyword.select.value = keywordOptions.some((option) => option.value === initialKeyword) ? initialKeyword : '';
  const count = countRegion();
  const list = h('ul', { class: 'resources' });
  const downloadSlot = h('div', {});
  const draw = (): void => {
    const filter = { words: wordsOf(words.input.value), keyword: keyword.select.value };
    const shown = resources.filter((resource) => matches(resource, filter));
    replaceContent(list, ...shown.map(entry));
    replaceContent(downloadSlot, literatureDownloads(filter.keyword));
    count.textContent = t('literature.shown', { shown: countText('literature.count', shown.length), total: resources.length });
  };
  words.input.addEventListener('input', draw);
  keyword.select.addEventListener('change', draw);
  const form = h('form', { class: 'filters', attrs: { role: 'search', 'aria-label': t('literature.filters') } }, words.row, keyword.row);
  form.addEventListener('submit', (event) => event.preventDefault());
  draw();
  queueMicrotask(() => showRequested(list, requested));
  return [form, downloadSlot, count, list];
}

export function literaturePage(): HTMLElement {
  const status = new StatusRegion();
  const slot = h('div', {});
  const query = currentQuery();
  const requested = query.get('resource');
  fillSlot(slot, status, async () => (await listResources()).items, (resources) =>
    filterableList(resources, query.get('keyword') ?? '', requested),
  );
  return page(t('literature.title'), corpusTabs(LITERATURE_PATH), h('p', { class: 'lead' }, t('literature.intro')), status.element, slot);
}
