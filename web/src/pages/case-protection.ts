// Protection beyond the assistance plan: the steps towards legal status or a remedy (documents,
// permits, asylum with its non-refoulement check, non-punishment, compensation, criminal
// proceedings, witness protection), a safe voluntary return with its follow-up contacts, and the
// case's tasks. The cards show what is recorded; the forms record more. The server enforces the
// rules (a compensation step carries its amount, an asylum step the non-refoulement finding, no
// return while the risk is high or asylum pending); the forms only ask for what each step needs.
import { h, type Child } from '../dom';
import { taskDone } from '../endpoints';
import {
  StatusRegion,
  actionButton,
  checkboxGroup,
  handleSubmit,
  inputField,
  pastDateField,
  radioGroup,
  selectField,
  submitButton,
  textAreaField,
} from '../forms';
import { amountInMinorUnits, formatAmount } from '../amounts';
import { todayIso } from '../dates';
import { language, t } from '../i18n';
import type { CaseRecord, CaseTask, LegalStep, NrmVocabularies } from '../types';
import { actionBox, isCaseStaff, isClosed, personOptions, withDate, type ActionContext, type ActionForm, type CaseChanger } from './case-changes';
import { card, dataTable } from './common';
import type { Names } from './nrm-names';
import { countryLabel, countryOptions, dateElement, deadlineBadge, facts, term, termOptions } from './nrm-common';

const MAX_NOTE = 4000;
const MAX_TASK_TITLE = 500;
const MAX_RECEIVING_ORGANISATION = 200;
const COMPENSATION_KINDS: ReadonlySet<string> = new Set(['compensation_court', 'compensation_state_fund']);
const ASYLUM = 'asylum';
const CASE_WORKER_ROLES = ['case_worker', 'decision_maker'];

function legalStepDetail(step: LegalStep): Child {
  if (step.amount !== undefined) return formatAmount(step.amount, language());
  if (step.refoulement_risk !== undefined) return t(step.refoulement_risk ? 'protection.refoulementRisk' : 'protection.noRefoulementRisk');
  return '';
}

function legalStepsTable(steps: readonly LegalStep[], vocabularies: NrmVocabularies): HTMLElement {
  if (steps.length === 0) return h('p', { class: 'muted' }, t('protection.noLegalSteps'));
  return dataTable<LegalStep>(
    t('protection.legalSteps'),
    [
      { header: t('protection.stepKind'), cell: (step) => term(vocabularies, 'legal_step_kinds', step.kind) },
      { header: t('protection.stepOutcome'), cell: (step) => term(vocabularies, 'legal_step_outcomes', step.outcome) },
      { header: t('protection.stepDate'), cell: (step) => dateElement(step.on) },
      { header: t('protection.stepDetail'), cell: legalStepDetail },
    ],
    steps,
  );
}

function returnFacts(record: CaseRecord, vocabularies: NrmVocabularies): HTMLElement {
  const plan = record.return;
  if (!plan) return h('p', { class: 'muted' }, t('protection.noReturn'));
  return facts([
    [t('protection.returnCountry'), countryLabel(plan.country)],
    [t('protection.returnRisk'), term(vocabularies, 'return_risks', plan.risk)],
    [t('protection.receivingOrganisation'), plan.receiving_organisation],
    [t('protection.returnDate'), dateElement(plan.on)],
  ]);
}

function followUpList(record: CaseRecord): HTMLElement | null {
  const contacts = record.follow_ups ?? [];
  if (!record.return) return null;
  if (contacts.length === 0) return h('p', { class: 'muted' }, t('protection.noFollowUps'));
  return h(
    'ul',
    { class: 'plain-list follow-ups' },
    ...contacts.map((contact) =>
      h(
        'li',
        { attrs: { 'data-re-trafficked': String(contact.re_trafficked) } },
        dateElement(contact.on),
        ' · ',
        t(contact.reached ? 'protection.reached' : 'protection.notReached'),
        contact.re_trafficked ? h('strong', { class: 'badge deadline-overdue' }, t('protection.reTrafficked')) : null,
      ),
    ),
  );
}

