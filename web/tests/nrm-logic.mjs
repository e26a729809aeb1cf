// Unit tests of the browser-free pieces behind the NRM pages: the referral draft
// (src/referral-draft.ts), which must never hold the person's name or date of birth, the
// order of urgency of deadlines (src/deadlines.ts), the country list (src/countries.ts), what
// consent covers when sharing a case's fields with a service provider (src/sharing.ts), the
// dates of things recorded later (src/dates.ts) and compensation amounts (src/amounts.ts).
// Each file imports nothing, so it is compiled on the fly with TypeScript's transpiler and
// loaded as a module: no build step. Run: node --test tests/nrm-logic.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ts from 'typescript';

async function importSource(name) {
  const source = readFileSync(new URL(`../src/${name}`, import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}

const draft = await importSource('referral-draft.ts');
const { byUrgency, countAlerts, mostUrgent, sortByUrgency } = await importSource('deadlines.ts');
const { countries, countryName } = await importSource('countries.ts');
const sharing = await importSource('sharing.ts');
const { pastDateToSend, todayIso } = await importSource('dates.ts');
const { amountInMinorUnits, formatAmount } = await importSource('amounts.ts');

/** sessionStorage as a Map, for tests. */
function memoryStorage() {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}

const FORM = {
  consent: 'yes',
  explainedBy: 'Officer Popescu',
  consentLanguage: 'Romanian',
  child: 'no',
  childSituation: '',
  sex: 'feminine',
  citizenship: 'RO',
  exploitationTypes: ['forced_labour'],
  countryOfExploitation: 'AT',
  indicators: ['withheld_documents'],
  needs: ['shelter'],
};

test('a draft never holds the name or date of birth, whatever is passed in', () => {
  const storage = memoryStorage();
  const identity = { givenName: 'Ana', familyName: 'Doe', dateOfBirth: '1990-04-12', given_name: 'Ana', person: { family_name: 'Doe' } };
  draft.saveDraft(storage, 7, { ...FORM, ...identity });
  const stored = storage.getItem(draft.DRAFT_KEY);
  assert.ok(stored);
  for (const secret of ['Ana', 'Doe', '1990-04-12']) assert.ok(!stored.includes(secret), `stored "${secret}"`);
  for (const field of draft.IDENTIFYING_FIELDS) assert.ok(!stored.includes(field), `stored the field ${field}`);
  assert.deepEqual(draft.loadDraft(storage, 7), FORM);
});

test('a draft is given back only to the user who left it', () => {
  const storage = memoryStorage();
  draft.saveDraft(storage, 7, FORM);
  assert.equal(draft.loadDraft(storage, 8), null);
  assert.deepEqual(draft.loadDraft(storage, 7)?.needs, ['shelter']);
});

test('an empty form removes the draft, and clearing removes it', () => {
  const storage = memoryStorage();
  draft.saveDraft(storage, 7, FORM);
  draft.saveDraft(storage, 7, { ...draft.EMPTY_DRAFT });
  assert.equal(storage.getItem(draft.DRAFT_KEY), null);
  draft.saveDraft(storage, 7, FORM);
  draft.clearDraft(storage);
  assert.equal(storage.items.size, 0);
});

test('a damaged or foreign draft is ignored, odd values are cleaned', () => {
  const storage = memoryStorage();
  storage.setItem(draft.DRAFT_KEY, '{not json');
  assert.equal(draft.loadDraft(storage, 7), null);
  storage.setItem(draft.DRAFT_KEY, JSON.stringify({ format: 99, user: 7, draft: FORM }));
  assert.equal(draft.loadDraft(storage, 7), null);
  storage.setItem(draft.DRAFT_KEY, JSON.stringify({ format: 1, user: 7, draft: { ...FORM, consent: 'perhaps', child: 42, needs: ['shelter', 3, null] } }));
  const loaded = draft.loadDraft(storage, 7);
  assert.equal(loaded.consent, '');
  assert.equal(loaded.child, '');
  assert.deepEqual(loaded.needs, ['shelter']);
});

test('storage that refuses to work leaves the form without a draft, without an error', () => {
  const broken = {
    getItem: () => { throw new Error('blocked'); },
    setItem: () => { throw new Error('full'); },
    removeItem: () => { throw new Error('blocked'); },
  };
  draft.saveDraft(broken, 7, FORM);
  assert.equal(draft.loadDraft(broken, 7), null);
  draft.clearDraft(broken);
});

test('deadlines: overdue, then due today, due soon, upcoming, then met; earliest first', () => {
  const list = [
    { what: 'a', due: '2025-03-01', status: 'met' },
    { what: 'b', due: '2025-03-20', status: 'upcoming' },
    { what: 'c', due: '2025-03-10', status: 'upcoming' },
    { what: 'd', due: '2025-03-05', status: 'due_today' },
    { what: 'e', due: '2025-03-02', status: 'overdue' },
    { what: 'f', due: '2025-03-08', status: 'due_soon' },
  ];
  assert.deepEqual([...list].sort(byUrgency).map((deadline) => deadline.what), ['e', 'd', 'f', 'c', 'b', 'a']);
  assert.equal(mostUrgent(list).what, 'e');
  assert.equal(mostUrgent([{ what: 'a', due: '2025-03-01', status: 'met' }]), undefined);
});

test('cases: the one with the most urgent open deadline first, those with none last', () => {
  const cases = [
    { id: 1, referred_on: '2025-01-01', deadlines: [{ what: 'x', due: '2025-01-05', status: 'met' }] },
    { id: 2, referred_on: '2025-02-01', deadlines: [{ what: 'x', due: '2025-04-01', status: 'upcoming' }] },
    { id: 3, referred_on: '2025-02-02', deadlines: [{ what: 'x', due: '2025-02-09', status: 'overdue' }] },
    { id: 4, referred_on: '2024-12-01', deadlines: [] },
    { id: 5, referred_on: '2025-02-03', deadlines: [{ what: 'x', due: '2025-03-01', status: 'upcoming' }] },
  ];
  assert.deepEqual(sortByUrgency(cases).map((item) => item.id), [3, 5, 2, 4, 1]);
});

test('the country list is ISO 3166-1 alpha-2, complete and named by the browser', () => {
  const all = countries('en');
  assert.equal(all.length, 249);
  assert.equal(new Set(all.map((country) => country.code)).size, 249);
  for (const country of all) assert.match(country.code, /^[A-Z]{2}$/);
  assert.equal(countryName('AT', 'en'), 'Austria');
  assert.equal(countryName('AT', 'ru'), 'Австрия');
  const names = all.map((country) => country.name);
  assert.deepEqual(names, [...names].sort(new Intl.Collator('en').compare));
});

// The shareable fields as GET /api/v1/meta/vocabularies sends them (nrm.shareable_fields).
const SHAREABLE = [
  { id: 'given_name', identity: true, needed_by: ['shelter', 'medical', 'psychological', 'legal_counselling', 'education_training', 'employment', 'financial_support', 'family_tracing', 'safety_measures'] },
  { id: 'family_name', identity: true, needed_by: ['shelter', 'medical', 'legal_counselling', 'education_training', 'employment', 'financial_support', 'family_tracing', 'safety_measures'] },
  { id: 'date_of_birth', identity: true, needed_by: ['medical', 'financial_support', 'family_tracing'] },
  { id: 'sex', identity: false, needed_by: ['shelter', 'medical', 'psychological'] },
  { id: 'age_band', identity: false, needed_by: ['shelter', 'psychological', 'education_training', 'employment'] },
  { id: 'citizenship', identity: false, needed_by: ['legal_counselling', 'employment', 'family_tracing'] },
  { id: 'language', identity: false, needed_by: ['psychological', 'legal_counselling', 'interpretation', 'education_training'] },
  { id: 'is_child', identity: false, needed_by: [] },
  { id: 'needs', identity: false, needed_by: ['shelter', 'medical', 'psychological', 'safety_measures'] },
  { id: 'exploitation_types', identity: false, needed_by: ['legal_counselling'] },
  { id: 'reflection_end', identity: false, needed_by: ['shelter', 'legal_counselling', 'financial_support'] },
];
const SHELTER_NEEDS = ['given_name', 'family_name', 'sex', 'age_band', 'needs', 'reflection_end'];
const ADULT_WITH_CONSENT = { kind: 'identified', is_child: false, consent: { explained_by: 'Officer Popescu', language: 'Romanian' } };
const CHILD = { kind: 'identified', is_child: true, consent: { explained_by: '', language: '' } };
const ANONYMOUS = { kind: 'anonymous_notification', is_child: false, consent: { explained_by: '', language: '' } };
/** Referred as a child, found an adult by an age assessment: no consent was ever asked. */
const ASSESSED_ADULT = { kind: 'identified', is_child: false, consent: { explained_by: '', language: '' } };

test('sharing: the form preselects exactly what the service needs, in the vocabulary order', () => {
  assert.deepEqual(sharing.neededFields(SHAREABLE, 'shelter', ADULT_WITH_CONSENT), SHELTER_NEEDS);
  assert.deepEqual(sharing.neededFields(SHAREABLE, 'interpretation', ADULT_WITH_CONSENT), ['language']);
  assert.deepEqual(sharing.neededFields(SHAREABLE, 'no_such_service', ADULT_WITH_CONSENT), []);
});

test('sharing: an adult\'s consent covers what the service needs, or less', () => {
  assert.deepEqual(sharing.sharingCoverage(SHAREABLE, ADULT_WITH_CONSENT, 'shelter', SHELTER_NEEDS), { covered: true, beyond: [] });
  assert.equal(sharing.sharingCoverage(SHAREABLE, ADULT_WITH_CONSENT, 'shelter', ['needs']).covered, true);
  assert.equal(sharing.sharingCoverage(SHAREABLE, ADULT_WITH_CONSENT, 'shelter', []).covered, true);
  assert.ok(sharing.hasAdultConsent(ADULT_WITH_CONSENT));
});

test('sharing: one field more than the service needs needs a lawful ground, and is named', () => {
  const result = sharing.sharingCoverage(SHAREABLE, ADULT_WITH_CONSENT, 'shelter', [...SHELTER_NEEDS, 'date_of_birth']);
  assert.deepEqual(result, { covered: false, reason: 'beyond-needs', beyond: ['date_of_birth'] });
  // What one service needs is more than another: a date of birth is needed for medical care.
  assert.equal(sharing.sharingCoverage(SHAREABLE, ADULT_WITH_CONSENT, 'medical', ['date_of_birth']).covered, true);
  assert.equal(sharing.sharingCoverage(SHAREABLE, ADULT_WITH_CONSENT, 'interpretation', ['language', 'given_name']).reason, 'beyond-needs');
});

test('sharing: without an adult\'s consent nothing is covered, not even what the service needs', () => {
  assert.deepEqual(sharing.sharingCoverage(SHAREABLE, CHILD, 'shelter', SHELTER_NEEDS), { covered: false, reason: 'child', beyond: [] });
  assert.equal(sharing.sharingCoverage(SHAREABLE, CHILD, 'shelter', []).covered, false);
  assert.equal(sharing.sharingCoverage(SHAREABLE, ASSESSED_ADULT, 'shelter', ['needs']).reason, 'no-consent');
  assert.equal(sharing.sharingCoverage(SHAREABLE, ANONYMOUS, 'interpretation', ['language']).reason, 'anonymous');
  assert.equal(sharing.hasAdultConsent(CHILD), false);
  assert.equal(sharing.hasAdultConsent(ASSESSED_ADULT), false);
  assert.equal(sharing.hasAdultConsent({ ...ADULT_WITH_CONSENT, consent: { explained_by: '   ' } }), false);
  // A case shown without its facts (no is_child) is not taken for an adult's.
  assert.equal(sharing.sharingCoverage(SHAREABLE, { kind: 'identified', consent: ADULT_WITH_CONSENT.consent }, 'shelter', ['needs']).covered, false);
});

test('sharing: an anonymous notification offers no identity field, not even one the service needs', () => {
  const offered = sharing.offeredFields(SHAREABLE, ANONYMOUS).map((field) => field.id);
  for (const identity of ['given_name', 'family_name', 'date_of_birth']) assert.ok(!offered.includes(identity), identity);
  assert.equal(offered.length, SHAREABLE.length - 3);
  assert.deepEqual(sharing.neededFields(SHAREABLE, 'shelter', ANONYMOUS), ['sex', 'age_band', 'needs', 'reflection_end']);
  assert.equal(sharing.offeredFields(SHAREABLE, CHILD).length, SHAREABLE.length);
});

test('services: awaiting an answer first, then awaiting delivery, then closed; newest first within each', () => {
  const items = [
    { service_id: 1, status: 'delivered' },
    { service_id: 2, status: 'referred' },
    { service_id: 3, status: 'accepted' },
    { service_id: 4, status: 'withdrawn' },
    { service_id: 5, status: 'referred' },
    { service_id: 6, status: 'accepted' },
  ];
  assert.deepEqual([...items].sort(sharing.byProviderUrgency).map((item) => item.service_id), [5, 2, 6, 3, 4, 1]);
});

test('dates: today in the user\'s time zone; a date left at today is not sent', () => {
  assert.equal(todayIso(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
  assert.equal(todayIso(new Date(2025, 11, 31, 0, 0)), '2025-12-31');
  assert.equal(pastDateToSend('', '2025-03-14'), undefined);
  assert.equal(pastDateToSend('2025-03-14', '2025-03-14'), undefined);
  assert.equal(pastDateToSend(' 2025-03-10 ', '2025-03-14'), '2025-03-10');
});

test('amounts typed in major units are sent exactly in minor units, and read back', () => {
  assert.equal(amountInMinorUnits('1250.50'), 125050);
  assert.equal(amountInMinorUnits(' 1250,5 '), 125050);
  assert.equal(amountInMinorUnits('0.07'), 7);
  // 0.29 * 100 is 28.999999999999996 in floating point: the amount must not lose a cent.
  assert.equal(amountInMinorUnits('0.29'), 29);
  assert.equal(amountInMinorUnits('4503599627370.49'), 450359962737049);
  for (const bad of ['', '-5', '1.234', '1e3', '12a', '1,000.00', '.5']) assert.equal(amountInMinorUnits(bad), null, bad);
  assert.equal(formatAmount(125050, 'en'), '1,250.50');
  assert.equal(formatAmount(7, 'en'), '0.07');
});

test('alerts count what is missed, due today and due soon, and nothing else', () => {
  const statuses = ['overdue', 'overdue', 'due_today', 'due_soon', 'upcoming', 'met', 'unknown'];
  assert.deepEqual(countAlerts(statuses.map((status) => ({ status }))), { overdue: 2, due_today: 1, due_soon: 1 });
  assert.deepEqual(countAlerts([]), { overdue: 0, due_today: 0, due_soon: 0 });
});
