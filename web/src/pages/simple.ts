// Small pages for routes that cannot be shown.
import { h } from '../dom';
import { actionButton } from '../forms';
import { t } from '../i18n';
import { href } from '../router';
import { page } from './common';

export function notFoundPage(): HTMLElement {
  return page(t('notFound.title'), h('p', {}, t('notFound.text')), h('p', {}, h('a', { attrs: { href: href('/') } }, t('common.backHome'))));
}

export function forbiddenPage(): HTMLElement {
  return page(t('forbidden.title'), h('p', {}, t('forbidden.text')), h('p', {}, h('a', { attrs: { href: href('/') } }, t('common.backHome'))));
}

export function unavailablePage(retry: () => void): HTMLElement {
  return page(t('unavailable.title'), h('p', {}, t('unavailable.text')), actionButton(t('common.retry'), retry, 'primary'));
}
