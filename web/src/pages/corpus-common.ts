// Building blocks shared by the pages of the commitments compendium: routes and links,
// labels of the server's vocabularies, chips, downloads, literature entries, and the
// documents and provisions read once per page load.
import { h, replaceContent, type Child } from '../dom';
import { listAllProvisions, listCorpusDocuments } from '../endpoints';
import { StatusRegion } from '../forms';
import { isMessageKey, language, t, type MessageKey } from '../i18n';
import { href, pathWithParam, pathWithQuery, type QueryValues } from '../router';
import { parseSnippet } from '../snippet';
import type { CorpusDocument, Provision, Resource, ResourceSummary } from '../types';
import { loadingNote } from './common';

// ---- Routes ----

export const CORPUS_PATH = '/corpus';
export const KEYWORDS_PATH = '/corpus/keywords';
export const LITERATURE_PATH = '/corpus/literature';
export const SEARCH_PATH = '/corpus/search';
export const PROVISION_PREFIX = '/corpus/provisions/';
export const KEYWORD_PREFIX = '/corpus/keywords/';

export const provisionPath = (id: string): string => pathWithParam(PROVISION_PREFIX, id);
export const keywordPath = (name: string): string => pathWithParam(KEYWORD_PREFIX, name);
export const searchPath = (values: QueryValues): string => pathWithQuery(SEARCH_PATH, values);
export const documentPath = (id: string): string => pathWithQuery(CORPUS_PATH, { open: id });
export const resourcePath = (id: string): string => pathWithQuery(LITERATURE_PATH, { resource: id });

// ---- Labels ----

/**
 * The language of the compendium's own texts (the OSCE documents as shipped, in English).
 * Marking them lets a screen reader read them with the right voice when the interface is
 * in Russian. The API does not give a language per document; this is the one they have.
 */
export const CORPUS_LANGUAGE = 'en';
const LANG = { lang: CORPUS_LANGUAGE };

/** Vocabularies of the compendium that have translated labels. */
export type CorpusVocabulary = 'pillar' | 'level' | 'documentKind' | 'hitKind' | 'facet';

/** The label of a vocabulary value; a value this release does not know is shown as it is. */
export function corpusLabel(vocabulary: CorpusVocabulary, value: string): string {
  const key = `corpus.${vocabulary}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** "{count} results" with the plural form the language needs (Russian has three). */
export function countText(base: string, count: number): string {
  const category = new Intl.PluralRules(language()).select(count);
  const key = isMessageKey(`${base}.${category}`) ? `${base}.${category}` : `${base}.other`;
  return isMessageKey(key) ? t(key, { count: count.toLocaleString(language()) }) : String(count);
}

/** "2003-12-07" in the reader's language; a bare year or other text as printed. */
export function adoptedText(adopted: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(adopted);
  if (!match) return adopted;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toLocaleDateString(language(), { dateStyle: 'long', timeZone: 'UTC' });
}

/** The first words of a text, for lists that link to the whole of it. */
export function firstWords(text: string, count = 14): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')} …`;
}

// ---- Page parts ----

/** Tabs between the compendium's index pages. */
export function corpusTabs(current: string): HTMLElement {
  const tabs: [string, MessageKey][] = [
    [CORPUS_PATH, 'corpus.tab.documents'],
    [KEYWORDS_PATH, 'corpus.tab.keywords'],
    [LITERATURE_PATH, 'corpus.tab.literature'],
    [SEARCH_PATH, 'corpus.tab.search'],
  ];
  return h(
    'nav',
    { class: 'tabs', attrs: { 'aria-label': t('corpus.tabs') } },
    ...tabs.map(([path, label]) =>
      h('a', { attrs: { href: href(path), 'aria-current': path === current ? 'page' : undefined } }, t(label)),
    ),
  );
}

export interface Crumb {
  label: string;
  path?: string;
  /** Set for crumbs quoted from the compendium (document titles, headings). */
  lang?: string;
}

/** Where a page sits in the compendium; the last crumb is the page itself. */
export function breadcrumbs(crumbs: readonly Crumb[]): HTMLElement {
  const items = crumbs.map((crumb, index) => {
    const last = index === crumbs.length - 1;
    const content = crumb.path && !last ? h('a', { attrs: { href: href(crumb.path) } }, crumb.label) : crumb.label;
    return h('li', { attrs: { 'aria-current': last ? 'page' : undefined, lang: crumb.lang } }, content);
  });
  return h('nav', { class: 'breadcrumbs', attrs: { 'aria-label': t('corpus.breadcrumbs') } }, h('ol', {}, ...items));
}

/** A small link that filters or leads to a list, e.g. a pillar or a keyword. */
export function chip(label: string, path: string, extraClass = ''): HTMLAnchorElement {
  return h('a', { class: `chip ${extraClass}`.trim(), attrs: { href: href(path) } }, label);
}

export function chipList(chips: readonly HTMLElement[], emptyText = '—'): HTMLElement {
  if (chips.length === 0) return h('span', { class: 'muted' }, emptyText);
  return h('ul', { class: 'chips' }, ...chips.map((item) => h('li', {}, item)));
}

/** A live region for counts ("12 results"): polite, so it does not interrupt. */
export function countRegion(): HTMLParagraphElement {
  return h('p', { class: 'count', attrs: { role: 'status', 'aria-live': 'polite' } });
}

function downloadLink(label: string, context: string, url: string, fileName: string): HTMLAnchorElement {
  return h(
    'a',
    { class: 'download', attrs: { href: url, download: fileName } },
    label,
    h('span', { class: 'visually-hidden' }, ` (${context})`),
  );
}

