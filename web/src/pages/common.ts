// Building blocks shared by the pages.
import { h, type Child } from '../dom';
import { t, type MessageKey } from '../i18n';
import { href } from '../router';

/** A page: its <h1> receives focus after navigation so screen readers announce it. */
export function page(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'page' }, h('h1', { attrs: { tabindex: -1 } }, title), ...children);
}

export function card(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** Tabs between the administration pages. */
export function adminTabs(currentPath: string): HTMLElement {
  const tabs: [string, MessageKey][] = [
    ['/admin/orgs', 'admin.tab.organisations'],
    ['/admin/users', 'admin.tab.users'],
  ];
  return h(
    'nav',
    { class: 'tabs', attrs: { 'aria-label': t('admin.tabs') } },
    ...tabs.map(([path, label]) =>
      h('a', { attrs: { href: href(path), 'aria-current': path === currentPath ? 'page' : undefined } }, t(label)),
    ),
  );
}

export interface Column<T> {
  header: string;
  cell: (row: T) => Child;
}

/**
 * A data table. Each cell carries its column name in data-label so the
 * stylesheet can stack rows into cards on narrow screens.
 */
export function dataTable<T>(caption: string, columns: readonly Column<T>[], rows: readonly T[]): HTMLElement {
  const head = h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', { attrs: { scope: 'col' } }, column.header))));
  const body = h(
    'tbody',
    {},
    ...rows.map((row) =>
      h('tr', {}, ...columns.map((column) => h('td', { attrs: { 'data-label': column.header } }, column.cell(row)))),
    ),
  );
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('caption', {}, caption), head, body));
}

export function loadingNote(): HTMLElement {
  return h('p', { class: 'muted', attrs: { role: 'status' } }, t('common.loading'));
}

/** Rows of a cursor-paginated list: what was loaded so far and where the next page starts. */
export class PagedRows<T> {
  rows: T[] = [];
  private cursor: string | null = null;

  /** `keyOf` tells which row an updated record replaces. */
  constructor(
    private readonly fetchPage: (cursor: string | null) => Promise<{ items: T[]; next_cursor: string | null }>,
    private readonly keyOf: (row: T) => number,
  ) {}

  get hasMore(): boolean {
    return this.cursor !== null;
  }

  async reload(): Promise<void> {
    const first = await this.fetchPage(null);
    this.rows = [...first.items];
    this.cursor = first.next_cursor;
  }

  async loadMore(): Promise<void> {
    const next = await this.fetchPage(this.cursor);
    this.rows.push(...next.items);
    this.cursor = next.next_cursor;
  }

  replace(updated: T): void {
    const key = this.keyOf(updated);
    this.rows = this.rows.map((row) => (this.keyOf(row) === key ? updated : row));
  }
}
