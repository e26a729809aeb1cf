// Sign-in: username and password, then a second factor when the server asks for one.
import { ApiError, setCsrfToken } from '../api';
import { h } from '../dom';
import { signIn } from '../endpoints';
import { StatusRegion, handleSubmit, inputField, submitButton } from '../forms';
import { t } from '../i18n';
import { href, navigate } from '../router';
import { loadSession, takeDestination } from '../session';
import { page } from './common';

export function loginPage(): HTMLElement {
  const status = new StatusRegion();
  const username = inputField({ label: t('login.username'), name: 'username', autocomplete: 'username', required: true });
  const password = inputField({
    label: t('login.password'),
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const totp = inputField({
    label: t('login.totp'),
    name: 'totp',
    autocomplete: 'one-time-code',
    inputMode: 'text',
    hint: t('login.totpHint'),
  });
  totp.row.hidden = true;
  username.input.setAttribute('data-autofocus', '');

  const form = h('form', { class: 'form' }, username.row, password.row, totp.row, submitButton(t('login.submit')));

  const askForSecondFactor = (): void => {
    totp.row.hidden = false;
    totp.input.required = true;
    status.info(t('login.totpRequired'));
    totp.input.focus();
  };

  handleSubmit(form, status, async () => {
    const code = totp.row.hidden ? undefined : totp.input.value.trim();
    try {
      const result = await signIn(username.input.value.trim(), password.input.value, code || undefined);
      setCsrfToken(result.csrf_token);
      await loadSession();
      navigate(result.must_change_password ? '/password' : takeDestination());
    } catch (error) {
      if (error instanceof ApiError && error.is('totp-required') && totp.row.hidden) {
        askForSecondFactor();
        return;
      }
      // Keep the password while only the code was wrong, so the user retypes just the code.
      const retry = totp.row.hidden ? password.input : totp.input;
      retry.value = '';
      retry.focus();
      throw error;
    }
  });

  // The commitments compendium is public: visitors can read it without an account.
  const corpusInvite = h(
    'p',
    { class: 'login-corpus' },
    t('login.corpus'),
    ' ',
    h('a', { attrs: { href: href('/corpus') } }, t('login.corpusLink')),
  );
  return h(
    'div',
    { class: 'login-wrap' },
    page(t('login.title'), h('p', { class: 'lead' }, t('login.intro')), status.element, form, corpusInvite),
  );
}
