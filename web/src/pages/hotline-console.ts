// The hotline operators' console (#/hotline): the queue of web reports, advice requests and
// logged contacts (urgent first), one contact opened with its thread, and what an operator
// does with it: reply to the reporter, triage, link, refer to the NRM, forward a tip to the
// police. Opening a contact is audited by the server, so the page reads it only on request.
// Everything reporters wrote is shown as text.
import { h, replaceContent, type Child } from '../dom';
import {
  fetchHotlineContact,
  fetchHotlineSettings,
  hotlineAction,
  hotlineAttachmentUrl,
  listHotlineContacts,
  logHotlineContact,
} from '../endpoints';
import {
  StatusRegion,
  actionButton,
  checkboxGroup,
  handleSubmit,
  inputField,
  runBusy,
  selectField,
  submitButton,
  textAreaField,
} from '../forms';
import { isMessageKey, t } from '../i18n';
import { loadVocabularies } from '../session';
import type { HotlineContact, HotlineContactSummary, HotlineSettings, NrmVocabularies } from '../types';
import { PagedRows, card, dataTable, loadingNote, page } from './common';
import { caseLink, facts, termList, termOptions, timeElement } from './nrm-common';

export const HOTLINE_CONSOLE_PATH = '/hotline';
export const HOTLINE_OPERATOR = 'hotline_operator';

const PAGE_SIZE = 50;
const MAX_TEXT = 5000;

/** A label for a value of the hotline's own vocabularies ("channel", "phone"). */
export function hotlineLabel(group: string, id: string): string {
  if (!id) return '—';
  const key = `hotline.${group}.${id}`;
  return isMessageKey(key) ? t(key) : id;
}

const options = (group: string, ids: readonly string[]): { value: string; label: string }[] =>
  ids.map((id) => ({ value: id, label: hotlineLabel(group, id) }));

interface Context {
  settings: HotlineSettings;
  vocabularies: NrmVocabularies;
  reloadQueue: () => Promise<void>;
  open: (id: number) => Promise<void>;
  slot: HTMLElement;
  status: StatusRegion;
}

// ---- The queue ----

function queueTable(rows: readonly HotlineContactSummary[], context: Context): HTMLElement {
  return dataTable<HotlineContactSummary>(
    t('console.caption'),
    [
      {
        header: t('console.contact'),
        cell: (row) => actionButton(t('console.number', { id: row.id }), () => void runBusy(context.slot, context.status, () => context.open(row.id)), 'link-button'),
      },
      { header: t('console.urgent'), cell: (row) => (row.urgent ? h('strong', { class: 'badge urgent' }, t('console.urgentBadge')) : '') },
      { header: t('console.kind'), cell: (row) => hotlineLabel('kind', row.kind) },
      { header: t('console.channel'), cell: (row) => hotlineLabel('channel', row.channel) },
      { header: t('console.status'), cell: (row) => hotlineLabel('status', row.status) },
      { header: t('console.received'), cell: (row) => timeElement(row.received_at) },
      { header: t('console.awaiting'), cell: (row) => (row.awaiting_reply ? t('console.yes') : '') },
      { header: t('console.exploitation'), cell: (row) => termList(context.vocabularies, 'exploitation_types', row.exploitation_types) },
    ],
    rows,
  );
}

// ---- One contact ----

function thread(contact: HotlineContact): HTMLElement {
  if (contact.messages.length === 0) return h('p', { class: 'muted' }, t('hotline.noMessages'));
  return h(
    'ol',
    { class: 'thread' },
    ...contact.messages.map((message) =>
      h(
        'li',
        { class: `message from-${message.author}` },
        h('p', { class: 'message-meta' }, t(message.author === 'operator' ? 'console.fromOperator' : 'console.fromReporter'), ' · ', timeElement(message.at)),
        h('p', { class: 'message-body' }, message.body),
      ),
    ),
  );
}

