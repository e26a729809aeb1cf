// The commitments compendium over HTTP and the command line: imported on first start, readable
// without an account, searchable, exportable, extended by `lifeline corpus import`, and bad
// input answered clearly without changing anything.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, cli, newInstance, startServer, stopServer } from './lib.mjs';

const NEW_DECISION = `DECISION No. 3/25
STRENGTHENING EFFORTS TO COMBAT TRAFFICKING IN HUMAN BEINGS ONLINE

The Ministerial Council,

Recalling the OSCE Action Plan to Combat Trafficking in Human Beings and its Addenda,

1. Calls on participating States to strengthen co-operation with technology companies to detect online recruitment of victims, in line with Ministerial Council Decision No. 6/17;

2. Encourages participating States to provide training for law enforcement on investigating trafficking facilitated by information and communication technologies;

3. Tasks the relevant OSCE executive structures, including the OSR/CTHB and ODIHR, to assist participating States upon their request.
`;

describe('commitments compendium', () => {
  let instance;
  let server;
  let visitor;
  const get = (path) => visitor.request('GET', path);

  before(async () => {
    instance = newInstance();
    server = await startServer(instance);
    visitor = new Client(server.url);
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  test('is imported on first start and announced', () => {
    assert.match(server.output(), /compendium: importing the OSCE texts\.\.\. \d+ documents, \d+ provisions/);
  });

  test('lists the documents without an account', async () => {
    const response = await get('/api/v1/corpus/documents');
    assert.equal(response.status, 200);
    const ids = response.json.items.map((d) => d.id);
    for (const id of ['AP', 'ADD', 'MC6/17', 'MC7/17', 'MC6/18', 'R2006']) assert.ok(ids.includes(id), id);
    const ap = response.json.items.find((d) => d.id === 'AP');
    assert.equal(ap.symbol, 'PC.DEC/557');
    assert.ok(ap.provision_count > 100);
    assert.ok(response.json.items.some((d) => d.kind === 'source'));
    assert.equal(response.json.items.find((d) => d.id === 'R2006').kind, 'recommendations');
  });

  test('serves a provision with the contract fields, also for ids with a slash', async () => {
    const ap = await get('/api/v1/corpus/provisions/AP.V.3.1');
    assert.equal(ap.status, 200);
    for (const field of ['id', 'document', 'text', 'pillar', 'level', 'keywords', 'resources', 'links_out', 'links_in']) {
      assert.ok(field in ap.json, field);
    }
    assert.equal(ap.json.document, 'AP');
    assert.equal(ap.json.pillar, 'protection');
    assert.equal(ap.json.level, 'national');
    assert.match(ap.json.text, /^Establishing National Referral Mechanisms/);
    const encoded = await get('/api/v1/corpus/provisions/MC6%2F17.1');
    assert.equal(encoded.status, 200);
    assert.equal(encoded.json.id, 'MC6/17.1');
    assert.equal(encoded.json.document, 'MC6/17');
    const plain = await get('/api/v1/corpus/provisions/MC6/17.1');
    assert.equal(plain.json.id, 'MC6/17.1');
    const missing = await get('/api/v1/corpus/provisions/AP.IX.99');
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type'), /problem\+json/);
  });

  test('links the Addendum to the Action Plan paragraph it names, both ways', async () => {
    const target = await get('/api/v1/corpus/provisions/AP.III.5.1');
    assert.equal(target.status, 200);
    assert.ok(target.json.links_in.some((id) => id.startsWith('ADD.II.')), JSON.stringify(target.json.links_in));
    const from = target.json.links_in.find((id) => id.startsWith('ADD.II.'));
    const source = await get(`/api/v1/corpus/provisions/${encodeURIComponent(from)}`);
    assert.ok(source.json.links_out.includes('AP.III.5.1'));
  });

  test('gives MC provisions the Compendium keywords and literature', async () => {
    const response = await get('/api/v1/corpus/provisions?document=MC7%2F17&limit=200');
    assert.equal(response.status, 200);
    assert.ok(response.json.items.length >= 10);
    const withLiterature = [];
    for (const item of response.json.items) {
      const detail = await get(`/api/v1/corpus/provisions/${encodeURIComponent(item.id)}`);
      if (detail.json.resources.length > 0) withLiterature.push(detail.json);
    }
    assert.ok(withLiterature.length > 0, 'some MC 7/17 provision has literature');
    const resource = withLiterature[0].resources[0];
    assert.ok(resource.title && resource.keyword);
    assert.ok(withLiterature[0].compendium_keywords.includes(resource.keyword));
  });

  test('filters and pages provisions in document order', async () => {
    const seen = [];
    let cursor = '';
    for (let page = 0; page < 50; page += 1) {
      const response = await get(`/api/v1/corpus/provisions?document=AP&limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(response.status, 200);
      seen.push(...response.json.items.map((p) => p.id));
      if (!response.json.next_cursor) break;
      cursor = response.json.next_cursor;
    }
    assert.equal(new Set(seen).size, seen.length, 'no provision twice');
    assert.equal(seen[0], 'AP.I.1');
    assert.ok(seen.indexOf('AP.III.1.1') < seen.indexOf('AP.V.3.1'));
    const osce = await get('/api/v1/corpus/provisions?document=AP&level=osce&limit=200');
    assert.ok(osce.json.items.length > 0);
    assert.ok(osce.json.items.every((p) => p.level === 'osce'));
    const odihr = await get('/api/v1/corpus/provisions?actor=ODIHR&limit=200');
    assert.ok(odihr.json.items.every((p) => p.actors.includes('ODIHR')));
    const children = await get('/api/v1/corpus/provisions?keyword=children&limit=200');
    assert.ok(children.json.items.length > 5);
  });

  test('searches with ranking, snippets, facets and spelling suggestions', async () => {
    const response = await get('/api/v1/corpus/search?q=referral%20mechanism');
    assert.equal(response.status, 200);
    assert.ok(response.json.total > 0);
    assert.ok(response.json.hits.length > 0);
    for (const hit of response.json.hits) assert.ok(hit.id && typeof hit.score === 'number' && 'snippet' in hit);
    assert.ok(response.json.hits.some((hit) => hit.snippet.includes('<mark>')));
    const pillars = response.json.facets.pillar;
    assert.ok(pillars.length > 0);
    const protection = pillars.find((f) => f.value === 'protection');
    const filtered = await get('/api/v1/corpus/search?q=referral%20mechanism&pillar=protection');
    assert.equal(filtered.json.total, protection.count);
    const phrase = await get(`/api/v1/corpus/search?q=${encodeURIComponent('"supply chains"')}`);
    assert.ok(phrase.json.total > 0);
    const misspelt = await get('/api/v1/corpus/search?q=trafficing');
    assert.equal(misspelt.json.did_you_mean, 'trafficking');
    const byId = await get(`/api/v1/corpus/search?q=${encodeURIComponent('id:MC6/17.4')}`);
    assert.deepEqual(byId.json.hits.map((h) => h.id), ['MC6/17.4']);
  });

  test('answers odd queries with results or a clear 400, never a 500', async () => {
    const queries = ['"unbalanced', 'AND', 'NOT', '-', '(((', 'children)', '*', 'a*', '\u0000', 'жертв торговли',
      '🙂🙂', 'x'.repeat(5000), '%ff%fe', 'keyword:', 'id:'];
    for (const q of queries) {
      const response = await get(`/api/v1/corpus/search?q=${encodeURIComponent(q)}`);
      assert.ok([200, 400].includes(response.status), `${JSON.stringify(q).slice(0, 40)} gave ${response.status}`);
      if (response.status === 400) {
        assert.match(response.headers.get('content-type'), /problem\+json/);
        assert.ok(response.json.detail.length > 0);
      }
    }
    const badLimit = await get('/api/v1/corpus/search?q=children&limit=abc');
    assert.equal(badLimit.status, 400);
    const badFormat = await get('/api/v1/corpus/provisions?format=xml');
    assert.equal(badFormat.status, 400);
  });

  test('exports lists as CSV', async () => {
    const csv = await get('/api/v1/corpus/provisions?document=ADD&format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition'), /attachment/);
    const lines = csv.text.trim().split('\r\n');
    assert.match(lines[0], /^"id","document"/);
    assert.ok(lines.some((line) => line.startsWith('"ADD.IV.1.1"')));
    const search = await get('/api/v1/corpus/search?q=children&format=csv');
    assert.match(search.headers.get('content-type'), /^text\/csv/);
    assert.ok(search.text.split('\r\n').length > 5);
    const literature = await get('/api/v1/corpus/resources?format=csv');
    assert.ok(literature.text.includes('osce.org'));
  });

  test('keywords and resources are listed with counts', async () => {
    const keywords = await get('/api/v1/corpus/keywords');
    const children = keywords.json.items.find((k) => k.name === 'children');
    assert.ok(children.provision_count > 0 && children.resource_count > 0);
    const resources = await get('/api/v1/corpus/resources?keyword=children');
    assert.ok(resources.json.items.length > 0);
    assert.ok(resources.json.items.every((r) => r.keywords.includes('children')));
    const ids = resources.json.items.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('imports a new decision from a text file, and refuses it twice', async () => {
    const file = join(instance.dir, 'decision.txt');
    writeFileSync(file, NEW_DECISION);
    const dry = cli(instance, ['corpus', 'import', '--dry-run', file]);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /MC3\/25.*3 provisions/);
    assert.equal((await get('/api/v1/corpus/provisions/MC3%2F25.1')).status, 404);
    const imported = cli(instance, ['corpus', 'import', file]);
    assert.equal(imported.status, 0, imported.stderr);
    const provision = await get('/api/v1/corpus/provisions/MC3%2F25.1');
    assert.equal(provision.status, 200, 'the running server sees the import');
    assert.ok(provision.json.references.some((r) => r.document === 'MC6/17'));
    const found = await get('/api/v1/corpus/search?q=technology%20companies&document=MC3%2F25');
    assert.ok(found.json.hits.some((h) => h.id === 'MC3/25.1'));
    const again = cli(instance, ['corpus', 'import', file]);
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /already has MC3\/25/);
  });

  test('rejects a malformed text with the lines it could not place, changing nothing', async () => {
    const before = (await get('/api/v1/corpus/documents')).json.items.length;
    const file = join(instance.dir, 'not-a-decision.txt');
    writeFileSync(file, 'Minutes of the meeting\nThe chair opened the meeting.\n');
    const rejected = cli(instance, ['corpus', 'import', file]);
    assert.notEqual(rejected.status, 0);
    assert.ok(rejected.stderr.length > 0);
    const garbled = join(instance.dir, 'garbled.txt');
    writeFileSync(garbled, `${NEW_DECISION.replace('3/25', '4/25')}\n@@@ stray line from another file @@@\n`);
    const partial = cli(instance, ['corpus', 'import', garbled]);
    assert.notEqual(partial.status, 0);
    assert.match(partial.stderr, /line \d+/);
    const missing = cli(instance, ['corpus', 'import', join(instance.dir, 'nope.txt')]);
    assert.notEqual(missing.status, 0);
    assert.equal((await get('/api/v1/corpus/documents')).json.items.length, before);
  });

  test('keeps imported decisions when the server restarts', async () => {
    await stopServer(server);
    server = await startServer(instance);
    visitor = new Client(server.url);
    assert.equal((await get('/api/v1/corpus/provisions/MC3%2F25.2')).status, 200);
    assert.doesNotMatch(server.output(), /importing the OSCE texts/, 'no re-import of unchanged texts');
  });
});
