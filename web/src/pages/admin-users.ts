// Administration: user accounts, their organisation, roles and status.
import { h, replaceContent, type Child } from '../dom';
import { createUser, listAllOrganisations, listUsers, updateUser } from '../endpoints';
import {
  StatusRegion,
  actionButton,
  checkboxGroup,
  handleSubmit,
  inputField,
  runBusy,
  selectField,
  submitButton,
} from '../forms';
import { t, vocabularyLabel } from '../i18n';
import { currentUser, loadVocabularies } from '../session';
import type { Organisation, UserAccount, UserChanges, Vocabularies } from '../types';
import { MIN_PASSWORD_LENGTH } from './password';
import { PagedRows, adminTabs, card, dataTable, loadingNote, page } from './common';

const PAGE_SIZE = 50;

/** Everything the page's parts share. */
interface UsersContext {
  status: StatusRegion;
  vocabularies: Vocabularies;
  organisations: Organisation[];
  users: PagedRows<UserAccount>;
  listSlot: HTMLElement;
  editorSlot: HTMLElement;
}

function organisationName(ctx: UsersContext, id: number): string {
  return ctx.organisations.find((org) => org.id === id)?.name ?? `#${id}`;
}

function roleOptions(ctx: UsersContext): { value: string; label: string }[] {
  return ctx.vocabularies.roles.map((id) => ({ value: id, label: vocabularyLabel('role', id) }));
}

function statusCell(user: UserAccount): Child {
  const badges = [
    h('span', { class: user.disabled ? 'badge off' : 'badge on' }, t(user.disabled ? 'users.disabled' : 'users.active')),
  ];
  if (user.must_change_password) badges.push(h('span', { class: 'badge' }, t('users.passwordPending')));
  if (user.totp_enabled) badges.push(h('span', { class: 'badge' }, t('users.totpOn')));
  return h('span', { class: 'badges' }, ...badges);
}

function drawList(ctx: UsersContext): void {
  if (ctx.users.rows.length === 0) {
    replaceContent(ctx.listSlot, h('p', { class: 'muted' }, t('users.empty')));
    return;
  }
  const table = dataTable<UserAccount>(
    t('users.listCaption'),
    [
      { header: t('users.username'), cell: (user) => user.username },
      { header: t('users.displayName'), cell: (user) => user.display_name },
      { header: t('users.organisation'), cell: (user) => organisationName(ctx, user.organisation_id) },
      { header: t('users.roles'), cell: (user) => user.roles.map((role) => vocabularyLabel('role', role)).join(', ') },
      { header: t('users.status'), cell: statusCell },
      {
        header: t('users.actions'),
        cell: (user) =>
          h(
            'button',
            {
              class: 'secondary small',
              attrs: { type: 'button', 'data-user-id': user.id, 'aria-label': t('users.editNamed', { name: user.username }) },
              on: { click: () => openEditor(ctx, user) },
            },
            t('users.edit'),
          ),
      },
    ],
    ctx.users.rows,
  );
  const more = ctx.users.hasMore
    ? actionButton(t('common.loadMore'), () =>
        void runBusy(ctx.listSlot, ctx.status, async () => {
          await ctx.users.loadMore();
          drawList(ctx);
        }),
      )
    : null;
  replaceContent(ctx.listSlot, table, more);
}

function closeEditor(ctx: UsersContext, user: UserAccount): void {
  replaceContent(ctx.editorSlot);
  // Return focus to the button that opened the editor.
  ctx.listSlot.querySelector<HTMLElement>(`button[data-user-id="${user.id}"]`)?.focus();
}

async function applyChange(ctx: UsersContext, user: UserAccount, changes: UserChanges, message: string): Promise<void> {
  const updated = await updateUser(user.id, changes);
  ctx.users.replace(updated);
  drawList(ctx);
  openEditor(ctx, updated);
  ctx.status.success(message);
}

