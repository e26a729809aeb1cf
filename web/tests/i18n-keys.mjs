// Checks the message catalogues: English and Russian must offer the same keys
// with the same {placeholders}, and every vocabulary id the server sends must
// have a label. Run: node tests/i18n-keys.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const load = (name) => JSON.parse(readFileSync(new URL(`../src/i18n/${name}.json`, import.meta.url), 'utf8'));
const catalogues = { en: load('en'), ru: load('ru') };

// The vocabularies of GET /api/v1/meta/vocabularies.
const ORGANISATION_TYPES = [
  'competent_authority', 'police', 'prosecution', 'labour_inspectorate', 'migration_service', 'border_guard',
  'social_services', 'health', 'ngo', 'trade_union', 'shelter', 'international_organisation', 'consulate',
  'hotline', 'other',
];
const ROLES = [
  'administrator', 'auditor', 'first_responder', 'case_worker', 'decision_maker', 'service_provider', 'guardian',
  'hotline_operator', 'analyst', 'coordinator',
];

// The NRM vocabularies of the same answer (its "nrm" object), labelled as nrm.<vocabulary>.<id>.
// The server also sends an English label, used when a newer server sends an id not listed here.
const NRM_VOCABULARIES = {
  exploitation_types: [
    'forced_labour', 'sexual_exploitation', 'child_labour', 'forced_marriage', 'servitude', 'forced_military',
    'organ_removal', 'forced_begging', 'forced_criminality', 'forced_adoption', 'surrogacy', 'other'
  ],
  means_of_control: [
    'physical_threats', 'threats_law_enforcement', 'threatens_children_family', 'debt_bondage', 'false_promises',
    'physical_abuse', 'sexual_abuse', 'takes_earnings', 'restricts_financial_access', 'restricts_medical_care',
    'restricts_movement', 'withholds_necessities', 'psychological_abuse', 'psychoactive_substances',
    'excessive_working_hours', 'withholds_documents', 'other', 'not_specified'
  ],
  indicators: [
    'deceptive_recruitment', 'recruitment_fees_debt', 'debt_bondage', 'withheld_documents', 'restricted_movement',
    'threats', 'threats_authorities', 'physical_violence', 'sexual_violence', 'excessive_hours',
    'no_or_little_pay', 'no_control_of_earnings', 'isolation', 'degrading_living_conditions',
    'denied_medical_care', 'forced_substance_use', 'forced_illicit_activities', 'scripted_story',
    'fear_of_authorities', 'unaccompanied_child'
  ],
  immediate_needs: [
    'safety', 'shelter', 'medical', 'psychological', 'interpreter', 'food_clothing', 'legal_advice',
    'child_protection'
  ],
  genders: [
    'feminine', 'masculine', 'transgender_feminine', 'transgender_masculine', 'non_conforming', 'not_specified'
  ],
  age_bands: [
    'age_0_8', 'age_9_17', 'age_18_20', 'age_21_23', 'age_24_26', 'age_27_29', 'age_30_38', 'age_39_47',
    'age_48_plus'
  ],
  decision_kinds: ['reasonable_grounds', 'conclusive', 'review', 'durable_solution'],
  decision_outcomes: ['positive', 'negative'],
  review_requesters: ['person', 'representative', 'referrer', 'support_provider'],
  closure_reasons: [
    'recovered_independent', 'returned', 'transferred_abroad', 'missing', 'deceased', 'withdrew_consent',
    'not_a_victim'
  ],
  service_types: [
    'shelter', 'medical', 'psychological', 'legal_counselling', 'interpretation', 'education_training',
    'employment', 'financial_support', 'family_tracing', 'safety_measures'
  ],
  shareable_fields: [
    'given_name', 'family_name', 'date_of_birth', 'sex', 'age_band', 'citizenship', 'language', 'is_child', 'needs',
    'exploitation_types', 'reflection_end'
  ],
  trafficking_statuses: ['presumed_victim', 'identified_victim', 'not_a_victim'],
  case_statuses: ['active', 'follow_up', 'closed', 'closed_referred'],
  legal_step_kinds: [
    'identity_documents', 'residence_permit_temporary', 'residence_permit_permanent', 'work_permit', 'asylum',
    'non_punishment', 'compensation_court', 'compensation_state_fund', 'criminal_proceedings', 'witness_protection'
  ],
  legal_step_outcomes: ['applied', 'granted', 'refused', 'withdrawn'],
  return_risks: ['low', 'medium', 'high'],
  child_situations: ['unaccompanied', 'separated', 'accompanied'],
};

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

test('en and ru have exactly the same keys', () => {
  const en = Object.keys(catalogues.en).sort();
  const ru = Object.keys(catalogues.ru).sort();
  assert.deepEqual(en.filter((key) => !ru.includes(key)), [], 'keys missing in ru.json');
  assert.deepEqual(ru.filter((key) => !en.includes(key)), [], 'keys missing in en.json');
});

test('every message is a non-empty string', () => {
  for (const [language, messages] of Object.entries(catalogues)) {
    for (const [key, text] of Object.entries(messages)) {
      assert.equal(typeof text, 'string', `${language}: ${key}`);
      assert.ok(text.trim().length > 0, `${language}: ${key} is empty`);
    }
  }
});

test('placeholders match between languages', () => {
  for (const [key, text] of Object.entries(catalogues.en)) {
    assert.deepEqual(placeholders(catalogues.ru[key] ?? ''), placeholders(text), `placeholders of ${key}`);
  }
});

test('every organisation type and role has a label in both languages', () => {
  const keys = [...ORGANISATION_TYPES.map((id) => `orgType.${id}`), ...ROLES.map((id) => `role.${id}`)];
  for (const [language, messages] of Object.entries(catalogues)) {
    for (const key of keys) assert.ok(Object.hasOwn(messages, key), `${language}: ${key}`);
  }
});

test('every NRM vocabulary term has a label in both languages', () => {
  for (const [vocabulary, ids] of Object.entries(NRM_VOCABULARIES)) {
    for (const [language, messages] of Object.entries(catalogues)) {
      for (const id of ids) assert.ok(Object.hasOwn(messages, `nrm.${vocabulary}.${id}`), `${language}: nrm.${vocabulary}.${id}`);
    }
  }
});
