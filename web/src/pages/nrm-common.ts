// Pieces the National Referral Mechanism's pages share: vocabulary labels, dates, links to
// cases and the list of deadlines.
import { countries, countryName } from '../countries';
import { h, type Child } from '../dom';
import type { SelectOption } from '../forms';
import { language, t, termLabel, type MessageKey } from '../i18n';
import { href } from '../router';
import type { Deadline, NrmVocabularies, NrmVocabularyName, ReferralKind, ServiceStatus, Term } from '../types';

export const CASES_PATH = '/cases';
export const CASE_PREFIX = '/cases/';
export const MY_CASES_PATH = '/my-cases';
export const NEW_REFERRAL_PATH = '/referrals/new';
export const SERVICES_PATH = '/services';
export const SERVICE_PREFIX = '/services/';

export const casePath = (id: number): string => `${CASE_PREFIX}${id}`;
export const servicePath = (id: number): string => `${SERVICE_PREFIX}${id}`;

/** The case number as users see and quote it. */
export const caseNumber = (id: number): string => t('case.number', { id });

export function caseLink(id: number): HTMLAnchorElement {
  return h('a', { attrs: { href: href(casePath(id)) } }, caseNumber(id));
}

/**
 * A term's label in the reader's language: the deployment's own, then Lifeline's translation,
 * then the label the server sent.
 */
function labelOf(name: NrmVocabularyName, id: string, entry: Term | undefined): string {
  return entry?.labels?.[language()] ?? termLabel(name, id, entry?.label);
}

/** The label of a term in the reader's language. */
export function term(vocabularies: NrmVocabularies, name: NrmVocabularyName, id: string): string {
  return labelOf(name, id, vocabularies[name].find((entry) => entry.id === id));
}

export function termOptions(vocabularies: NrmVocabularies, name: NrmVocabularyName): SelectOption[] {
  return vocabularies[name].map((entry) => ({ value: entry.id, label: labelOf(name, entry.id, entry) }));
}

export function termList(vocabularies: NrmVocabularies, name: NrmVocabularyName, ids: readonly string[] | undefined): Child {
  if (!ids || ids.length === 0) return h('span', { class: 'muted' }, t('case.noneRecorded'));
  return h('ul', { class: 'plain-list' }, ...ids.map((id) => h('li', {}, term(vocabularies, name, id))));
}

export function kindLabel(kind: ReferralKind | undefined): string {
  if (kind === 'identified') return t('referral.kind.identified');
  if (kind === 'anonymous_notification') return t('referral.kind.anonymous_notification');
  return kind ?? '';
}

/** The case's own status ("open", "closed"), else a term of the HTCDS case statuses. */
export function statusLabel(vocabularies: NrmVocabularies | null, status: string): string {
  const key = `case.status.${status}`;
  if (key === 'case.status.open' || key === 'case.status.closed') return t(key);
  return vocabularies ? term(vocabularies, 'case_statuses', status) : termLabel('case_statuses', status);
}

/** Whether a child is unaccompanied or separated, as a flag that stands out; nothing otherwise. */
export function childSituationFlag(situation: string | null | undefined): HTMLElement | null {
  if (situation !== 'unaccompanied' && situation !== 'separated') return null;
  return h('span', { class: 'badge child-flag', attrs: { 'data-child-situation': situation } }, t(`childSituation.flag.${situation}`));
}

export function yesNo(value: boolean | undefined): string {
  return value ? t('common.yes') : t('common.no');
}

/** Every country as a choice, named in the reader's language. */
export function countryOptions(): SelectOption[] {
  return countries(language()).map((country) => ({ value: country.code, label: country.name }));
}

export function countryLabel(code: string | undefined): Child {
  if (!code) return h('span', { class: 'muted' }, t('case.notRecorded'));
  return `${countryName(code, language())} (${code})`;
}

/** An ISO date ("2025-03-14") for people, in the reader's language; the date is not moved by time zones. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language(), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A <time> element: readable text, machine-readable datetime. */
export function dateElement(iso: string): HTMLTimeElement {
  return h('time', { attrs: { datetime: iso } }, formatDate(iso));
}

