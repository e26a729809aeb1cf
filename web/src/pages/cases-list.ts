// The cases: the whole intake for the competent authority's case workers and decision makers,
// the status of their own organisation's referrals for first responders.
//
// Staff choose what to show (all, the intake, their own cases, as a bookmarkable route query)
// and see each case's most urgent deadline. The list holds the intake and one's own cases
// (the server's scope); a case is one's own when it is assigned to a case worker (then to this
// user, or the server would not list it) or sits on this user's desk as its decision maker.
import { mostUrgent } from '../deadlines';
import { h, replaceContent, type Child } from '../dom';
import { listCases, listMyCases } from '../endpoints';
import { StatusRegion, actionButton, runBusy } from '../forms';
import { t, type MessageKey } from '../i18n';
import { currentQuery, href, pathWithQuery } from '../router';
import { CASE_WORKER, FIRST_RESPONDER, hasAnyRole, isAuthorityStaff, loadVocabularies } from '../session';
import type { CaseSummary, NrmVocabularies } from '../types';
import { PagedRows, card, dataTable, loadingNote, page, type Column } from './common';
import { caseLink, CASES_PATH, childSituationFlag, dateElement, deadlineBadge, deadlineWhat, kindLabel, NEW_REFERRAL_PATH, statusLabel, term, yesNo } from './nrm-common';

const PAGE_SIZE = 50;

type Show = 'all' | 'intake' | 'mine';
const SHOW_LABELS: Record<Show, MessageKey> = { all: 'cases.show.all', intake: 'cases.show.intake', mine: 'cases.show.mine' };

function shownNow(): Show {
  const value = currentQuery().get('show');
  return value === 'intake' || value === 'mine' ? value : 'all';
}

/** The most urgent deadline still to meet, in words and by its badge; "none" when there is none. */
function urgency(row: CaseSummary): Child {
  const next = mostUrgent(row.deadlines ?? []);
  if (!next) return h('span', { class: 'muted' }, t('cases.noDeadline'));
  return h(
    'span',
    { class: 'case-urgency', attrs: { 'data-urgency': next.status } },
    deadlineBadge(next),
    ' ',
    h('span', { class: 'deadline-what' }, deadlineWhat(next.what)),
    ' ',
    dateElement(next.due),
  );
}

function columns(vocabularies: NrmVocabularies, staff: boolean): Column<CaseSummary>[] {
  const shared: Column<CaseSummary>[] = [
    { header: t('cases.case'), cell: (row) => caseLink(row.case_id) },
    { header: t('cases.referredOn'), cell: (row) => dateElement(row.referred_on) },
    { header: t('cases.status'), cell: (row) => statusLabel(vocabularies, row.status) },
  ];
  if (!staff) return shared;
  return [
    ...shared,
    { header: t('cases.urgency'), cell: urgency },
    { header: t('cases.kind'), cell: (row) => kindLabel(row.kind) },
    { header: t('cases.child'), cell: (row) => h('span', {}, yesNo(row.is_child), ' ', childSituationFlag(row.child_situation)) },
    {
      header: t('cases.exploitation'),
      cell: (row) => (row.exploitation_types ?? []).map((id) => term(vocabularies, 'exploitation_types', id)).join(', '),
    },
  ];
}

/** Links to the three views of the list; the current one is marked. */
function showTabs(current: Show): HTMLElement {
  return h(
    'nav',
    { class: 'tabs', attrs: { 'aria-label': t('cases.show.label') } },
    ...(Object.keys(SHOW_LABELS) as Show[]).map((show) =>
      h(
        'a',
        { attrs: { href: href(pathWithQuery(CASES_PATH, { show: show === 'all' ? null : show })), 'aria-current': show === current ? 'page' : undefined } },
        t(SHOW_LABELS[show]),
      ),
    ),
  );
}

interface ListView {
  staff: boolean;
  show: Show;
  /** Cases on this user's desk (assigned to them and open). */
  desk: ReadonlySet<number>;
  vocabularies: NrmVocabularies;
}

function isShown(row: CaseSummary, view: ListView): boolean {
  if (!view.staff || view.show === 'all') return true;
  if (view.show === 'intake') return row.in_intake === true;
  return row.in_intake === false || view.desk.has(row.case_id);
}

function drawList(slot: HTMLElement, rows: PagedRows<CaseSummary>, status: StatusRegion, view: ListView): void {
  const shown = rows.rows.filter((row) => isShown(row, view));
  const more = rows.hasMore
    ? actionButton(t('common.loadMore'), () =>
        void runBusy(slot, status, async () => {
          await rows.loadMore();
          drawList(slot, rows, status, view);
        }),
      )
    : null;
  if (shown.length === 0) {
    const empty = view.staff ? (view.show === 'all' ? 'cases.emptyIntake' : 'cases.emptyShown') : 'cases.emptyOwn';
    replaceContent(slot, h('p', { class: 'muted' }, t(empty)), more);
    return;
  }
  const table = dataTable(t(view.staff ? 'cases.captionIntake' : 'cases.captionOwn'), columns(view.vocabularies, view.staff), shown);
  replaceContent(slot, table, more);
}

export function casesPage(): HTMLElement {
  const staff = isAuthorityStaff();
  const show = staff ? shownNow() : 'all';
  const status = new StatusRegion();
  const slot = h('div', {}, loadingNote());
  const rows = new PagedRows<CaseSummary>((cursor) => listCases(PAGE_SIZE, cursor), (row) => row.case_id);
  void (async () => {
    try {
      const [vocabularies, mine] = await Promise.all([
        loadVocabularies(),
        staff && show === 'mine' ? listMyCases() : Promise.resolve({ items: [] }),
        rows.reload(),
      ]);
      const desk = new Set(mine.items.map((item) => item.case_id));
      drawList(slot, rows, status, { staff, show, desk, vocabularies: vocabularies.nrm });
    } catch (error) {
      replaceContent(slot);
      status.error(error);
    }
  })();
  const refer = hasAnyRole([FIRST_RESPONDER, CASE_WORKER])
    ? h('p', {}, h('a', { class: 'button-link', attrs: { href: href(NEW_REFERRAL_PATH) } }, t('cases.newReferral')))
    : null;
  return page(
    t(staff ? 'cases.titleIntake' : 'cases.titleOwn'),
    h('p', { class: 'lead' }, t(staff ? 'cases.introIntake' : 'cases.introOwn')),
    refer,
    status.element,
    staff ? showTabs(show) : null,
    card(t(staff ? SHOW_LABELS[show] : 'cases.listTitle'), slot),
  );
}
