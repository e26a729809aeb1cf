// Unit tests of the browser-free pieces behind the compendium pages: the search
// snippet parser (src/snippet.ts) and the hash route helpers (src/router.ts).
// Both files import nothing, so each is compiled on the fly with TypeScript's
// transpiler and loaded as a module: no build step. Run: node --test tests/corpus-logic.mjs
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

const { parseSnippet, decodeEntities } = await importSource('snippet.ts');
const { hashQuery, routeParam, pathWithQuery, pathWithParam } = await importSource('router.ts');

test('a snippet splits into plain and marked parts', () => {
  assert.deepEqual(parseSnippet('Establishing <mark>National</mark> <mark>Referral</mark> Mechanisms…'), [
    { text: 'Establishing ', marked: false },
    { text: 'National', marked: true },
    { text: ' ', marked: false },
    { text: 'Referral', marked: true },
    { text: ' Mechanisms…', marked: false },
  ]);
});

test('marks at the very start and end leave no empty parts', () => {
  assert.deepEqual(parseSnippet('<mark>children</mark>'), [{ text: 'children', marked: true }]);
  assert.deepEqual(parseSnippet(''), []);
});

test('the five entities and numeric references are decoded into text', () => {
  assert.deepEqual(parseSnippet('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#8212; &#x2014;'), [
    { text: 'a & b <c> "d" \'e\' — —', marked: false },
  ]);
});

test('escaped markup stays text, and is decoded only once', () => {
  const parts = parseSnippet('&lt;script&gt;alert(1)&lt;/script&gt; <mark>&amp;lt;</mark>');
  assert.deepEqual(parts, [
    { text: '<script>alert(1)</script> ', marked: false },
    { text: '&lt;', marked: true },
  ]);
});

test('unknown or broken entities are left as they are', () => {
  assert.equal(decodeEntities('&nbsp; &bogus; & &#; &#99999999;'), '&nbsp; &bogus; & &#; &#99999999;');
});

test('only <mark> tags count as markup', () => {
  assert.deepEqual(parseSnippet('<b>x</b> <mark>y</mark>'), [
    { text: '<b>x</b> ', marked: false },
    { text: 'y', marked: true },
  ]);
});

test('the hash query is read after "?" with form encoding', () => {
  const query = hashQuery('#/corpus/search?q=referral+mechanism&pillar=protection&document=MC6%2F17');
  assert.equal(query.get('q'), 'referral mechanism');
  assert.equal(query.get('pillar'), 'protection');
  assert.equal(query.get('document'), 'MC6/17');
  assert.equal(hashQuery('#/corpus/search').toString(), '');
  assert.equal(hashQuery('').toString(), '');
  assert.equal(hashQuery('#/corpus/search?q=a?b').get('q'), 'a?b');
});

test('a route with a query round-trips and drops empty values', () => {
  const path = pathWithQuery('/corpus/search', { q: '"national referral" AND child*', pillar: 'protection', keyword: '', offset: undefined });
  assert.ok(path.startsWith('/corpus/search?'));
  assert.ok(!path.includes('keyword') && !path.includes('offset'));
  const query = hashQuery(`#${path}`);
  assert.equal(query.get('q'), '"national referral" AND child*');
  assert.equal(query.get('pillar'), 'protection');
  assert.equal(pathWithQuery('/corpus/search', {}), '/corpus/search');
});

test('route parameters are decoded, with or without an encoded slash', () => {
  assert.equal(routeParam('/corpus/provisions/MC6%2F17.1', '/corpus/provisions/'), 'MC6/17.1');
  assert.equal(routeParam('/corpus/provisions/MC6/17.1', '/corpus/provisions/'), 'MC6/17.1');
  assert.equal(routeParam('/corpus/keywords/supply%20chains', '/corpus/keywords/'), 'supply chains');
  assert.equal(routeParam('/corpus/provisions/', '/corpus/provisions/'), null);
  assert.equal(routeParam('/corpus/keywords', '/corpus/keywords/'), null);
  assert.equal(routeParam('/corpus/provisions/100%', '/corpus/provisions/'), '100%');
});

test('a parameter written into a path comes back unchanged', () => {
  for (const value of ['AP.V.3.1', 'MC6/17.1', 'supply chains', 'a?b#c', 'торговля людьми']) {
    const path = pathWithParam('/corpus/provisions/', value);
    assert.ok(!path.slice('/corpus/provisions/'.length).includes('/'), path);
    assert.equal(routeParam(path, '/corpus/provisions/'), value);
  }
});
