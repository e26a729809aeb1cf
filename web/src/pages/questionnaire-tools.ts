// What the questionnaire page offers beyond the round's items, answers and analysis: a map of
// the responding States (answered or not, or the answer each gave to a chosen yes/no item), the
// cross-tabulation of two items, the comparison of every round that asked about a provision,
// a new version of a frozen item, and which organisation answers for a State.
import { chartDownloads } from '../chart-export';
import { h, replaceContent } from '../dom';
import {
  changeRoundItem,
  fetchProvisionComparison,
  fetchResponse,
  fetchRoundCrosstab,
  linkRespondent,
  listRespondents,
  listRoundRespondents,
} from '../endpoints';
import { StatusRegion, handleSubmit, inputField, selectField, submitButton, textAreaField } from '../forms';
import { t } from '../i18n';
import type { Category, CategoryFigure } from '../map';
import { percent } from '../monitoring-logic';
import type { ItemAnalysis, ProvisionComparison, QuestionnaireItem, QuestionnaireRound, Respondent, RoundCrosstab, RoundRespondent } from '../types';
import { card, dataTable, loadingNote } from './common';
import { labelOf } from './monitoring-common';

const ANSWER_COLOURS: Record<string, string> = {
  yes: '#1a9850',
  partly: '#fee08b',
  no: '#d73027',
  not_applicable: '#8c6bb1',
};
const SUBMITTED_COLOUR = '#2171b5';
const NOT_SUBMITTED_COLOUR = '#fdae6b';
const NO_ANSWER_COLOUR = '#969696';

const currentItems = (round: QuestionnaireRound): QuestionnaireItem[] => (round.items ?? []).filter((i) => i.current);
const categorical = (item: QuestionnaireItem): boolean => item.type === 'yes_no' || item.type === 'choice';
const itemOption = (item: QuestionnaireItem): { value: string; label: string } => ({ value: item.code, label: `${item.code}: ${item.prompt.slice(0, 80)}` });

/** An answer's label: the yes/no vocabulary, or the label of a choice. */
function answerLabel(item: QuestionnaireItem | undefined, answer: string): string {
  const choice = item?.choices.find((c) => c.code === answer);
  return choice ? choice.label : labelOf('rounds.answer', answer);
}

// ---- The map of respondents ----

function statusCategories(): Category[] {
  return [
    { id: 'submitted', label: t('rounds.map.submitted'), colour: SUBMITTED_COLOUR },
    { id: 'not_submitted', label: t('rounds.map.notSubmitted'), colour: NOT_SUBMITTED_COLOUR },
  ];
}

function answerCategories(): Category[] {
  return [
    ...Object.entries(ANSWER_COLOURS).map(([id, colour]) => ({ id, label: labelOf('rounds.answer', id), colour })),
    { id: 'no_answer', label: t('rounds.map.noAnswer'), colour: NO_ANSWER_COLOUR },
    { id: 'not_submitted', label: t('rounds.map.notSubmitted'), colour: NOT_SUBMITTED_COLOUR },
  ];
}

/** Each submitted State's answer to the item (any version of it), read from its response. */
async function answersTo(round: QuestionnaireRound, code: string, respondents: readonly RoundRespondent[]): Promise<Map<string, string>> {
  const submitted = respondents.filter((r) => r.submitted_at !== null);
  const responses = await Promise.allSettled(submitted.map((r) => fetchResponse(round.id, r.code)));
  const answers = new Map<string, string>();
  responses.forEach((result, index) => {
    const state = submitted[index];
    if (result.status !== 'fulfilled' || !state) return;
    const given = result.value.answers.find((a) => a.code === code && typeof a.value === 'string');
    if (given && typeof given.value === 'string') answers.set(state.code, given.value);
  });
  return answers;
}

async function drawRespondentMap(slot: HTMLElement, round: QuestionnaireRound, respondents: readonly RoundRespondent[], itemCode: string): Promise<void> {
  const { categoryMap } = await import('../map');
  const item = currentItems(round).find((i) => i.code === itemCode);
  let title: string;
  let figures: CategoryFigure[];
  let categories: Category[];
  if (!item) {
    title = t('rounds.map.titleStatus', { round: round.title });
    categories = statusCategories();
    figures = respondents.map((r) => ({ code: r.code, category: r.submitted_at ? 'submitted' : 'not_submitted' }));
  } else {
    const answers = await answersTo(round, item.code, respondents);
    title = t('rounds.map.titleItem', { item: item.code });
    categories = item.type === 'yes_no' ? answerCategories() : [
      ...item.choices.map((c, index) => ({ id: c.code, label: c.label, colour: Object.values(ANSWER_COLOURS)[index % 4] ?? SUBMITTED_COLOUR })),
      { id: 'no_answer', label: t('rounds.map.noAnswer'), colour: NO_ANSWER_COLOUR },
      { id: 'not_submitted', label: t('rounds.map.notSubmitted'), colour: NOT_SUBMITTED_COLOUR },
    ];
    figures = respondents.map((r) => ({ code: r.code, category: r.submitted_at ? (answers.get(r.code) ?? 'no_answer') : 'not_submitted' }));
  }
  const map = categoryMap({ title, valueHeader: item ? t('rounds.answers') : t('rounds.status'), categories, figures, noneLabel: t('rounds.map.notRespondent') });
  replaceContent(slot, map.element, h('p', { class: 'downloads' }, chartDownloads(map.svg, `questionnaire-${round.id}-map${item ? `-${item.code}` : ''}`, title)));
}

