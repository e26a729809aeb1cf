// The desk of a case worker or decision maker: their cases, the most urgent deadline first.
import { byUrgency, mostUrgent, sortByUrgency } from '../deadlines';
import { h, replaceContent } from '../dom';
import { listMyCases } from '../endpoints';
import { StatusRegion } from '../forms';
import { t } from '../i18n';
import { href } from '../router';
import { loadVocabularies } from '../session';
import type { MyCase, NrmVocabularies } from '../types';
import { card, loadingNote, page } from './common';
import { CASES_PATH, caseLink, dateElement, deadlineList, statusLabel, yesNo } from './nrm-common';

function caseItem(item: MyCase, vocabularies: NrmVocabularies): HTMLElement {
  const urgent = mostUrgent(item.deadlines);
  return h(
    'li',
    { class: `desk-case${urgent?.status === 'overdue' ? ' has-overdue' : ''}`, attrs: { 'data-case-id': item.case_id } },
    h('h3', {}, caseLink(item.case_id)),
    h(
      'p',
      { class: 'desk-facts' },
      t('myCases.referred'),
      ' ',
      dateElement(item.referred_on),
      ' · ',
      statusLabel(vocabularies, item.status),
      ' · ',
      t('myCases.child', { answer: yesNo(item.is_child) }),
    ),
    deadlineList([...item.deadlines].sort(byUrgency)),
  );
}

export function myCasesPage(): HTMLElement {
  const status = new StatusRegion();
  const slot = h('div', {}, loadingNote());
  void (async () => {
    try {
      const [vocabularies, mine] = await Promise.all([loadVocabularies(), listMyCases()]);
      if (mine.items.length === 0) {
        replaceContent(slot, h('p', { class: 'muted' }, t('myCases.empty')), h('p', {}, h('a', { attrs: { href: href(CASES_PATH) } }, t('myCases.toIntake'))));
        return;
      }
      replaceContent(slot, h('ul', { class: 'desk' }, ...sortByUrgency(mine.items).map((item) => caseItem(item, vocabularies.nrm))));
    } catch (error) {
      replaceContent(slot);
      status.error(error);
    }
  })();
  return page(t('myCases.title'), h('p', { class: 'lead' }, t('myCases.intro')), status.element, card(t('myCases.listTitle'), slot));
}