function statusToggle(ctx: UsersContext, user: UserAccount, container: HTMLElement): HTMLElement | null {
  // Locking oneself out is never what an administrator means to do.
  if (user.id === currentUser()?.user.id) return null;
  const disable = !user.disabled;
  return h(
    'div',
    { class: 'toggle' },
    h('p', {}, t(disable ? 'users.disableHint' : 'users.enableHint')),
    actionButton(
      t(disable ? 'users.disable' : 'users.enable'),
      () =>
        void runBusy(container, ctx.status, () =>
          applyChange(ctx, user, { disabled: disable }, t(disable ? 'users.nowDisabled' : 'users.nowEnabled', { name: user.username })),
        ),
      disable ? 'danger' : 'secondary',
    ),
  );
}

function openEditor(ctx: UsersContext, user: UserAccount): void {
  const displayName = inputField({
    label: t('users.displayName'),
    name: 'display_name',
    required: true,
    value: user.display_name,
    maxLength: 200,
    capitalize: 'words',
  });
  const roles = checkboxGroup(t('users.roles'), 'roles', roleOptions(ctx));
  roles.setChecked(user.roles);
  const form = h(
    'form',
    { class: 'form' },
    displayName.row,
    roles.fieldset,
    h('div', { class: 'buttons' }, submitButton(t('users.save')), actionButton(t('common.close'), () => closeEditor(ctx, user))),
  );
  handleSubmit(form, ctx.status, () =>
    applyChange(ctx, user, { display_name: displayName.input.value.trim(), roles: roles.checkedValues() }, t('users.saved', { name: user.username })),
  );
  const heading = h('h2', { attrs: { tabindex: -1 } }, t('users.editTitle', { name: user.username }));
  const editor = h('section', { class: 'card editor', attrs: { 'aria-label': t('users.editTitle', { name: user.username }) } }, heading, form);
  const toggle = statusToggle(ctx, user, editor);
  if (toggle) editor.appendChild(toggle);
  replaceContent(ctx.editorSlot, editor);
  heading.focus();
}

function createForm(ctx: UsersContext): HTMLElement {
  const username = inputField({ label: t('users.username'), name: 'username', required: true, maxLength: 64 });
  const displayName = inputField({
    label: t('users.displayName'),
    name: 'display_name',
    required: true,
    maxLength: 200,
    capitalize: 'words',
  });
  const organisation = selectField(
    t('users.organisation'),
    'organisation_id',
    ctx.organisations.map((org) => ({ value: String(org.id), label: org.name })),
  );
  const roles = checkboxGroup(t('users.roles'), 'roles', roleOptions(ctx));
  const password = inputField({
    label: t('users.oneTimePassword'),
    name: 'password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minLength: MIN_PASSWORD_LENGTH,
    hint: t('users.oneTimePasswordHint', { min: MIN_PASSWORD_LENGTH }),
  });
  const form = h('form', { class: 'form' }, username.row, displayName.row, organisation.row, roles.fieldset, password.row, submitButton(t('users.create')));
  handleSubmit(form, ctx.status, async () => {
    const created = await createUser({
      username: username.input.value.trim(),
      display_name: displayName.input.value.trim(),
      organisation_id: Number(organisation.select.value),
      roles: roles.checkedValues(),
      password: password.input.value,
    });
    form.reset();
    await ctx.users.reload();
    drawList(ctx);
    ctx.status.success(t('users.created', { name: created.username }));
  });
  return form;
}

async function loadPage(ctx: Omit<UsersContext, 'vocabularies' | 'organisations'>, formSlot: HTMLElement): Promise<void> {
  const [vocabularies, organisations] = await Promise.all([loadVocabularies(), listAllOrganisations(), ctx.users.reload()]);
  const full: UsersContext = { ...ctx, vocabularies, organisations };
  drawList(full);
  replaceContent(formSlot, createForm(full));
}

export function usersPage(): HTMLElement {
  const status = new StatusRegion();
  const users = new PagedRows<UserAccount>((cursor) => listUsers(PAGE_SIZE, cursor), (user) => user.id);
  const listSlot = h('div', {}, loadingNote());
  const editorSlot = h('div', {});
  const formSlot = h('div', {}, loadingNote());
  loadPage({ status, users, listSlot, editorSlot }, formSlot).catch((error: unknown) => {
    replaceContent(listSlot);
    replaceContent(formSlot);
    status.error(error);
  });
  return page(
    t('users.title'),
    adminTabs('/admin/users'),
    status.element,
    card(t('users.listTitle'), listSlot),
    editorSlot,
    card(t('users.createTitle'), formSlot),
  );
}
