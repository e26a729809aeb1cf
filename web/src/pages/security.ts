// Account security: two-step verification (TOTP), password, and sessions.
import { h, replaceContent } from '../dom';
import { confirmTotp, disableTotp, enrolTotp, signOutEverywhere } from '../endpoints';
import { StatusRegion, actionButton, handleSubmit, inputField, runBusy, submitButton } from '../forms';
import { t } from '../i18n';
import { href, navigate } from '../router';
import { currentUser, forgetSession, loadSession } from '../session';
import type { TotpEnrolment } from '../types';
import { card, page } from './common';
import { forgetReferralDraft } from './referral-new';

/** Draws the two-step verification card for the current state of the account. */
function renderTotp(body: HTMLElement, status: StatusRegion): void {
  const enabled = currentUser()?.user.totp_enabled ?? false;
  if (enabled) {
    replaceContent(body, h('p', { class: 'state on' }, t('security.totp.enabled')), disableForm(body, status));
    return;
  }
  const start = actionButton(t('security.totp.start'), () => {
    void runBusy(body, status, async () => {
      const enrolment = await enrolTotp();
      replaceContent(body, confirmStep(body, status, enrolment));
    });
  }, 'primary');
  replaceContent(body, h('p', { class: 'state off' }, t('security.totp.disabled')), h('p', {}, t('security.totp.why')), start);
}

function secretBlock(label: string, value: string): HTMLElement {
  return h('div', { class: 'secret' }, h('p', { class: 'secret-label' }, label), h('code', { class: 'secret-value' }, value));
}

function confirmStep(body: HTMLElement, status: StatusRegion, enrolment: TotpEnrolment): HTMLElement {
  const code = inputField({
    label: t('security.totp.code'),
    name: 'code',
    autocomplete: 'one-time-code',
    inputMode: 'numeric',
    required: true,
    maxLength: 10,
  });
  const form = h('form', { class: 'form' }, code.row, submitButton(t('security.totp.confirm')));
  handleSubmit(form, status, async () => {
    const result = await confirmTotp(code.input.value.trim());
    replaceContent(body, recoveryCodesStep(body, status, result.recovery_codes));
    status.success(t('security.totp.nowEnabled'));
  });
  return h(
    'div',
    {},
    h('p', {}, t('security.totp.step1')),
    secretBlock(t('security.totp.secret'), enrolment.secret),
    secretBlock(t('security.totp.uri'), enrolment.otpauth_uri),
    h('p', {}, t('security.totp.step2')),
    form,
  );
}

function recoveryCodesStep(body: HTMLElement, status: StatusRegion, codes: readonly string[]): HTMLElement {
  const done = actionButton(t('security.totp.codesStored'), () => {
    void runBusy(body, status, async () => {
      await loadSession();
      renderTotp(body, status);
    });
  }, 'primary');
  return h(
    'div',
    {},
    h('p', { class: 'warning' }, t('security.totp.codesOnce')),
    h('ol', { class: 'recovery-codes', attrs: { 'aria-label': t('security.totp.codes') } }, ...codes.map((value) => h('li', {}, h('code', {}, value)))),
    done,
  );
}

function disableForm(body: HTMLElement, status: StatusRegion): HTMLElement {
  const password = inputField({
    label: t('security.totp.password'),
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h('form', { class: 'form' }, h('p', {}, t('security.totp.disableHint')), password.row, submitButton(t('security.totp.disable')));
  handleSubmit(form, status, async () => {
    await disableTotp(password.input.value);
    await loadSession();
    renderTotp(body, status);
    status.success(t('security.totp.nowDisabled'));
  });
  return form;
}

function sessionsCard(status: StatusRegion): HTMLElement {
  const body = h('div', {}, h('p', {}, t('security.sessions.hint')));
  body.appendChild(
    actionButton(t('security.sessions.signOutAll'), () => {
      void runBusy(body, status, async () => {
        await signOutEverywhere();
        forgetSession();
        forgetReferralDraft();
        navigate('/login');
      });
    }, 'danger'),
  );
  return card(t('security.sessions.title'), body);
}

export function securityPage(): HTMLElement {
  const status = new StatusRegion();
  const totpBody = h('div', {});
  renderTotp(totpBody, status);
  return page(
    t('security.title'),
    status.element,
    card(t('security.totp.title'), totpBody),
    card(t('security.password.title'), h('p', {}, h('a', { attrs: { href: href('/password') } }, t('security.password.change')))),
    sessionsCard(status),
  );
}
