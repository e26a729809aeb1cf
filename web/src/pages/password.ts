// Change of password; also the forced stop after signing in with a one-time password.
import { h } from '../dom';
import { changePassword } from '../endpoints';
import { StatusRegion, handleSubmit, inputField, submitButton } from '../forms';
import { t } from '../i18n';
import { navigate } from '../router';
import { currentUser, loadSession, takeDestination } from '../session';
import { page } from './common';

/** The server's policy has the final word; this only catches the obvious early. */
export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(currentPassword: string, newPassword: string, repeated: string): string | null {
  if (!currentPassword) return t('password.currentMissing');
  if (newPassword.length < MIN_PASSWORD_LENGTH) return t('password.tooShort', { min: MIN_PASSWORD_LENGTH });
  if (newPassword !== repeated) return t('password.mismatch');
  return null;
}

export function passwordPage(): HTMLElement {
  const forced = currentUser()?.user.must_change_password ?? false;
  const status = new StatusRegion();
  const current = inputField({
    label: t('password.current'),
    name: 'current_password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const fresh = inputField({
    label: t('password.new'),
    name: 'new_password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minLength: MIN_PASSWORD_LENGTH,
    hint: t('password.rules', { min: MIN_PASSWORD_LENGTH }),
  });
  const repeat = inputField({
    label: t('password.repeat'),
    name: 'repeat_password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  current.input.setAttribute('data-autofocus', '');
  const form = h('form', { class: 'form', attrs: { novalidate: true } }, current.row, fresh.row, repeat.row, submitButton(t('password.submit')));

  handleSubmit(form, status, async () => {
    const problem = passwordProblem(current.input.value, fresh.input.value, repeat.input.value);
    if (problem) {
      status.invalid(problem);
      return;
    }
    await changePassword(current.input.value, fresh.input.value);
    for (const field of [current, fresh, repeat]) field.input.value = '';
    await loadSession();
    if (forced) {
      navigate(takeDestination());
    } else {
      status.success(t('password.changed'));
    }
  });

  return page(
    t('password.title'),
    forced ? h('p', { class: 'lead' }, t('password.mustChange')) : null,
    status.element,
    form,
  );
}
