// The referral form: a first responder (or a case worker) refers a presumed victim to the
// competent authority. Written for people who use it rarely: plain questions, one column,
// help under each question.
//
// Consent decides what is recorded: an adult who has not agreed is referred as an anonymous
// notification, with no name and no date of birth (the fields are cleared and hidden); a
// child, or a person who may be a child, needs no consent. The unfinished form is kept as a
// draft in this tab's sessionStorage WITHOUT the name and date of birth (see referral-draft.ts).
import { todayIso } from '../dates';
import { h, replaceContent } from '../dom';
import { submitReferral } from '../endpoints';
import {
  StatusRegion,
  actionButton,
  checkboxGroup,
  handleSubmit,
  inputField,
  pastDateField,
  pastDateValue,
  radioGroup,
  selectField,
  submitButton,
  type CheckboxGroup,
  type LabelledInput,
  type LabelledSelect,
  type RadioGroup,
} from '../forms';
import { t } from '../i18n';
import { clearDraft, loadDraft, saveDraft, type ReferralDraft } from '../referral-draft';
import { href } from '../router';
import { currentUser, loadVocabularies } from '../session';
import type { NewReferral, NrmVocabularies, ReferralCreated } from '../types';
import { card, loadingNote, page } from './common';
import { CASES_PATH, caseNumber, countryOptions, kindLabel, termOptions } from './nrm-common';

function browserStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // Blocked by the browser's settings: no draft then.
  }
}

/** Removes the unsent referral of this tab (at sign-out). */
export function forgetReferralDraft(): void {
  const storage = browserStorage();
  if (storage) clearDraft(storage);
}

interface ReferralFields {
  child: RadioGroup;
  childSituation: LabelledSelect;
  consent: RadioGroup;
  explainedBy: LabelledInput;
  consentLanguage: LabelledInput;
  givenName: LabelledInput;
  familyName: LabelledInput;
  dateOfBirth: LabelledInput;
  sex: LabelledSelect;
  citizenship: LabelledSelect;
  exploitationTypes: CheckboxGroup;
  countryOfExploitation: LabelledSelect;
  indicators: CheckboxGroup;
  needs: CheckboxGroup;
  /** For a referral recorded after the day it was made. */
  referredOn: LabelledInput;
}

function buildFields(vocabularies: NrmVocabularies): ReferralFields {
  return {
    child: radioGroup(
      t('referral.child.question'),
      'is_child',
      [
        { value: 'yes', label: t('referral.child.yes') },
        { value: 'maybe', label: t('referral.child.maybe') },
        { value: 'no', label: t('referral.child.no') },
      ],
      t('referral.child.hint'),
    ),
    childSituation: selectField(t('referral.child.situation'), 'child_situation', termOptions(vocabularies, 'child_situations'), {
      required: false,
      emptyLabel: t('referral.notKnown'),
      hint: t('referral.child.situationHint'),
    }),
    consent: radioGroup(
      t('referral.consent.question'),
      'consent.given',
      [
        { value: 'yes', label: t('referral.consent.yes') },
        { value: 'no', label: t('referral.consent.no') },
      ],
      t('referral.consent.hint'),
    ),
    explainedBy: inputField({
      label: t('referral.consent.explainedBy'),
      name: 'consent.explained_by',
      maxLength: 200,
      capitalize: 'words',
      hint: t('referral.consent.explainedByHint'),
      value: currentUser()?.user.display_name ?? '',
    }),
    consentLanguage: inputField({
      label: t('referral.consent.language'),
      name: 'consent.language',
      maxLength: 64,
      hint: t('referral.consent.languageHint'),
    }),
    givenName: inputField({ label: t('referral.person.givenName'), name: 'person.given_name', maxLength: 200, capitalize: 'words' }),
    familyName: inputField({ label: t('referral.person.familyName'), name: 'person.family_name', maxLength: 200, capitalize: 'words' }),
    dateOfBirth: inputField({
      label: t('referral.person.dateOfBirth'),
      name: 'person.date_of_birth',
      type: 'date',
      max: todayIso(),
      hint: t('referral.person.dateOfBirthHint'),
    }),
    sex: selectField(t('referral.person.sex'), 'person.sex', termOptions(vocabularies, 'genders'), {
      required: false,
      emptyLabel: t('referral.notKnown'),
    }),
    citizenship: selectField(t('referral.person.citizenship'), 'person.citizenship', countryOptions(), {
      required: false,
      emptyLabel: t('referral.notKnown'),
    }),
    exploitationTypes: checkboxGroup(
      t('referral.what.exploitation'),
      'exploitation_types',
      termOptions(vocabularies, 'exploitation_types'),
      t('referral.what.exploitationHint'),
    ),
    countryOfExploitation: selectField(t('referral.what.country'), 'country_of_exploitation', countryOptions(), {
      required: false,
      emptyLabel: t('referral.notKnown'),
      hint: t('referral.what.countryHint'),
    }),
    indicators: checkboxGroup(
      t('referral.what.indicators'),
      'indicators',
      termOptions(vocabularies, 'indicators'),
      t('referral.what.indicatorsHint'),
    ),
    needs: checkboxGroup(t('referral.needs.question'), 'needs', termOptions(vocabularies, 'immediate_needs'), t('referral.needs.hint')),
    referredOn: pastDateField(t('referral.date'), 'referred_on'),
  };
}