/** A moment given in Unix seconds, in the reader's time zone. */
export function timeElement(unixSeconds: number): HTMLTimeElement {
  const date = new Date(unixSeconds * 1000);
  const text = new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  return h('time', { attrs: { datetime: date.toISOString() } }, text);
}

const DEADLINE_STATUS: Record<string, MessageKey> = {
  overdue: 'deadline.status.overdue',
  due_today: 'deadline.status.due_today',
  due_soon: 'deadline.status.due_soon',
  upcoming: 'deadline.status.upcoming',
  met: 'deadline.status.met',
};

const DEADLINE_WHAT: Record<string, MessageKey> = {
  'reasonable-grounds-decision': 'deadline.what.reasonable-grounds-decision',
  'reflection-period-end': 'deadline.what.reflection-period-end',
  'earliest-conclusive-decision': 'deadline.what.earliest-conclusive-decision',
  'guardian-appointment': 'deadline.what.guardian-appointment',
  'review-decision': 'deadline.what.review-decision',
  'service-answer': 'deadline.what.service-answer',
};

export function deadlineWhat(what: string): string {
  const key = DEADLINE_WHAT[what];
  return key ? t(key) : what;
}

/** The deadline's state in words (never by colour alone), styled by its urgency. */
export function deadlineBadge(deadline: Deadline): HTMLElement {
  const key = DEADLINE_STATUS[deadline.status];
  return h('span', { class: `badge deadline-${deadline.status}` }, key ? t(key) : deadline.status);
}

export function deadlineList(deadlines: readonly Deadline[]): HTMLElement {
  if (deadlines.length === 0) return h('p', { class: 'muted' }, t('deadline.none'));
  return h(
    'ul',
    { class: 'deadlines' },
    ...deadlines.map((deadline) =>
      h(
        'li',
        { class: `deadline deadline-${deadline.status}`, attrs: { 'data-deadline': deadline.what } },
        h('span', { class: 'deadline-what' }, deadlineWhat(deadline.what)),
        ' ',
        h('span', { class: 'deadline-due' }, t('deadline.due'), ' ', dateElement(deadline.due)),
        ' ',
        deadlineBadge(deadline),
      ),
    ),
  );
}

/** A definition list from pairs; pairs with a null value are left out. */
export function facts(pairs: readonly (readonly [string, Child])[]): HTMLElement {
  const items: Child[] = [];
  for (const [name, value] of pairs) {
    if (value === null || value === undefined) continue;
    items.push(h('dt', {}, name), h('dd', {}, value));
  }
  return h('dl', { class: 'facts' }, ...items);
}

const SERVICE_STATUS: Record<ServiceStatus, MessageKey> = {
  referred: 'service.status.referred',
  accepted: 'service.status.accepted',
  declined: 'service.status.declined',
  delivered: 'service.status.delivered',
  withdrawn: 'service.status.withdrawn',
};

/** A service's status in words, styled by whether the provider still sees the shared fields. */
export function serviceStatusBadge(status: ServiceStatus): HTMLElement {
  const key = Object.hasOwn(SERVICE_STATUS, status) ? SERVICE_STATUS[status] : undefined;
  return h('span', { class: `badge service-${status}`, attrs: { 'data-service-status': status } }, key ? t(key) : status);
}

/** A service is open, and its fields shared with the provider, while referred or accepted. */
export const isOpenService = (status: ServiceStatus): boolean => status === 'referred' || status === 'accepted';

/** The name of a field that may be shared with a service provider. */
export const sharedFieldLabel = (id: string): string => termLabel('shareable_fields', id);

/** The fields shared with a provider, each named, identity fields marked as such. */
export function sharedFieldList(ids: readonly string[], identityIds: ReadonlySet<string>): HTMLElement {
  if (ids.length === 0) return h('p', { class: 'muted' }, t('service.sharesNothing'));
  return h(
    'ul',
    { class: 'plain-list shared-fields' },
    ...ids.map((id) =>
      h(
        'li',
        { attrs: { 'data-field': id } },
        sharedFieldLabel(id),
        identityIds.has(id) ? h('span', { class: 'badge identity-field' }, t('service.identityField')) : null,
      ),
    ),
  );
}
