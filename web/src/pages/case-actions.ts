// The forms that change a case: decisions, review requests, extensions of the reflection
// period, the guardian, age and best-interests assessments, co-operation with the police,
// closing and reopening, notes and assignment. Decisions are for decision makers, the rest for
// the competent authority's case workers and decision makers; each form is shown only when the
// case's state allows it. The server checks again.
//
// Every change carries the version of the case the user saw (If-Match). When someone else
// changed the case meanwhile the server refuses (412): the case is read again and drawn anew,
// the user is told, and what they typed stays in the form so they can check it and send again.
import { ApiError, PRECONDITION_FAILED_STATUS } from '../api';
import { h, replaceContent } from '../dom';
import { changeCase, fetchCase, type CaseAction } from '../endpoints';
import {
  StatusRegion,
  checkboxGroup,
  handleSubmit,
  inputField,
  radioGroup,
  selectField,
  submitButton,
  textAreaField,
  type SelectOption,
} from '../forms';
import { t, type MessageKey } from '../i18n';
import { CASE_WORKER, DECISION_MAKER, currentUser, hasAnyRole } from '../session';
import type { CaseDecision, CaseRecord, NrmVocabularies } from '../types';
import { term, termOptions, userLabel } from './nrm-common';

const MAX_REASONS = 20000;
const MAX_NOTE = 4000;
const MAX_EXTENSION_DAYS = 365;

/** Shared by the forms: the case as last shown, and how to send a change of it. */
interface ActionContext {
  current(): CaseRecord;
  vocabularies: NrmVocabularies;
  /**
   * Sends a change with the shown version. Resolves true when it was made; false when the
   * case had changed meanwhile (the case is then reloaded and the user told, the form kept).
   */
  send(action: CaseAction, body: Record<string, unknown>, status: StatusRegion): Promise<boolean>;
}

interface ActionForm {
  element: HTMLElement;
  /** Shows or hides the form and updates its choices for the case as it now is. */
  refresh(record: CaseRecord): void;
}

const isClosed = (record: CaseRecord): boolean => record.status.startsWith('closed');
/** Everything but decisions: the competent authority's case workers and decision makers. */
const isCaseStaff = (): boolean => hasAnyRole([CASE_WORKER, DECISION_MAKER]);
/** Referred as a child or possibly a child, and not found an adult by an age assessment. */
const isChild = (record: CaseRecord): boolean => record.is_child === true;

function actionBox(name: string, title: MessageKey, status: StatusRegion, form: HTMLFormElement): HTMLDetailsElement {
  return h('details', { class: 'card action', attrs: { 'data-action': name } }, h('summary', {}, t(title)), status.element, form);
}

/** Replaces a select's options, keeping the chosen value when it is still offered. */
function setOptions(select: HTMLSelectElement, options: readonly SelectOption[]): void {
  const chosen = select.value;
  replaceContent(select, ...options.map((option) => h('option', { attrs: { value: option.value } }, option.label)));
  if (options.some((option) => option.value === chosen)) select.value = chosen;
}

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
  const form = h(
    'form',
    { class: 'form' },
    kind.row,
    reviews.row,
    outcome.fieldset,
    reasons.row,
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
    if (await ctx.send('decisions', body, status)) form.reset();
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
      if (box && guardianId !== null) box.textContent = t('decisionForm.guardianCosigns', { user: userLabel(guardianId) });
    },
  };
}

function reviewRequestForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const decision = selectField(t('reviewForm.decision'), 'decision', []);
  const requester = selectField(t('reviewForm.requester'), 'requester', termOptions(ctx.vocabularies, 'review_requesters'));
  const form = h('form', { class: 'form' }, h('p', { class: 'hint' }, t('reviewForm.hint')), decision.row, requester.row, submitButton(t('reviewForm.submit')));
  handleSubmit(form, status, async () => {
    const body = { decision: Number(decision.select.value), requester: requester.select.value };
    if (await ctx.send('review-requests', body, status)) form.reset();
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

function ownNumberHint(key: MessageKey): string {
  return t(key, { id: currentUser()?.user.id ?? 0 });
}

function userNumberField(label: MessageKey, name: string, hint: string, required: boolean): ReturnType<typeof inputField> {
  return inputField({ label: t(label), name, type: 'number', inputMode: 'numeric', min: 1, required, hint });
}

function guardianForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const user = userNumberField('guardianForm.user', 'user_id', t('guardianForm.userHint'), true);
  const form = h('form', { class: 'form' }, user.row, submitButton(t('guardianForm.submit')));
  handleSubmit(form, status, async () => {
    if (await ctx.send('guardian', { user_id: Number(user.input.value) }, status)) form.reset();
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
  const form = h('form', { class: 'form' }, reason.row, note.row, submitButton(t('closureForm.submit')));
  handleSubmit(form, status, async () => {
    if (await ctx.send('closure', { reason: reason.select.value, note: note.textarea.value.trim() }, status)) form.reset();
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
  const form = h('form', { class: 'form' }, note.row, submitButton(t('reopenForm.submit')));
  handleSubmit(form, status, async () => {
    if (await ctx.send('reopening', { note: note.textarea.value.trim() }, status)) form.reset();
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

function assignmentForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const worker = userNumberField('assignForm.caseWorker', 'case_worker_id', ownNumberHint('assignForm.ownNumber'), false);
  const maker = userNumberField('assignForm.decisionMaker', 'decision_maker_id', ownNumberHint('assignForm.ownNumber'), false);
  const form = h('form', { class: 'form' }, h('p', { class: 'hint' }, t('assignForm.hint')), worker.row, maker.row, submitButton(t('assignForm.submit')));
  handleSubmit(form, status, async () => {
    const body: Record<string, unknown> = {};
    if (worker.input.value) body['case_worker_id'] = Number(worker.input.value);
    if (maker.input.value) body['decision_maker_id'] = Number(maker.input.value);
    if (Object.keys(body).length === 0) {
      status.invalid(t('assignForm.nobody'));
      return;
    }
    if (await ctx.send('assignment', body, status)) form.reset();
  });
  const element = actionBox('assignment', 'assignForm.title', status, form);
  return {
    element,
    refresh: (record) => {
      element.hidden = !isCaseStaff() || isClosed(record);
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
): ActionForm {
  const status = new StatusRegion();
  const answer = radioGroup(t(texts.question), field, yesNoOptions(), t(texts.hint));
  const note = textAreaField({ label: t(texts.note), name: 'note', maxLength: MAX_NOTE, hint: t('closureForm.noteHint') });
  const form = h('form', { class: 'form' }, answer.fieldset, note.row, submitButton(t(texts.submit)));
  handleSubmit(form, status, async () => {
    if (!answer.value()) {
      status.invalid(t(texts.missing));
      return;
    }
    if (await ctx.send(action, { [field]: answer.value() === 'yes', note: note.textarea.value.trim() }, status)) form.reset();
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
  return yesNoForm(ctx, 'age-assessment', 'age-assessments', 'is_child', texts, (record) =>
    isClosed(record) || !(isChild(record) || record.age_assessed_child === false),
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
  const form = h('form', { class: 'form' }, h('p', { class: 'hint' }, t('bestInterestsForm.hint')), note.row, submitButton(t('bestInterestsForm.submit')));
  handleSubmit(form, status, async () => {
    if (await ctx.send('best-interests-assessments', { note: note.textarea.value.trim() }, status)) form.reset();
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
 * The forms for a case the user sees whole. `onChange` draws the case again after each change.
 * A server that does not yet record the case's life (no decisions in the case) offers no forms.
 */
export function caseActions(initial: CaseRecord, vocabularies: NrmVocabularies, onChange: (record: CaseRecord) => void): HTMLElement | null {
  if (!Array.isArray(initial.decisions) || initial.version === undefined) return null;
  let current = initial;
  const forms: ActionForm[] = [];
  const update = (record: CaseRecord): void => {
    current = record;
    onChange(record);
    for (const form of forms) form.refresh(record);
  };
  const ctx: ActionContext = {
    current: () => current,
    vocabularies,
    send: async (action, body, status) => {
      try {
        update(await changeCase(current.case_id, action, body, current.version ?? 0));
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== PRECONDITION_FAILED_STATUS) throw error;
        update(await fetchCase(current.case_id));
        status.invalid(t('case.changedMeanwhile'));
        return false;
      }
      status.success(t('case.changeSaved'));
      return true;
    },
  };
  forms.push(
    decisionForm(ctx),
    reviewRequestForm(ctx),
    extensionForm(ctx),
    guardianForm(ctx),
    ageAssessmentForm(ctx),
    bestInterestsForm(ctx),
    assignmentForm(ctx),
    policeCooperationForm(ctx),
    noteForm(ctx),
    closureForm(ctx),
    reopeningForm(ctx),
  );
  for (const form of forms) form.refresh(current);
  return h(
    'section',
    { class: 'case-actions', attrs: { 'aria-labelledby': 'case-actions-heading' } },
    h('h2', { attrs: { id: 'case-actions-heading' } }, t('case.actions')),
    h('p', { class: 'hint' }, t('case.actionsHint')),
    ...forms.map((form) => form.element),
  );
}
