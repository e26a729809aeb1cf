// How the case page changes a case, shared by its forms (case-actions.ts) and its assistance plan
// (case-services.ts).
//
// Every change carries the version of the case the user saw (If-Match). When someone else
// changed the case meanwhile the server refuses (412): the case is read again and drawn anew,
// the user is told, and what they typed stays in the form so they can check it and send again.
import { ApiError, PRECONDITION_FAILED_STATUS } from '../api';
import { h, replaceContent } from '../dom';
import { changeCase, fetchCase, type CaseAction } from '../endpoints';
import { pastDateValue, type LabelledInput, type SelectOption, type StatusRegion } from '../forms';
import { t, type MessageKey } from '../i18n';
import { CASE_WORKER, DECISION_MAKER, hasAnyRole } from '../session';
import type { CaseRecord, DirectoryPerson, NrmVocabularies } from '../types';
import type { Names } from './nrm-names';

/** The case as last shown, and the pages' one way of changing it. */
export class CaseChanger {
  private record: CaseRecord;
  private readonly listeners: ((record: CaseRecord) => void)[] = [];

  constructor(initial: CaseRecord) {
    this.record = initial;
  }

  current(): CaseRecord {
    return this.record;
  }

  /** Called with the case as it now is after each change, in the order of registration. */
  onChange(listener: (record: CaseRecord) => void): void {
    this.listeners.push(listener);
  }

  /** Whether this server records the case's life (and so accepts changes). */
  get acceptsChanges(): boolean {
    return Array.isArray(this.record.decisions) && this.record.version !== undefined;
  }

  /**
   * Sends a change with the shown version. Resolves true when it was made; false when the
   * case had changed meanwhile (the case is then reloaded and the user told, the form kept).
   */
  async send(action: CaseAction, body: Record<string, unknown>, status: StatusRegion): Promise<boolean> {
    try {
      this.update(await changeCase(this.record.case_id, action, body, this.record.version ?? 0));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== PRECONDITION_FAILED_STATUS) throw error;
      this.update(await fetchCase(this.record.case_id));
      status.invalid(t('case.changedMeanwhile'));
      return false;
    }
    status.success(t('case.changeSaved'));
    return true;
  }

  private update(record: CaseRecord): void {
    this.record = record;
    for (const listener of this.listeners) listener(record);
  }
}

/** Shared by the forms: the case, its vocabularies and the names of people and organisations. */
export interface ActionContext {
  current(): CaseRecord;
  vocabularies: NrmVocabularies;
  names: Names;
  send(action: CaseAction, body: Record<string, unknown>, status: StatusRegion): Promise<boolean>;
}

export interface ActionForm {
  element: HTMLElement;
  /** Shows or hides the form and updates its choices for the case as it now is. */
  refresh(record: CaseRecord): void;
}

export const isClosed = (record: CaseRecord): boolean => record.status.startsWith('closed');
/** Everything but decisions: the competent authority's case workers and decision makers. */
export const isCaseStaff = (): boolean => hasAnyRole([CASE_WORKER, DECISION_MAKER]);

export function actionBox(name: string, title: MessageKey, status: StatusRegion, form: HTMLFormElement): HTMLDetailsElement {
  return h('details', { class: 'card action', attrs: { 'data-action': name } }, h('summary', {}, t(title)), status.element, form);
}

/** Replaces a select's options, keeping the chosen value when it is still offered. */
export function setOptions(select: HTMLSelectElement, options: readonly SelectOption[], emptyLabel?: string): void {
  const chosen = select.value;
  replaceContent(
    select,
    emptyLabel === undefined ? null : h('option', { attrs: { value: '' } }, emptyLabel),
    ...options.map((option) => h('option', { attrs: { value: option.value } }, option.label)),
  );
  if (options.some((option) => option.value === chosen)) select.value = chosen;
}

/** Adds `field`'s date to `body` as `name` unless it was left at today (the server's today then). */
export function withDate(body: Record<string, unknown>, name: string, field: LabelledInput): Record<string, unknown> {
  const on = pastDateValue(field);
  return on ? { ...body, [name]: on } : body;
}

/** People of the directory as choices: their name, and their organisation's. */
export function personOptions(names: Names, people: readonly DirectoryPerson[]): SelectOption[] {
  return people.map((person) => ({
    value: String(person.user_id),
    label: t('assignForm.personOption', { name: names.person(person.user_id), organisation: names.organisation(person.organisation_id) }),
  }));
}