function draftOf(fields: ReferralFields): ReferralDraft {
  return {
    consent: fields.consent.value() as ReferralDraft['consent'],
    explainedBy: fields.explainedBy.input.value,
    consentLanguage: fields.consentLanguage.input.value,
    child: fields.child.value() as ReferralDraft['child'],
    childSituation: fields.childSituation.select.value,
    sex: fields.sex.select.value,
    citizenship: fields.citizenship.select.value,
    exploitationTypes: fields.exploitationTypes.checkedValues(),
    countryOfExploitation: fields.countryOfExploitation.select.value,
    indicators: fields.indicators.checkedValues(),
    needs: fields.needs.checkedValues(),
  };
}

function applyDraft(fields: ReferralFields, draft: ReferralDraft): void {
  fields.child.setValue(draft.child);
  fields.childSituation.select.value = draft.childSituation;
  fields.consent.setValue(draft.consent);
  fields.explainedBy.input.value = draft.explainedBy;
  fields.consentLanguage.input.value = draft.consentLanguage;
  fields.sex.select.value = draft.sex;
  fields.citizenship.select.value = draft.citizenship;
  fields.exploitationTypes.setChecked(draft.exploitationTypes);
  fields.countryOfExploitation.select.value = draft.countryOfExploitation;
  fields.indicators.setChecked(draft.indicators);
  fields.needs.setChecked(draft.needs);
}

/** What the answers so far mean for the record. */
interface ReferralMode {
  /** The person is or may be a child. */
  child: boolean;
  /** Name and date of birth may be recorded. */
  identified: boolean;
  /** An adult who has not agreed: the referral becomes an anonymous notification. */
  anonymous: boolean;
}

function modeOf(fields: ReferralFields): ReferralMode {
  const childAnswer = fields.child.value();
  const child = childAnswer === 'yes' || childAnswer === 'maybe';
  const adult = childAnswer === 'no';
  const consent = fields.consent.value();
  return {
    child,
    identified: child || (adult && consent === 'yes'),
    anonymous: adult && consent === 'no',
  };
}

function requestOf(fields: ReferralFields, mode: ReferralMode): NewReferral {
  const optional = (value: string): string | undefined => value.trim() || undefined;
  const person: NewReferral['person'] = {
    sex: optional(fields.sex.select.value),
    citizenship: optional(fields.citizenship.select.value),
  };
  if (mode.identified) {
    person.given_name = optional(fields.givenName.input.value);
    person.family_name = optional(fields.familyName.input.value);
    person.date_of_birth = optional(fields.dateOfBirth.input.value);
  }
  const consentGiven = !mode.child && fields.consent.value() === 'yes';
  return {
    person,
    consent: consentGiven
      ? { given: true, explained_by: fields.explainedBy.input.value.trim(), language: fields.consentLanguage.input.value.trim() }
      : { given: false },
    is_child: mode.child,
    child_situation: mode.child ? optional(fields.childSituation.select.value) : undefined,
    exploitation_types: fields.exploitationTypes.checkedValues(),
    country_of_exploitation: optional(fields.countryOfExploitation.select.value),
    indicators: fields.indicators.checkedValues(),
    needs: fields.needs.checkedValues(),
    referred_on: pastDateValue(fields.referredOn),
  };
}

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return card(title, ...children);
}

/** Shows the parts of the form that the answers so far call for. */
function arrange(fields: ReferralFields, parts: FormParts): void {
  const mode = modeOf(fields);
  const childKnown = fields.child.value() !== '';
  parts.childNoConsent.hidden = !mode.child;
  fields.childSituation.row.hidden = !mode.child;
  fields.consent.fieldset.hidden = !childKnown || mode.child;
  const consentGiven = !mode.child && fields.consent.value() === 'yes';
  for (const field of [fields.explainedBy, fields.consentLanguage]) {
    field.row.hidden = !consentGiven;
    field.input.disabled = !consentGiven;
    field.input.required = consentGiven;
  }
  parts.anonymousNotice.hidden = !mode.anonymous;
  parts.identityWaits.hidden = mode.identified || mode.anonymous;
  for (const field of [fields.givenName, fields.familyName, fields.dateOfBirth]) {
    field.row.hidden = !mode.identified;
    field.input.disabled = !mode.identified;
    // Without consent nothing identifying may stay in the form, not even out of sight.
    if (!mode.identified) field.input.value = '';
  }
}

