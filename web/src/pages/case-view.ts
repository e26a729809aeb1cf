// One case. The competent authority's staff see the whole case (identity apart, which is shown
// only on request and audited) and the forms to act on it; the referring organisation sees the
// status of its referral. People and organisations are named from the directory where the user
// may read it (nrm-names.ts). The forms live in case-actions.ts, the assistance plan in
// case-services.ts.
import { ApiError } from '../api';
import { formatAmount } from '../amounts';
import { h, replaceContent, type Child } from '../dom';
import { fetchCase, fetchCaseIdentity } from '../endpoints';
import { StatusRegion, actionButton, runBusy } from '../forms';
import { language, t, type MessageKey } from '../i18n';
import { loadVocabularies } from '../session';
import type { CaseDecision, CaseRecord, NrmVocabularies, ServiceStatus, TimelineEntry } from '../types';
import { caseActions } from './case-actions';
import { CaseChanger } from './case-changes';
import { protectionCard, tasksCard } from './case-protection';
import { servicesCard } from './case-services';
import { card, dataTable, loadingNote, page } from './common';
import {
  caseNumber,
  childSituationFlag,
  countryLabel,
  dateElement,
  deadlineList,
  facts,
  kindLabel,
  statusLabel,
  term,
  termList,
  timeElement,
  serviceStatusBadge,
  sharedFieldLabel,
  yesNo,
} from './nrm-common';
import { Names } from './nrm-names';

/** What drawing the case needs besides the case: its vocabularies and names. */
interface CaseContext {
  vocabularies: NrmVocabularies;
  names: Names;
}

/** The whole case is shown: the server sent more than the status. */
export function isFullView(record: CaseRecord): boolean {
  return record.kind !== undefined;
}

function notRecorded(): HTMLElement {
  return h('span', { class: 'muted' }, t('case.notRecorded'));
}

function identityCard(record: CaseRecord): HTMLElement {
  if (!record.has_identity) {
    return card(t('identity.title'), h('p', {}, t(record.identity_erased ? 'identity.erased' : 'identity.anonymous')));
  }
  const status = new StatusRegion();
  const slot = h('div', { class: 'identity-slot' });
  const body = h('div', {});
  const hide = (): void => {
    replaceContent(slot);
    drawButton();
  };
  const show = (): void =>
    void runBusy(body, status, async () => {
      const identity = await fetchCaseIdentity(record.case_id);
      // Kept in the page only; never stored. Hiding it removes it from the page.
      replaceContent(
        slot,
        facts([
          [t('identity.givenName'), identity.given_name || notRecorded()],
          [t('identity.familyName'), identity.family_name || notRecorded()],
          [t('identity.dateOfBirth'), identity.date_of_birth ? dateElement(identity.date_of_birth) : notRecorded()],
        ]),
        actionButton(t('identity.hide'), hide),
      );
      slot.querySelector<HTMLElement>('button')?.focus();
      buttonRow.hidden = true;
    });
  const buttonRow = h('div', { class: 'buttons' }, actionButton(t('identity.show'), show, 'secondary'));
  const drawButton = (): void => {
    buttonRow.hidden = false;
    buttonRow.querySelector('button')?.focus();
  };
  replaceContent(body, h('p', { class: 'audit-note' }, t('identity.auditNote')), status.element, buttonRow, slot);
  return card(t('identity.title'), body);
}

function reflectionBox(record: CaseRecord): HTMLElement | null {
  const reflection = record.reflection;
  if (!reflection) return null;
  const extended = reflection.extensions.reduce((sum, extension) => sum + extension.days, 0);
  return h(
    'section',
    { class: 'reflection', attrs: { 'aria-labelledby': 'reflection-heading' } },
    h('h2', { attrs: { id: 'reflection-heading' } }, t('reflection.title')),
    h('p', { class: 'reflection-end' }, t('reflection.ends'), ' ', h('strong', { attrs: { 'data-reflection-end': reflection.end } }, dateElement(reflection.end))),
    facts([
      [t('reflection.start'), dateElement(reflection.start)],
      [t('reflection.minimumEnd'), dateElement(reflection.minimum_end)],
      [t('reflection.extensions'), reflection.extensions.length ? t('reflection.extendedBy', { count: reflection.extensions.length, days: extended }) : t('reflection.notExtended')],
    ]),
  );
}

