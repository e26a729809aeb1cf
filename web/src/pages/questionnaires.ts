// Questionnaire rounds on the commitments, for co-ordinators: rounds built from compendium
// provisions, their items (frozen once a round opens; a change is then a new version), a
// State's answer form (drafts, submission, amendments) for the co-ordinators of the
// organisation that answers for it, and the analysis: counts and shares of the responding
// States, with the denominator always shown.
import { h, replaceContent, type Child } from '../dom';
import {
  addRoundItem,
  closeRound,
  createRound,
  fetchResponse,
  fetchRound,
  fetchRoundAnalysis,
  importXlsForm,
  listRespondents,
  listRounds,
  openRound,
  roundAnalysisCsvUrl,
  roundAnalysisXlsxUrl,
  roundReportPdfUrl,
  roundReportUrl,
  roundXlsFormUrl,
  saveResponse,
  submitResponse,
} from '../endpoints';
import { StatusRegion, actionButton, handleSubmit, inputField, runBusy, selectField, submitButton, textAreaField } from '../forms';
import { t } from '../i18n';
import { isAsked, parseChoices, percent, splitList } from '../monitoring-logic';
import { currentQuery, href, navigate, pathWithQuery } from '../router';
import { currentUser } from '../session';
import type { AnswerToSave, GivenAnswer, ItemAnalysis, QuestionnaireItem, QuestionnaireRound, Respondent, RoundAnalysis } from '../types';
import { card, dataTable, loadingNote, page } from './common';
import { provisionPath } from './corpus-common';
import { QUESTIONNAIRES_PATH, labelOf, pillarLabel } from './monitoring-common';
import { comparisonCard, crosstabCard, respondentLinkCard, respondentMapCard, reviseItemCard } from './questionnaire-tools';

const TYPES = ['yes_no', 'number', 'choice', 'text', 'evidence'];
const YES_NO = ['yes', 'partly', 'no', 'not_applicable'];

const roundPath = (id: number): string => pathWithQuery(QUESTIONNAIRES_PATH, { round: String(id) });

// ---- The list of rounds ----

function roundList(rounds: readonly QuestionnaireRound[]): HTMLElement {
  return dataTable<QuestionnaireRound>(
    t('rounds.caption'),
    [
      { header: t('rounds.round'), cell: (r) => h('a', { attrs: { href: href(roundPath(r.id)) } }, r.title) },
      { header: t('rounds.status'), cell: (r) => h('span', { class: `badge round-${r.status}` }, labelOf('rounds.state', r.status)) },
    ],
    rounds,
  );
}

function newRoundForm(status: StatusRegion): HTMLElement {
  const title = inputField({ label: t('rounds.title'), name: 'title', required: true, maxLength: 300 });
  const provisions = textAreaField({ label: t('rounds.provisions'), name: 'provisions', hint: t('rounds.provisionsHint'), rows: 3 });
  const partners = h('input', { attrs: { type: 'checkbox', id: 'round-partners', name: 'include_partners' } });
  const form = h(
    'form',
    { class: 'stack' },
    title.row,
    provisions.row,
    h('div', { class: 'check' }, partners, h('label', { attrs: { for: 'round-partners' } }, t('rounds.includePartners'))),
    submitButton(t('rounds.create')),
  );
  handleSubmit(form, status, async () => {
    const round = await createRound(title.input.value, splitList(provisions.textarea.value), partners.checked);
    navigate(roundPath(round.id));
  });
  return card(t('rounds.newTitle'), form);
}

/** The bytes of a chosen file in base64. */
function fileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

function importForm(status: StatusRegion): HTMLElement {
  const title = inputField({ label: t('rounds.importRoundTitle'), name: 'title', maxLength: 300, hint: t('rounds.importTitleHint') });
  const file = inputField({ label: t('rounds.xlsFormFile'), name: 'file', required: true });
  file.input.type = 'file';
  file.input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const form = h('form', { class: 'stack' }, file.row, title.row, submitButton(t('rounds.import')));
  handleSubmit(form, status, async () => {
    const chosen = file.input.files?.[0];
    if (!chosen) return;
    const round = await importXlsForm(await fileAsBase64(chosen), title.input.value.trim());
    navigate(roundPath(round.id));
  });
  return card(t('rounds.importTitle'), form);
}

// ---- One round: items ----

function skipText(item: QuestionnaireItem): string {
  return item.shown_if ? t('rounds.shownIf', { item: item.shown_if.item, answers: item.shown_if.answers.join(', ') }) : '';
}

