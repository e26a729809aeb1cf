// The start page after signing in.
import { h } from '../dom';
import { t, vocabularyLabel } from '../i18n';
import { href } from '../router';
import { currentUser } from '../session';
import { card, page } from './common';

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