export interface DownloadSource {
  /** What is downloaded, read by screen readers after the link text, e.g. "provisions of AP". */
  context: string;
  /** The server's list URL with format=csv: the whole list as a file. */
  csvUrl: string;
  /** The JSON list URL, or the data already loaded (saved from a blob). */
  json: { url: string } | { data: unknown };
  fileName: string;
}

/** "Download CSV" and "Download JSON" for a list. */
export function downloads(source: DownloadSource): HTMLElement {
  const jsonUrl =
    'url' in source.json
      ? source.json.url
      : URL.createObjectURL(new Blob([JSON.stringify(source.json.data, null, 2)], { type: 'application/json' }));
  return h(
    'p',
    { class: 'downloads' },
    downloadLink(t('corpus.downloadCsv'), source.context, source.csvUrl, `${source.fileName}.csv`),
    downloadLink(t('corpus.downloadJson'), source.context, jsonUrl, `${source.fileName}.json`),
  );
}

/** Only web addresses become links: anything else in the data (e.g. "javascript:") stays text. */
function isWebAddress(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** A link to another site, opened in a new tab without telling it where the reader came from. */
export function externalLink(text: string, url: string): Child {
  if (!isWebAddress(url)) return text;
  return h(
    'a',
    { attrs: { href: url, target: '_blank', rel: 'noopener noreferrer' } },
    text,
    h('span', { class: 'visually-hidden' }, ` (${t('corpus.newTab')})`),
  );
}

/** One literature entry: title (linked), publisher, year, pages and languages, then any extras. */
export function resourceEntry(resource: Resource, pages: string, ...extra: Child[]): HTMLLIElement {
  const facts: Child[] = [resource.publisher, resource.year, pages];
  const meta = facts.filter((fact): fact is string => typeof fact === 'string' && fact.length > 0).join(' · ');
  const languages = resource.languages.length
    ? h('span', { class: 'languages' }, `${t('corpus.languages')}: ${resource.languages.join(', ')}`)
    : null;
  const title = resource.url ? externalLink(resource.title, resource.url) : resource.title;
  return h(
    'li',
    { class: 'resource' },
    h('p', { class: 'resource-title' }, h('span', { attrs: LANG }, title), resource.url ? null : h('span', { class: 'muted' }, ` (${t('corpus.noLink')})`)),
    h('p', { class: 'resource-meta' }, meta, meta && languages ? ' · ' : null, languages),
    ...extra,
  );
}

/** A link to a provision: its number and first words. */
export function provisionLink(provision: Provision): HTMLAnchorElement {
  return h(
    'a',
    { class: 'provision-link', attrs: { href: href(provisionPath(provision.id)), ...LANG } },
    h('span', { class: 'provision-number' }, provision.number || provision.id),
    ' ',
    firstWords(provision.text),
  );
}

/** "Cited by: AP.V.3.1, MC6/17.4": the provisions under which the Compendium lists a work. */
export function citedBy(resource: ResourceSummary): Child {
  if (resource.provisions.length === 0) return null;
  return h(
    'p',
    { class: 'cited-by' },
    `${t('literature.citedBy')}: `,
    ...resource.provisions.flatMap((id, index) => [index > 0 ? ', ' : null, provisionIdLink(id)]),
  );
}

/** A link to a provision known only by its id. */
export function provisionIdLink(id: string): HTMLAnchorElement {
  return h('a', { attrs: { href: href(provisionPath(id)) } }, id);
}

/** Search snippet text with its matches highlighted: text nodes and <mark>, never parsed HTML. */
export function snippetContent(snippet: string): Child[] {
  return parseSnippet(snippet).map((part) => (part.marked ? h('mark', {}, part.text) : part.text));
}

/** Paragraphs of a longer text (a preamble, a statement) split at line breaks. */
export function paragraphs(text: string): HTMLParagraphElement[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => h('p', { attrs: LANG }, line));
}

/**
 * Fills a slot from a loader: a loading note first, then what `draw` builds, or the
 * error in the page's status region.
 */
export function fillSlot<T>(slot: HTMLElement, status: StatusRegion, load: () => Promise<T>, draw: (data: T) => Child[]): void {
  replaceContent(slot, loadingNote());
  void (async () => {
    try {
      const data = await load();
      replaceContent(slot, ...draw(data));
    } catch (error) {
      replaceContent(slot);
      status.error(error);
    }
  })();
}

// ---- Data read once per page load: the compendium changes only with an import ----

let documentsRequest: Promise<CorpusDocument[]> | null = null;
const provisionsRequests = new Map<string, Promise<Provision[]>>();

/** Forgets a failed request, so that the next page asks again. */
function retryLater<T>(request: Promise<T>, forget: () => void): Promise<T> {
  request.catch(forget);
  return request;
}

export function loadDocuments(): Promise<CorpusDocument[]> {
  documentsRequest ??= retryLater(
    listCorpusDocuments().then((list) => list.items),
    () => (documentsRequest = null),
  );
  return documentsRequest;
}

/** Every provision of a document, in order. */
export function loadDocumentProvisions(documentId: string): Promise<Provision[]> {
  let request = provisionsRequests.get(documentId);
  if (!request) {
    request = retryLater(listAllProvisions({ document: documentId }), () => provisionsRequests.delete(documentId));
    provisionsRequests.set(documentId, request);
  }
  return request;
}

/** A document's title, or its id when the list of documents is not at hand. */
export async function documentTitle(documentId: string): Promise<string> {
  try {
    return (await loadDocuments()).find((document) => document.id === documentId)?.title ?? documentId;
  } catch {
    return documentId;
  }
}
