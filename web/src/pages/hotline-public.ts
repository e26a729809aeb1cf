// The hotline's public pages, for people without an account, often on a cheap phone and
// sometimes in danger: report a suspected case anonymously (#/report), ask for advice before a
// job or journey abroad (#/advice), and follow up with the code and passphrase (#/follow-up).
//
// - A "quick exit" button leaves at once for a neutral site, replacing this page in the
//   history, and forgets the draft.
// - Moving between these pages replaces the history entry instead of adding one, so the back
//   button does not lead to them.
// - What is typed is kept in sessionStorage (this tab only) until the server has it: if the
//   server cannot be reached the page says so and sends it again by itself.
// - The passphrase is never stored in the browser. Everything the reporter or an operator
//   wrote is shown as text, never as markup.
import { ApiError } from '../api';
import { h, replaceContent } from '../dom';
import { addReportAttachment, addReportMessage, fetchHotlinePublic, fetchReportThread, submitPublicReport } from '../endpoints';
import {
  StatusRegion,
  checkboxGroup,
  handleSubmit,
  inputField,
  radioGroup,
  submitButton,
  textAreaField,
} from '../forms';
import { language, t, termLabel, type MessageKey } from '../i18n';
import {
  forgetAllDrafts,
  forgetDraft as forgetStoredDraft,
  isTransientStatus,
  readDraft as readStoredDraft,
  writeDraft as writeStoredDraft,
  type Draft,
  type DraftKind,
  type DraftStorage,
} from '../hotline-draft';
import { ProofOfWork, isPowRefusal } from '../proof-of-work';
import { href } from '../router';
import type { HotlineKind, HotlineMessage, HotlinePublic, PublicReport, ReportCreated, ReportThread } from '../types';
import { card, page } from './common';
import { timeElement } from './nrm-common';

export const REPORT_PATH = '/report';
export const ADVICE_PATH = '/advice';
export const FOLLOW_UP_PATH = '/follow-up';
export const PUBLIC_HOTLINE_PATHS: readonly string[] = [REPORT_PATH, ADVICE_PATH, FOLLOW_UP_PATH];

const DEFAULT_EXIT_URL = 'https://www.google.com/';
const RETRY_SECONDS = 10;
const MAX_NARRATIVE = 5000;
const MAX_SHORT = 500;

let exitUrl = DEFAULT_EXIT_URL;
let hotlineDetails: Promise<HotlinePublic> | null = null;