interface FormParts {
  childNoConsent: HTMLElement;
  anonymousNotice: HTMLElement;
  identityWaits: HTMLElement;
}

function resultCard(created: ReferralCreated, again: () => void): HTMLElement {
  const heading = h('h2', { attrs: { tabindex: -1 } }, t('referral.sent.title'));
  const result = h(
    'section',
    { class: 'card result', attrs: { 'data-case-id': created.case_id } },
    heading,
    h('p', { class: 'case-number' }, t('referral.sent.number'), ' ', h('strong', {}, caseNumber(created.case_id))),
    h('p', {}, t('referral.sent.kind'), ' ', h('strong', { attrs: { 'data-kind': created.kind } }, kindLabel(created.kind))),
    h('p', {}, t(created.kind === 'anonymous_notification' ? 'referral.sent.anonymousText' : 'referral.sent.identifiedText')),
    h(
      'div',
      { class: 'buttons' },
      h('a', { attrs: { href: href(CASES_PATH) } }, t('referral.sent.seeStatus')),
      actionButton(t('referral.sent.another'), again),
    ),
  );
  queueMicrotask(() => heading.focus());
  return result;
}

function referralForm(slot: HTMLElement, status: StatusRegion, vocabularies: NrmVocabularies): void {
  const userId = currentUser()?.user.id ?? 0;
  const storage = browserStorage();
  const fields = buildFields(vocabularies);
  const parts: FormParts = {
    childNoConsent: h('p', { class: 'notice' }, t('referral.consent.childNone')),
    anonymousNotice: h('div', { class: 'warning', attrs: { 'data-notice': 'anonymous' } }, h('p', {}, t('referral.anonymous.title')), h('p', {}, t('referral.anonymous.text'))),
    identityWaits: h('p', { class: 'muted' }, t('referral.person.identityWaits')),
  };
  const form = h(
    'form',
    { class: 'form referral-form' },
    h('p', { class: 'notice draft-note' }, t('referral.draftNote')),
    section(t('referral.section.child'), fields.child.fieldset, fields.childSituation.row),
    section(t('referral.section.consent'), parts.childNoConsent, fields.consent.fieldset, fields.explainedBy.row, fields.consentLanguage.row, parts.anonymousNotice),
    section(
      t('referral.section.person'),
      parts.identityWaits,
      fields.givenName.row,
      fields.familyName.row,
      fields.dateOfBirth.row,
      fields.sex.row,
      fields.citizenship.row,
    ),
    section(t('referral.section.what'), fields.exploitationTypes.fieldset, fields.indicators.fieldset, fields.countryOfExploitation.row),
    section(t('referral.section.needs'), fields.needs.fieldset),
    section(t('referral.section.when'), fields.referredOn.row),
    h('p', { class: 'hint' }, t('referral.beforeSending')),
    submitButton(t('referral.submit')),
  );

  const draft = storage ? loadDraft(storage, userId) : null;
  if (draft) {
    applyDraft(fields, draft);
    status.info(t('referral.draftRestored'));
  }
  arrange(fields, parts);

  const remember = (): void => {
    arrange(fields, parts);
    if (storage) saveDraft(storage, userId, { ...draftOf(fields) });
  };
  form.addEventListener('input', remember);
  form.addEventListener('change', remember);

  handleSubmit(form, status, async () => {
    if (fields.child.value() === '') {
      status.invalid(t('referral.child.missing'));
      fields.child.fieldset.querySelector('input')?.focus();
      return;
    }
    const mode = modeOf(fields);
    if (!mode.child && fields.consent.value() === '') {
      status.invalid(t('referral.consent.missing'));
      fields.consent.fieldset.querySelector('input')?.focus();
      return;
    }
    const created = await submitReferral(requestOf(fields, mode));
    if (storage) clearDraft(storage);
    status.success(t('referral.sent.status', { number: caseNumber(created.case_id) }));
    replaceContent(slot, resultCard(created, () => {
      status.clear();
      referralForm(slot, status, vocabularies);
      slot.querySelector<HTMLElement>('input')?.focus();
    }));
  });
  replaceContent(slot, form);
}

export function referralPage(): HTMLElement {
  const status = new StatusRegion();
  const slot = h('div', {}, loadingNote());
  loadVocabularies()
    .then((vocabularies) => referralForm(slot, status, vocabularies.nrm))
    .catch((error: unknown) => {
      replaceContent(slot);
      status.error(error);
    });
  return page(t('referral.title'), h('p', { class: 'lead' }, t('referral.intro')), status.element, slot);
}