/** Legal status, return and follow-ups; null for a server that does not record them. */
export function protectionCard(record: CaseRecord, vocabularies: NrmVocabularies): HTMLElement | null {
  if (!record.legal_steps) return null;
  return card(
    t('protection.title'),
    record.re_trafficked ? h('div', { class: 'warning', attrs: { role: 'note', 'data-notice': 're-trafficked' } }, h('p', {}, t('protection.reTraffickedNotice'))) : null,
    h('h3', {}, t('protection.legalSteps')),
    legalStepsTable(record.legal_steps, vocabularies),
    h('h3', {}, t('protection.return')),
    returnFacts(record, vocabularies),
    record.return ? h('h3', {}, t('protection.followUps')) : null,
    followUpList(record),
  );
}

function taskItem(task: CaseTask, names: Names, markDone: ((task: CaseTask) => void) | null): HTMLElement {
  return h(
    'li',
    { class: `task task-${task.status}`, attrs: { 'data-task-id': task.task_id } },
    h('span', { class: 'task-title' }, task.title),
    ' · ',
    names.person(task.owner_id),
    ' · ',
    t('deadline.due'),
    ' ',
    dateElement(task.due_on),
    ' ',
    deadlineBadge({ what: 'task', due: task.due_on, status: task.status }),
    markDone && !task.done ? actionButton(t('tasks.markDone'), () => markDone(task)) : null,
  );
}

/** The case's tasks, open first, each with a button that marks it done. */
export function tasksCard(record: CaseRecord, names: Names, changer: CaseChanger, status: StatusRegion): HTMLElement | null {
  if (!record.tasks) return null;
  const tasks = [...record.tasks].sort((a, b) => Number(a.done) - Number(b.done) || a.due_on.localeCompare(b.due_on));
  const markDone = isCaseStaff() ? (task: CaseTask): void => void changer.send(taskDone(task.task_id), {}, status).catch((error: unknown) => status.error(error)) : null;
  return card(
    t('tasks.title'),
    status.element,
    tasks.length === 0 ? h('p', { class: 'muted' }, t('tasks.none')) : h('ul', { class: 'plain-list tasks' }, ...tasks.map((task) => taskItem(task, names, markDone))),
  );
}

export function taskForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const staff = CASE_WORKER_ROLES.flatMap((role) => ctx.names.withRole(role));
  const unique = [...new Map(staff.map((person) => [person.user_id, person])).values()];
  const owner = selectField(t('tasks.owner'), 'owner_id', personOptions(ctx.names, unique), { emptyLabel: t('tasks.chooseOwner') });
  const title = inputField({ label: t('tasks.what'), name: 'title', required: true, maxLength: MAX_TASK_TITLE, hint: t('tasks.whatHint') });
  const due = inputField({ label: t('tasks.dueOn'), name: 'due_on', type: 'date', required: true, min: todayIso() });
  const form = h('form', { class: 'form' }, title.row, owner.row, due.row, submitButton(t('tasks.submit')));
  handleSubmit(form, status, async () => {
    const body = { owner_id: Number(owner.select.value), title: title.input.value.trim(), due_on: due.input.value };
    if (await ctx.send('tasks', body, status)) form.reset();
  });
  const element = actionBox('task', 'tasks.formTitle', status, form);
  return { element, refresh: (record) => void (element.hidden = !isCaseStaff() || isClosed(record)) };
}