function ageAssessment(child: boolean | null): string {
  if (child === null) return t('case.notYet');
  return t(child ? 'case.assessedChild' : 'case.assessedAdult');
}

function summaryCard(record: CaseRecord, { vocabularies, names }: CaseContext): HTMLElement {
  return card(
    t('case.summary'),
    facts([
      [t('case.kind'), kindLabel(record.kind)],
      [t('case.status'), statusLabel(vocabularies, record.status)],
      [t('case.traffickingStatus'), record.trafficking_status ? term(vocabularies, 'trafficking_statuses', record.trafficking_status) : null],
      [t('case.referredOn'), dateElement(record.referred_on)],
      [t('case.referringOrganisation'), record.referring_organisation_id === undefined ? null : names.organisation(record.referring_organisation_id)],
      [t('case.child'), yesNo(record.is_child)],
      [
        t('case.childSituation'),
        record.is_child ? (record.child_situation ? h('span', {}, term(vocabularies, 'child_situations', record.child_situation), ' ', childSituationFlag(record.child_situation)) : t('case.notRecorded')) : null,
      ],
      [
        t('case.ageAssessment'),
        record.age_assessed_child === undefined || (!record.is_child && record.age_assessed_child === null)
          ? null
          : ageAssessment(record.age_assessed_child),
      ],
      [
        t('case.bestInterests'),
        record.best_interests_assessed_on === undefined || !record.is_child
          ? null
          : record.best_interests_assessed_on
            ? dateElement(record.best_interests_assessed_on)
            : t('case.notYet'),
      ],
      [t('case.policeCooperation'), record.cooperates_with_police === undefined ? null : yesNo(record.cooperates_with_police)],
      [t('case.assignedCaseWorker'), record.assigned_case_worker === undefined ? null : names.person(record.assigned_case_worker)],
      [t('case.assignedDecisionMaker'), record.assigned_decision_maker === undefined ? null : names.person(record.assigned_decision_maker)],
      [
        t('case.guardian'),
        record.guardian === undefined
          ? null
          : record.guardian
            ? h('span', {}, names.person(record.guardian.user_id), ' · ', t('case.appointedOn'), ' ', dateElement(record.guardian.appointed_on))
            : t('case.noGuardian'),
      ],
    ]),
  );
}

function personCard(record: CaseRecord, vocabularies: NrmVocabularies): HTMLElement {
  return card(
    t('case.person'),
    facts([
      [t('case.sex'), record.sex ? term(vocabularies, 'genders', record.sex) : notRecorded()],
      [t('case.ageBand'), record.age_band ? term(vocabularies, 'age_bands', record.age_band) : notRecorded()],
      [t('case.citizenship'), countryLabel(record.citizenship)],
      [
        t('case.consent'),
        record.consent?.explained_by
          ? t('case.consentGiven', { by: record.consent.explained_by, language: record.consent.language })
          : t(record.is_child ? 'case.consentChild' : 'case.consentNone'),
      ],
    ]),
  );
}

function whatHappenedCard(record: CaseRecord, vocabularies: NrmVocabularies): HTMLElement {
  return card(
    t('case.whatHappened'),
    facts([
      [t('case.exploitation'), termList(vocabularies, 'exploitation_types', record.exploitation_types)],
      [t('case.countryOfExploitation'), countryLabel(record.country_of_exploitation)],
      [t('case.indicators'), termList(vocabularies, 'indicators', record.indicators)],
      [t('case.needs'), termList(vocabularies, 'immediate_needs', record.needs)],
    ]),
  );
}

