// A service provider's pages: the services the competent authority referred to its
// organisation with the places of its shelter, and one service with exactly the fields shared for it, the answer (accept or
// decline) and the record of delivery.
//
// A provider never sees the case itself, only what was shared for the service, and only while
// the service is referred or accepted. When identity fields are shared, the server writes the
// opening of the service to the audit trail, so the page reads the service once and keeps what
// it shows in the page alone (never in browser storage); answering and recording delivery do
// not read it again. Once the service is closed, the page drops the shared values and says so.
import { ApiError } from '../api';
import { h, replaceContent, type Child } from '../dom';
import { answerService, fetchProviderService, listAllProviderServices, listShelters, recordServiceDelivery, setShelterPlaces } from '../endpoints';
import { StatusRegion, actionButton, handleSubmit, inputField, runBusy, submitButton, textAreaField } from '../forms';
import { t } from '../i18n';
import { href } from '../router';
import { currentUser, loadVocabularies } from '../session';
import { byProviderUrgency } from '../sharing';
import type { NrmVocabularies, ProviderService, ProviderServiceDetail, Shelter } from '../types';
import { card, dataTable, loadingNote, page } from './common';
import {
  caseNumber,
  countryLabel,
  dateElement,
  facts,
  SERVICES_PATH,
  isOpenService,
  serviceStatusBadge,
  servicePath,
  sharedFieldLabel,
  sharedFieldList,
  term,
  termList,
  yesNo,
} from './nrm-common';

const MAX_NOTE = 4000;
/** The problem type of an acceptance refused because every place of the shelter is taken. */
const SHELTER_FULL = 'shelter-full';

const serviceNumber = (id: number): string => t('service.number', { id });

function identityFieldIds(vocabularies: NrmVocabularies): Set<string> {
  return new Set(vocabularies.shareable_fields.filter((field) => field.identity).map((field) => field.id));
}

// ---- The list ----

function serviceTable(items: readonly ProviderService[], vocabularies: NrmVocabularies): HTMLElement {
  const identity = identityFieldIds(vocabularies);
  return dataTable<ProviderService>(
    t('services.caption'),
    [
      { header: t('services.service'), cell: (row) => h('a', { attrs: { href: href(servicePath(row.service_id)) } }, serviceNumber(row.service_id)) },
      { header: t('services.type'), cell: (row) => term(vocabularies, 'service_types', row.type) },
      { header: t('services.status'), cell: (row) => serviceStatusBadge(row.status) },
      { header: t('services.case'), cell: (row) => caseNumber(row.case_id) },
      { header: t('services.shared'), cell: (row) => sharedFieldList(row.shared_fields, identity) },
    ],
    items,
  );
}

// ---- The places of the provider's shelter ----

const MAX_PLACES = 100000;

function occupancy(shelter: Shelter | undefined): HTMLElement {
  if (!shelter) return h('p', { class: 'muted', attrs: { 'data-shelter': 'none' } }, t('shelter.none'));
  return h('p', { attrs: { 'data-shelter': 'declared' } }, t('shelter.occupancy', { occupied: shelter.occupied, places: shelter.places, free: shelter.free }));
}

/** The organisation's shelter places, taken and free, and the form that declares how many there are. */
function shelterCard(): HTMLElement {
  const status = new StatusRegion();
  const summary = h('div', {}, loadingNote());
  const places = inputField({ label: t('shelter.places'), name: 'places', type: 'number', inputMode: 'numeric', min: 0, max: MAX_PLACES, required: true });
  const form = h('form', { class: 'form' }, places.row, submitButton(t('shelter.submit')));
  const show = (shelter: Shelter | undefined): void => {
    replaceContent(summary, occupancy(shelter));
    places.input.value = String(shelter?.places ?? '');
  };
  const ownOrganisation = currentUser()?.organisation.id;
  listShelters()
    .then((shelters) => show(shelters.items.find((shelter) => shelter.organisation_id === ownOrganisation)))
    .catch((error: unknown) => {
      replaceContent(summary);
      status.error(error);
    });
  handleSubmit(form, status, async () => {
    show(await setShelterPlaces(Number(places.input.value)));
    status.success(t('shelter.saved'));
  });
  return card(t('shelter.title'), h('p', { class: 'hint' }, t('shelter.intro')), status.element, summary, form);
}

