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
