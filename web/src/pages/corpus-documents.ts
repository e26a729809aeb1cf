// The compendium's documents as a tree: each document opens to its headings and
// provisions, which are read from the server the first time it is opened.
import { h, uniqueId, type Child } from '../dom';
import { corpusUrl } from '../endpoints';
import { StatusRegion } from '../forms';
import { t, type MessageKey } from '../i18n';
import { currentQuery } from '../router';
import type { CorpusDocument, Provision } from '../types';
import { page } from './common';
import {
  CORPUS_LANGUAGE,
  CORPUS_PATH,
  adoptedText,
  corpusLabel,
  corpusTabs,
  countText,
  downloads,
  fillSlot,
  loadDocumentProvisions,
  loadDocuments,
  paragraphs,
  provisionLink,
} from './corpus-common';

/** Groups in the order a reader needs them: what was agreed, then advice, then what came before. */
const KIND_GROUPS: readonly [string, MessageKey][] = [
  ['commitment', 'corpus.group.commitment'],
  ['recommendations', 'corpus.group.recommendations'],
  ['source', 'corpus.group.source'],
];

/** Heading levels: h1 page, h2 group, h3 document, then the document's own headings. */
const DOCUMENT_HEADING = 3;
const FIRST_SECTION_HEADING = 4;

type HeadingTag = 'h3' | 'h4' | 'h5' | 'h6';

function headingTag(level: number): HeadingTag {
  return `h${Math.min(Math.max(level, 3), 6)}` as HeadingTag;
}

function commonDepth(a: readonly string[], b: readonly string[]): number {
  let depth = 0;
  while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth += 1;
  return depth;
}

/**
 * The provisions under their headings. Provisions come in document order; a heading is
 * written where heading_path changes, at the depth where it changes.
 */
export function provisionTree(provisions: readonly Provision[]): Child[] {
  const nodes: Child[] = [];
  let path: readonly string[] = [];
  let list: HTMLUListElement | null = null;
  for (const provision of provisions) {
    const next = provision.heading_path;
    const depth = commonDepth(path, next);
    if (!list || depth !== path.length || depth !== next.length) {
      next.slice(depth).forEach((title, index) => nodes.push(h(headingTag(FIRST_SECTION_HEADING + depth + index), { attrs: { lang: CORPUS_LANGUAGE } }, title)));
      list = h('ul', { class: 'provision-list' });
      nodes.push(list);
      path = next;
    }
    list.appendChild(h('li', {}, provisionLink(provision)));
  }
  return nodes;
}

function statementsBlock(document: CorpusDocument): Child {
  if (document.statements.length === 0) return null;
  // Folded like the preamble, so that the provisions stay near the top of the document.
  return h(
    'details',
    { class: 'statements' },
    h('summary', {}, t('corpus.statements', { count: document.statements.length })),
    ...document.statements.map((statement) =>
      h(
        'div',
        { class: 'statement' },
        h('p', { class: 'statement-by' }, t('corpus.statementBy', { name: statement.made_by })),
        ...paragraphs(statement.text),
      ),
    ),
  );
}

function preambleBlock(document: CorpusDocument): Child {
  if (!document.preamble.trim()) return null;
  return h('details', { class: 'preamble' }, h('summary', {}, t('corpus.preamble')), ...paragraphs(document.preamble));
}

function documentBody(document: CorpusDocument, provisions: Provision[]): Child[] {
  return [
    preambleBlock(document),
    statementsBlock(document),
    downloads({
      context: t('corpus.provisionsOf', { document: document.id }),
      csvUrl: corpusUrl('provisions', { document: document.id }, 'csv'),
      json: { data: provisions },
      fileName: `provisions-${document.id.replace(/[^\w.-]+/g, '-')}`,
    }),
    ...(provisions.length ? provisionTree(provisions) : [h('p', { class: 'muted' }, t('corpus.noProvisions'))]),
  ];
}

function documentFacts(document: CorpusDocument): HTMLElement {
  const facts: Child[] = [
    h('span', { class: `badge kind-${document.kind}` }, corpusLabel('documentKind', document.kind)),
    document.symbol ? h('span', {}, document.symbol) : null,
    document.issued_by ? h('span', {}, document.issued_by) : null,
    document.adopted ? h('span', {}, t('corpus.adopted', { date: adoptedText(document.adopted) })) : null,
    h('span', {}, countText('corpus.provisionCount', document.provision_count)),
  ];
  return h('p', { class: 'document-facts' }, ...facts);
}

/** One document: a heading whose button opens the body (the disclosure pattern). */
function documentItem(document: CorpusDocument, status: StatusRegion, openNow: boolean): HTMLElement {
  const bodyId = uniqueId('document');
  const body = h('div', { class: 'document-body', attrs: { id: bodyId } });
  body.hidden = true;
  let loaded = false;
  const toggle = h(
    'button',
    { class: 'disclosure', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': bodyId, lang: CORPUS_LANGUAGE } },
    document.title,
  );
  const setOpen = (open: boolean): void => {
    toggle.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
    if (open && !loaded) {
      loaded = true;
      fillSlot(body, status, () => loadDocumentProvisions(document.id), (provisions) => documentBody(document, provisions));
    }
  };
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  if (openNow) setOpen(true);
  return h(
    'section',
    { class: 'document card', attrs: { 'data-document': document.id } },
    h(headingTag(DOCUMENT_HEADING), { class: 'document-title' }, toggle),
    documentFacts(document),
    body,
  );
}

function documentGroups(documents: readonly CorpusDocument[], status: StatusRegion, openId: string | null): Child[] {
  const known = new Set(KIND_GROUPS.map(([kind]) => kind));
  const groups: [string, readonly CorpusDocument[]][] = KIND_GROUPS.map(([kind, label]) => [
    t(label),
    documents.filter((document) => document.kind === kind),
  ]);
  groups.push([t('corpus.group.other'), documents.filter((document) => !known.has(document.kind))]);
  return groups
    .filter(([, members]) => members.length > 0)
    .map(([title, members]) =>
      h('section', { class: 'document-group' }, h('h2', {}, title), ...members.map((document) => documentItem(document, status, document.id === openId))),
    );
}

export function documentsPage(): HTMLElement {
  const status = new StatusRegion();
  const tree = h('div', { class: 'documents' });
  const openId = currentQuery().get('open');
  fillSlot(tree, status, loadDocuments, (documents) => documentGroups(documents, status, openId));
  return page(t('corpus.title'), corpusTabs(CORPUS_PATH), h('p', { class: 'lead' }, t('corpus.intro')), status.element, tree);
}