function itemTable(items: readonly QuestionnaireItem[]): HTMLElement {
  return dataTable<QuestionnaireItem>(
    t('rounds.items'),
    [
      { header: t('rounds.code'), cell: (i) => (i.current ? i.code : h('s', {}, i.code)) },
      { header: t('rounds.version'), cell: (i) => i.version },
      { header: t('rounds.type'), cell: (i) => labelOf('rounds.type', i.type) },
      { header: t('rounds.prompt'), cell: (i) => h('span', {}, i.prompt, i.shown_if ? h('span', { class: 'hint' }, ` (${skipText(i)})`) : null) },
      { header: t('nap.pillar'), cell: (i) => pillarLabel(i.pillar) },
      { header: t('rounds.provision'), cell: (i) => (i.provision_id ? h('a', { attrs: { href: href(provisionPath(i.provision_id)) } }, i.provision_id) : '') },
    ],
    items,
  );
}

function itemForm(round: QuestionnaireRound, status: StatusRegion, done: () => void): HTMLElement {
  const code = inputField({ label: t('rounds.code'), name: 'code', required: true, maxLength: 64, hint: t('rounds.codeHint') });
  const prompt = textAreaField({ label: t('rounds.prompt'), name: 'prompt', required: true, maxLength: 4000, rows: 2 });
  const type = selectField(t('rounds.type'), 'type', TYPES.map((v) => ({ value: v, label: labelOf('rounds.type', v) })));
  const provision = inputField({ label: t('rounds.provision'), name: 'provision_id', maxLength: 100 });
  const unit = inputField({ label: t('nap.unit'), name: 'unit', maxLength: 100 });
  const minimum = inputField({ label: t('rounds.minimum'), name: 'minimum', type: 'number' });
  const maximum = inputField({ label: t('rounds.maximum'), name: 'maximum', type: 'number' });
  const choices = textAreaField({ label: t('rounds.choices'), name: 'choices', hint: t('rounds.choicesHint'), rows: 3 });
  const shownItem = inputField({ label: t('rounds.shownIfItem'), name: 'shown_if.item', maxLength: 64 });
  const shownAnswers = inputField({ label: t('rounds.shownIfAnswers'), name: 'shown_if.answers', hint: t('nap.listHint') });
  const form = h(
    'form',
    { class: 'stack' },
    code.row, prompt.row, type.row, provision.row, unit.row, minimum.row, maximum.row, choices.row, shownItem.row, shownAnswers.row,
    submitButton(t('rounds.addItem')),
  );
  handleSubmit(form, status, async () => {
    const number = (text: string): number | undefined => (text.trim() ? Number(text) : undefined);
    const body: Record<string, unknown> = { code: code.input.value.trim(), prompt: prompt.textarea.value, type: type.select.value };
    if (provision.input.value.trim()) body['provision_id'] = provision.input.value.trim();
    if (type.select.value === 'number') {
      if (unit.input.value.trim()) body['unit'] = unit.input.value.trim();
      body['minimum'] = number(minimum.input.value);
      body['maximum'] = number(maximum.input.value);
    }
    if (type.select.value === 'choice') body['choices'] = parseChoices(choices.textarea.value);
    if (shownItem.input.value.trim()) body['shown_if'] = { item: shownItem.input.value.trim(), answers: splitList(shownAnswers.input.value) };
    await addRoundItem(round.id, body);
    status.success(t('rounds.itemAdded'));
    done();
  });
  return card(t('rounds.addItem'), form);
}

// ---- One round: a State's answers ----

interface AnswerControl {
  item: QuestionnaireItem;
  row: HTMLElement;
  read(): string | number | string[] | undefined;
}

function answerControl(item: QuestionnaireItem, given: GivenAnswer | undefined): AnswerControl {
  const label = `${item.code}. ${item.prompt}`;
  const hint = [item.unit ? `${t('nap.unit')}: ${item.unit}` : '', item.year ? `${item.year}` : ''].filter(Boolean).join(', ') || undefined;
  if (item.type === 'yes_no' || item.type === 'choice') {
    const options = item.type === 'yes_no' ? YES_NO.map((v) => ({ value: v, label: labelOf('rounds.answer', v) })) : item.choices.map((c) => ({ value: c.code, label: c.label }));
    const field = selectField(label, `item-${item.id}`, options, { required: false, emptyLabel: t('rounds.noAnswer'), hint });
    field.select.value = typeof given?.value === 'string' ? given.value : '';
    return { item, row: field.row, read: () => field.select.value || undefined };
  }
  if (item.type === 'number') {
    const field = inputField({ label, name: `item-${item.id}`, type: 'number', min: item.minimum ?? undefined, max: item.maximum ?? undefined, hint, value: typeof given?.value === 'number' ? String(given.value) : '' });
    return { item, row: field.row, read: () => (field.input.value.trim() ? Number(field.input.value) : undefined) };
  }
  const field = textAreaField({ label, name: `item-${item.id}`, rows: 3, hint: item.type === 'evidence' ? t('nap.evidenceHint') : hint });
  if (Array.isArray(given?.value)) field.textarea.value = given.value.join('\n');
  else if (typeof given?.value === 'string') field.textarea.value = given.value;
  return {
    item,
    row: field.row,
    read: () => {
      if (item.type === 'evidence') {
        const links = splitList(field.textarea.value);
        return links.length ? links : undefined;
      }
      return field.textarea.value.trim() ? field.textarea.value : undefined;
    },
  };
}