export function servicesPage(): HTMLElement {
  const status = new StatusRegion();
  const slot = h('div', {}, loadingNote());
  void (async () => {
    try {
      const [vocabularies, items] = await Promise.all([loadVocabularies(), listAllProviderServices()]);
      if (items.length === 0) {
        replaceContent(slot, h('p', { class: 'muted' }, t('services.empty')));
        return;
      }
      replaceContent(slot, serviceTable([...items].sort(byProviderUrgency), vocabularies.nrm));
    } catch (error) {
      replaceContent(slot);
      status.error(error);
    }
  })();
  return page(t('services.title'), h('p', { class: 'lead' }, t('services.intro')), status.element, card(t('services.listTitle'), slot), shelterCard());
}

// ---- One service ----

function notRecorded(): HTMLElement {
  return h('span', { class: 'muted' }, t('case.notRecorded'));
}

const isIsoDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** A shared value in words; a field this release does not know is shown as the server sent it. */
function sharedValue(field: string, value: unknown, vocabularies: NrmVocabularies): Child {
  if (value === null || value === undefined || value === '') return notRecorded();
  switch (field) {
    case 'sex':
      return term(vocabularies, 'genders', String(value));
    case 'age_band':
      return term(vocabularies, 'age_bands', String(value));
    case 'citizenship':
      return countryLabel(String(value));
    case 'needs':
      return termList(vocabularies, 'immediate_needs', isTextList(value) ? value : []);
    case 'exploitation_types':
      return termList(vocabularies, 'exploitation_types', isTextList(value) ? value : []);
    default:
      break;
  }
  if (typeof value === 'boolean') return yesNo(value);
  if (isIsoDate(value)) return dateElement(value);
  if (isTextList(value)) return value.length ? value.join(', ') : notRecorded();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function sharedCard(service: ProviderServiceDetail, vocabularies: NrmVocabularies): HTMLElement {
  const shared = service.shared;
  if (shared === null) {
    return h(
      'section',
      { class: 'card no-longer-shared', attrs: { 'aria-labelledby': 'shared-heading', 'data-shared': 'none' } },
      h('h2', { attrs: { id: 'shared-heading', tabindex: -1 } }, t('serviceView.noLongerShared')),
      h('p', {}, t('serviceView.noLongerSharedText')),
    );
  }
  const identity = identityFieldIds(vocabularies);
  // Every field the server sent, in the order the service lists them (the object's own order is
  // alphabetical), and anything else it sent after them.
  const fields = [...service.shared_fields.filter((field) => Object.hasOwn(shared, field))];
  for (const field of Object.keys(shared)) if (!fields.includes(field)) fields.push(field);
  const withIdentity = fields.some((field) => identity.has(field));
  const rows = fields.map((field) => {
    const value = shared[field];
    const label = h(
      'span',
      {},
      sharedFieldLabel(field),
      identity.has(field) ? h('span', { class: 'badge identity-field' }, t('service.identityField')) : null,
    );
    return [label, h('span', { attrs: { 'data-field': field } }, sharedValue(field, value, vocabularies))] as const;
  });
  return h(
    'section',
    { class: 'card shared', attrs: { 'aria-labelledby': 'shared-heading', 'data-shared': 'open' } },
    h('h2', { attrs: { id: 'shared-heading', tabindex: -1 } }, t('serviceView.sharedTitle')),
    h('p', { class: 'audit-note' }, t(withIdentity ? 'serviceView.auditNote' : 'serviceView.onlyShared')),
    rows.length ? sharedFacts(rows) : h('p', { class: 'muted' }, t('service.sharesNothing')),
  );
}

/** Like facts(), with terms that are elements (the field's name and its identity mark). */
function sharedFacts(rows: readonly (readonly [HTMLElement, HTMLElement])[]): HTMLElement {
  return h('dl', { class: 'facts shared-facts' }, ...rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
}

function aboutCard(service: ProviderServiceDetail, vocabularies: NrmVocabularies): HTMLElement {
  return card(
    t('serviceView.about'),
    facts([
      [t('services.type'), term(vocabularies, 'service_types', service.type)],
      [t('services.status'), serviceStatusBadge(service.status)],
      [t('services.case'), caseNumber(service.case_id)],
    ]),
  );
}

/** What the provider can do now: answer a referred service, record the delivery of an accepted one. */
function actionCard(service: ProviderServiceDetail, status: StatusRegion, apply: (answer: ProviderService, message: string) => void): HTMLElement | null {
  const note = textAreaField({ label: t('serviceView.note'), name: 'note', maxLength: MAX_NOTE, rows: 3, hint: t('serviceView.noteHint') });
  const text = (): string => note.textarea.value.trim();
  if (service.status === 'referred') {
    const form = h('form', { class: 'form' }, h('p', { class: 'hint' }, t('serviceView.answerHint')), note.row);
    const answer = (accept: boolean): void =>
      void runBusy(form, status, async () => {
        try {
          apply(await answerService(service.service_id, accept, text()), t(accept ? 'serviceView.accepted' : 'serviceView.declined'));
        } catch (error) {
          // A shelter that declared its places accepts no one while they are all taken.
          if (!(error instanceof ApiError) || !error.is(SHELTER_FULL)) throw error;
          status.invalid(t('serviceView.shelterFull'));
        }
      });
    form.append(
      h(
        'div',
        { class: 'buttons' },
        actionButton(t('serviceView.accept'), () => answer(true), 'primary'),
        actionButton(t('serviceView.decline'), () => answer(false)),
      ),
    );
    form.addEventListener('submit', (event) => event.preventDefault());
    return card(t('serviceView.answerTitle'), form);
  }
  if (service.status === 'accepted') {
    const form = h('form', { class: 'form' }, h('p', { class: 'hint' }, t('serviceView.deliveryHint')), note.row, submitButton(t('serviceView.recordDelivery')));
    handleSubmit(form, status, async () => {
      apply(await recordServiceDelivery(service.service_id, text()), t('serviceView.delivered'));
    });
    return card(t('serviceView.deliveryTitle'), form);
  }
  return null;
}

function drawService(slot: HTMLElement, status: StatusRegion, service: ProviderServiceDetail, vocabularies: NrmVocabularies): void {
  const apply = (answer: ProviderService, message: string): void => {
    // The shared values stay only while the service is open; nothing is read again.
    const next: ProviderServiceDetail = { ...service, ...answer, shared: isOpenService(answer.status) ? service.shared : null };
    drawService(slot, status, next, vocabularies);
    status.success(message);
    slot.querySelector<HTMLElement>('#shared-heading')?.focus();
  };
  replaceContent(slot, aboutCard(service, vocabularies), sharedCard(service, vocabularies), actionCard(service, status, apply));
}

export function servicePage(param: string): HTMLElement {
  const id = /^\d+$/.test(param) ? Number(param) : NaN;
  const status = new StatusRegion();
  const slot = h('div', { class: 'service-details' }, loadingNote());
  if (Number.isNaN(id)) {
    replaceContent(slot);
    status.invalid(t('serviceView.notFound'));
  } else {
    Promise.all([loadVocabularies(), fetchProviderService(id)])
      .then(([vocabularies, service]) => drawService(slot, status, service, vocabularies.nrm))
      .catch((error: unknown) => {
        replaceContent(slot);
        if (error instanceof ApiError && error.status === 404) status.invalid(t('serviceView.notFound'));
        else status.error(error);
      });
  }
  const back = h('p', {}, h('a', { attrs: { href: href(SERVICES_PATH) } }, t('serviceView.back')));
  return page(Number.isNaN(id) ? t('serviceView.titleUnknown') : serviceNumber(id), status.element, slot, back);
}
