// One provision of the compendium: its text, where it stands, what it is about, the
// literature the Compendium gives for it, and the provisions it refers to or is cited by.
import { h, uniqueId, type Child } from '../dom';
import { fetchProvision } from '../endpoints';
import { StatusRegion, actionButton } from '../forms';
import { t } from '../i18n';
import { href } from '../router';
import type { CitedResource, Provision, ProvisionCitation, ProvisionDetail, ProvisionReference } from '../types';
import { card, page } from './common';
import {
  CORPUS_LANGUAGE,
  CORPUS_PATH,
  breadcrumbs,
  chip,
  chipList,
  corpusLabel,
  documentPath,
  documentTitle,
  fillSlot,
  keywordPath,
  loadDocumentProvisions,
  provisionIdLink,
  provisionLink,
  provisionPath,
  resourceEntry,
  searchPath,
} from './corpus-common';

function permalinkUrl(id: string): string {
  return `${window.location.origin}${window.location.pathname}${href(provisionPath(id))}`;
}

/** The address of this provision, with a button that copies it. */
function permalink(id: string, status: StatusRegion): HTMLElement {
  const inputId = uniqueId('permalink');
  const input = h('input', { attrs: { id: inputId, type: 'text', readonly: true, value: permalinkUrl(id), spellcheck: 'false' } });
  const copy = actionButton(t('provision.copyLink'), () => {
    void copyText(input, status);
  }, 'secondary small');
  return h(
    'div',
    { class: 'permalink field' },
    h('label', { attrs: { for: inputId } }, t('provision.permalink')),
    h('div', { class: 'inline-field' }, input, copy),
  );
}

async function copyText(input: HTMLInputElement, status: StatusRegion): Promise<void> {
  try {
    await navigator.clipboard.writeText(input.value);
    status.success(t('provision.linkCopied'));
  } catch {
    // No clipboard access (e.g. an address without https): select it for the reader to copy.
    input.focus();
    input.select();
    status.info(t('provision.copyByHand'));
  }
}

function provisionText(provision: Provision): HTMLElement {
  return h(
    'div',
    { class: 'provision-text', attrs: { lang: CORPUS_LANGUAGE } },
    h('p', {}, provision.number ? h('span', { class: 'provision-number' }, provision.number) : null, provision.number ? ' ' : null, provision.text),
    provision.items.length ? h('ul', { class: 'dash-items' }, ...provision.items.map((item) => h('li', {}, item))) : null,
  );
}

function keywordChips(names: readonly string[], extraClass = ''): HTMLElement {
  return chipList(names.map((name) => chip(name, keywordPath(name), extraClass)));
}

