// The cases: the whole intake for the competent authority's case workers and decision makers,
// the status of their own organisation's referrals for first responders.
import { h, replaceContent } from '../dom';
import { listCases } from '../endpoints';
import { StatusRegion, actionButton, runBusy } from '../forms';
import { t } from '../i18n';
import { href } from '../router';
import { CASE_WORKER, FIRST_RESPONDER, hasAnyRole, isAuthorityStaff, loadVocabularies } from '../session';
import type { CaseSummary, NrmVocabularies } from '../types';
import { PagedRows, card, dataTable, loadingNote, page, type Column } from './common';
import { NEW_REFERRAL_PATH, caseLink, dateElement, kindLabel, statusLabel, term, yesNo } from './nrm-common';

const PAGE_SIZE = 50;

function columns(vocabularies: NrmVocabularies, staff: boolean): Column<CaseSummary>[] {
  const shared: Column<CaseSummary>[] = [
    { header: t('cases.case'), cell: (row) => caseLink(row.case_id) },
    { header: t('cases.referredOn'), cell: (row) => dateElement(row.referred_on) },
    { header: t('cases.status'), cell: (row) => statusLabel(vocabularies, row.status) },
  ];
  if (!staff) return shared;
  return [
    ...shared,
    { header: t('cases.kind'), cell: (row) => kindLabel(row.kind) },
    { header: t('cases.child'), cell: (row) => yesNo(row.is_child) },
    {
      header: t('cases.exploitation'),
      cell: (row) => (row.exploitation_types ?? []).map((id) => term(vocabularies, 'exploitation_types', id)).join(', '),
    },
  ];
}

function drawList(slot: HTMLElement, rows: PagedRows<CaseSummary>, status: StatusRegion, vocabularies: NrmVocabularies): void {
  const staff = isAuthorityStaff();
  if (rows.rows.length === 0) {
    replaceContent(slot, h('p', { class: 'muted' }, t(staff ? 'cases.emptyIntake' : 'cases.emptyOwn')));
    return;
  }
  const table = dataTable(t(staff ? 'cases.captionIntake' : 'cases.captionOwn'), columns(vocabularies, staff), rows.rows);
  const more = rows.hasMore
    ? actionButton(t('common.loadMore'), () =>
        void runBusy(slot, status, async () => {
          await rows.loadMore();
          drawList(slot, rows, status, vocabularies);
        }),
      )
    : null;
  replaceContent(slot, table, more);
}

export function casesPage(): HTMLElement {
  const staff = isAuthorityStaff();
  const status = new StatusRegion();
  const slot = h('div', {}, loadingNote());
  const rows = new PagedRows<CaseSummary>((cursor) => listCases(PAGE_SIZE, cursor), (row) => row.case_id);
  void (async () => {
    try {
      const [vocabularies] = await Promise.all([loadVocabularies(), rows.reload()]);
      drawList(slot, rows, status, vocabularies.nrm);
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
    card(t('cases.listTitle'), slot),
  );
}