/** A small form that posts one action on the contact and then shows it again. */
function actionForm(contact: HotlineContact, context: Context, title: string, rows: Child[], body: () => Record<string, unknown>, action: Parameters<typeof hotlineAction>[1], done: string): HTMLElement {
  const status = new StatusRegion();
  const form = h('form', { class: 'stack', attrs: { novalidate: true } }, ...rows, status.element, submitButton(title));
  handleSubmit(form, status, async () => {
    const answer = await hotlineAction<{ case_id?: number } | undefined>(contact.id, action, body());
    await context.open(contact.id);
    await context.reloadQueue();
    const message = answer?.case_id ? t('console.referred', { id: answer.case_id }) : done;
    document.querySelector('[data-contact-status]')?.replaceChildren(message);
  });
  return h('details', { class: 'action', attrs: { 'data-action': action } }, h('summary', {}, title), form);
}

function replyForm(contact: HotlineContact, context: Context): HTMLElement | null {
  if (!contact.has_follow_up_code) return null;
  const text = textAreaField({ label: t('console.reply'), name: 'body', required: true, maxLength: MAX_TEXT });
  return actionForm(contact, context, t('console.sendReply'), [text.row], () => ({ body: text.textarea.value }), 'messages', t('console.replied'));
}

function triageForm(contact: HotlineContact, context: Context): HTMLElement {
  const urgent = h('input', { attrs: { id: `urgent-${contact.id}`, name: 'urgent', type: 'checkbox', checked: contact.urgent } });
  const status = selectField(t('console.status'), 'status', options('status', context.settings.statuses));
  status.select.value = contact.status;
  const outcome = selectField(t('console.outcome'), 'outcome', options('outcome', context.settings.outcomes), { required: false, emptyLabel: '—' });
  outcome.select.value = contact.outcome;
  const caller = selectField(t('console.callerType'), 'caller_type', options('caller', context.settings.caller_types));
  caller.select.value = contact.caller_type;
  const region = inputField({ label: t('console.region'), name: 'region', maxLength: 64, value: contact.region });
  const indicators = checkboxGroup(
    t('console.indicators'),
    'indicators',
    termOptions(context.vocabularies, 'indicators'),
  );
  indicators.setChecked(contact.indicators);
  const notes = textAreaField({ label: t('console.notes'), name: 'notes', maxLength: MAX_TEXT });
  notes.textarea.value = contact.notes;
  const urgentRow = h('div', { class: 'check' }, urgent, h('label', { attrs: { for: urgent.id } }, t('console.urgentDanger')));
  return actionForm(
    contact,
    context,
    t('console.triage'),
    [urgentRow, status.row, outcome.row, caller.row, region.row, indicators.fieldset, notes.row],
    () => ({
      urgent: urgent.checked,
      status: status.select.value,
      outcome: outcome.select.value,
      caller_type: caller.select.value,
      region: region.input.value,
      indicators: indicators.checkedValues(),
      notes: notes.textarea.value,
    }),
    'triage',
    t('console.saved'),
  );
}

function linkForm(contact: HotlineContact, context: Context): HTMLElement {
  const other = inputField({ label: t('console.linkTo'), name: 'contact_id', type: 'number', min: 1, inputMode: 'numeric', required: true });
  return actionForm(contact, context, t('console.link'), [other.row], () => ({ contact_id: Number(other.input.value) }), 'links', t('console.linked'));
}

function referralForm(contact: HotlineContact, context: Context): HTMLElement | null {
  if (contact.case_id !== null) return null;
  const consent = h('input', { attrs: { id: `consent-${contact.id}`, name: 'consent.given', type: 'checkbox' } });
  const explainedBy = inputField({ label: t('console.consentExplainedBy'), name: 'consent.explained_by', maxLength: 200 });
  const consentLanguage = inputField({ label: t('console.consentLanguage'), name: 'consent.language', maxLength: 64 });
  const given = inputField({ label: t('console.givenName'), name: 'person.given_name', maxLength: 200 });
  const family = inputField({ label: t('console.familyName'), name: 'person.family_name', maxLength: 200 });
  const child = h('input', { attrs: { id: `child-${contact.id}`, name: 'is_child', type: 'checkbox', checked: contact.children_involved === 'yes' } });
  const body = (): Record<string, unknown> => {
    const request: Record<string, unknown> = { is_child: child.checked };
    if (consent.checked) {
      request['consent'] = { given: true, explained_by: explainedBy.input.value, language: consentLanguage.input.value };
      const person: Record<string, string> = {};
      if (given.input.value.trim()) person['given_name'] = given.input.value;
      if (family.input.value.trim()) person['family_name'] = family.input.value;
      if (Object.keys(person).length) request['person'] = person;
    }
    return request;
  };
  return actionForm(
    contact,
    context,
    t('console.refer'),
    [
      h('p', { class: 'hint' }, t('console.referHint')),
      h('div', { class: 'check' }, child, h('label', { attrs: { for: child.id } }, t('console.isChild'))),
      h('div', { class: 'check' }, consent, h('label', { attrs: { for: consent.id } }, t('console.consentGiven'))),
      explainedBy.row,
      consentLanguage.row,
      given.row,
      family.row,
    ],
    body,
    'referral',
    t('console.saved'),
  );
}