async function drawAnswerForm(slot: HTMLElement, round: QuestionnaireRound, respondent: Respondent, status: StatusRegion): Promise<void> {
  const response = await fetchResponse(round.id, respondent.code);
  const given = new Map(response.answers.map((a) => [a.item_id, a]));
  const controls = (round.items ?? []).filter((i) => i.current).map((item) => answerControl(item, given.get(item.id)));
  const refresh = (): void => {
    const categories: Record<string, unknown> = {};
    for (const control of controls) {
      if (control.item.type === 'yes_no' || control.item.type === 'choice') categories[control.item.code] = control.read();
    }
    for (const control of controls) control.row.hidden = !isAsked(control.item.shown_if, categories);
  };
  const answers = (): AnswerToSave[] =>
    controls
      .filter((c) => !c.row.hidden)
      .flatMap((c) => {
        const value = c.read();
        if (value === undefined) return [];
        const before = given.get(c.item.id);
        return [{ item_id: c.item.id, value, ...(response.status === 'submitted' && before ? { version: before.version } : {}) }];
      });
  const form = h('form', { class: 'stack' }, ...controls.map((c) => c.row));
  form.addEventListener('change', refresh);
  refresh();
  const save = async (): Promise<void> => {
    const list = answers();
    if (list.length) await saveResponse(round.id, respondent.code, list);
  };
  const draftButton = actionButton(t('rounds.saveDraft'), () => void runBusy(form, status, async () => {
    await save();
    status.success(response.status === 'submitted' ? t('rounds.amended') : t('rounds.draftSaved'));
    await drawAnswerForm(slot, round, respondent, status);
  }));
  const submit = actionButton(t('rounds.submit'), () => void runBusy(form, status, async () => {
    await save();
    await submitResponse(round.id, respondent.code);
    status.success(t('rounds.submitted'));
    await drawAnswerForm(slot, round, respondent, status);
  }), 'primary');
  form.append(h('div', { class: 'actions' }, draftButton, response.status === 'draft' ? submit : null));
  replaceContent(
    slot,
    h('p', {}, t('rounds.answeringFor', { name: respondent.name }), ' ', h('span', { class: 'badge' }, labelOf('rounds.responseStatus', response.status))),
    response.status === 'submitted' ? h('p', { class: 'hint' }, t('rounds.amendHint')) : null,
    form,
  );
}

async function answerCard(round: QuestionnaireRound, status: StatusRegion): Promise<HTMLElement | null> {
  const organisation = currentUser()?.organisation.id;
  const mine = (await listRespondents()).items.filter((r) => r.organisation_id !== null && r.organisation_id === organisation);
  if (mine.length === 0) return null;
  const slot = h('div', {}, loadingNote());
  const picker = selectField(t('rounds.respondent'), 'respondent', mine.map((r) => ({ value: r.code, label: r.name })));
  const draw = (): void => {
    const chosen = mine.find((r) => r.code === picker.select.value) ?? mine[0];
    if (chosen) void drawAnswerForm(slot, round, chosen, status).catch((error: unknown) => status.error(error));
  };
  picker.select.addEventListener('change', draw);
  draw();
  return card(t('rounds.answerTitle'), mine.length > 1 ? picker.row : null, slot);
}

// ---- One round: the analysis ----

function countsText(item: ItemAnalysis): Child {
  if (item.counts.length) {
    const label = (answer: string): string => (item.type === 'yes_no' ? labelOf('rounds.answer', answer) : answer);
    return h('ul', { class: 'plain' }, ...item.counts.map((c) => h('li', {}, `${label(c.answer)}: ${c.count} (${percent(c.share)})`)));
  }
  if (item.sum !== null) return t('rounds.numbers', { sum: item.sum, mean: Math.round((item.mean ?? 0) * 100) / 100 });
  if (item.texts.length) return h('ul', { class: 'plain' }, ...item.texts.map((x) => h('li', {}, h('strong', {}, x.name), `: ${x.text}`)));
  return '';
}

