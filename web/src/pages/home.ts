// The start page after signing in. Case workers and decision makers see first the deadlines
// of their cases and their tasks that are missed, due today or due soon.
import { countAlerts, type Alerts } from '../deadlines';
import { h, replaceContent } from '../dom';
import { listMyCases, listMyTasks } from '../endpoints';
import { t, vocabularyLabel } from '../i18n';
import { href } from '../router';
import { CASE_WORKER, DECISION_MAKER, FIRST_RESPONDER, SERVICE_PROVIDER, currentUser, hasAnyRole, hasRole, isAuthorityStaff } from '../session';
import { card, page } from './common';
import { CASES_PATH, MY_CASES_PATH, NEW_REFERRAL_PATH, SERVICES_PATH } from './nrm-common';

function alertLine(alerts: Alerts): HTMLElement | null {
  const parts = (['overdue', 'due_today', 'due_soon'] as const)
    .filter((status) => alerts[status] > 0)
    .map((status) => h('li', { attrs: { 'data-alert': status } }, t(`home.alerts.${status}`, { count: alerts[status] })));
  if (parts.length === 0) return null;
  return h('div', { class: 'warning alerts' }, h('ul', { class: 'plain-list' }, ...parts), h('p', {}, h('a', { attrs: { href: href(MY_CASES_PATH) } }, t('home.alerts.open'))));
}

/** The deadlines missed or approaching on the user's cases and tasks; nothing when all is calm or unreadable. */
function deadlineAlerts(): HTMLElement | null {
  if (!hasAnyRole([CASE_WORKER, DECISION_MAKER])) return null;
  const slot = h('div', { attrs: { 'aria-live': 'polite' } });
  Promise.all([listMyCases(), listMyTasks()])
    .then(([cases, tasks]) => replaceContent(slot, alertLine(countAlerts([...cases.items.flatMap((item) => item.deadlines), ...tasks.items]))))
    .catch(() => replaceContent(slot));
  return slot;
}

/** Where the NRM work of this user starts: their desk, the intake, a new referral, the services referred to them. */
function referralWork(): HTMLElement | null {
  const links: HTMLElement[] = [];
  const link = (path: string, label: string, hint: string): HTMLElement =>
    h('li', {}, h('a', { attrs: { href: href(path) } }, label), h('span', { class: 'hint' }, hint));
  if (hasAnyRole([CASE_WORKER, DECISION_MAKER])) links.push(link(MY_CASES_PATH, t('home.work.myCases'), t('home.work.myCasesHint')));
  if (hasAnyRole([FIRST_RESPONDER, CASE_WORKER, DECISION_MAKER])) {
    links.push(
      isAuthorityStaff()
        ? link(CASES_PATH, t('home.work.intake'), t('home.work.intakeHint'))
        : link(CASES_PATH, t('home.work.ownReferrals'), t('home.work.ownReferralsHint')),
    );
  }
  if (hasAnyRole([FIRST_RESPONDER, CASE_WORKER])) links.push(link(NEW_REFERRAL_PATH, t('home.work.refer'), t('home.work.referHint')));
  if (hasRole(SERVICE_PROVIDER)) links.push(link(SERVICES_PATH, t('home.work.services'), t('home.work.servicesHint')));
  return links.length ? card(t('home.work.title'), h('ul', { class: 'work-links' }, ...links)) : null;
}

export function homePage(): HTMLElement {
  const me = currentUser();
  if (!me) return page(t('home.title'));
  const roles = me.roles.length
    ? h('ul', { class: 'roles' }, ...me.roles.map((role) => h('li', {}, vocabularyLabel('role', role))))
    : h('p', { class: 'muted' }, t('home.noRoles'));
  const reminder = me.user.totp_enabled
    ? null
    : h('p', { class: 'notice' }, t('home.totpReminder'), ' ', h('a', { attrs: { href: href('/security') } }, t('home.totpReminderLink')));
  return page(
    t('home.title'),
    h('p', { class: 'lead' }, t('home.welcome', { name: me.user.display_name || me.user.username })),
    reminder,
    deadlineAlerts(),
    referralWork(),
    card(
      t('home.account'),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('home.username')),
        h('dd', {}, me.user.username),
        h('dt', {}, t('home.organisation')),
        h('dd', {}, `${me.organisation.name} (${vocabularyLabel('orgType', me.organisation.type)})`),
      ),
      h('h3', {}, t('home.roles')),
      roles,
    ),
  );
}
