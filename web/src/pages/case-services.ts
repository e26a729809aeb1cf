// The assistance plan of a case: the services referred to providers, with their status and
// exactly what each provider sees, a way to withdraw an open one, and the form that refers a
// new one.
//
// Data minimisation is made visible before anything is sent: the form preselects the fields the
// chosen service needs, lists in plain words what the provider will see (identity fields
// marked), and says whether the person's consent covers that. When it does not (a child, no
// consent, or more than the service needs), a decision maker records the lawful ground in the
// form; a case worker is told that a decision maker must. The server decides again.
import { ApiError } from '../api';
import { h, replaceContent, uniqueId, type Child } from '../dom';
import { listShelters, serviceWithdrawal } from '../endpoints';
import {
  StatusRegion,
  actionButton,
  checkboxGroup,
  handleSubmit,
  selectField,
  submitButton,
  textAreaField,
  type SelectOption,
} from '../forms';
import { t, type MessageKey } from '../i18n';
import { DECISION_MAKER, hasRole } from '../session';
import { neededFields, offeredFields, sharingCoverage, type SharingCoverage } from '../sharing';
import type { CaseRecord, CaseService, NewService, NrmVocabularies, Shelter } from '../types';
import { actionBox, isCaseStaff, isClosed, type ActionContext, type ActionForm, type CaseChanger } from './case-changes';
import type { Names } from './nrm-names';
import { isOpenService, serviceStatusBadge, sharedFieldLabel, sharedFieldList, term, termOptions } from './nrm-common';

const MAX_GROUND = 4000;
const MAX_NOTE = 4000;
/** The problem type of a sharing that needs a lawful ground nobody recorded. */
const NEEDS_LAWFUL_GROUND = 'sharing-needs-lawful-ground';

function identityFieldIds(vocabularies: NrmVocabularies): Set<string> {
  return new Set(vocabularies.shareable_fields.filter((field) => field.identity).map((field) => field.id));
}

/** A button that opens a short form to withdraw one open service, with an optional note. */
function withdrawControl(service: CaseService, headId: string, changer: CaseChanger, status: StatusRegion, focusPlan: () => void): HTMLElement {
  const slot = h('div', { class: 'withdraw' });
  const note = textAreaField({ label: t('plan.withdrawNote'), name: 'note', maxLength: MAX_NOTE, rows: 2, hint: t('closureForm.noteHint') });
  const form = h(
    'form',
    { class: 'form' },
    h('p', { class: 'hint' }, t('plan.withdrawHint')),
    note.row,
    h('div', { class: 'buttons' }, submitButton(t('plan.withdrawConfirm')), actionButton(t('common.cancel'), () => showButton())),
  );
  const open = h('button', { class: 'secondary', attrs: { type: 'button', 'aria-describedby': headId }, on: { click: () => showForm() } }, t('plan.withdraw'));
  const showButton = (): void => {
    replaceContent(slot, open);
    open.focus();
  };
  const showForm = (): void => {
    replaceContent(slot, form);
    note.textarea.focus();
  };
  handleSubmit(form, status, async () => {
    const text = note.textarea.value.trim();
    // The plan is drawn anew from the changed case; focus goes back to its heading.
    if (await changer.send(serviceWithdrawal(service.service_id), text ? { note: text } : {}, status)) focusPlan();
  });
  replaceContent(slot, open);
  return slot;
}

function serviceItem(service: CaseService, record: CaseRecord, vocabularies: NrmVocabularies, names: Names, withdraw: (service: CaseService, headId: string) => HTMLElement | null): HTMLElement {
  const headId = uniqueId('service');
  const open = isOpenService(service.status);
  return h(
    'li',
    { class: 'service-item', attrs: { 'data-service-id': service.service_id } },
    h(
      'p',
      { class: 'service-head', attrs: { id: headId } },
      h('strong', {}, term(vocabularies, 'service_types', service.type)),
      ' · ',
      h('span', { class: 'service-provider' }, names.organisation(service.provider_org)),
      ' ',
      serviceStatusBadge(service.status),
    ),
    h('p', { class: 'service-shared-title' }, t(open ? 'plan.providerSees' : 'plan.providerSaw')),
    sharedFieldList(service.shared_fields, identityFieldIds(vocabularies)),
    h('p', { class: 'hint' }, t(service.lawful_ground_recorded ? 'plan.onLawfulGround' : 'plan.onConsent')),
    open && !isClosed(record) ? withdraw(service, headId) : null,
  );
}

