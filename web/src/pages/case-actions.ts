// The forms that change a case: decisions, review requests, extensions of the reflection
// period, services of the assistance plan (case-services.ts), tasks, legal steps, the return and
// its follow-ups (case-protection.ts), the guardian, age and
// best-interests assessments, co-operation with the police, closing and reopening, notes and
// assignment. Decisions are for decision makers, the rest for the competent authority's case
// workers and decision makers; each form is shown only when the case's state allows it. The
// server checks again. Every change goes through CaseChanger (case-changes.ts): If-Match, and a
// stale case reloaded with the typed text kept. Where the server accepts the date of what is
// recorded, the form offers it, today unless changed.
import { h } from '../dom';
import type { CaseAction } from '../endpoints';
import {
  StatusRegion,
  checkboxGroup,
  handleSubmit,
  inputField,
  pastDateField,
  radioGroup,
  selectField,
  submitButton,
  textAreaField,
  type SelectOption,
} from '../forms';
import { t, type MessageKey } from '../i18n';
import { CASE_WORKER, DECISION_MAKER, GUARDIAN, hasAnyRole } from '../session';
import type { CaseDecision, CaseRecord, NrmVocabularies } from '../types';
import { CaseChanger, actionBox, isCaseStaff, isClosed, personOptions, setOptions, withDate, type ActionContext, type ActionForm } from './case-changes';
import { followUpForm, legalStepForm, returnForm, taskForm } from './case-protection';
import { serviceReferralForm } from './case-services';
import type { Names } from './nrm-names';
import { term, termOptions } from './nrm-common';

const MAX_REASONS = 20000;
const MAX_NOTE = 4000;
const MAX_EXTENSION_DAYS = 365;

/** Referred as a child or possibly a child, and not found an adult by an age assessment. */
const isChild = (record: CaseRecord): boolean => record.is_child === true;

function decisionOption(ctx: ActionContext, decision: CaseDecision): SelectOption {
  return {
    value: String(decision.index),
    label: t('decisions.option', {
      number: decision.index + 1,
      kind: term(ctx.vocabularies, 'decision_kinds', decision.kind),
      outcome: term(ctx.vocabularies, 'decision_outcomes', decision.outcome),
    }),
  };
}

/** Negative reasonable-grounds or conclusive decisions: those a review can be asked for. */
function reviewable(record: CaseRecord): CaseDecision[] {
  return (record.decisions ?? []).filter(
    (decision) => decision.outcome === 'negative' && (decision.kind === 'reasonable_grounds' || decision.kind === 'conclusive'),
  );
}

/** Reviewable decisions with a review request not answered yet: those a review decision answers. */
function awaitingReview(record: CaseRecord): CaseDecision[] {
  const pending = new Set((record.review_requests ?? []).filter((request) => !request.answered).map((request) => request.decision));
  return reviewable(record).filter((decision) => pending.has(decision.index));
}

function decisionForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const kind = selectField(t('decisionForm.kind'), 'kind', termOptions(ctx.vocabularies, 'decision_kinds'));
  const reviews = selectField(t('decisionForm.reviews'), 'reviews', [], { hint: t('decisionForm.reviewsHint') });
  const outcome = radioGroup(t('decisionForm.outcome'), 'outcome', termOptions(ctx.vocabularies, 'decision_outcomes'));
  const reasons = textAreaField({
    label: t('decisionForm.reasons'),
    name: 'reasons',
    required: true,
    maxLength: MAX_REASONS,
    rows: 6,
    hint: t('decisionForm.reasonsHint'),
  });
  const cosign = checkboxGroup(t('decisionForm.guardian'), 'guardian_cosigned_by', [{ value: 'cosigned', label: '' }], t('decisionForm.guardianHint'));
  const decidedOn = pastDateField(t('decisionForm.date'), 'decided_on');
  const form = h(
    'form',
    { class: 'form' },
    kind.row,
    reviews.row,
    outcome.fieldset,
    reasons.row,
    decidedOn.row,
    cosign.fieldset,
    submitButton(t('decisionForm.submit')),
  );
  let guardianId: number | null = null;
  const showReviews = (): void => {
    const isReview = kind.select.value === 'review';
    reviews.row.hidden = !isReview;
    reviews.select.disabled = !isReview;
  };
  kind.select.addEventListener('change', showReviews);
  handleSubmit(form, status, async () => {
    if (!outcome.value()) {
      status.invalid(t('decisionForm.outcomeMissing'));
      return;
    }
    const body: Record<string, unknown> = { kind: kind.select.value, outcome: outcome.value(), reasons: reasons.textarea.value.trim() };
    if (kind.select.value === 'review') body['reviews'] = Number(reviews.select.value);
    if (guardianId !== null && cosign.checkedValues().length > 0) body['guardian_cosigned_by'] = guardianId;
    if (await ctx.send('decisions', withDate(body, 'decided_on', decidedOn), status)) form.reset();
    showReviews();
  });
  const element = actionBox('decision', 'decisionForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      element.hidden = !hasAnyRole([DECISION_MAKER]) || isClosed(record);
      setOptions(reviews.select, awaitingReview(record).map((decision) => decisionOption(ctx, decision)));
      showReviews();
      // A child's appointed guardian co-signs the decisions on the child.
      guardianId = isChild(record) && record.guardian ? record.guardian.user_id : null;
      cosign.fieldset.hidden = guardianId === null;
      const box = cosign.fieldset.querySelector('label');
      if (box && guardianId !== null) box.textContent = t('decisionForm.guardianCosigns', { user: ctx.names.person(guardianId) });
    },
  };
}

function reviewRequestForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const decision = selectField(t('reviewForm.decision'), 'decision', []);
  const requester = selectField(t('reviewForm.requester'), 'requester', termOptions(ctx.vocabularies, 'review_requesters'));
  const requestedOn = pastDateField(t('reviewForm.date'), 'requested_on');
  const form = h(
    'form',
    { class: 'form' },
    h('p', { class: 'hint' }, t('reviewForm.hint')),
    decision.row,
    requester.row,
    requestedOn.row,
    submitButton(t('reviewForm.submit')),
  );
  handleSubmit(form, status, async () => {
    const body = { decision: Number(decision.select.value), requester: requester.select.value };
    if (await ctx.send('review-requests', withDate(body, 'requested_on', requestedOn), status)) form.reset();
  });
  const element = actionBox('review-request', 'reviewForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      const options = reviewable(record).map((entry) => decisionOption(ctx, entry));
      element.hidden = !isCaseStaff() || isClosed(record) || options.length === 0;
      setOptions(decision.select, options);
    },
  };
}

function extensionForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const days = inputField({
    label: t('extensionForm.days'),
    name: 'days',
    type: 'number',
    inputMode: 'numeric',
    min: 1,
    max: MAX_EXTENSION_DAYS,
    required: true,
    hint: t('extensionForm.daysHint', { max: MAX_EXTENSION_DAYS }),
  });
  const reason = textAreaField({ label: t('extensionForm.reason'), name: 'reason', required: true, maxLength: MAX_NOTE });
  const form = h('form', { class: 'form' }, days.row, reason.row, submitButton(t('extensionForm.submit')));
  handleSubmit(form, status, async () => {
    const body = { days: Number(days.input.value), reason: reason.textarea.value.trim() };
    if (await ctx.send('reflection-extensions', body, status)) form.reset();
  });
  const element = actionBox('reflection-extension', 'extensionForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      element.hidden = !isCaseStaff() || isClosed(record) || !record.reflection;
    },
  };
}

function guardianForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const guardians = personOptions(ctx.names, ctx.names.withRole(GUARDIAN));
  const user = selectField(t('guardianForm.user'), 'user_id', guardians, { emptyLabel: t('guardianForm.choose'), hint: t('guardianForm.userHint') });
  const appointedOn = pastDateField(t('guardianForm.date'), 'appointed_on');
  const none = h('p', { class: 'notice' }, t('guardianForm.noneKnown'));
  const submit = submitButton(t('guardianForm.submit'));
  const form = h('form', { class: 'form' }, guardians.length ? null : none, user.row, appointedOn.row, submit);
  submit.disabled = guardians.length === 0;
  handleSubmit(form, status, async () => {
    const body = { user_id: Number(user.select.value) };
    if (await ctx.send('guardian', withDate(body, 'appointed_on', appointedOn), status)) form.reset();
  });
  const element = actionBox('guardian', 'guardianForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      element.hidden = !isCaseStaff() || isClosed(record) || !isChild(record);
    },
  };
}

function closureForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const reason = selectField(t('closureForm.reason'), 'reason', termOptions(ctx.vocabularies, 'closure_reasons'));
  const note = textAreaField({ label: t('closureForm.note'), name: 'note', maxLength: MAX_NOTE, hint: t('closureForm.noteHint') });
  const closedOn = pastDateField(t('closureForm.date'), 'closed_on');
  const form = h('form', { class: 'form' }, reason.row, note.row, closedOn.row, submitButton(t('closureForm.submit')));
  handleSubmit(form, status, async () => {
    const body = { reason: reason.select.value, note: note.textarea.value.trim() };
    if (await ctx.send('closure', withDate(body, 'closed_on', closedOn), status)) form.reset();
  });
  const element = actionBox('closure', 'closureForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      element.hidden = !isCaseStaff() || isClosed(record);
    },
  };
}

function reopeningForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const note = textAreaField({ label: t('reopenForm.note'), name: 'note', required: true, maxLength: MAX_NOTE });
  const reopenedOn = pastDateField(t('reopenForm.date'), 'reopened_on');
  const form = h('form', { class: 'form' }, note.row, reopenedOn.row, submitButton(t('reopenForm.submit')));
  handleSubmit(form, status, async () => {
    const body = { note: note.textarea.value.trim() };
    if (await ctx.send('reopening', withDate(body, 'reopened_on', reopenedOn), status)) form.reset();
  });
  const element = actionBox('reopening', 'reopenForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      element.hidden = !isCaseStaff() || !isClosed(record);
    },
  };
}

function noteForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const text = textAreaField({ label: t('noteForm.text'), name: 'text', required: true, maxLength: MAX_NOTE, rows: 5, hint: t('noteForm.hint') });
  const form = h('form', { class: 'form' }, text.row, submitButton(t('noteForm.submit')));
  handleSubmit(form, status, async () => {
    if (await ctx.send('notes', { text: text.textarea.value.trim() }, status)) form.reset();
  });
  const element = actionBox('note', 'noteForm.title', status, form);
  return {
    element,
    refresh: () => {
      element.hidden = !isCaseStaff();
    },
  };
}

/** The people offered for a side of the assignment, with whoever holds it now even when not offered. */
function assigneeOptions(names: Names, role: string, current: number | null | undefined): SelectOption[] {
  const options = personOptions(names, names.withRole(role));
  if (current !== null && current !== undefined && !options.some((option) => option.value === String(current))) {
    options.push({ value: String(current), label: names.person(current) });
  }
  return options;
}

function assignmentForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const worker = selectField(t('assignForm.caseWorker'), 'case_worker_id', [], { required: false, hint: t('assignForm.caseWorkerHint') });
  const maker = selectField(t('assignForm.decisionMaker'), 'decision_maker_id', [], { required: false });
  const form = h('form', { class: 'form' }, h('p', { class: 'hint' }, t('assignForm.hint')), worker.row, maker.row, submitButton(t('assignForm.submit')));
  const chosen = (select: HTMLSelectElement): number | null => (select.value ? Number(select.value) : null);
  handleSubmit(form, status, async () => {
    const record = ctx.current();
    const next = { case_worker_id: chosen(worker.select), decision_maker_id: chosen(maker.select) };
    if (next.case_worker_id === (record.assigned_case_worker ?? null) && next.decision_maker_id === (record.assigned_decision_maker ?? null)) {
      status.invalid(t('assignForm.unchanged'));
      return;
    }
    const body: Record<string, unknown> = {};
    if (next.case_worker_id !== null) body['case_worker_id'] = next.case_worker_id;
    if (next.decision_maker_id !== null) body['decision_maker_id'] = next.decision_maker_id;
    await ctx.send('assignment', body, status);
  });
  const element = actionBox('assignment', 'assignForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      element.hidden = !isCaseStaff() || isClosed(record);
      // The choices start from the assignment as it is, so that sending changes only what was changed.
      setOptions(worker.select, assigneeOptions(ctx.names, CASE_WORKER, record.assigned_case_worker), t('assignForm.noCaseWorker'));
      setOptions(maker.select, assigneeOptions(ctx.names, DECISION_MAKER, record.assigned_decision_maker), t('assignForm.noDecisionMaker'));
      worker.select.value = String(record.assigned_case_worker ?? '');
      maker.select.value = String(record.assigned_decision_maker ?? '');
    },
  };
}

function yesNoOptions(): SelectOption[] {
  return [
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ];
}

/** The messages of a form that records a yes-or-no fact with an optional note. */
interface YesNoTexts {
  title: MessageKey;
  question: MessageKey;
  hint: MessageKey;
  note: MessageKey;
  missing: MessageKey;
  submit: MessageKey;
}

