// Labelled form controls and the message region that reports results.
import { ApiError, NETWORK_ERROR_STATUS } from './api';
import { pastDateToSend, todayIso } from './dates';
import { h, replaceContent, uniqueId } from './dom';
import { t } from './i18n';

export interface InputOptions {
  label: string;
  name: string;
  type?: 'text' | 'password' | 'email' | 'search' | 'date' | 'number';
  autocomplete?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  inputMode?: 'text' | 'numeric';
  min?: number | string;
  max?: number | string;
  hint?: string;
  value?: string;
  /** Names may start words with capitals on phone keyboards; everything else is typed as is. */
  capitalize?: 'off' | 'words';
}

/** A labelled control with an optional hint under it, tied to the control by aria-describedby. */
function fieldRow(id: string, label: string, control: HTMLElement, hintId: string | undefined, hint: string | undefined): HTMLDivElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { attrs: { for: id } }, label),
    control,
    hintId ? h('p', { class: 'hint', attrs: { id: hintId } }, hint) : null,
  );
}

export interface LabelledInput {
  row: HTMLDivElement;
  input: HTMLInputElement;
}

export function inputField(options: InputOptions): LabelledInput {
  const id = uniqueId(options.name);
  const hintId = options.hint ? `${id}-hint` : undefined;
  const input = h('input', {
    attrs: {
      id,
      name: options.name,
      type: options.type ?? 'text',
      autocomplete: options.autocomplete ?? 'off',
      required: options.required ?? false,
      minlength: options.minLength,
      maxlength: options.maxLength,
      min: options.min,
      max: options.max,
      inputmode: options.inputMode,
      // Browser spell-checking services may send the text elsewhere; what is typed
      // here can be personal data, so it stays on the device.
      spellcheck: 'false',
      autocapitalize: options.capitalize ?? 'off',
      'aria-describedby': hintId,
    },
  });
  // As the default value, so that resetting the form brings it back.
  if (options.value !== undefined) input.defaultValue = options.value;
  return { row: fieldRow(id, options.label, input, hintId, options.hint), input };
}

/** The date something happened, for recording it later: today unless changed, never later. */
export function pastDateField(label: string, name: string): LabelledInput {
  const today = todayIso();
  return inputField({ label, name, type: 'date', max: today, value: today, hint: t('common.pastDateHint') });
}