export async function respondentMapCard(round: QuestionnaireRound, status: StatusRegion): Promise<HTMLElement> {
  const respondents = (await listRoundRespondents(round.id)).items;
  const slot = h('div', { class: 'round-map' }, loadingNote());
  const picker = selectField(t('rounds.map.show'), 'map-item', currentItems(round).filter(categorical).map(itemOption), { required: false, emptyLabel: t('rounds.map.whoAnswered') });
  const draw = (): void => {
    replaceContent(slot, loadingNote());
    drawRespondentMap(slot, round, respondents, picker.select.value).catch((error: unknown) => status.error(error));
  };
  picker.select.addEventListener('change', draw);
  draw();
  return card(t('rounds.map.heading'), picker.row, slot);
}

// ---- Cross-tabulation of two items ----

function crosstabTable(result: RoundCrosstab, items: readonly QuestionnaireItem[]): HTMLElement {
  const rowsItem = items.find((i) => i.code === result.rows_item);
  const columnsItem = items.find((i) => i.code === result.columns_item);
  const head = h(
    'thead',
    {},
    h('tr', {}, h('th', { attrs: { scope: 'col' } }, `${result.rows_item} \\ ${result.columns_item}`), ...result.columns.map((c) => h('th', { attrs: { scope: 'col' } }, answerLabel(columnsItem, c)))),
  );
  const body = h(
    'tbody',
    {},
    ...result.rows.map((row, r) =>
      h('tr', {}, h('th', { attrs: { scope: 'row' } }, answerLabel(rowsItem, row)), ...(result.counts[r] ?? []).map((count) => h('td', { class: 'number' }, String(count)))),
    ),
  );
  const caption = t('rounds.crosstab.caption', { rows: result.rows_item, columns: result.columns_item, denominator: result.denominator, responding: result.responding });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data crosstab-table' }, h('caption', {}, caption), head, body));
}

export function crosstabCard(round: QuestionnaireRound): HTMLElement | null {
  const items = currentItems(round).filter(categorical);
  if (items.length < 2) return null;
  const status = new StatusRegion();
  const rows = selectField(t('rounds.crosstab.rows'), 'rows', items.map(itemOption));
  const columns = selectField(t('rounds.crosstab.columns'), 'columns', items.map(itemOption));
  columns.select.value = items[1]?.code ?? '';
  const result = h('div', { class: 'crosstab-result' });
  const form = h('form', { class: 'stack crosstab-form' }, rows.row, columns.row, submitButton(t('rounds.crosstab.show')));
  handleSubmit(form, status, async () => {
    const table = await fetchRoundCrosstab(round.id, rows.select.value, columns.select.value);
    replaceContent(result, crosstabTable(table, items));
  });
  return card(t('rounds.crosstab.heading'), form, status.element, result);
}

// ---- Comparison between rounds ----

function countsLine(item: ItemAnalysis): string {
  if (item.counts.length) return item.counts.map((c) => `${labelOf('rounds.answer', c.answer)}: ${c.count} (${percent(c.share)})`).join(' · ');
  if (item.sum !== null) return t('rounds.numbers', { sum: item.sum, mean: Math.round((item.mean ?? 0) * 100) / 100 });
  return '';
}

function comparisonTable(result: ProvisionComparison): HTMLElement {
  const rows = result.rounds.flatMap((entry) => entry.items.map((item) => ({ entry, item })));
  if (rows.length === 0) return h('p', { class: 'muted' }, t('rounds.compare.none'));
  return dataTable(
    t('rounds.compare.caption', { provision: result.provision }),
    [
      { header: t('rounds.round'), cell: (r: (typeof rows)[number]) => r.entry.round.title },
      { header: t('rounds.status'), cell: (r) => labelOf('rounds.state', r.entry.round.status) },
      { header: t('rounds.code'), cell: (r) => `${r.item.code} v${r.item.version}` },
      { header: t('rounds.denominator'), cell: (r) => t('rounds.itemDenominator', { answered: r.item.answered, asked: r.item.asked, responding: r.item.responding }) },
      { header: t('rounds.answers'), cell: (r) => countsLine(r.item) },
    ],
    rows,
  );
}