function decisionsCard(record: CaseRecord, { vocabularies, names }: CaseContext): HTMLElement | null {
  const decisions = record.decisions;
  if (!decisions) return null;
  const table =
    decisions.length === 0
      ? h('p', { class: 'muted' }, t('decisions.none'))
      : dataTable<CaseDecision>(t('decisions.title'), [
          { header: t('decisions.number'), cell: (row) => String(row.index + 1) },
          { header: t('decisions.kind'), cell: (row) => term(vocabularies, 'decision_kinds', row.kind) },
          { header: t('decisions.outcome'), cell: (row) => h('span', { class: `outcome outcome-${row.outcome}` }, term(vocabularies, 'decision_outcomes', row.outcome)) },
          { header: t('decisions.date'), cell: (row) => dateElement(row.decided_on) },
          { header: t('decisions.by'), cell: (row) => names.person(row.user_id, row.organisation_id) },
        ], decisions);
  const reviews = record.review_requests ?? [];
  const reviewList =
    reviews.length === 0
      ? null
      : h(
          'div',
          {},
          h('h3', {}, t('reviews.title')),
          h(
            'ul',
            { class: 'plain-list' },
            ...reviews.map((review) =>
              h(
                'li',
                {},
                t('reviews.item', {
                  number: review.decision + 1,
                  requester: term(vocabularies, 'review_requesters', review.requester),
                }),
                ' ',
                dateElement(review.requested_on),
                ' · ',
                t(review.answered ? 'reviews.answered' : 'reviews.pending'),
              ),
            ),
          ),
        );
  return card(t('decisions.title'), table, reviewList);
}

function closuresCard(record: CaseRecord, vocabularies: NrmVocabularies): HTMLElement | null {
  const closures = record.closures;
  if (!closures || closures.length === 0) return null;
  return card(
    t('closures.title'),
    h(
      'ul',
      { class: 'plain-list' },
      ...closures.map((closure) =>
        h(
          'li',
          {},
          t('closures.closedOn'),
          ' ',
          dateElement(closure.closed_on),
          ': ',
          term(vocabularies, 'closure_reasons', closure.reason),
          closure.reopened_on ? h('span', {}, ' · ', t('closures.reopenedOn'), ' ', dateElement(closure.reopened_on)) : null,
        ),
      ),
    ),
  );
}

const TIMELINE_KINDS: Record<string, MessageKey> = {
  referral: 'timeline.kind.referral',
  decision: 'timeline.kind.decision',
  review_request: 'timeline.kind.review_request',
  reflection_extension: 'timeline.kind.reflection_extension',
  guardian_appointment: 'timeline.kind.guardian_appointment',
  age_assessment: 'timeline.kind.age_assessment',
  best_interests_assessment: 'timeline.kind.best_interests_assessment',
  police_cooperation: 'timeline.kind.police_cooperation',
  closure: 'timeline.kind.closure',
  reopening: 'timeline.kind.reopening',
  note: 'timeline.kind.note',
  assignment: 'timeline.kind.assignment',
  service_referral: 'timeline.kind.service_referral',
  service_answer: 'timeline.kind.service_answer',
  service_delivery: 'timeline.kind.service_delivery',
  service_withdrawal: 'timeline.kind.service_withdrawal',
  legal_step: 'timeline.kind.legal_step',
  return: 'timeline.kind.return',
  follow_up: 'timeline.kind.follow_up',
  task: 'timeline.kind.task',
  task_done: 'timeline.kind.task_done',
};

function timelineKind(kind: string): string {
  const key = TIMELINE_KINDS[kind];
  return key ? t(key) : kind.replace(/_/g, ' ');
}

type DetailValue = string | number | boolean | null | string[];

const userId = (value: DetailValue): number | null => (typeof value === 'number' ? value : null);

type DetailField = [MessageKey | null, (value: DetailValue, context: CaseContext) => Child];