/**
 * The assistance plan as it now is. `status` outlives the redrawing of the card after each
 * change, so that what happened stays announced.
 */
export function servicesCard(record: CaseRecord, vocabularies: NrmVocabularies, names: Names, changer: CaseChanger, status: StatusRegion): HTMLElement | null {
  const services = record.services;
  if (!services) return null;
  const heading = h('h2', { attrs: { id: 'plan-heading', tabindex: -1 } }, t('plan.title'));
  const focusPlan = (): void => document.getElementById('plan-heading')?.focus();
  const mayWithdraw = isCaseStaff() && changer.acceptsChanges;
  const withdraw = (service: CaseService, headId: string): HTMLElement | null =>
    mayWithdraw ? withdrawControl(service, headId, changer, status, focusPlan) : null;
  const body: Child =
    services.length === 0
      ? h('p', { class: 'muted' }, t('plan.none'))
      : h('ul', { class: 'service-list' }, ...services.map((service) => serviceItem(service, record, vocabularies, names, withdraw)));
  return h('section', { class: 'card plan', attrs: { 'aria-labelledby': 'plan-heading' } }, heading, status.element, body);
}

const REASONS: Record<NonNullable<SharingCoverage['reason']>, MessageKey> = {
  anonymous: 'serviceForm.reason.anonymous',
  child: 'serviceForm.reason.child',
  'no-consent': 'serviceForm.reason.noConsent',
  'beyond-needs': 'serviceForm.reason.beyondNeeds',
};

/** Refers a service to a provider organisation, sharing exactly the fields ticked. */
/**
 * For a shelter service: the shelters that declared places, with how many are free, read once
 * when first asked for. Names help choosing; a list that cannot be read leaves the choice as is.
 */
function shelterRoom(): { element: HTMLElement; show: (visible: boolean) => void } {
  const element = h('div', { class: 'shelter-room', attrs: { 'data-shelter-room': '' } });
  let shelters: Promise<Shelter[]> | null = null;
  const show = (visible: boolean): void => {
    element.hidden = !visible;
    if (!visible) return;
    shelters ??= listShelters()
      .then((list) => list.items)
      .catch(() => []);
    void shelters.then((list) =>
      replaceContent(
        element,
        list.length === 0
          ? null
          : h(
              'div',
              {},
              h('p', { class: 'hint' }, t('shelter.listTitle')),
              h('ul', { class: 'plain-list' }, ...list.map((shelter) => h('li', {}, t('shelter.freeAt', { name: shelter.name, free: shelter.free, places: shelter.places })))),
            ),
      ),
    );
  };
  return { element, show };
}

