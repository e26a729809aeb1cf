// The Compendium's keywords: the index with counts, and one keyword's provisions and literature.
import { h, type Child } from '../dom';
import { corpusUrl, listAllProvisions, listCorpusKeywords, listResources } from '../endpoints';
import { StatusRegion } from '../forms';
import { t } from '../i18n';
import { href } from '../router';
import type { KeywordSummary, Provision } from '../types';
import { card, dataTable, page } from './common';
import {
  CORPUS_LANGUAGE,
  CORPUS_PATH,
  KEYWORDS_PATH,
  breadcrumbs,
  citedBy,
  corpusTabs,
  countText,
  downloads,
  fillSlot,
  keywordPath,
  loadDocuments,
  provisionLink,
  resourceEntry,
} from './corpus-common';

function keywordTable(keywords: KeywordSummary[]): Child[] {
  if (keywords.length === 0) return [h('p', { class: 'muted' }, t('keywords.empty'))];
  return [
    downloads({
      context: t('keywords.title'),
      csvUrl: corpusUrl('keywords', {}, 'csv'),
      json: { url: corpusUrl('keywords') },
      fileName: 'keywords',
    }),
    dataTable<KeywordSummary>(
      t('keywords.title'),
      [
        { header: t('keywords.keyword'), cell: (keyword) => h('a', { attrs: { href: href(keywordPath(keyword.name)) } }, keyword.name) },
        { header: t('keywords.provisions'), cell: (keyword) => keyword.provision_count.toLocaleString() },
        { header: t('keywords.literature'), cell: (keyword) => keyword.resource_count.toLocaleString() },
      ],
      keywords,
    ),
  ];
}

export function keywordIndexPage(): HTMLElement {
  const status = new StatusRegion();
  const slot = h('div', {});
  fillSlot(slot, status, async () => (await listCorpusKeywords()).items, keywordTable);
  return page(t('keywords.title'), corpusTabs(KEYWORDS_PATH), h('p', { class: 'lead' }, t('keywords.intro')), status.element, slot);
}

/** Provisions grouped under the titles of their documents, in document order. */
function provisionsByDocument(provisions: readonly Provision[], titles: ReadonlyMap<string, string>): Child[] {
  const groups = new Map<string, Provision[]>();
  for (const provision of provisions) {
    const group = groups.get(provision.document) ?? [];
    group.push(provision);
    groups.set(provision.document, group);
  }
  return [...groups].map(([document, members]) =>
    h(
      'section',
      { class: 'keyword-document' },
      h('h3', { attrs: { lang: CORPUS_LANGUAGE } }, titles.get(document) ?? document),
      h('ul', { class: 'provision-list' }, ...members.map((provision) => h('li', {}, provisionLink(provision)))),
    ),
  );
}

async function documentTitles(): Promise<Map<string, string>> {
  try {
    return new Map((await loadDocuments()).map((document) => [document.id, document.title]));
  } catch {
    return new Map(); // Ids stand in for titles.
  }
}

function provisionsCard(name: string, status: StatusRegion): HTMLElement {
  const slot = h('div', {});
  const count = h('p', { class: 'count' });
  fillSlot(
    slot,
    status,
    async () => ({ provisions: await listAllProvisions({ keyword: name }), titles: await documentTitles() }),
    ({ provisions, titles }) => {
      count.textContent = countText('corpus.provisionCount', provisions.length);
      return [
        downloads({
          context: t('keyword.provisionsOf', { name }),
          csvUrl: corpusUrl('provisions', { keyword: name }, 'csv'),
          json: { data: provisions },
          fileName: 'provisions',
        }),
        ...(provisions.length ? provisionsByDocument(provisions, titles) : [h('p', { class: 'muted' }, t('keyword.noProvisions'))]),
      ];
    },
  );
  return card(t('keyword.provisions'), count, slot);
}

function literatureCard(name: string, status: StatusRegion): HTMLElement {
  const slot = h('div', {});
  const count = h('p', { class: 'count' });
  fillSlot(slot, status, async () => (await listResources(name)).items, (resources) => {
    count.textContent = countText('literature.count', resources.length);
    return [
      downloads({
        context: t('keyword.literatureOf', { name }),
        csvUrl: corpusUrl('resources', { keyword: name }, 'csv'),
        json: { url: corpusUrl('resources', { keyword: name }) },
        fileName: 'literature',
      }),
      resources.length
        ? h('ul', { class: 'resources' }, ...resources.map((resource) => resourceEntry(resource, '', citedBy(resource))))
        : h('p', { class: 'muted' }, t('keyword.noLiterature')),
    ];
  });
  return card(t('keyword.literature'), count, slot);
}

export function keywordPage(name: string): HTMLElement {
  const status = new StatusRegion();
  const view = page(
    t('keyword.title', { name }),
    status.element,
    provisionsCard(name, status),
    literatureCard(name, status),
  );
  view.prepend(
    breadcrumbs([
      { label: t('corpus.title'), path: CORPUS_PATH },
      { label: t('keywords.title'), path: KEYWORDS_PATH },
      { label: name },
    ]),
  );
  return view;
}