/** Pillar, level, actors and keywords, each leading to the provisions that share it. */
function facts(provision: Provision): HTMLElement {
  const rows: [string, Child][] = [
    [t('corpus.facet.pillar'), provision.pillar ? chipList([chip(corpusLabel('pillar', provision.pillar), searchPath({ pillar: provision.pillar }))]) : '—'],
    [t('corpus.facet.level'), provision.level ? chipList([chip(corpusLabel('level', provision.level), searchPath({ level: provision.level }))]) : '—'],
    [t('corpus.facet.actor'), chipList(provision.actors.map((actor) => chip(actor, searchPath({ actor }))))],
    [t('provision.compendiumKeywords'), keywordChips(provision.compendium_keywords)],
    [t('provision.inferredKeywords'), keywordChips(provision.inferred_keywords, 'inferred')],
  ];
  return h('dl', { class: 'facts provision-facts' }, ...rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function groupByKeyword(resources: readonly CitedResource[]): Map<string, CitedResource[]> {
  const groups = new Map<string, CitedResource[]>();
  for (const resource of resources) {
    const group = groups.get(resource.keyword) ?? [];
    group.push(resource);
    groups.set(resource.keyword, group);
  }
  return groups;
}

function literature(resources: readonly CitedResource[]): HTMLElement {
  if (resources.length === 0) return card(t('provision.literature'), h('p', { class: 'muted' }, t('provision.noLiterature')));
  const groups = [...groupByKeyword(resources)].map(([keyword, entries]) =>
    h(
      'section',
      { class: 'literature-group' },
      h('h3', {}, h('a', { attrs: { href: href(keywordPath(keyword)) } }, keyword)),
      h('ul', { class: 'resources' }, ...entries.map((entry) => resourceEntry(entry, entry.pages))),
    ),
  );
  return card(t('provision.literature'), ...groups);
}

function quoted(quote: string): Child {
  return quote ? h('q', { class: 'quote', attrs: { lang: CORPUS_LANGUAGE } }, quote) : null;
}

function referenceItem(reference: ProvisionReference, titles: ReadonlyMap<string, string>): HTMLLIElement {
  const target = reference.provision
    ? provisionIdLink(reference.provision)
    : h('a', { attrs: { href: href(documentPath(reference.document)) } }, titles.get(reference.document) ?? reference.document);
  return h('li', {}, target, reference.quote ? ': ' : null, quoted(reference.quote));
}

function citationItem(citation: ProvisionCitation): HTMLLIElement {
  return h('li', {}, provisionIdLink(citation.provision), citation.quote ? ': ' : null, quoted(citation.quote));
}

function links(detail: ProvisionDetail, titles: ReadonlyMap<string, string>): HTMLElement {
  const refersTo = detail.references.length
    ? h('ul', { class: 'link-list' }, ...detail.references.map((reference) => referenceItem(reference, titles)))
    : h('p', { class: 'muted' }, t('provision.refersToNone'));
  const referredBy = detail.referenced_by.length
    ? h('ul', { class: 'link-list' }, ...detail.referenced_by.map(citationItem))
    : h('p', { class: 'muted' }, t('provision.referredByNone'));
  return card(t('provision.links'), h('h3', {}, t('provision.refersTo')), refersTo, h('h3', {}, t('provision.referredBy')), referredBy);
}

/** Previous and next provision of the same document, when its list can be read. */
function neighbours(provision: Provision): HTMLElement {
  const slot = h('nav', { class: 'neighbours', attrs: { 'aria-label': t('provision.neighbours') } });
  slot.hidden = true; // Until there is a neighbour to show.
  void (async () => {
    try {
      const all = await loadDocumentProvisions(provision.document);
      const index = all.findIndex((entry) => entry.id === provision.id);
      if (index < 0) return;
      const previous = all[index - 1];
      const next = all[index + 1];
      if (previous) slot.appendChild(h('p', { class: 'previous' }, h('span', { class: 'neighbour-label' }, t('provision.previous')), ' ', provisionLink(previous)));
      if (next) slot.appendChild(h('p', { class: 'next' }, h('span', { class: 'neighbour-label' }, t('provision.next')), ' ', provisionLink(next)));
      slot.hidden = !previous && !next;
    } catch {
      // Only a convenience: without the list the page simply has no previous/next links.
    }
  })();
  return slot;
}

async function loadProvision(id: string): Promise<{ detail: ProvisionDetail; titles: Map<string, string> }> {
  const detail = await fetchProvision(id);
  const documents = new Set([detail.document, ...detail.references.map((reference) => reference.document)]);
  const titles = new Map<string, string>();
  for (const document of documents) titles.set(document, await documentTitle(document));
  return { detail, titles };
}

function provisionCrumbs(detail: ProvisionDetail, titles: ReadonlyMap<string, string>): HTMLElement {
  const documentTitle = titles.get(detail.document) ?? detail.document;
  // A decision's only heading is its own title, already the previous crumb.
  const headings = detail.heading_path.filter((heading) => heading !== documentTitle);
  return breadcrumbs([
    { label: t('corpus.title'), path: CORPUS_PATH },
    { label: documentTitle, path: documentPath(detail.document), lang: CORPUS_LANGUAGE },
    ...headings.map((heading) => ({ label: heading, lang: CORPUS_LANGUAGE })),
    { label: detail.number || detail.id },
  ]);
}

export function provisionPage(id: string): HTMLElement {
  const status = new StatusRegion();
  const crumbs = h('div', {});
  const body = h('div', { class: 'provision' });
  fillSlot(body, status, () => loadProvision(id), ({ detail, titles }) => {
    crumbs.appendChild(provisionCrumbs(detail, titles));
    return [
      h('p', { class: 'lead', attrs: { lang: CORPUS_LANGUAGE } }, titles.get(detail.document) ?? detail.document),
      provisionText(detail),
      permalink(detail.id, status),
      facts(detail),
      literature(detail.resources),
      links(detail, titles),
      neighbours(detail),
    ];
  });
  const view = page(t('provision.title', { id }), status.element, body);
  view.prepend(crumbs);
  return view;
}
