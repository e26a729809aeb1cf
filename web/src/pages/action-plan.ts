// The national action plan, for the national co-ordinator (Action Plan VI.2): the plan and its
// period, measures linked to commitments of the compendium, indicators whose frequency sets
// when progress is reported, progress reports, what is overdue, and how much of the
// compendium the plan covers, by pillar (with a bar chart) and by responsible body. A new
// period starts from the previous plan, which stays as it was.
import { h, replaceContent, type Child } from '../dom';
import {
  addPlanIndicator,
  addPlanMeasure,
  addProgressReport,
  createActionPlan,
  fetchActionPlan,
  fetchPlanCoverage,
  fetchPlanOverdue,
  listActionPlans,
  startNextPlanPeriod,
} from '../endpoints';
import { StatusRegion, handleSubmit, inputField, selectField, submitButton, textAreaField, type LabelledInput } from '../forms';
import { t } from '../i18n';
import { splitList } from '../monitoring-logic';
import { currentQuery, href, navigate, pathWithQuery } from '../router';
import type { ActionPlan, OverdueEntry, PlanCoverage, PlanMeasure, PlanOverdue } from '../types';
import { card, dataTable, loadingNote, page } from './common';
import { provisionPath } from './corpus-common';
import { ACTION_PLAN_PATH, barChart, labelOf, pillarLabel, progressBadge } from './monitoring-common';

const STATUSES = ['not_started', 'in_progress', 'completed', 'delayed', 'discontinued'];
const FREQUENCIES = ['once', 'monthly', 'quarterly', 'half_yearly', 'yearly'];

const planPath = (id: number): string => pathWithQuery(ACTION_PLAN_PATH, { plan: String(id) });

function periodFields(): { title: LabelledInput; start: LabelledInput; end: LabelledInput } {
  return {
    title: inputField({ label: t('nap.planTitle'), name: 'title', required: true, maxLength: 300 }),
    start: inputField({ label: t('nap.periodStart'), name: 'period_start', type: 'date', required: true }),
    end: inputField({ label: t('nap.periodEnd'), name: 'period_end', type: 'date', required: true }),
  };
}

function newPlanForm(status: StatusRegion): HTMLElement {
  const fields = periodFields();
  const form = h('form', { class: 'stack' }, fields.title.row, fields.start.row, fields.end.row, submitButton(t('nap.create')));
  handleSubmit(form, status, async () => {
    const plan = await createActionPlan(fields.title.input.value, fields.start.input.value, fields.end.input.value);
    navigate(planPath(plan.id));
  });
  return card(t('nap.newTitle'), form);
}

function planList(plans: readonly ActionPlan[], current: number): HTMLElement {
  return h(
    'ul',
    { class: 'plain' },
    ...plans.map((plan) =>
      h(
        'li',
        {},
        h('a', { attrs: { href: href(planPath(plan.id)), 'aria-current': plan.id === current ? 'page' : undefined } }, plan.title),
        ` (${plan.period_start} – ${plan.period_end})`,
        plan.superseded ? h('span', { class: 'badge off' }, t('nap.superseded')) : null,
      ),
    ),
  );
}

function measureTable(measures: readonly PlanMeasure[]): HTMLElement {
  return dataTable<PlanMeasure>(
    t('nap.measures'),
    [
      { header: t('nap.measure'), cell: (m) => m.title },
      { header: t('nap.bodies'), cell: (m) => m.bodies.join(', ') },
      {
        header: t('nap.provisions'),
        cell: (m) => h('span', {}, ...m.provisions.flatMap((id, i) => [i > 0 ? ', ' : '', h('a', { attrs: { href: href(provisionPath(id)) } }, id)])),
      },
      { header: t('nap.dueOn'), cell: (m) => m.due_on },
      { header: t('nap.status'), cell: (m) => progressBadge(m.status) },
      {
        header: t('nap.indicators'),
        cell: (m) =>
          h(
            'ul',
            { class: 'plain' },
            ...m.indicators.map((indicator) => {
              const next = indicator.schedule.find((slot) => slot.urgency !== 'filed');
              return h(
                'li',
                {},
                `${indicator.name} (${labelOf('nap.frequency', indicator.frequency)}) `,
                progressBadge(indicator.status),
                next ? h('span', { class: `badge urgency-${next.urgency}` }, `${labelOf('nap.urgency', next.urgency)} ${next.due_on}`) : null,
              );
            }),
          ),
      },
    ],
    measures,
  );
}