/** How each known field of an entry's detail is shown, and named (no name where the value speaks for itself). */
const DETAIL_FIELDS: Record<string, DetailField> = {
  index: [null, (value) => t('detail.decisionNumber', { number: Number(value) + 1 })],
  kind: [null, (value, c) => term(c.vocabularies, 'decision_kinds', String(value))],
  outcome: [null, (value, c) => term(c.vocabularies, 'decision_outcomes', String(value))],
  reason: [null, (value, c) => term(c.vocabularies, 'closure_reasons', String(value))],
  requester: ['detail.requester', (value, c) => term(c.vocabularies, 'review_requesters', String(value))],
  decision: ['detail.decision', (value) => t('detail.decisionNumber', { number: Number(value) + 1 })],
  reviews: ['detail.reviews', (value) => t('detail.decisionNumber', { number: Number(value) + 1 })],
  days: ['detail.days', (value) => String(value)],
  is_child: ['detail.isChild', (value) => yesNo(value === true)],
  cooperates: ['detail.cooperates', (value) => yesNo(value === true)],
  user_id: ['detail.user', (value, c) => c.names.person(userId(value))],
  case_worker_id: ['detail.caseWorker', (value, c) => c.names.person(userId(value))],
  decision_maker_id: ['detail.decisionMaker', (value, c) => c.names.person(userId(value))],
  guardian_cosigned_by: ['detail.cosignedBy', (value, c) => c.names.person(userId(value))],
  service_id: [null, (value) => t('detail.serviceNumber', { number: Number(value) })],
  type: [null, (value, c) => term(c.vocabularies, 'service_types', String(value))],
  provider_org: ['detail.provider', (value, c) => c.names.organisation(Number(value))],
  status: [null, (value) => serviceStatusBadge(String(value) as ServiceStatus)],
  shared_fields: ['detail.sharedFields', (value) => (Array.isArray(value) ? value.map(sharedFieldLabel).join(', ') : '')],
  lawful_ground_recorded: ['detail.lawfulGround', (value) => yesNo(value === true)],
};

/** Fields whose meaning depends on the kind of entry: a legal step's kind is not a decision's. */
const DETAIL_FIELDS_BY_KIND: Record<string, Record<string, DetailField>> = {
  legal_step: {
    kind: [null, (value, c) => term(c.vocabularies, 'legal_step_kinds', String(value))],
    outcome: [null, (value, c) => term(c.vocabularies, 'legal_step_outcomes', String(value))],
    amount: ['detail.amount', (value) => formatAmount(Number(value), language())],
    refoulement_risk: ['detail.refoulementRisk', (value) => yesNo(value === true)],
  },
  return: {
    country: [null, (value) => countryLabel(String(value))],
    risk: ['detail.risk', (value, c) => term(c.vocabularies, 'return_risks', String(value))],
    receiving_organisation: ['detail.receivingOrganisation', (value) => String(value)],
  },
  follow_up: {
    reached: ['detail.reached', (value) => yesNo(value === true)],
    re_trafficked: ['detail.reTrafficked', (value) => yesNo(value === true)],
  },
  task: {
    task_id: [null, (value) => t('detail.taskNumber', { number: Number(value) })],
    owner_id: ['detail.owner', (value, c) => c.names.person(userId(value))],
  },
  task_done: {
    task_id: [null, (value) => t('detail.taskNumber', { number: Number(value) })],
  },
};

const isDetailValue = (value: unknown): value is DetailValue =>
  value === null ||
  ['string', 'number', 'boolean'].includes(typeof value) ||
  (Array.isArray(value) && value.every((item) => typeof item === 'string'));

/** The detail of an entry, field by field; dates are shown as dates, unknown fields as they are. */
function detailParts(kind: string, detail: Record<string, unknown> | undefined, context: CaseContext): Child[] {
  if (!detail || typeof detail !== 'object') return [];
  const parts: Child[] = [];
  const ofKind = DETAIL_FIELDS_BY_KIND[kind] ?? {};
  for (const [name, value] of Object.entries(detail)) {
    if (!isDetailValue(value)) continue;
    const known = Object.hasOwn(ofKind, name) ? ofKind[name] : DETAIL_FIELDS[name];
    let shown: Child;
    if (known) shown = known[0] ? h('span', {}, `${t(known[0])}: `, known[1](value, context)) : h('span', {}, known[1](value, context));
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) shown = dateElement(value);
    else if (value === null || Array.isArray(value)) continue;
    else shown = `${name.replace(/_/g, ' ')}: ${String(value)}`;
    if (parts.length) parts.push(' · ');
    parts.push(shown);
  }
  return parts;
}