function loadHotlineDetails(): Promise<HotlinePublic> {
  hotlineDetails ??= fetchHotlinePublic().then((details) => {
    if (/^https?:\/\//.test(details.quick_exit_url)) exitUrl = details.quick_exit_url;
    return details;
  });
  hotlineDetails.catch(() => {
    hotlineDetails = null; // Asked again on the next page.
  });
  return hotlineDetails;
}

// ---- Leaving without a trace in the history ----

/** Leaves at once for a neutral site; the back button does not bring this page back. */
export function quickExit(): void {
  forgetAllDrafts(tabStorage());
  window.location.replace(exitUrl);
}

function quickExitButton(): HTMLButtonElement {
  return h('button', { class: 'quick-exit', attrs: { type: 'button', 'data-quick-exit': true }, on: { click: quickExit } }, t('hotline.quickExit'));
}

/** Goes to another hotline page in place of this one in the history. */
function replaceWith(path: string): void {
  window.location.replace(href(path));
}

function replacingLink(path: string, label: string): HTMLAnchorElement {
  return h(
    'a',
    {
      attrs: { href: href(path) },
      on: {
        click: (event) => {
          event.preventDefault();
          replaceWith(path);
        },
      },
    },
    label,
  );
}

function hotlinePage(title: string, ...children: (Node | null)[]): HTMLElement {
  const section = page(title, ...children);
  section.classList.add('hotline-page');
  section.prepend(quickExitButton());
  return section;
}

// ---- Drafts kept in this tab until the server has them ----

/** The tab's sessionStorage, or a store that keeps nothing where the browser blocks it. */
function tabStorage(): DraftStorage {
  try {
    return window.sessionStorage;
  } catch {
    return { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  }
}
const readDraft = (kind: DraftKind): Draft => readStoredDraft(tabStorage(), kind);
const writeDraft = (kind: DraftKind, draft: Draft): void => writeStoredDraft(tabStorage(), kind, draft);
const forgetDraft = (kind: DraftKind): void => forgetStoredDraft(tabStorage(), kind);

/** True for failures worth sending again: no answer, or the server briefly unavailable. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && isTransientStatus(error.status);
}

// ---- The report and advice forms ----

const CHILDREN_LABELS: Record<string, MessageKey> = {
  yes: 'hotline.children.yes',
  no: 'hotline.children.no',
  unknown: 'hotline.children.unknown',
};

interface ReportFields {
  what: HTMLTextAreaElement;
  where?: HTMLInputElement;
  when?: HTMLInputElement;
  people?: HTMLInputElement;
  children?: ReturnType<typeof radioGroup>;
  types?: ReturnType<typeof checkboxGroup>;
  contact: HTMLInputElement;
  website: HTMLInputElement;
}

function reportBody(kind: HotlineKind, fields: ReportFields): PublicReport {
  const body: PublicReport = { kind, language: language(), what: fields.what.value };
  const text = (input: HTMLInputElement | undefined): string | undefined => (input && input.value.trim() ? input.value : undefined);
  body.where = text(fields.where);
  body.when = text(fields.when);
  body.contact = text(fields.contact);
  if (fields.people && fields.people.value !== '') body.people_count = Number(fields.people.value);
  if (fields.children?.value()) body.children_involved = fields.children.value();
  if (fields.types) body.exploitation_types = fields.types.checkedValues();
  if (fields.website.value) body.website = fields.website.value;
  return body;
}

function draftOf(fields: ReportFields): Draft {
  return {
    what: fields.what.value,
    where: fields.where?.value ?? '',
    when: fields.when?.value ?? '',
    people: fields.people?.value ?? '',
    children: fields.children?.value() ?? '',
    types: fields.types?.checkedValues() ?? [],
    contact: fields.contact.value,
  };
}

function restoreDraft(fields: ReportFields, draft: Draft): void {
  const text = (value: string | string[] | undefined): string => (typeof value === 'string' ? value : '');
  fields.what.value = text(draft['what']);
  if (fields.where) fields.where.value = text(draft['where']);
  if (fields.when) fields.when.value = text(draft['when']);
  if (fields.people) fields.people.value = text(draft['people']);
  if (fields.children && text(draft['children'])) fields.children.setValue(text(draft['children']));
  if (fields.types && Array.isArray(draft['types'])) fields.types.setChecked(draft['types']);
  fields.contact.value = text(draft['contact']);
}

/** A field people never see; programs that fill in every field fill it too. */
function honeypot(): { row: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { attrs: { id: 'hotline-website', name: 'website', type: 'text', tabindex: -1, autocomplete: 'off' } });
  const row = h('div', { class: 'trap', attrs: { 'aria-hidden': 'true' } }, h('label', { attrs: { for: 'hotline-website' } }, t('hotline.website')), input);
  return { row, input };
}

function reportFieldsFor(kind: HotlineKind, details: HotlinePublic | null): { fields: ReportFields; rows: HTMLElement[] } {
  const what = textAreaField({
    label: t(kind === 'advice' ? 'hotline.question' : 'hotline.what'),
    name: 'what',
    required: true,
    maxLength: MAX_NARRATIVE,
    rows: 6,
    hint: t(kind === 'advice' ? 'hotline.questionHint' : 'hotline.whatHint'),
  });
  const contact = inputField({ label: t('hotline.contact'), name: 'contact', maxLength: MAX_SHORT, hint: t('hotline.contactHint') });
  const trap = honeypot();
  const fields: ReportFields = { what: what.textarea, contact: contact.input, website: trap.input };
  const rows: HTMLElement[] = [what.row];
  if (kind === 'report') {
    const where = inputField({ label: t('hotline.where'), name: 'where', maxLength: MAX_SHORT });
    const when = inputField({ label: t('hotline.when'), name: 'when', maxLength: MAX_SHORT });
    const people = inputField({ label: t('hotline.people'), name: 'people_count', type: 'number', min: 0, max: 10000, inputMode: 'numeric' });
    const children = radioGroup(
      t('hotline.children'),
      'children_involved',
      Object.entries(CHILDREN_LABELS).map(([value, label]) => ({ value, label: t(label) })),
    );
    const types = checkboxGroup(
      t('hotline.types'),
      'exploitation_types',
      (details?.exploitation_types ?? []).map((term) => ({ value: term.id, label: termLabel('exploitation_types', term.id, term.label) })),
      t('hotline.typesHint'),
    );
    Object.assign(fields, { where: where.input, when: when.input, people: people.input, children, types });
    rows.push(where.row, when.row, people.row, children.fieldset, types.fieldset);
  }
  rows.push(contact.row, trap.row);
  return { fields, rows };
}

function secretsCard(created: ReportCreated): HTMLElement {
  return card(
    t('hotline.sent'),
    h('p', {}, t('hotline.keepSecrets')),
    h(
      'dl',
      { class: 'secrets' },
      h('dt', {}, t('hotline.code')),
      h('dd', {}, h('code', { attrs: { 'data-code': true } }, created.code)),
      h('dt', {}, t('hotline.passphrase')),
      h('dd', {}, h('code', { attrs: { 'data-passphrase': true } }, created.passphrase)),
    ),
    h('p', {}, t('hotline.followUpLater'), ' ', replacingLink(FOLLOW_UP_PATH, t('hotline.followUpLink'))),
  );
}

function reportForm(kind: HotlineKind, details: HotlinePublic | null, slot: HTMLElement): HTMLFormElement {
  const status = new StatusRegion();
  const { fields, rows } = reportFieldsFor(kind, details);
  restoreDraft(fields, readDraft(kind));
  const form = h('form', { class: 'stack', attrs: { novalidate: true } }, ...rows, status.element, submitButton(t('hotline.send')));
  form.addEventListener('input', () => writeDraft(kind, draftOf(fields)));
  form.addEventListener('change', () => writeDraft(kind, draftOf(fields)));
  let retry: number | undefined;
  // Worked out while the reporter types, so sending does not wait for it.
  const proofOfWork = new ProofOfWork();
  const post = async (): Promise<ReportCreated> => {
    const body = reportBody(kind, fields);
    body.pow = await proofOfWork.answer();
    try {
      return await submitPublicReport(body);
    } catch (error) {
      if (!isPowRefusal(error)) throw error;
      // The challenge expired while the reporter typed (or was spent): once more with a new one.
      proofOfWork.renew();
      body.pow = await proofOfWork.answer();
      return submitPublicReport(body);
    }
  };
  const send = async (): Promise<void> => {
    window.clearTimeout(retry);
    if (!fields.what.value.trim()) {
      status.invalid(t('hotline.whatRequired'));
      fields.what.focus();
      return;
    }
    writeDraft(kind, draftOf(fields));
    try {
      status.info(t('hotline.sending'));
      const created = await post();
      forgetDraft(kind);
      replaceContent(slot, secretsCard(created));
    } catch (error) {
      if (!isTransient(error)) throw error;
      status.info(t('hotline.retrying', { seconds: RETRY_SECONDS }));
      // Sent again while the page is still showing; leaving the page ends the retries.
      retry = window.setTimeout(() => {
        if (form.isConnected) form.requestSubmit();
      }, RETRY_SECONDS * 1000);
    }
  };
  handleSubmit(form, status, send);
  return form;
}

function phonesCard(details: HotlinePublic): HTMLElement {
  return card(
    t('hotline.callUs'),
    details.phones.length
      ? h('ul', { class: 'phones' }, ...details.phones.map((phone) => h('li', {}, h('a', { attrs: { href: `tel:${phone.replace(/[^+\d]/g, '')}` } }, phone))))
      : null,
    h('p', {}, t('hotline.hours'), ' ', details.hours),
  );
}

function publicFormPage(kind: HotlineKind): HTMLElement {
  const slot = h('div', {});
  const info = h('div', {});
  const draw = (details: HotlinePublic | null): void => {
    replaceContent(slot, reportForm(kind, details, slot));
    if (details) replaceContent(info, phonesCard(details));
  };
  void loadHotlineDetails().then(draw, () => draw(null));
  const other = kind === 'report' ? replacingLink(ADVICE_PATH, t('hotline.toAdvice')) : replacingLink(REPORT_PATH, t('hotline.toReport'));
  return hotlinePage(
    t(kind === 'report' ? 'hotline.reportTitle' : 'hotline.adviceTitle'),
    h('p', { class: 'lead' }, t(kind === 'report' ? 'hotline.reportIntro' : 'hotline.adviceIntro')),
    h('p', { class: 'hint' }, t('hotline.privacy')),
    kind === 'advice' ? info : null,
    slot,
    h('p', {}, other, ' · ', replacingLink(FOLLOW_UP_PATH, t('hotline.followUpLink'))),
    kind === 'report' ? info : null,
  );
}

export const reportPage = (): HTMLElement => publicFormPage('report');
export const advicePage = (): HTMLElement => publicFormPage('advice');

// ---- Following up ----

function messageList(messages: readonly HotlineMessage[]): HTMLElement {
  if (messages.length === 0) return h('p', { class: 'muted' }, t('hotline.noMessages'));
  return h(
    'ol',
    { class: 'thread' },
    ...messages.map((message) =>
      h(
        'li',
        { class: `message from-${message.author}` },
        h('p', { class: 'message-meta' }, t(message.author === 'operator' ? 'hotline.fromOperator' : 'hotline.fromYou'), ' · ', timeElement(message.at)),
        h('p', { class: 'message-body' }, message.body),
      ),
    ),
  );
}

const MAX_ATTACHMENT_BYTES = 512 * 1024;

/** The file's bytes in base64, read in the browser. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

function attachmentForm(thread: ReportThread, passphrase: string, reload: () => Promise<void>): HTMLElement {
  const status = new StatusRegion();
  const input = h('input', { attrs: { id: 'hotline-photo', name: 'data', type: 'file', accept: 'image/jpeg,image/png,application/pdf' } });
  const form = h(
    'form',
    { class: 'stack', attrs: { novalidate: true } },
    h('div', { class: 'field' }, h('label', { attrs: { for: 'hotline-photo' } }, t('hotline.photo')), input, h('p', { class: 'hint' }, t('hotline.photoHint'))),
    status.element,
    submitButton(t('hotline.addPhoto')),
  );
  handleSubmit(form, status, async () => {
    const file = input.files?.[0];
    if (!file) {
      status.invalid(t('hotline.photoRequired'));
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      status.invalid(t('hotline.photoTooLarge'));
      return;
    }
    await addReportAttachment(thread.code, passphrase, await base64Of(file));
    await reload();
  });
  return form;
}

function threadView(thread: ReportThread, passphrase: string, slot: HTMLElement): HTMLElement {
  const status = new StatusRegion();
  const body = textAreaField({ label: t('hotline.addMessage'), name: 'body', required: true, maxLength: MAX_NARRATIVE });
  body.textarea.value = (readDraft('message')['body'] as string | undefined) ?? '';
  body.textarea.addEventListener('input', () => writeDraft('message', { body: body.textarea.value }));
  const form = h('form', { class: 'stack', attrs: { novalidate: true } }, body.row, status.element, submitButton(t('hotline.send')));
  let retry: number | undefined;
  handleSubmit(form, status, async () => {
    window.clearTimeout(retry);
    if (!body.textarea.value.trim()) {
      status.invalid(t('hotline.messageRequired'));
      return;
    }
    try {
      await addReportMessage(thread.code, passphrase, body.textarea.value);
    } catch (error) {
      if (!isTransient(error)) throw error;
      status.info(t('hotline.retrying', { seconds: RETRY_SECONDS }));
      retry = window.setTimeout(() => {
        if (form.isConnected) form.requestSubmit();
      }, RETRY_SECONDS * 1000);
      return;
    }
    forgetDraft('message');
    const fresh = await fetchReportThread(thread.code, passphrase);
    replaceContent(slot, threadView(fresh, passphrase, slot));
  });
  return h(
    'div',
    {},
    card(
      t(thread.kind === 'advice' ? 'hotline.yourQuestion' : 'hotline.yourReport'),
      h('p', { class: 'message-body' }, thread.what),
      h('p', { class: 'muted' }, t('hotline.receivedAt'), ' ', timeElement(thread.received_at)),
      thread.attachments.length ? h('p', {}, t('hotline.photos', { count: thread.attachments.length })) : null,
    ),
    card(t('hotline.messages'), messageList(thread.messages), form),
    card(
      t('hotline.addPhoto'),
      attachmentForm(thread, passphrase, async () => {
        replaceContent(slot, threadView(await fetchReportThread(thread.code, passphrase), passphrase, slot));
      }),
    ),
  );
}

export function followUpPage(): HTMLElement {
  const status = new StatusRegion();
  const slot = h('div', {});
  const code = inputField({ label: t('hotline.code'), name: 'code', required: true, maxLength: 20, hint: t('hotline.codeHint') });
  const passphrase = inputField({ label: t('hotline.passphrase'), name: 'passphrase', type: 'password', required: true, maxLength: 100 });
  const form = h('form', { class: 'stack', attrs: { novalidate: true } }, code.row, passphrase.row, status.element, submitButton(t('hotline.open')));
  handleSubmit(form, status, async () => {
    try {
      const thread = await fetchReportThread(code.input.value.trim(), passphrase.input.value);
      const secret = passphrase.input.value;
      passphrase.input.value = '';
      replaceContent(slot, threadView(thread, secret, slot));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        status.invalid(t('hotline.notFound'));
        return;
      }
      throw error;
    }
  });
  replaceContent(slot, form);
  return hotlinePage(t('hotline.followUpTitle'), h('p', { class: 'lead' }, t('hotline.followUpIntro')), slot, h('p', {}, replacingLink(REPORT_PATH, t('hotline.toReport'))));
}