function measureForm(plan: ActionPlan, status: StatusRegion, done: () => void): HTMLElement {
  const title = inputField({ label: t('nap.measure'), name: 'title', required: true, maxLength: 300 });
  const bodies = inputField({ label: t('nap.bodies'), name: 'bodies', required: true, hint: t('nap.listHint') });
  const partners = inputField({ label: t('nap.partners'), name: 'partners', hint: t('nap.listHint') });
  const provisions = inputField({ label: t('nap.provisions'), name: 'provisions', required: true, hint: t('nap.provisionsHint') });
  const budget = inputField({ label: t('nap.budget'), name: 'budget', type: 'number', min: 0 });
  const currency = inputField({ label: t('nap.currency'), name: 'currency', maxLength: 3, hint: t('nap.currencyHint') });
  const start = inputField({ label: t('nap.startOn'), name: 'start_on', type: 'date', required: true, value: plan.period_start });
  const due = inputField({ label: t('nap.dueOn'), name: 'due_on', type: 'date', required: true, value: plan.period_end });
  const form = h(
    'form',
    { class: 'stack' },
    title.row, bodies.row, partners.row, provisions.row, budget.row, currency.row, start.row, due.row,
    submitButton(t('nap.addMeasure')),
  );
  handleSubmit(form, status, async () => {
    const amount = budget.input.value.trim();
    await addPlanMeasure(plan.id, {
      title: title.input.value,
      bodies: splitList(bodies.input.value),
      partners: splitList(partners.input.value),
      provisions: splitList(provisions.input.value),
      ...(amount ? { budget: Number(amount), currency: currency.input.value.trim().toUpperCase() } : {}),
      start_on: start.input.value,
      due_on: due.input.value,
    });
    status.success(t('nap.measureAdded'));
    done();
  });
  return card(t('nap.addMeasure'), form);
}

function indicatorForm(plan: ActionPlan, measures: readonly PlanMeasure[], status: StatusRegion, done: () => void): HTMLElement {
  const measure = selectField(t('nap.measure'), 'measure_id', measures.map((m) => ({ value: String(m.id), label: m.title })));
  const name = inputField({ label: t('nap.indicator'), name: 'name', required: true, maxLength: 300 });
  const unit = inputField({ label: t('nap.unit'), name: 'unit', maxLength: 100 });
  const target = inputField({ label: t('nap.target'), name: 'target', type: 'number' });
  const frequency = selectField(t('nap.frequencyLabel'), 'frequency', FREQUENCIES.map((f) => ({ value: f, label: labelOf('nap.frequency', f) })));
  const form = h('form', { class: 'stack' }, measure.row, name.row, unit.row, target.row, frequency.row, submitButton(t('nap.addIndicator')));
  handleSubmit(form, status, async () => {
    const value = target.input.value.trim();
    await addPlanIndicator(plan.id, {
      measure_id: Number(measure.select.value),
      name: name.input.value,
      unit: unit.input.value,
      ...(value ? { target: Number(value) } : {}),
      frequency: frequency.select.value,
    });
    status.success(t('nap.indicatorAdded'));
    done();
  });
  return card(t('nap.addIndicator'), form);
}