function tipForm(contact: HotlineContact, context: Context): HTMLElement {
  const police = selectField(
    t('console.police'),
    'organisation_id',
    context.settings.police_organisations.map((org) => ({ value: String(org.id), label: org.name })),
  );
  const fields = checkboxGroup(t('console.tipFields'), 'fields', options('tipField', context.settings.tip_fields), t('console.tipHint'));
  return actionForm(
    contact,
    context,
    t('console.forward'),
    [police.row, fields.fieldset],
    () => ({ organisation_id: Number(police.select.value), fields: fields.checkedValues() }),
    'tips',
    t('console.forwarded'),
  );
}

function contactView(contact: HotlineContact, context: Context): HTMLElement {
  const view = card(
    t('console.number', { id: contact.id }),
    contact.urgent && contact.urgent_instruction ? h('p', { class: 'status error', attrs: { role: 'alert' } }, contact.urgent_instruction) : null,
    h('p', { class: 'status success', attrs: { 'data-contact-status': true, 'aria-live': 'polite' } }),
    facts([
      [t('console.kind'), hotlineLabel('kind', contact.kind)],
      [t('console.channel'), hotlineLabel('channel', contact.channel)],
      [t('console.callerType'), hotlineLabel('caller', contact.caller_type)],
      [t('console.language'), contact.language || '—'],
      [t('console.status'), hotlineLabel('status', contact.status)],
      [t('console.outcome'), hotlineLabel('outcome', contact.outcome)],
      [t('console.received'), timeElement(contact.received_at)],
      [t('console.people'), contact.people_count ?? '—'],
      [t('console.children'), hotlineLabel('children', contact.children_involved)],
      [t('console.exploitation'), termList(context.vocabularies, 'exploitation_types', contact.exploitation_types)],
      [t('console.region'), contact.region || '—'],
      [t('console.linked'), contact.linked.length ? contact.linked.map((id) => t('console.number', { id })).join(', ') : '—'],
      [t('console.case'), contact.case_id !== null ? caseLink(contact.case_id) : '—'],
    ]),
    h('h3', {}, t('hotline.what')),
    h('p', { class: 'message-body' }, contact.what),
    contact.where ? h('p', {}, h('strong', {}, t('hotline.where')), ' ', contact.where) : null,
    contact.when ? h('p', {}, h('strong', {}, t('hotline.when')), ' ', contact.when) : null,
    contact.contact ? h('p', {}, h('strong', {}, t('hotline.contact')), ' ', contact.contact) : null,
    contact.notes ? h('p', {}, h('strong', {}, t('console.notes')), ' ', contact.notes) : null,
    contact.attachments.length
      ? h(
          'ul',
          { class: 'attachments' },
          ...contact.attachments.map((attachment) =>
            h('li', {}, h('a', { attrs: { href: hotlineAttachmentUrl(contact.id, attachment.id), download: true } }, t('console.attachment', { id: attachment.id, kb: Math.ceil(attachment.size / 1024) }))),
          ),
        )
      : null,
    h('h3', {}, t('hotline.messages')),
    thread(contact),
    replyForm(contact, context),
    triageForm(contact, context),
    linkForm(contact, context),
    referralForm(contact, context),
    tipForm(contact, context),
  );
  view.setAttribute('data-contact', String(contact.id));
  return view;
}