function timelineCard(record: CaseRecord, context: CaseContext): HTMLElement | null {
  const entries = record.timeline;
  if (!entries) return null;
  if (entries.length === 0) return card(t('timeline.title'), h('p', { class: 'muted' }, t('timeline.none')));
  return card(
    t('timeline.title'),
    h(
      'ol',
      { class: 'timeline' },
      ...entries.map((entry: TimelineEntry) => {
        const detail = detailParts(entry.kind, entry.detail, context);
        return h(
          'li',
          { attrs: { 'data-kind': entry.kind } },
          h('p', { class: 'timeline-head' }, timeElement(entry.at), ' · ', h('strong', {}, timelineKind(entry.kind)), ' · ', context.names.person(entry.user_id, entry.organisation_id)),
          detail.length ? h('p', { class: 'timeline-detail' }, ...detail) : null,
          entry.note ? h('p', { class: 'timeline-note' }, entry.note) : null,
        );
      }),
    ),
  );
}

function duplicatesNotice(record: CaseRecord): HTMLElement | null {
  const count = record.possible_duplicates ?? 0;
  if (count === 0) return null;
  return h('div', { class: 'warning', attrs: { role: 'note', 'data-notice': 'duplicates' } }, h('p', {}, t('case.duplicates', { count })));
}

/** The cards drawn from the changer's case: the assistance plan and the tasks. */
interface WorkCards {
  plan: HTMLElement | null;
  tasks: HTMLElement | null;
}

/** Everything about the case except the forms; drawn again after each change. */
function caseDetails(record: CaseRecord, context: CaseContext, { plan, tasks }: WorkCards): Child[] {
  const { vocabularies } = context;
  return [
    duplicatesNotice(record),
    reflectionBox(record),
    record.deadlines ? card(t('deadline.title'), deadlineList(record.deadlines)) : null,
    tasks,
    summaryCard(record, context),
    identityCard(record),
    personCard(record, vocabularies),
    whatHappenedCard(record, vocabularies),
    decisionsCard(record, context),
    plan,
    protectionCard(record, vocabularies),
    closuresCard(record, vocabularies),
    timelineCard(record, context),
  ];
}

function statusOnly(record: CaseRecord, vocabularies: NrmVocabularies): HTMLElement {
  return card(
    t('case.referralStatus'),
    facts([
      [t('case.status'), statusLabel(vocabularies, record.status)],
      [t('case.referredOn'), dateElement(record.referred_on)],
    ]),
    h('p', { class: 'muted' }, t('case.statusOnlyNote')),
  );
}

async function drawCase(id: number, slot: HTMLElement, status: StatusRegion): Promise<void> {
  const [vocabularies, record, names] = await Promise.all([loadVocabularies(), fetchCase(id), Names.load()]);
  const nrm = vocabularies.nrm;
  if (!isFullView(record)) {
    replaceContent(slot, statusOnly(record, nrm));
    return;
  }
  const context: CaseContext = { vocabularies: nrm, names };
  const changer = new CaseChanger(record);
  // Kept across redrawing, so that the result of a withdrawal or a task done stays announced.
  const planStatus = new StatusRegion();
  const taskStatus = new StatusRegion();
  const details = h('div', { class: 'case-details' });
  const draw = (current: CaseRecord): void =>
    replaceContent(
      details,
      ...caseDetails(current, context, {
        plan: servicesCard(current, nrm, names, changer, planStatus),
        tasks: tasksCard(current, names, changer, taskStatus),
      }),
    );
  changer.onChange(draw);
  draw(record);
  const actions = caseActions(changer, nrm, names);
  replaceContent(slot, details, actions);
  status.clear();
}

export function casePage(param: string): HTMLElement {
  const id = /^\d+$/.test(param) ? Number(param) : NaN;
  const status = new StatusRegion();
  const slot = h('div', {}, loadingNote());
  if (Number.isNaN(id)) {
    replaceContent(slot);
    status.invalid(t('case.notFound'));
  } else {
    drawCase(id, slot, status).catch((error: unknown) => {
      replaceContent(slot);
      if (error instanceof ApiError && error.status === 404) status.invalid(t('case.notFound'));
      else status.error(error);
    });
  }
  return page(Number.isNaN(id) ? t('case.titleUnknown') : caseNumber(id), status.element, slot);
}