export function legalStepForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const kind = selectField(t('protection.stepKind'), 'kind', termOptions(ctx.vocabularies, 'legal_step_kinds'));
  const outcome = selectField(t('protection.stepOutcome'), 'outcome', termOptions(ctx.vocabularies, 'legal_step_outcomes'));
  const amount = inputField({ label: t('protection.amount'), name: 'amount', inputMode: 'text', hint: t('protection.amountHint') });
  const refoulement = radioGroup(
    t('protection.refoulementQuestion'),
    'refoulement_risk',
    [
      { value: 'yes', label: t('protection.refoulementRisk') },
      { value: 'no', label: t('protection.noRefoulementRisk') },
    ],
    t('protection.refoulementHint'),
  );
  const note = textAreaField({ label: t('protection.note'), name: 'note', maxLength: MAX_NOTE, hint: t('closureForm.noteHint') });
  const on = pastDateField(t('protection.stepDate'), 'on');
  const form = h('form', { class: 'form' }, kind.row, outcome.row, amount.row, refoulement.fieldset, note.row, on.row, submitButton(t('protection.stepSubmit')));
  const showFields = (): void => {
    amount.row.hidden = !COMPENSATION_KINDS.has(kind.select.value);
    refoulement.fieldset.hidden = kind.select.value !== ASYLUM;
  };
  kind.select.addEventListener('change', showFields);
  handleSubmit(form, status, async () => {
    const body: Record<string, unknown> = { kind: kind.select.value, outcome: outcome.select.value, note: note.textarea.value.trim() };
    if (COMPENSATION_KINDS.has(kind.select.value)) {
      const minor = amountInMinorUnits(amount.input.value);
      if (minor === null) {
        status.invalid(t('protection.amountMissing'));
        return;
      }
      body['amount'] = minor;
    }
    if (kind.select.value === ASYLUM) {
      if (!refoulement.value()) {
        status.invalid(t('protection.refoulementMissing'));
        return;
      }
      body['refoulement_risk'] = refoulement.value() === 'yes';
    }
    if (await ctx.send('legal-steps', withDate(body, 'on', on), status)) form.reset();
    showFields();
  });
  showFields();
  const element = actionBox('legal-step', 'protection.stepFormTitle', status, form);
  return { element, refresh: (record) => void (element.hidden = !isCaseStaff() || isClosed(record)) };
}

export function returnForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const country = selectField(t('protection.returnCountry'), 'country', countryOptions(), { emptyLabel: t('protection.chooseCountry') });
  const risk = selectField(t('protection.returnRisk'), 'risk', termOptions(ctx.vocabularies, 'return_risks'), { hint: t('protection.riskHint') });
  const receiving = inputField({ label: t('protection.receivingOrganisation'), name: 'receiving_organisation', required: true, maxLength: MAX_RECEIVING_ORGANISATION });
  const voluntary = checkboxGroup(t('protection.voluntaryLegend'), 'voluntary', [{ value: 'yes', label: t('protection.voluntary') }], t('protection.voluntaryHint'));
  const note = textAreaField({ label: t('protection.note'), name: 'note', maxLength: MAX_NOTE, hint: t('closureForm.noteHint') });
  const on = pastDateField(t('protection.returnDate'), 'on');
  const form = h('form', { class: 'form' }, country.row, risk.row, receiving.row, voluntary.fieldset, note.row, on.row, submitButton(t('protection.returnSubmit')));
  handleSubmit(form, status, async () => {
    if (voluntary.checkedValues().length === 0) {
      status.invalid(t('protection.voluntaryMissing'));
      return;
    }
    const body = {
      country: country.select.value,
      risk: risk.select.value,
      receiving_organisation: receiving.input.value.trim(),
      voluntary: true,
      note: note.textarea.value.trim(),
    };
    if (await ctx.send('return', withDate(body, 'on', on), status)) form.reset();
  });
  const element = actionBox('return', 'protection.returnFormTitle', status, form);
  return { element, refresh: (record) => void (element.hidden = !isCaseStaff() || isClosed(record) || Boolean(record.return) || !record.legal_steps) };
}

export function followUpForm(ctx: ActionContext): ActionForm {
  const status = new StatusRegion();
  const reached = radioGroup(t('protection.reachedQuestion'), 'reached', [
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ]);
  const again = checkboxGroup(t('protection.reTraffickedLegend'), 're_trafficked', [{ value: 'yes', label: t('protection.reTraffickedFound') }]);
  const note = textAreaField({ label: t('protection.note'), name: 'note', maxLength: MAX_NOTE, hint: t('closureForm.noteHint') });
  const on = pastDateField(t('protection.followUpDate'), 'on');
  const form = h('form', { class: 'form' }, reached.fieldset, again.fieldset, note.row, on.row, submitButton(t('protection.followUpSubmit')));
  handleSubmit(form, status, async () => {
    if (!reached.value()) {
      status.invalid(t('protection.reachedMissing'));
      return;
    }
    const body = { reached: reached.value() === 'yes', re_trafficked: again.checkedValues().length > 0, note: note.textarea.value.trim() };
    if (await ctx.send('follow-ups', withDate(body, 'on', on), status)) form.reset();
  });
  const element = actionBox('follow-up', 'protection.followUpFormTitle', status, form);
  return { element, refresh: (record) => void (element.hidden = !isCaseStaff() || !record.return) };
}
