// Unit tests of the browser-free pieces behind the monitoring pages (src/monitoring-logic.ts):
// the coverage chart's geometry, percentages, skip logic and list fields.
// Run: node --test tests/monitoring-logic.mjs
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

const { barLayout, percent, isAsked, splitList, parseChoices } = await importSource('monitoring-logic.ts');

test('bars are as long as their totals and filled as far as their values', () => {
  const bars = barLayout([
    { label: 'protection', value: 5, total: 20 },
    { label: 'prevention', value: 10, total: 10 },
    { label: 'empty', value: 3, total: 0 },
  ], 400, 30);
  assert.deepEqual(bars.map((b) => [b.y, b.track, b.filled]), [[0, 400, 100], [30, 200, 200], [60, 0, 0]]);
  assert.equal(bars[0].share, 0.25);
  assert.equal(barLayout([{ label: 'x', value: 9, total: 3 }], 100, 10)[0].filled, 100);
});

test('shares read as percentages', () => {
  assert.equal(percent(1 / 3), '33%');
  assert.equal(percent(0.005), '0.5%');
  assert.equal(percent(0), '0%');
  assert.equal(percent(1), '100%');
});

test('an item with a skip rule is asked only after one of its answers', () => {
  const rule = { item: 'nrm', answers: ['yes', 'partly'] };
  assert.equal(isAsked(null, {}), true);
  assert.equal(isAsked(rule, { nrm: 'partly' }), true);
  assert.equal(isAsked(rule, { nrm: 'no' }), false);
  assert.equal(isAsked(rule, {}), false);
});

test('list fields split on commas and lines; choices on "="', () => {
  assert.deepEqual(splitList('Ministry of Interior, Police\n\n IOM ,'), ['Ministry of Interior', 'Police', 'IOM']);
  assert.deepEqual(parseChoices('ministry = A ministry\nagency\n'), [
    { code: 'ministry', label: 'A ministry' },
    { code: 'agency', label: 'agency' },
  ]);
});