function analysisCard(analysis: RoundAnalysis, round: QuestionnaireRound): HTMLElement {
  const pillars = dataTable(
    t('rounds.byPillar'),
    [
      { header: t('nap.pillar'), cell: (p: RoundAnalysis['pillars'][number]) => pillarLabel(p.pillar) },
      { header: t('rounds.denominator'), cell: (p) => t('rounds.pillarDenominator', { answers: p.denominator, states: p.respondents, items: p.items }) },
      { header: t('rounds.shares'), cell: (p) => p.counts.map((c) => `${labelOf('rounds.answer', c.answer)} ${percent(c.share)}`).join(' · ') },
    ],
    analysis.pillars,
  );
  const items = dataTable<ItemAnalysis>(
    t('rounds.byItem'),
    [
      { header: t('rounds.code'), cell: (i) => (i.current ? i.code : `${i.code} v${i.version}`) },
      { header: t('rounds.prompt'), cell: (i) => i.prompt },
      { header: t('rounds.denominator'), cell: (i) => t('rounds.itemDenominator', { answered: i.answered, asked: i.asked, responding: i.responding }) },
      { header: t('rounds.answers'), cell: countsText },
    ],
    analysis.items,
  );
  return card(
    t('rounds.analysisTitle'),
    h('p', { class: 'lead' }, t('rounds.responding', { responding: analysis.responding, invited: analysis.invited })),
    h(
      'p',
      {},
      h('a', { attrs: { href: roundAnalysisCsvUrl(round.id), download: '' } }, t('rounds.downloadCsv')),
      ' · ',
      h('a', { attrs: { href: roundAnalysisXlsxUrl(round.id), download: '' } }, t('rounds.downloadXlsx')),
      ' · ',
      h('a', { attrs: { href: roundReportUrl(round.id), target: '_blank', rel: 'noopener' } }, t('rounds.openReport')),
      ' · ',
      h('a', { attrs: { href: roundReportPdfUrl(round.id), download: '' } }, t('rounds.downloadReportPdf')),
    ),
    pillars,
    items,
  );
}

async function drawRound(slot: HTMLElement, id: number, status: StatusRegion): Promise<void> {
  const round = await fetchRound(id);
  const redraw = (): void => void drawRound(slot, id, status).catch((error: unknown) => status.error(error));
  const lifecycle = h('div', { class: 'actions' });
  const change = (action: () => Promise<unknown>, message: string) => () =>
    void runBusy(lifecycle, status, async () => {
      await action();
      status.success(message);
      redraw();
    });
  if (round.status === 'draft') lifecycle.append(actionButton(t('rounds.open'), change(() => openRound(id), t('rounds.opened')), 'primary'));
  if (round.status === 'open') lifecycle.append(actionButton(t('rounds.close'), change(() => closeRound(id), t('rounds.closed')), 'secondary'));
  const parts: Child[] = [
    h('h2', {}, round.title),
    h(
      'p',
      {},
      h('span', { class: `badge round-${round.status}` }, labelOf('rounds.state', round.status)),
      ' ',
      round.status === 'draft' ? t('rounds.draftNote') : t('rounds.frozenNote', { submitted: round.submitted ?? 0, respondents: round.respondents ?? 0 }),
    ),
    lifecycle,
    h('p', {}, h('a', { attrs: { href: roundXlsFormUrl(id), download: '' } }, t('rounds.downloadXlsForm'))),
    card(t('rounds.items'), itemTable(round.items ?? [])),
  ];
  if (round.status === 'draft') parts.push(itemForm(round, status, redraw));
  if (round.status === 'open') parts.push(await answerCard(round, status));
  if (round.status !== 'draft') parts.push(analysisCard(await fetchRoundAnalysis(id), round));
  if (round.status !== 'draft') parts.push(await respondentMapCard(round, status), crosstabCard(round), comparisonCard(round), reviseItemCard(round, status, redraw));
  replaceContent(slot, ...parts);
}

export function questionnairesPage(): HTMLElement {
  const status = new StatusRegion();
  const list = h('div', {}, loadingNote());
  const slot = h('div', {});
  void (async () => {
    try {
      const rounds = (await listRounds()).items;
      replaceContent(list, rounds.length ? roundList(rounds) : h('p', { class: 'muted' }, t('rounds.none')));
      const wanted = Number(currentQuery().get('round'));
      if (rounds.some((r) => r.id === wanted)) await drawRound(slot, wanted, status);
    } catch (error) {
      replaceContent(list);
      status.error(error);
    }
  })();
  return page(t('rounds.pageTitle'), h('p', { class: 'lead' }, t('rounds.intro')), status.element, card(t('rounds.list'), list), slot, newRoundForm(status), importForm(status), respondentLinkCard());
}
