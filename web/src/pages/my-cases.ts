// The desk of a case worker or decision maker: their cases, the most urgent deadline first, and
// their open tasks, the earliest due first.
import { byUrgency, mostUrgent, sortByUrgency } from '../deadlines';
import { h, replaceContent } from '../dom';
import { listMyCases, listMyTasks } from '../endpoints';
import { StatusRegion } from '../forms';
import { t } from '../i18n';
import { href } from '../router';
import { loadVocabularies } from '../session';
import type { CaseTask, MyCase, NrmVocabularies } from '../types';
import { card, loadingNote, page } from './common';
import { CASES_PATH, caseLink, childSituationFlag, dateElement, deadlineBadge, deadlineList, statusLabel, yesNo } from './nrm-common';

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
      ' ',
      childSituationFlag(item.child_situation),
    ),
    deadlineList([...item.deadlines].sort(byUrgency)),
  );
}

function taskItem(task: CaseTask): HTMLElement {
  return h(
    'li',
    { class: `task task-${task.status}`, attrs: { 'data-task-id': task.task_id } },
    caseLink(task.case_id),
    ': ',
    h('span', { class: 'task-title' }, task.title),
    ' · ',
    t('deadline.due'),
    ' ',
    dateElement(task.due_on),
    ' ',
    deadlineBadge({ what: 'task', due: task.due_on, status: task.status }),
  );
}

function myTasksCard(): HTMLElement {
  const status = new StatusRegion();
  const slot = h('div', {}, loadingNote());
  listMyTasks()
    .then((tasks) =>
      replaceContent(
        slot,
        tasks.items.length === 0 ? h('p', { class: 'muted' }, t('myTasks.empty')) : h('ul', { class: 'plain-list tasks' }, ...tasks.items.map(taskItem)),
      ),
    )
    .catch((error: unknown) => {
      replaceContent(slot);
      status.error(error);
    });
  return card(t('myTasks.title'), status.element, slot);
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
  return page(t('myCases.title'), h('p', { class: 'lead' }, t('myCases.intro')), status.element, myTasksCard(), card(t('myCases.listTitle'), slot));
}