export function serviceReferralForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const shareable = ctx.vocabularies.shareable_fields;
  const identity = identityFieldIds(ctx.vocabularies);
  const decisionMaker = hasRole(DECISION_MAKER);
  const type = selectField(t('serviceForm.type'), 'type', termOptions(ctx.vocabularies, 'service_types'));
  const providers: SelectOption[] = ctx.names.providers().map((org) => ({ value: String(org.id), label: org.name }));
  const provider = selectField(t('serviceForm.provider'), 'provider_org', providers, {
    emptyLabel: t('serviceForm.chooseProvider'),
    hint: t('serviceForm.providerHint'),
  });
  const room = shelterRoom();
  const fieldOptions: SelectOption[] = shareable.map((field) => ({
    value: field.id,
    label: identity.has(field.id) ? t('serviceForm.identityOption', { field: sharedFieldLabel(field.id) }) : sharedFieldLabel(field.id),
  }));
  const fields = checkboxGroup(t('serviceForm.fields'), 'shared_fields', fieldOptions, t('serviceForm.fieldsHint'));
  const noIdentity = h('p', { class: 'hint' }, t('serviceForm.noIdentity'));
  const summaryList = h('div', {});
  const summaryHeading = uniqueId('sharing-summary');
  const summary = h(
    'section',
    { class: 'sharing-summary', attrs: { 'aria-labelledby': summaryHeading } },
    h('h3', { attrs: { id: summaryHeading } }, t('serviceForm.summaryTitle')),
    summaryList,
  );
  const coverage = h('div', {});
  const ground = textAreaField({ label: t('serviceForm.ground'), name: 'lawful_ground', maxLength: MAX_GROUND, rows: 3, hint: t('serviceForm.groundHint') });
  const noProviders = h('p', { class: 'notice' }, t('serviceForm.noProviders'));
  const submit = submitButton(t('serviceForm.submit'));
  const form = h(
    'form',
    { class: 'form' },
    providers.length ? null : noProviders,
    type.row,
    provider.row,
    room.element,
    fields.fieldset,
    summary,
    coverage,
    ground.row,
    submit,
  );
  submit.disabled = providers.length === 0;

  /** The boxes of the fields this case can share: no identity field in an anonymous notification. */
  const offered = (): Set<string> => new Set(offeredFields(shareable, ctx.current()).map((field) => field.id));
  const boxes = (): HTMLInputElement[] => [...fields.fieldset.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];

  const describe = (): SharingCoverage => {
    const record = ctx.current();
    const chosen = fields.checkedValues();
    replaceContent(summaryList, sharedFieldList(chosen, identity));
    const result = sharingCoverage(shareable, record, type.select.value, chosen);
    const typeName = term(ctx.vocabularies, 'service_types', type.select.value);
    if (result.covered) {
      replaceContent(coverage, h('p', { class: 'notice', attrs: { 'data-covered': 'consent' } }, t('serviceForm.covered', { service: typeName })));
    } else {
      const key = REASONS[result.reason ?? 'beyond-needs'];
      const beyond = result.beyond.map(sharedFieldLabel).join(', ');
      replaceContent(
        coverage,
        h(
          'div',
          { class: 'warning', attrs: { 'data-covered': 'lawful-ground' } },
          h('p', {}, t(key, { service: typeName, fields: beyond })),
          h('p', {}, t(decisionMaker ? 'serviceForm.groundNeeded' : 'serviceForm.askDecisionMaker')),
        ),
      );
    }
    // Only a decision maker records a lawful ground, and only when one is needed.
    const askGround = !result.covered && decisionMaker;
    ground.row.hidden = !askGround;
    ground.textarea.disabled = !askGround;
    ground.textarea.required = askGround;
    return result;
  };

  /** Ticks exactly the fields the chosen service needs. */
  const preselect = (): void => {
    room.show(type.select.value === 'shelter');
    fields.setChecked(neededFields(shareable, type.select.value, ctx.current()));
    describe();
  };

  /** Offers the fields this case can share, as the case now is. */
  const arrange = (): void => {
    const allowed = offered();
    for (const box of boxes()) {
      const row = box.closest<HTMLElement>('.check');
      const shown = allowed.has(box.value);
      if (row) row.hidden = !shown;
      box.disabled = !shown;
      if (!shown) box.checked = false;
    }
    noIdentity.hidden = allowed.size === shareable.length;
    describe();
  };

  fields.fieldset.append(noIdentity);
  type.select.addEventListener('change', preselect);
  fields.fieldset.addEventListener('change', () => describe());

  handleSubmit(form, status, async () => {
    const result = describe();
    const body: NewService = {
      type: type.select.value,
      provider_org: Number(provider.select.value),
      shared_fields: fields.checkedValues(),
    };
    if (!result.covered && decisionMaker) body.lawful_ground = ground.textarea.value.trim();
    try {
      if (await ctx.send('services', { ...body }, status)) {
        form.reset();
        preselect();
      }
    } catch (error) {
      // The server's refusal in words the user can act on; nothing was shared.
      if (error instanceof ApiError && error.is(NEEDS_LAWFUL_GROUND)) {
        status.invalid(t('serviceForm.refused'));
        return;
      }
      throw error;
    }
  });

  const element = actionBox('service', 'serviceForm.title', status, form);
  let first = true;
  return {
    element,
    refresh: (record) => {
      element.hidden = !isCaseStaff() || isClosed(record);
      arrange();
      if (first) {
        preselect();
        first = false;
      }
    },
  };
}