function reportForm(plan: ActionPlan, measures: readonly PlanMeasure[], status: StatusRegion, done: () => void): HTMLElement {
  const indicators = measures.flatMap((m) => m.indicators.map((indicator) => ({ measure: m, indicator })));
  const indicator = selectField(t('nap.indicator'), 'indicator_id', indicators.map(({ measure, indicator: i }) => ({ value: String(i.id), label: `${measure.title}: ${i.name}` })));
  const due = selectField(t('nap.reportFor'), 'due_on', []);
  const fillDates = (): void => {
    const chosen = indicators.find(({ indicator: i }) => String(i.id) === indicator.select.value)?.indicator;
    replaceContent(
      due.select,
      ...(chosen?.schedule ?? []).map((slot) => h('option', { attrs: { value: slot.due_on } }, `${slot.due_on} (${labelOf('nap.urgency', slot.urgency)})`)),
    );
    const firstOpen = chosen?.schedule.find((slot) => slot.urgency !== 'filed');
    if (firstOpen) due.select.value = firstOpen.due_on;
  };
  indicator.select.addEventListener('change', fillDates);
  fillDates();
  const state = selectField(t('nap.status'), 'status', STATUSES.map((s) => ({ value: s, label: labelOf('nap.status', s) })));
  const value = inputField({ label: t('nap.value'), name: 'value', type: 'number' });
  const evidence = inputField({ label: t('nap.evidence'), name: 'evidence', hint: t('nap.evidenceHint') });
  const note = textAreaField({ label: t('nap.note'), name: 'note', maxLength: 4000, rows: 3 });
  const form = h('form', { class: 'stack' }, indicator.row, due.row, state.row, value.row, evidence.row, note.row, submitButton(t('nap.report')));
  handleSubmit(form, status, async () => {
    const number = value.input.value.trim();
    await addProgressReport(plan.id, {
      indicator_id: Number(indicator.select.value),
      due_on: due.select.value,
      status: state.select.value,
      ...(number ? { value: Number(number) } : {}),
      evidence: splitList(evidence.input.value),
      note: note.textarea.value,
    });
    status.success(t('nap.reported'));
    done();
  });
  return card(t('nap.reportTitle'), indicators.length ? form : h('p', { class: 'muted' }, t('nap.noIndicators')));
}

function overdueList(entries: readonly OverdueEntry[], empty: string): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'muted' }, empty);
  return h('ul', { class: 'plain' }, ...entries.map((e) => h('li', {}, h('strong', {}, e.due_on), ` ${e.measure}: ${e.indicator} (${e.bodies.join(', ')})`)));
}

function overdueCard(overdue: PlanOverdue): HTMLElement {
  return card(
    t('nap.overdueTitle'),
    h('h3', {}, t('nap.overdueReports')),
    overdueList(overdue.overdue_reports, t('nap.nothingOverdue')),
    h('h3', {}, t('nap.dueSoon')),
    overdueList(overdue.due_soon, t('nap.nothingDueSoon')),
    h('h3', {}, t('nap.overdueMeasures')),
    overdue.overdue_measures.length
      ? h('ul', { class: 'plain' }, ...overdue.overdue_measures.map((m) => h('li', {}, h('strong', {}, m.due_on), ` ${m.title} `, progressBadge(m.status))))
      : h('p', { class: 'muted' }, t('nap.nothingOverdue')),
  );
}

