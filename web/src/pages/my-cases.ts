// The desk of a case worker or decision maker: their cases, the most urgent deadline first.
import { h, replaceContent } from '../dom';
import { listMyCases } from '../endpoints';
import { StatusRegion } from '../forms';
import { t } from '../i18n';
import { href } from '../router';
import { loadVocabularies } from '../session';
import type { Deadline, MyCase, NrmVocabularies } from '../types';
import { card, loadingNote, page } from './common';
import { CASES_PATH, caseLink, dateElement, deadlineList, statusLabel, yesNo } from './nrm-common';

const URGENCY: Record<string, number> = { overdue: 0, due_today: 1, upcoming: 2, met: 3 };

function byUrgency(a: Deadline, b: Deadline): number {
  return (URGENCY[a.status] ?? 4) - (URGENCY[b.status] ?? 4) || a.due.localeCompare(b.due);
}

/** The case's most urgent deadline still to meet, if any. */
function mostUrgent(item: MyCase): Deadline | undefined {
  return [...item.deadlines].filter((deadline) => deadline.status !== 'met').sort(byUrgency)[0];
}

/** Cases with the most urgent open deadline first; cases without one last, oldest first. */
export function sortByUrgency(items: readonly MyCase[]): MyCase[] {
  return [...items].sort((a, b) => {
    const first = mostUrgent(a);
    const second = mostUrgent(b);
    if (first && second) return byUrgency(first, second);
    if (first || second) return first ? -1 : 1;
    return a.referred_on.localeCompare(b.referred_on);
  });
}

function caseItem(item: MyCase, vocabularies: NrmVocabularies): HTMLElement {
  const urgent = mostUrgent(item);
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