/** The date of a pastDateField to send, or undefined to let the server take its today. */
export function pastDateValue(field: LabelledInput): string | undefined {
  return pastDateToSend(field.input.value);
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface LabelledSelect {
  row: HTMLDivElement;
  select: HTMLSelectElement;
}

export interface SelectExtras {
  /** Defaults to true. */
  required?: boolean;
  hint?: string;
  /** A first option with an empty value, e.g. "Not known". */
  emptyLabel?: string;
}

export function selectField(label: string, name: string, options: readonly SelectOption[], extras: SelectExtras = {}): LabelledSelect {
  const id = uniqueId(name);
  const hintId = extras.hint ? `${id}-hint` : undefined;
  const empty = extras.emptyLabel === undefined ? null : h('option', { attrs: { value: '' } }, extras.emptyLabel);
  const select = h(
    'select',
    { attrs: { id, name, required: extras.required ?? true, 'aria-describedby': hintId } },
    empty,
    ...options.map((option) => h('option', { attrs: { value: option.value } }, option.label)),
  );
  return { row: fieldRow(id, label, select, hintId, extras.hint), select };
}

export interface TextAreaOptions {
  label: string;
  name: string;
  required?: boolean;
  maxLength?: number;
  hint?: string;
  rows?: number;
}

export interface LabelledTextArea {
  row: HTMLDivElement;
  textarea: HTMLTextAreaElement;
}

export function textAreaField(options: TextAreaOptions): LabelledTextArea {
  const id = uniqueId(options.name);
  const hintId = options.hint ? `${id}-hint` : undefined;
  const textarea = h('textarea', {
    attrs: {
      id,
      name: options.name,
      required: options.required ?? false,
      maxlength: options.maxLength,
      rows: options.rows ?? 4,
      // As for inputs: what is typed may be personal data and stays on the device.
      spellcheck: 'false',
      'aria-describedby': hintId,
    },
  });
  return { row: fieldRow(id, options.label, textarea, hintId, options.hint), textarea };
}

export interface RadioGroup {
  fieldset: HTMLFieldSetElement;
  value(): string;
  setValue(value: string): void;
  onChange(listener: (value: string) => void): void;
}

/** One choice out of a few, as radio buttons in a fieldset whose legend asks the question. */
export function radioGroup(legend: string, name: string, options: readonly SelectOption[], hint?: string): RadioGroup {
  const groupName = uniqueId(name);
  const hintId = hint ? `${groupName}-hint` : undefined;
  const radios = options.map((option) => {
    const id = uniqueId(name);
    const radio = h('input', { attrs: { id, name: groupName, type: 'radio', value: option.value } });
    return { radio, row: h('div', { class: 'check' }, radio, h('label', { attrs: { for: id } }, option.label)) };
  });
  const fieldset = h(
    'fieldset',
    { class: 'choices', attrs: { 'data-field': name, 'aria-describedby': hintId } },
    h('legend', {}, legend),
    hintId ? h('p', { class: 'hint', attrs: { id: hintId } }, hint) : null,
    ...radios.map((entry) => entry.row),
  );
  return {
    fieldset,
    value: () => radios.find((entry) => entry.radio.checked)?.radio.value ?? '',
    setValue: (value) => {
      for (const entry of radios) entry.radio.checked = entry.radio.value === value;
    },
    onChange: (listener) => {
      for (const entry of radios) entry.radio.addEventListener('change', () => listener(entry.radio.value));
    },
  };
}

export interface CheckboxGroup {
  fieldset: HTMLFieldSetElement;
  checkedValues(): string[];
  setChecked(values: readonly string[]): void;
}

export function checkboxGroup(legend: string, name: string, options: readonly SelectOption[], hint?: string): CheckboxGroup {
  const hintId = hint ? `${uniqueId(name)}-hint` : undefined;
  const boxes = options.map((option) => {
    const id = uniqueId(name);
    const box = h('input', { attrs: { id, name, type: 'checkbox', value: option.value } });
    return { box, row: h('div', { class: 'check' }, box, h('label', { attrs: { for: id } }, option.label)) };
  });
  const fieldset = h(
    'fieldset',
    { class: 'checks', attrs: { 'data-field': name, 'aria-describedby': hintId } },
    h('legend', {}, legend),
    hintId ? h('p', { class: 'hint', attrs: { id: hintId } }, hint) : null,
    ...boxes.map((entry) => entry.row),
  );
  return {
    fieldset,
    checkedValues: () => boxes.filter((entry) => entry.box.checked).map((entry) => entry.box.value),
    setChecked: (values) => {
      for (const entry of boxes) entry.box.checked = values.includes(entry.box.value);
    },
  };
}

export function submitButton(label: string): HTMLButtonElement {
  return h('button', { class: 'primary', attrs: { type: 'submit' } }, label);
}

/** A button that acts (not submitting a form). */
export function actionButton(label: string, onClick: () => void, kind = 'secondary'): HTMLButtonElement {
  return h('button', { class: kind, attrs: { type: 'button' }, on: { click: () => onClick() } }, label);
}

/** The user-facing sentence for an error: the server's own detail when it gave one. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === NETWORK_ERROR_STATUS) return t('error.network');
    if (error.detail) return error.detail;
    if (error.status === 429) return t('error.throttled');
    if (error.status === 403) return t('error.forbidden');
    return error.title || t('error.generic');
  }
  return t('error.generic');
}

/**
 * The live region of a page: screen readers announce what is written here,
 * so results of an action are heard without moving focus.
 */
export class StatusRegion {
  readonly element: HTMLDivElement;
  private invalidControls: Element[] = [];

  constructor() {
    this.element = h('div', { class: 'status', attrs: { 'aria-live': 'assertive', 'aria-atomic': 'true' } });
  }

  clear(): void {
    this.element.className = 'status';
    this.element.replaceChildren();
    for (const control of this.invalidControls) control.removeAttribute('aria-invalid');
    this.invalidControls = [];
  }

  success(text: string): void {
    this.show('status success', text);
  }

  info(text: string): void {
    this.show('status info', text);
  }

  /** An error found before anything was sent, e.g. two passwords that differ. */
  invalid(text: string): void {
    this.show('status error', text);
  }

  /** Shows an error; field errors are listed and their inputs marked invalid within `form`. */
  error(error: unknown, form?: HTMLFormElement): void {
    this.show('status error', errorText(error));
    if (error instanceof ApiError && error.errors.length > 0) {
      this.element.appendChild(h('ul', {}, ...error.errors.map((item) => h('li', {}, this.describeField(item.field, item.message, form)))));
    }
  }

  private show(className: string, text: string): void {
    this.clear();
    this.element.className = className;
    replaceContent(this.element, h('p', {}, text));
  }

  private describeField(field: string, message: string, form?: HTMLFormElement): string {
    const control = form ? findControl(form, field) : null;
    if (!control) return field ? `${field}: ${message}` : message;
    control.setAttribute('aria-invalid', 'true');
    this.invalidControls.push(control);
    const label = control.id ? form?.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
    const name = label?.textContent ?? control.querySelector('legend')?.textContent ?? field;
    return `${name}: ${message}`;
  }
}

function findControl(form: HTMLFormElement, field: string): Element | null {
  const escaped = CSS.escape(field);
  return form.querySelector(`[name="${escaped}"]:not([type="checkbox"]), [data-field="${escaped}"]`);
}

/**
 * Runs a form's submit handler with the form marked busy (buttons disabled) so
 * an action cannot be sent twice; errors go to the status region.
 */
export function handleSubmit(
  form: HTMLFormElement,
  status: StatusRegion,
  handler: () => Promise<void>,
): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runBusy(form, status, handler);
  });
}

export async function runBusy(container: HTMLElement, status: StatusRegion, action: () => Promise<void>): Promise<void> {
  const buttons = [...container.querySelectorAll('button')];
  container.setAttribute('aria-busy', 'true');
  for (const button of buttons) button.disabled = true;
  status.clear();
  try {
    await action();
  } catch (error) {
    status.error(error, container instanceof HTMLFormElement ? container : undefined);
  } finally {
    container.removeAttribute('aria-busy');
    for (const button of buttons) button.disabled = false;
  }
}
