// Unit tests of the classes of a count map (src/map-scale.ts): class bounds from the smallest to
// the largest published count, each count in its class, colours from light to dark.
// Run: node --test tests/map-logic.mjs
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

const { COUNT_COLOURS, classBounds, classColour, classOf } = await importSource('map-scale.ts');

test('classes run from the smallest to the largest count, at most five of them', () => {
  assert.deepEqual(classBounds(7, 7), [7]);
  assert.deepEqual(classBounds(5, 8), [5, 6, 7, 8]);
  assert.deepEqual(classBounds(5, 100), [24, 44, 64, 84, 100]);
  assert.deepEqual(classBounds(5, 11), [6, 8, 10, 11]);
  assert.deepEqual(classBounds(Infinity, 0), [], 'no published count, no class');
});

test('every count falls in the class whose bound it does not exceed', () => {
  const bounds = classBounds(5, 100);
  assert.equal(classOf(5, bounds), 0);
  assert.equal(classOf(24, bounds), 0);
  assert.equal(classOf(25, bounds), 1);
  assert.equal(classOf(100, bounds), 4);
});

test('colours run from light to dark whatever the number of classes', () => {
  assert.equal(classColour(0, 5), COUNT_COLOURS[0]);
  assert.equal(classColour(4, 5), COUNT_COLOURS[4]);
  assert.equal(classColour(0, 2), COUNT_COLOURS[0]);
  assert.equal(classColour(1, 2), COUNT_COLOURS[4], 'the larger of two classes is the darkest');
  assert.notEqual(classColour(0, 1), COUNT_COLOURS[0], 'a single class is not the palest');
});
