// Unit tests of the browser-free piece behind the hotline's public pages: the drafts kept in
// the tab until the server has them (src/hotline-draft.ts), and which failures are worth
// sending again. Compiled on the fly with TypeScript's transpiler, as nrm-logic.mjs does.
// Run: node --test tests/hotline-logic.mjs
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

const drafts = await importSource('hotline-draft.ts');

function memoryStorage() {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}

test('a draft is kept per kind and read back', () => {
  const storage = memoryStorage();
  drafts.writeDraft(storage, 'report', { what: 'Workers locked in', types: ['forced_labour'] });
  drafts.writeDraft(storage, 'message', { body: 'More news' });
  assert.deepEqual(drafts.readDraft(storage, 'report'), { what: 'Workers locked in', types: ['forced_labour'] });
  assert.deepEqual(drafts.readDraft(storage, 'advice'), {});
  drafts.forgetDraft(storage, 'report');
  assert.deepEqual(drafts.readDraft(storage, 'report'), {});
  assert.deepEqual(drafts.readDraft(storage, 'message'), { body: 'More news' });
});

test('the quick exit forgets every draft', () => {
  const storage = memoryStorage();
  for (const kind of drafts.DRAFT_KINDS) drafts.writeDraft(storage, kind, { what: kind });
  storage.setItem('lifeline.language', 'ru');
  drafts.forgetAllDrafts(storage);
  assert.deepEqual([...storage.items.keys()], ['lifeline.language']);
});

test('a damaged or blocked store reads as an empty draft and never throws', () => {
  const storage = memoryStorage();
  storage.setItem(`${drafts.DRAFT_PREFIX}report`, '{not json');
  assert.deepEqual(drafts.readDraft(storage, 'report'), {});
  storage.setItem(`${drafts.DRAFT_PREFIX}report`, '["a"]');
  assert.deepEqual(drafts.readDraft(storage, 'report'), {});
  storage.setItem(`${drafts.DRAFT_PREFIX}report`, '{"what": 3, "types": ["a", 1], "where": "x"}');
  assert.deepEqual(drafts.readDraft(storage, 'report'), { types: ['a'], where: 'x' });
  const blocked = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('full'); }, removeItem() { throw new Error('denied'); } };
  assert.deepEqual(drafts.readDraft(blocked, 'report'), {});
  assert.doesNotThrow(() => drafts.writeDraft(blocked, 'report', { what: 'x' }));
  assert.doesNotThrow(() => drafts.forgetAllDrafts(blocked));
});

test('only no answer and a briefly unavailable server are sent again', () => {
  for (const status of [0, 502, 503, 504]) assert.equal(drafts.isTransientStatus(status), true, String(status));
  for (const status of [400, 404, 413, 415, 422, 429, 500]) assert.equal(drafts.isTransientStatus(status), false, String(status));
});