function coverageCard(coverage: PlanCoverage): HTMLElement {
  const pct = Math.round(coverage.share * 100);
  const bars = coverage.by_pillar.map((p) => ({ label: p.key, value: p.covered, total: p.total }));
  const pillarTable = dataTable(
    t('nap.coverageByPillar'),
    [
      { header: t('nap.pillar'), cell: (row: (typeof coverage.by_pillar)[number]) => pillarLabel(row.key) },
      { header: t('nap.covered'), cell: (row) => row.covered },
      { header: t('nap.total'), cell: (row) => row.total },
    ],
    coverage.by_pillar,
  );
  const bodyTable = dataTable(
    t('nap.progressByBody'),
    [
      { header: t('nap.bodies'), cell: (row: (typeof coverage.progress_by_body)[number]) => row.key },
      { header: t('nap.measures'), cell: (row) => row.measures },
      ...STATUSES.map((s) => ({ header: labelOf('nap.status', s), cell: (row: (typeof coverage.progress_by_body)[number]) => row.by_status[s as keyof typeof row.by_status] ?? 0 })),
    ],
    coverage.progress_by_body,
  );
  const uncovered: Child[] = coverage.uncovered.slice(0, 50).flatMap((p, i) => [i > 0 ? ', ' : '', h('a', { attrs: { href: href(provisionPath(p.id)) } }, p.id)]);
  return card(
    t('nap.coverageTitle'),
    h('p', { class: 'lead' }, t('nap.coverageSummary', { covered: coverage.covered, total: coverage.total, share: pct })),
    barChart(t('nap.coverageChart'), bars, pillarLabel),
    pillarTable,
    bodyTable,
    h('h3', {}, t('nap.uncovered', { count: coverage.uncovered.length })),
    h('p', {}, ...uncovered, coverage.uncovered.length > 50 ? ' …' : ''),
  );
}

function nextPeriodForm(plan: ActionPlan, status: StatusRegion): HTMLElement {
  const fields = periodFields();
  const form = h('form', { class: 'stack' }, h('p', { class: 'hint' }, t('nap.nextHint')), fields.title.row, fields.start.row, fields.end.row, submitButton(t('nap.nextPeriod')));
  handleSubmit(form, status, async () => {
    const next = await startNextPlanPeriod(plan.id, fields.title.input.value, fields.start.input.value, fields.end.input.value);
    navigate(planPath(next.id));
  });
  return card(t('nap.nextPeriod'), form);
}

async function drawPlan(slot: HTMLElement, id: number, status: StatusRegion): Promise<void> {
  const [plan, coverage, overdue] = await Promise.all([fetchActionPlan(id), fetchPlanCoverage(id), fetchPlanOverdue(id)]);
  const measures = plan.measures ?? [];
  const redraw = (): void => void drawPlan(slot, id, status).catch((error: unknown) => status.error(error));
  const open = !plan.superseded;
  replaceContent(
    slot,
    h('h2', {}, plan.title),
    h('p', {}, t('nap.period', { start: plan.period_start, end: plan.period_end })),
    plan.superseded ? h('p', { class: 'status info' }, t('nap.supersededNote')) : null,
    card(t('nap.measures'), measures.length ? measureTable(measures) : h('p', { class: 'muted' }, t('nap.noMeasures'))),
    overdueCard(overdue),
    coverageCard(coverage),
    open ? measureForm(plan, status, redraw) : null,
    open && measures.length ? indicatorForm(plan, measures, status, redraw) : null,
    open ? reportForm(plan, measures, status, redraw) : null,
    open ? nextPeriodForm(plan, status) : null,
  );
}

export function actionPlanPage(): HTMLElement {
  const status = new StatusRegion();
  const list = h('div', {}, loadingNote());
  const slot = h('div', {});
  void (async () => {
    try {
      const plans = (await listActionPlans()).items;
      const wanted = Number(currentQuery().get('plan'));
      const chosen =
        plans.find((p) => p.id === wanted) ?? [...plans].reverse().find((p) => !p.superseded) ?? plans[plans.length - 1];
      replaceContent(list, plans.length ? planList(plans, chosen?.id ?? 0) : h('p', { class: 'muted' }, t('nap.none')));
      if (chosen) await drawPlan(slot, chosen.id, status);
    } catch (error) {
      replaceContent(list);
      status.error(error);
    }
  })();
  return page(t('nap.title'), h('p', { class: 'lead' }, t('nap.intro')), status.element, card(t('nap.plans'), list), slot, newPlanForm(status));
}