/** A yes-or-no fact with an optional note, sent as `{ [field]: boolean, note }`. */
function yesNoForm(
  ctx: ActionContext,
  name: string,
  action: CaseAction,
  field: string,
  texts: YesNoTexts,
  hidden: (record: CaseRecord) => boolean,
  dated?: { name: string; label: MessageKey },
): ActionForm {
  const status = new StatusRegion();
  const answer = radioGroup(t(texts.question), field, yesNoOptions(), t(texts.hint));
  const note = textAreaField({ label: t(texts.note), name: 'note', maxLength: MAX_NOTE, hint: t('closureForm.noteHint') });
  const date = dated ? pastDateField(t(dated.label), dated.name) : null;
  const form = h('form', { class: 'form' }, answer.fieldset, note.row, date?.row, submitButton(t(texts.submit)));
  handleSubmit(form, status, async () => {
    if (!answer.value()) {
      status.invalid(t(texts.missing));
      return;
    }
    const body = { [field]: answer.value() === 'yes', note: note.textarea.value.trim() };
    if (await ctx.send(action, dated && date ? withDate(body, dated.name, date) : body, status)) form.reset();
  });
  const element = actionBox(name, texts.title, status, form);
  return { element, refresh: (record) => void (element.hidden = !isCaseStaff() || hidden(record)) };
}

function ageAssessmentForm(ctx: ActionContext): ActionForm {
  const texts: YesNoTexts = {
    title: 'ageForm.title',
    question: 'ageForm.question',
    hint: 'ageForm.hint',
    note: 'ageForm.note',
    missing: 'ageForm.missing',
    submit: 'ageForm.submit',
  };
  // Only a person referred as a child, or possibly one, has an age to assess.
  return yesNoForm(
    ctx,
    'age-assessment',
    'age-assessments',
    'is_child',
    texts,
    (record) => isClosed(record) || !(isChild(record) || record.age_assessed_child === false),
    { name: 'assessed_on', label: 'ageForm.date' },
  );
}

function policeCooperationForm(ctx: ActionContext): ActionForm {
  const texts: YesNoTexts = {
    title: 'policeForm.title',
    question: 'policeForm.question',
    hint: 'policeForm.hint',
    note: 'policeForm.note',
    missing: 'policeForm.missing',
    submit: 'policeForm.submit',
  };
  return yesNoForm(ctx, 'police-cooperation', 'police-cooperation', 'cooperates', texts, (record) => record.cooperates_with_police === undefined);
}

function bestInterestsForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const note = textAreaField({ label: t('bestInterestsForm.note'), name: 'note', maxLength: MAX_NOTE, hint: t('closureForm.noteHint') });
  const assessedOn = pastDateField(t('bestInterestsForm.date'), 'assessed_on');
  const form = h(
    'form',
    { class: 'form' },
    h('p', { class: 'hint' }, t('bestInterestsForm.hint')),
    note.row,
    assessedOn.row,
    submitButton(t('bestInterestsForm.submit')),
  );
  handleSubmit(form, status, async () => {
    const body = { note: note.textarea.value.trim() };
    if (await ctx.send('best-interests-assessments', withDate(body, 'assessed_on', assessedOn), status)) form.reset();
  });
  const element = actionBox('best-interests-assessment', 'bestInterestsForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      element.hidden = !isCaseStaff() || isClosed(record) || !isChild(record);
    },
  };
}

/**
 * The forms for a case the user sees whole; each is refreshed after every change made through
 * `changer`. A server that does not yet record the case's life (no decisions in the case)
 * offers no forms.
 */
export function caseActions(changer: CaseChanger, vocabularies: NrmVocabularies, names: Names): HTMLElement | null {
  if (!changer.acceptsChanges) return null;
  const ctx: ActionContext = {
    current: () => changer.current(),
    vocabularies,
    names,
    send: (action, body, status) => changer.send(action, body, status),
  };
  const forms: ActionForm[] = [
    decisionForm(ctx),
    reviewRequestForm(ctx),
    extensionForm(ctx),
    serviceReferralForm(ctx),
    taskForm(ctx),
    legalStepForm(ctx),
    returnForm(ctx),
    followUpForm(ctx),
    guardianForm(ctx),
    ageAssessmentForm(ctx),
    bestInterestsForm(ctx),
    assignmentForm(ctx),
    policeCooperationForm(ctx),
    noteForm(ctx),
    closureForm(ctx),
    reopeningForm(ctx),
  ];
  changer.onChange((record) => {
    for (const form of forms) form.refresh(record);
  });
  for (const form of forms) form.refresh(changer.current());
  return h(
    'section',
    { class: 'case-actions', attrs: { 'aria-labelledby': 'case-actions-heading' } },
    h('h2', { attrs: { id: 'case-actions-heading' } }, t('case.actions')),
    h('p', { class: 'hint' }, t('case.actionsHint')),
    ...forms.map((form) => form.element),
  );
}