// ---- Logging a call, chat or email ----

function logForm(context: Context): HTMLElement {
  const status = new StatusRegion();
  const channel = selectField(t('console.channel'), 'channel', options('channel', context.settings.channels.filter((c) => c !== 'web')));
  const caller = selectField(t('console.callerType'), 'caller_type', options('caller', context.settings.caller_types));
  const kind = selectField(t('console.kind'), 'kind', options('kind', ['report', 'advice']));
  const lang = inputField({ label: t('console.language'), name: 'language', maxLength: 2, hint: t('console.languageHint') });
  const what = textAreaField({ label: t('hotline.what'), name: 'what', required: true, maxLength: MAX_TEXT });
  const region = inputField({ label: t('console.region'), name: 'region', maxLength: 64 });
  const notes = textAreaField({ label: t('console.notes'), name: 'notes', maxLength: MAX_TEXT });
  const urgent = h('input', { attrs: { id: 'log-urgent', name: 'urgent', type: 'checkbox' } });
  const form = h(
    'form',
    { class: 'stack', attrs: { novalidate: true } },
    channel.row,
    caller.row,
    kind.row,
    lang.row,
    what.row,
    region.row,
    notes.row,
    h('div', { class: 'check' }, urgent, h('label', { attrs: { for: urgent.id } }, t('console.urgentDanger'))),
    status.element,
    submitButton(t('console.log')),
  );
  handleSubmit(form, status, async () => {
    const created = await logHotlineContact({
      channel: channel.select.value,
      caller_type: caller.select.value,
      kind: kind.select.value,
      language: lang.input.value,
      what: what.textarea.value,
      region: region.input.value,
      notes: notes.textarea.value,
      urgent: urgent.checked,
    });
    form.reset();
    status.success(t('console.logged', { id: created.id }));
    await context.reloadQueue();
  });
  return h('details', { class: 'action' }, h('summary', {}, t('console.logTitle')), form);
}

export function consolePage(): HTMLElement {
  const status = new StatusRegion();
  const queueSlot = h('div', {}, loadingNote());
  const contactSlot = h('div', {});
  const extras = h('div', {});
  const filter = selectField(t('console.show'), 'status', [
    { value: 'new', label: hotlineLabel('status', 'new') },
    { value: 'open', label: hotlineLabel('status', 'open') },
    { value: 'closed', label: hotlineLabel('status', 'closed') },
    { value: 'all', label: t('console.all') },
  ]);
  const rows = new PagedRows<HotlineContactSummary>((cursor) => listHotlineContacts(filter.select.value, PAGE_SIZE, cursor), (row) => row.id);
  void (async () => {
    try {
      const [settings, vocabularies] = await Promise.all([fetchHotlineSettings(), loadVocabularies()]);
      const context: Context = {
        settings,
        vocabularies: vocabularies.nrm,
        slot: queueSlot,
        status,
        reloadQueue: async () => {
          await rows.reload();
          draw();
        },
        open: async (id) => {
          const contact = await fetchHotlineContact(id);
          replaceContent(contactSlot, contactView(contact, context));
          contactSlot.querySelector('h2')?.setAttribute('tabindex', '-1');
          contactSlot.querySelector<HTMLElement>('h2')?.focus();
        },
      };
      const draw = (): void => {
        replaceContent(
          queueSlot,
          rows.rows.length ? queueTable(rows.rows, context) : h('p', { class: 'muted' }, t('console.empty')),
          rows.hasMore ? actionButton(t('common.loadMore'), () => void runBusy(queueSlot, status, async () => { await rows.loadMore(); draw(); })) : null,
        );
      };
      filter.select.addEventListener('change', () => void runBusy(queueSlot, status, context.reloadQueue));
      replaceContent(extras, logForm(context));
      await context.reloadQueue();
    } catch (error) {
      replaceContent(queueSlot);
      status.error(error);
    }
  })();
  return page(t('console.title'), h('p', { class: 'lead' }, t('console.intro')), status.element, extras, card(t('console.queue'), filter.row, queueSlot), contactSlot);
}