export function comparisonCard(round: QuestionnaireRound): HTMLElement | null {
  const provisions = [...new Set(currentItems(round).map((i) => i.provision_id).filter(Boolean))];
  if (provisions.length === 0) return null;
  const status = new StatusRegion();
  const provision = selectField(t('rounds.provision'), 'provision', provisions.map((p) => ({ value: p, label: p })));
  const result = h('div', { class: 'comparison-result' });
  const form = h('form', { class: 'stack comparison-form' }, provision.row, submitButton(t('rounds.compare.show')));
  handleSubmit(form, status, async () => {
    replaceContent(result, comparisonTable(await fetchProvisionComparison(provision.select.value)));
  });
  return card(t('rounds.compare.heading'), h('p', { class: 'hint' }, t('rounds.compare.intro')), form, status.element, result);
}

// ---- A new version of a frozen item ----

/** The item as the API takes it, with a new prompt. */
export function revisedDefinition(item: QuestionnaireItem, prompt: string): Record<string, unknown> {
  const body: Record<string, unknown> = { code: item.code, prompt, type: item.type };
  if (item.provision_id) body['provision_id'] = item.provision_id;
  if (item.pillar) body['pillar'] = item.pillar;
  if (item.unit) body['unit'] = item.unit;
  if (item.year !== null) body['year'] = item.year;
  if (item.minimum !== null) body['minimum'] = item.minimum;
  if (item.maximum !== null) body['maximum'] = item.maximum;
  if (item.choices.length) body['choices'] = item.choices;
  if (item.shown_if) body['shown_if'] = item.shown_if;
  return body;
}

export function reviseItemCard(round: QuestionnaireRound, pageStatus: StatusRegion, done: () => void): HTMLElement | null {
  const items = currentItems(round);
  if (round.status !== 'open' || items.length === 0) return null;
  const status = new StatusRegion();
  const picker = selectField(t('rounds.revise.item'), 'item', items.map((i) => ({ value: String(i.id), label: `${i.code} v${i.version}` })));
  const prompt = textAreaField({ label: t('rounds.prompt'), name: 'prompt', required: true, maxLength: 4000, rows: 3 });
  const chosen = (): QuestionnaireItem | undefined => items.find((i) => String(i.id) === picker.select.value);
  const fill = (): void => {
    prompt.textarea.value = chosen()?.prompt ?? '';
  };
  picker.select.addEventListener('change', fill);
  fill();
  const form = h('form', { class: 'stack revise-form' }, picker.row, prompt.row, submitButton(t('rounds.revise.save')));
  handleSubmit(form, status, async () => {
    const item = chosen();
    if (!item) return;
    const revised = await changeRoundItem(round.id, item.id, revisedDefinition(item, prompt.textarea.value));
    pageStatus.success(t('rounds.revise.saved', { code: revised.code, version: revised.version }));
    done();
  });
  return card(t('rounds.revise.heading'), h('p', { class: 'hint' }, t('rounds.revise.intro')), form, status.element);
}

// ---- Which organisation answers for a State ----

function linkedTable(respondents: readonly Respondent[]): HTMLElement {
  const linked = respondents.filter((r) => r.organisation_id !== null);
  if (linked.length === 0) return h('p', { class: 'muted' }, t('rounds.link.none'));
  return dataTable<Respondent>(
    t('rounds.link.caption'),
    [
      { header: t('rounds.respondent'), cell: (r) => `${r.name} (${r.code})` },
      { header: t('rounds.link.organisation'), cell: (r) => String(r.organisation_id) },
    ],
    linked,
  );
}

export function respondentLinkCard(): HTMLElement {
  const status = new StatusRegion();
  const body = h('div', {}, loadingNote());
  void (async () => {
    try {
      let respondents = (await listRespondents()).items;
      const linked = h('div', {}, linkedTable(respondents));
      const state = selectField(t('rounds.respondent'), 'respondent', respondents.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` })));
      const organisation = inputField({ label: t('rounds.link.organisation'), name: 'organisation_id', type: 'number', min: 1, hint: t('rounds.link.hint') });
      const form = h('form', { class: 'stack link-form' }, state.row, organisation.row, submitButton(t('rounds.link.save')));
      handleSubmit(form, status, async () => {
        const text = organisation.input.value.trim();
        const saved = await linkRespondent(state.select.value, text ? Number(text) : null);
        status.success(saved.organisation_id === null ? t('rounds.link.unlinked', { name: saved.name }) : t('rounds.link.linked', { name: saved.name, organisation: saved.organisation_id }));
        respondents = respondents.map((r) => (r.code === saved.code ? saved : r));
        replaceContent(linked, linkedTable(respondents));
      });
      replaceContent(body, form, linked);
    } catch (error) {
      replaceContent(body);
      status.error(error);
    }
  })();
  return card(t('rounds.link.heading'), h('p', { class: 'hint' }, t('rounds.link.intro')), status.element, body);
}
